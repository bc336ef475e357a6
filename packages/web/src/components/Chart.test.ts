import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textOnly, tooltipLines } from './Chart';

describe('charts show user data as text', () => {
  it('draws every tooltip on the canvas, whatever the option asks', () => {
    const formatter = () => '<img src=x onerror=alert(1)>';
    expect(textOnly({ series: [] }).tooltip).toMatchObject({ renderMode: 'richText', confine: true });
    const one = textOnly({ tooltip: { trigger: 'axis', renderMode: 'html', formatter } }).tooltip;
    expect(one).toMatchObject({ trigger: 'axis', renderMode: 'richText', formatter });
    const many = textOnly({ tooltip: [{ renderMode: 'html' }, { trigger: 'item' }] }).tooltip;
    expect(many).toEqual([
      expect.objectContaining({ renderMode: 'richText' }),
      expect.objectContaining({ renderMode: 'richText', trigger: 'item' }),
    ]);
  });

  it('keeps the text style a chart sets and the house style for the rest', () => {
    const t = textOnly({ tooltip: { textStyle: { fontSize: 16 } } }).tooltip as {
      textStyle: { fontSize: number; color: string };
    };
    expect(t.textStyle.fontSize).toBe(16);
    expect(t.textStyle.color).toBe('#1f1f1f');
  });

  it('puts each tooltip line on its own line, as it is', () => {
    expect(tooltipLines('2026-11-01', '<b>scenario</b>', null, 15)).toBe('2026-11-01\n<b>scenario</b>\n\n15');
  });
});

/** Every source file of the web app, as [path, text]. */
function sources(dir = join(__dirname, '..')): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(tsx?|html)$/.test(e.name) && !e.name.endsWith('.test.ts')
      ? [[p, readFileSync(p, 'utf8')]]
      : [];
  });
}

describe('no page puts data into the page as HTML', () => {
  const files = sources();
  const src = join(__dirname, '..');

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
});
