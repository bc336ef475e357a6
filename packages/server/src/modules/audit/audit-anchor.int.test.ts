import { describe, expect, it } from 'vitest';
import type { AuditRow } from './audit.repository';
import { entryHash, GENESIS_HASH } from './audit.service';
import { type Client, login, useCastApp } from '../../test/harness';

describe('audit chain, keyed and anchored outside the database', () => {
  const ctx = useCastApp({ signIn: false });

  async function zones(admin: Client, n: number) {
    for (let i = 0; i < n; i++)
      await admin.post(`/api/v1/outlets/${ctx.cast.outletA}/zones`, {
        kind: 'cash',
        name: `区${i}`,
        capacity: 1,
      });
  }
  const verify = async (admin: Client) => (await admin.get('/api/v1/audit/verify')).json();
  const rows = () => ctx.t.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

  it('passes when intact, and anchors the newest entry', async () => {
    const admin = await login(ctx.t, 'admin');
    await zones(admin, 3);
    expect(await verify(admin)).toEqual({
      ok: true,
      checked: 4,
      firstBrokenSeq: null,
      reason: null,
      anchoredSeq: 4,
    });
    expect((await rows()).map((r) => r.hash_version)).toEqual([2, 2, 2, 2]);
  });

  it('detects a deleted tail', async () => {
    const admin = await login(ctx.t, 'admin');
    await zones(admin, 9);
    await ctx.t.database.db.deleteFrom('audit_log').where('seq', '>', 5).execute();
    const r = await verify(admin);
    expect(r).toMatchObject({ ok: false, checked: 5, firstBrokenSeq: 6, anchoredSeq: 10 });
    expect(r.reason).toContain('entries were deleted');
  });

  it('detects entries rewritten with recomputed plain SHA-256 hashes', async () => {
    const admin = await login(ctx.t, 'admin');
    await zones(admin, 4);
    // an attacker with the database but not the key rewrites #3 and re-chains every entry after it
    let prev = (await rows())[1]!.hash;
    for (const r of (await rows()).slice(2)) {
      const { hash: _h, hash_version: _v, ...rest } = r;
      const changed = {
        ...rest,
        prev_hash: prev,
        after_json: r.seq === 3 ? '{"name":"篡改"}' : r.after_json,
      };
      prev = entryHash(changed);
      await ctx.t.database.db
        .updateTable('audit_log')
        .set({ after_json: changed.after_json, prev_hash: changed.prev_hash, hash: prev, hash_version: 1 })
        .where('seq', '=', r.seq)
        .execute();
    }
    const r = await verify(admin);
    expect(r).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(r.reason).toContain('rewritten without the key');
    // and keeping the version while forging the hash does not pass either
    await ctx.t.database.db.updateTable('audit_log').set({ hash_version: 2 }).execute();
    expect(await verify(admin)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('verifies entries written before the chain was keyed, and links keyed ones after them', async () => {
    // two entries as the log held them before migration 0007: plain SHA-256, version 1
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row: Omit<AuditRow, 'hash' | 'hash_version'> = {
        seq,
        at: ctx.t.clock.now().toISOString(),
        actor_id: null,
        actor_name: 'system',
        action: 'demo.load',
        entity_type: 'branch',
        entity_id: `b${seq}`,
        outlet_id: null,
        before_json: null,
        after_json: '{"outlets":3}',
        ip: null,
        prev_hash: prev,
      };
      prev = entryHash(row);
      await ctx.t.database.db
        .insertInto('audit_log')
        .values({ ...row, hash: prev, hash_version: 1 })
        .execute();
    }
    const admin = await login(ctx.t, 'admin');
    await zones(admin, 2);
    expect((await rows()).map((r) => r.hash_version)).toEqual([1, 1, 2, 2, 2]);
    expect(await verify(admin)).toMatchObject({ ok: true, checked: 5, anchoredSeq: 5 });
    // a legacy entry changed is still caught by the keyed entry that links to it
    await ctx.t.database.db.updateTable('audit_log').set({ entity_id: 'x' }).where('seq', '=', 1).execute();
    expect(await verify(admin)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });
});
