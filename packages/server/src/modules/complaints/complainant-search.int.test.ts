import { describe, expect, it } from 'vitest';
import { login, type Client } from '../../test/harness';
import { useCastApp } from '../../test/harness';
import { registerComplaint } from '../../test/complaints';

/** The numbers of the complaints the list finds by the complainant's data. */
const found = async (c: Client, q: string) => {
  const res = await c.get(`/api/v1/complaints?complainant=${encodeURIComponent(q)}`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as { id: string }[]).map((i) => i.id);
};

describe('complaints: search by the complainant (blind index)', () => {
  const ctx = useCastApp();

  it('finds by whole name, phone in any writing, last four digits and ID number; not by part of a name', async () => {
    const a = await registerComplaint(ctx.admin, ctx.cast.outletA, {
      complainantName: '阿依古丽·买买提',
      complainantPhone: '13987654321',
      complainantIdNumber: '53010219900101123X',
    });
    const b = await registerComplaint(ctx.admin, ctx.cast.outletA, {
      complainantName: 'John Smith',
      complainantPhone: '13800001111',
      complainantIdNumber: null,
    });
    expect(await found(ctx.admin, '阿依古丽买买提')).toEqual([a]);
    expect(await found(ctx.admin, ' 阿依古丽 · 买买提 ')).toEqual([a]);
    expect(await found(ctx.admin, 'john  SMITH')).toEqual([b]);
    expect(await found(ctx.admin, '+86 139 8765 4321')).toEqual([a]);
    expect(await found(ctx.admin, '0086-13987654321')).toEqual([a]);
    expect(await found(ctx.admin, '4321')).toEqual([a]);
    expect(await found(ctx.admin, '1111')).toEqual([b]);
    expect(await found(ctx.admin, '53010219900101123x')).toEqual([a]);
    expect(await found(ctx.admin, '530102 1990 0101 123x')).toEqual([a]);
    // what it does not find: part of a name, part of a number
    expect(await found(ctx.admin, '阿依古丽')).toEqual([]);
    expect(await found(ctx.admin, 'Smith')).toEqual([]);
    expect(await found(ctx.admin, '1398765')).toEqual([]);
    // with another filter: both apply
    expect(await found(ctx.admin, '4321')).toEqual([a]);
    const other = await ctx.admin.get(`/api/v1/complaints?complainant=4321&outletId=${ctx.cast.outletB}`);
    expect(other.json().items).toEqual([]);
  });

  it('refuses a query too short to mean one person, with the field and the minimum', async () => {
    for (const [q, min] of [
      ['王', 2],
      ['123', 4],
    ] as const) {
      const res = await ctx.admin.get(`/api/v1/complaints?complainant=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toMatchObject([{ field: 'query.complainant', code: 'TOO_SHORT' }]);
      expect(res.json().errors[0].message).toContain(`至少输入 ${min} 位`);
    }
  });

  it('refuses consultants (403) and audits each search by its kinds, never the value', async () => {
    await registerComplaint(ctx.admin, ctx.cast.outletA);
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get('/api/v1/complaints?complainant=13812341234')).statusCode).toBe(403);
    expect((await consultant.get('/api/v1/complaints/export.xlsx?complainant=1234')).statusCode).toBe(403);
    expect((await consultant.get('/api/v1/complaints')).statusCode).toBe(200);
    // the same search twice: the second page comes from the cache, and is audited all the same
    expect(await found(ctx.admin, '138 1234 1234')).toHaveLength(1);
    expect(await found(ctx.admin, '138 1234 1234')).toHaveLength(1);
    const xlsx = await ctx.admin.get(
      '/api/v1/complaints/export.xlsx?complainant=%E5%BC%A0%E4%B8%89%E4%B8%B0',
    );
    expect(xlsx.statusCode).toBe(200);
    const audit = await ctx.admin.get('/api/v1/audit?entityType=complaint_search&pageSize=50');
    const items = audit.json().items as { action: string; after: { kinds: string[] } }[];
    expect(items.map((i) => i.after.kinds)).toEqual([
      ['name', 'id_number'],
      ['phone', 'id_number'],
      ['phone', 'id_number'],
    ]);
    expect(items.every((i) => i.action === 'search')).toBe(true);
    expect(audit.body).not.toContain('13812341234');
    expect(audit.body).not.toContain('张三丰');
  });

  it('follows an edit: the new phone finds the complaint, the old one no longer does', async () => {
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
    expect(await found(ctx.admin, '13812341234')).toEqual([id]);
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, { complainantPhone: '13655556666' });
    expect(res.statusCode).toBe(200);
    expect(await found(ctx.admin, '13812341234')).toEqual([]);
    expect(await found(ctx.admin, '1234')).toEqual([]);
    expect(await found(ctx.admin, '13655556666')).toEqual([id]);
    expect(await found(ctx.admin, '6666')).toEqual([id]);
    expect(await found(ctx.admin, '张三丰')).toEqual([id]);
    // cleared: the ID number no longer finds it
    await ctx.admin.patch(`/api/v1/complaints/${id}`, { complainantIdNumber: null });
    expect(await found(ctx.admin, '530102199001011234')).toEqual([]);
  });

  it('rebuilds the index from the complaints (liangdian complaints reindex), as after a new key', async () => {
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
    await registerComplaint(ctx.admin, ctx.cast.outletB, { complainantIdNumber: null });
    const db = ctx.t.database.db;
    await db.deleteFrom('complainant_index').execute();
    await db
      .insertInto('complainant_index')
      .values({ complaint_id: id, kind: 'phone', digest: 'stale' })
      .execute();
    expect(await found(ctx.admin, '13812341234')).toEqual([]);
    const service = ctx.t.app.services.complainantIndex;
    // 2 complaints: name, phone, last four each, one ID number
    expect(await service.rebuild(1)).toEqual({ complaints: 2, entries: 7 });
    expect(await service.current()).toBe(true);
    expect(await found(ctx.admin, '13812341234')).toHaveLength(2);
    expect(
      (await db.selectFrom('complainant_index').selectAll().where('digest', '=', 'stale').execute()).length,
    ).toBe(0);
  });
});
