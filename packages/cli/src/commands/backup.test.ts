import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = join(root, 'packages/cli/bin/liangdian.mjs');
let work: string;

function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      LIANGDIAN_DATA_DIR: dataDir,
      LIANGDIAN_DEMO_PASSWORD: 'demo-pass-2024',
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const createStaff = (dataDir: string, username: string) =>
  cli(dataDir, [
    'user',
    'create',
    ...['--username', username, '--role', 'staff', '--outlet', 'LSW', '--password', 'a-good-pass-42'],
  ]);

describe('liangdian backup, restore, attachments encrypt, audit verify', () => {
  beforeAll(async () => {
    const { buildServer } = await import('../../../../scripts/build.mjs');
    await buildServer();
    work = mkdtempSync(join(tmpdir(), 'liangdian-backup-cli-'));
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('backs up, refuses to restore without the key or into a used place, restores and verifies', {
    timeout: 120_000,
  }, () => {
    const data = join(work, 'data');
    expect(cli(data, ['demo']).code).toBe(0);
    expect(createStaff(data, 'li.na').code).toBe(0);
    expect(statSync(join(data, 'audit.checkpoint')).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'liangdian.sqlite')).mode & 0o777).toBe(0o600);
    // an attachment stored in clear by an earlier version
    mkdirSync(join(data, 'attachments/c1'), { recursive: true });
    writeFileSync(join(data, 'attachments/c1/a1'), '客户证据 13800001111');
    const enc = cli(data, ['attachments', 'encrypt']);
    expect(enc.out).toContain('1 encrypted now');
    expect(readFileSync(join(data, 'attachments/c1/a1')).includes(Buffer.from('13800001111'))).toBe(false);

    const out = join(work, 'b1.tar.gz');
    const b = cli(data, ['backup', '--out', out]);
    expect(b.code).toBe(0);
    expect(b.out).toContain('1 attachments');
    expect(b.out).toContain('is not in it');
    expect(cli(data, ['backup', '--out', out]).err).toContain('exists already');

    const r1 = join(work, 'r1');
    const noKey = cli(r1, ['restore', out]);
    expect(noKey.code).toBe(1);
    expect(noKey.err).toContain('does not hold the secret key');
    mkdirSync(r1, { recursive: true });
    copyFileSync(join(data, 'secret.key'), join(r1, 'secret.key'));
    const ok = cli(r1, ['restore', out]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit chain intact \(2 entries\)/);
    expect(JSON.parse(cli(r1, ['audit', 'verify', '--json']).out)).toMatchObject({
      ok: true,
      checked: 2,
      anchoredSeq: 2,
    });
    const again = cli(r1, ['restore', out]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('is not empty');

    // with the key: encrypted with the passphrase, restorable anywhere
    const pass = join(work, 'pass');
    writeFileSync(pass, 'correct horse battery staple\n');
    const sealed = join(work, 'b2.bak');
    expect(cli(data, ['backup', '--out', sealed, '--include-key', '--passphrase-file', pass]).code).toBe(0);
    expect(readFileSync(sealed).includes(Buffer.from(readFileSync(join(data, 'secret.key'), 'utf8')))).toBe(
      false,
    );
    const r2 = join(work, 'r2');
    expect(cli(r2, ['restore', sealed, '--passphrase-file', pass]).code).toBe(0);
    expect(readFileSync(join(r2, 'secret.key'), 'utf8')).toBe(readFileSync(join(data, 'secret.key'), 'utf8'));
  });

  it('audit verify detects a deleted tail through the checkpoint file', { timeout: 60_000 }, () => {
    const data = join(work, 'data');
    for (const u of ['a.one', 'b.two']) createStaff(data, u);
    expect(cli(data, ['audit', 'verify']).out).toContain('names entry #4');
    const db = new Database(join(data, 'liangdian.sqlite'));
    db.prepare('delete from audit_log where seq > 2').run();
    db.close();
    const v = cli(data, ['audit', 'verify']);
    expect(v.code).toBe(1);
    expect(v.out).toContain('BROKEN at entry #3');
    expect(v.out).toContain('entries were deleted');
  });

  it('says what to install when pg_dump is not on the PATH', { timeout: 30_000 }, () => {
    const r = cli(join(work, 'pg'), ['backup', '--out', join(work, 'pg.tar.gz')], {
      PATH: '/nonexistent',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('pg_dump is not on the PATH: install the PostgreSQL client tools');
  });
});
