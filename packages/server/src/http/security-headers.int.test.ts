import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCastApp } from '../test/harness';
import { HSTS, NONCE_PLACEHOLDER } from './security-headers';

/** A built web app as Vite writes it: the page with the nonce placeholder, and a hashed bundle. */
const webDist = mkdtempSync(join(tmpdir(), 'liangdian-web-'));
mkdirSync(join(webDist, 'assets'));
writeFileSync(
  join(webDist, 'index.html'),
  `<!doctype html><html><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}">` +
    `<script type="module" src="/assets/index-abc.js" nonce="${NONCE_PLACEHOLDER}"></script></head>` +
    '<body><div id="root"></div></body></html>',
);
writeFileSync(join(webDist, 'assets/index-abc.js'), 'console.log(1)');
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );

describe('the web app page', () => {
  const s = useCastApp({ config: { webDist } });

  it('carries a strict policy whose nonce is the one in the page, new for every answer', async () => {
    const pages = [await s.t.app.inject({ url: '/' }), await s.t.app.inject({ url: '/complaints/123' })];
    const nonces = pages.map((res) => {
      expect(res.statusCode).toBe(200);
      const csp = directives(String(res.headers['content-security-policy']));
      const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src')?.join(' ') ?? '')?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`]); // no inline, no eval
      expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]); // <style> elements
      expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]); // style="…" attributes
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.body).not.toContain(NONCE_PLACEHOLDER);
      expect(res.body.match(/nonce="([^"]+)"/g)).toEqual([`nonce="${nonce}"`, `nonce="${nonce}"`]);
      expect(res.headers['cache-control']).toBe('no-cache');
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('is never served as the file on disk, with its placeholder', async () => {
    const res = await s.t.app.inject({ url: '/index.html' });
    expect(res.body).not.toContain(NONCE_PLACEHOLDER);
    expect(String(res.headers['content-security-policy'])).toContain("'nonce-");
  });

  it('serves the bundles as files, cached for good', async () => {
    const res = await s.t.app.inject({ url: '/assets/index-abc.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('turns off the browser features the app does not use, and is not framed', async () => {
    const res = await s.t.app.inject({ url: '/' });
    expect(String(res.headers['permissions-policy'])).toContain('camera=()');
    expect(String(res.headers['permissions-policy'])).toContain('geolocation=()');
    // the hall board's chime and spoken calls: the app's own pages may play sound
    expect(String(res.headers['permissions-policy'])).toContain('autoplay=(self)');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined(); // plain HTTP: no HSTS
  });
});

describe('answers that carry personal data', () => {
  const s = useCastApp();

  it('are never stored by a browser or a proxy, and may run nothing', async () => {
    const answers = [
      await s.admin.get('/api/v1/auth/me'),
      await s.admin.get('/api/v1/complaints'),
      await s.admin.get('/api/v1/complaints/export.xlsx'),
      await s.admin.get('/api/v1/users/export.xlsx'),
      await s.admin.get('/api/v1/no-such-route'),
      await s.t.app.inject({ url: '/api/v1/auth/me' }), // 401
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 404, 401]);
    for (const res of answers) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(directives(String(res.headers['content-security-policy'])).get('default-src')).toEqual([
        "'none'",
      ]);
    }
  });

  it('the API docs keep a policy of their own, never framed', async () => {
    const res = await s.t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('served over HTTPS (COOKIE_SECURE=true)', () => {
  const s = useCastApp({ config: { cookieSecure: true, webDist } });

  it('tells browsers to come back over HTTPS only', async () => {
    for (const url of ['/', '/api/health']) {
      const res = await s.t.app.inject({ url });
      expect(res.headers['strict-transport-security']).toBe(HSTS);
    }
    const page = await s.t.app.inject({ url: '/' });
    expect(String(page.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});
