import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flags } from './testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/bin/liangdian.mjs');
let dataDir: string;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH, LIANGDIAN_DATA_DIR: dataDir, LIANGDIAN_DEMO_PASSWORD: 'demo-pass-2024' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('liangdian (organisation commands)', () => {
  beforeAll(async () => {
    const { buildServer } = await import('../../../scripts/build.mjs');
    await buildServer();
    dataDir = mkdtempSync(join(tmpdir(), 'liangdian-cli-'));
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help for every command', { timeout: 60_000 }, () => {
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    for (const c of [
      'serve',
      'migrate',
      'demo',
      'user create',
      'user reset-password',
      'audit verify',
      'backup',
      'restore',
      'attachments encrypt',
      'complaints rebuild-stats',
      'complaints reindex',
    ]) {
      expect(top.out).toContain(c);
      const h = cli([...c.split(' '), '--help']);
      expect(h.code).toBe(0);
      expect(h.out).toMatch(/^Usage: liangdian/);
    }
    expect(cli(['nonsense']).code).toBe(2);
  });

  it('migrates, loads the demo once, creates users and verifies the audit chain', { timeout: 90_000 }, () => {
    expect(cli(['migrate']).out).toMatch(/Applied: 0001_foundation|up to date/);
    const demo = cli(['demo']);
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('12 outlets');
    expect(demo.out).toContain('demo-pass-2024');
    expect(demo.out).toMatch(/admin\s+admin/);
    expect(cli(['demo']).code).toBe(1);

    const weak = cli([
      'user',
      'create',
      ...flags({ username: 'li.na', role: 'staff', outlet: 'LSW', password: 'short' }),
    ]);
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('PASSWORD_POLICY');
    const created = cli(
      [
        'user',
        'create',
        ...flags({ username: 'li.na', name: '李娜', role: 'staff', outlet: 'LSW', 'password-stdin': true }),
      ],
      'a-good-pass-42\n',
    );
    expect(created.code).toBe(0);
    expect(created.out).toContain('螺蛳湾支行');
    expect(
      cli(['user', 'create', '--username', 'x', '--role', 'boss', '--password', 'a-good-pass-42']).code,
    ).toBe(2);
    expect(cli(['user', 'reset-password', '--username', 'li.na', '--password', 'another-pass-43']).code).toBe(
      0,
    );
    expect(
      cli(['user', 'reset-password', '--username', 'nobody', '--password', 'another-pass-43']).code,
    ).toBe(1);

    const ok = cli(['audit', 'verify', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, checked: 3 });

    const db = new Database(join(dataDir, 'liangdian.sqlite'));
    db.prepare("update audit_log set actor_name = 'someone else' where seq = 2").run();
    db.close();
    const broken = cli(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('BROKEN at entry #2');
  });

  it('rebuilds the daily complaint statistics from the complaints', { timeout: 60_000 }, () => {
    const db = new Database(join(dataDir, 'liangdian.sqlite'));
    const count = () => (db.prepare('select count(*) as n from complaints').get() as { n: number }).n;
    const summed = () =>
      (
        db.prepare('select coalesce(sum(complaints), 0) as n from complaint_daily_stats').get() as {
          n: number;
        }
      ).n;
    expect(count()).toBeGreaterThan(0);
    db.prepare('delete from complaint_daily_stats').run();
    db.prepare('delete from complaint_daily_codes').run();
    expect(summed()).toBe(0);
    const r = cli(['complaints', 'rebuild-stats', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).complaints).toBe(count());
    expect(summed()).toBe(count());
    expect(
      (db.prepare('select count(*) as n from complaint_daily_codes').get() as { n: number }).n,
    ).toBeGreaterThan(0);
    db.close();
  });

  it('rebuilds the complainant index (liangdian complaints reindex) and prints the counts', {
    timeout: 60_000,
  }, () => {
    const db = new Database(join(dataDir, 'liangdian.sqlite'));
    const entries = () =>
      (db.prepare('select count(*) as n from complainant_index').get() as { n: number }).n;
    const complaints = (db.prepare('select count(*) as n from complaints').get() as { n: number }).n;
    const before = entries();
    expect(before).toBeGreaterThanOrEqual(complaints * 3); // name, phone, last four at least
    db.prepare('delete from complainant_index').run();
    const r = cli(['complaints', 'reindex', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ complaints, entries: before });
    expect(entries()).toBe(before);
    const text = cli(['complaints', 'reindex']);
    expect(text.out).toContain(`Complainant index rebuilt: ${complaints} complaints, ${before} entries.`);
    db.close();
  });
});
