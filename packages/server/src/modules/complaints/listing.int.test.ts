import { complainantIndexOf } from './complainant-index';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../lib/crypto';
import { login, makeBranchWithOutlets, makeTestApp } from '../../test/harness';
import { generateDemoComplaints } from './complaints.demo';
import { listComplaints } from './complaints.repository';

describe('complaint lists at scale', () => {
  it('counts up to a cap and says when there are more', async () => {
    const t = await makeTestApp();
    try {
      const cast = await makeBranchWithOutlets(t);
      await generateDemoComplaints(t.database.db, 40, {
        branchId: cast.branchId,
        outletIds: [cast.outletA, cast.outletB],
        cipher: createFieldCipher(Buffer.alloc(32, 7)),
        index: complainantIndexOf(Buffer.alloc(32, 7)),
        now: t.clock.now().toISOString(),
      });
      /** The five newest complaints, the total counted up to `countCap` (the default cap when not given). */
      const newestFive = (countCap?: number) =>
        listComplaints(t.database.db, { branchId: cast.branchId }, 'received_at', true, 0, 5, true, countCap);
      const all = await newestFive();
      expect(all).toMatchObject({ total: 40, totalCapped: false });
      const capped = await newestFive(25);
      expect(capped).toMatchObject({ total: 25, totalCapped: true });
      expect(capped.rows).toHaveLength(5);
      const exact = await newestFive(40);
      expect(exact).toMatchObject({ total: 40, totalCapped: false });
      // Newest first, and the API carries the flag.
      const times = all.rows.map((r) => r.received_at);
      expect([...times].sort().reverse()).toEqual(times);
      const admin = await login(t, 'admin');
      const page = (await admin.get('/api/v1/complaints?pageSize=10')).json();
      expect(page).toMatchObject({ total: 40, totalCapped: false });
      expect(page.items).toHaveLength(10);
    } finally {
      await t.close();
    }
  });

  it('lists the users who may handle an outlet’s complaints, within scope', async () => {
    const t = await makeTestApp();
    try {
      const cast = await makeBranchWithOutlets(t);
      const cpo = await login(t, 'cpo');
      const res = (await cpo.get(`/api/v1/complaints/handlers?outletId=${cast.outletA}`)).json();
      const names = res.items.map((u: { displayName: string }) => u.displayName).sort();
      // branch handlers plus outlet A's head and lobby manager; no consultants, reviewers or B's people
      expect(names).toEqual(['admin', 'cpo', 'head.a', 'lobby.a']);
      const head = await login(t, 'head.a');
      expect((await head.get(`/api/v1/complaints/handlers?outletId=${cast.outletB}`)).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
