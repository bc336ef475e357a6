import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, checkConfig, configMarkdownTable, loadConfig, SETTINGS, testConfig } from './config';

const key = Buffer.alloc(32, 1).toString('base64');

describe('configuration', () => {
  it('reads every setting from its variable, with the declared defaults', () => {
    const c = loadConfig({ LIANGDIAN_SECRET_KEY: key }, '/srv/ld');
    expect(c.port).toBe(8080);
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.cookieSecure).toBe(false);
    expect(c.database).toEqual({ kind: 'sqlite', file: '/srv/ld/data/liangdian.sqlite' });
    expect(c.webDist).toBeNull();
    const d = loadConfig(
      { LIANGDIAN_SECRET_KEY: key, PORT: '9000', COOKIE_SECURE: 'true', DATABASE_URL: 'postgres://u:p@h/db' },
      '/srv/ld',
    );
    expect([d.port, d.cookieSecure, d.database]).toEqual([
      9000,
      true,
      { kind: 'postgres', url: 'postgres://u:p@h/db' },
    ]);
  });

  it('names every invalid variable at once', () => {
    const bad = { LIANGDIAN_SECRET_KEY: key, PORT: 'eighty', LOG_LEVEL: 'loud', SESSION_IDLE_MINUTES: '0' };
    expect(() => checkConfig(bad)).toThrow(ConfigError);
    try {
      checkConfig(bad);
    } catch (e) {
      const msg = (e as Error).message;
      for (const v of ['PORT', 'LOG_LEVEL', 'SESSION_IDLE_MINUTES']) expect(msg).toContain(v);
    }
    expect(() => checkConfig({ LIANGDIAN_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => checkConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses the test clock in production unless told twice', () => {
    expect(checkConfig({ TEST_CLOCK: 'true' })).toBeUndefined();
    expect(() => checkConfig({ TEST_CLOCK: 'true', NODE_ENV: 'production' })).toThrow(
      /TEST_CLOCK_IN_PRODUCTION/,
    );
    expect(
      checkConfig({ TEST_CLOCK: 'true', NODE_ENV: 'production', TEST_CLOCK_IN_PRODUCTION: 'true' }),
    ).toBeUndefined();
    expect(loadConfig({ LIANGDIAN_SECRET_KEY: key }).testClock).toBe(false);
  });

  it('builds the test configuration from the same declarations', () => {
    const t = testConfig({ lobbyTickSeconds: 1 });
    expect(t.sessionMaxHours).toBe(Number(SETTINGS.sessionMaxHours.default));
    expect(t.database).toEqual({ kind: 'sqlite', file: ':memory:' });
    expect(t.lobbyTickSeconds).toBe(1);
  });

  it('is documented in README.md exactly as declared', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = /<!-- config:start[^>]*-->\n([\s\S]*?)\n<!-- config:end -->/.exec(readme)?.[1];
    // regenerate with: liangdian config --markdown
    expect(table).toBe(configMarkdownTable());
    for (const s of Object.values(SETTINGS)) expect(s.doc.length).toBeGreaterThan(10);
  });
});
