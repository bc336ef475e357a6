import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the web app, as [path, text]. */
function sources(dir = __dirname): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(tsx?|html)$/.test(e.name) && !e.name.endsWith('.test.ts')
      ? [[p, readFileSync(p, 'utf8')]]
      : [];
  });
}

describe('the app under its Content-Security-Policy: no data read as HTML, nothing inline', () => {
  const files = sources();
  const src = __dirname;

  it('reads the whole app', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no HTML sinks', () => {
    const sinks =
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
    const found = files.filter(([, text]) => sinks.test(text)).map(([p]) => relative(src, p));
    expect(found).toEqual([]);
  });

  it('draws charts only through components/Chart.tsx', () => {
    const found = files.filter(([, text]) => /from 'echarts/.test(text)).map(([p]) => relative(src, p));
    expect(found).toEqual(['components/Chart.tsx']);
  });

  it('uses no icon whose SVG carries a <style> element (the policy refuses it, and says so)', () => {
    const svgs = join(__dirname, '../../../node_modules/@ant-design/icons-svg/es/asn');
    const styled = readdirSync(svgs)
      .filter(
        (f) => f.endsWith('.js') && /["']?tag["']?: ?["']style["']/.test(readFileSync(join(svgs, f), 'utf8')),
      )
      .map((f) => f.replace(/\.js$/, ''));
    expect(styled).toContain('LoginOutlined'); // the check reads the icons it means to
    const used = files.filter(([, text]) => styled.some((icon) => new RegExp(`\\b${icon}\\b`).test(text)));
    expect(used.map(([p]) => relative(src, p))).toEqual([]);
  });
});
