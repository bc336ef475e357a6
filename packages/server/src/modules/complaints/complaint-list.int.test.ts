import { complainantIndexOf } from './complainant-index';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { migrationProvider } from '../../db/migrations';
import { createFieldCipher } from '../../lib/crypto';
import type { Guard } from '../access/guard';
import { ComplaintCase } from './complaint-case';
import { useCastApp } from '../../test/harness';
import { registerComplaint } from '../../test/complaints';

/** 0008: the complainant's data stored masked beside the ciphertexts; rows of before filled at start. */
describe('the masked columns of the complaint list (0008)', () => {
  const ctx = useCastApp();
  const masked = (id: string) =>
    ctx.t.database.db
      .selectFrom('complaints')
      .select(['complainant_name_masked', 'complainant_phone_masked', 'complainant_id_masked'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('stores the masked forms with the complaint and with an edit', async () => {
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
    expect(await masked(id)).toEqual({
      complainant_name_masked: '张*丰',
      complainant_phone_masked: '138****1234',
      complainant_id_masked: '530102********1234',
    });
    const res = await ctx.admin.patch(`/api/v1/complaints/${id}`, {
      complainantPhone: '13900001111',
      complainantIdNumber: '',
    });
    expect(res.statusCode).toBe(200);
    expect(await masked(id)).toMatchObject({
      complainant_phone_masked: '139****1111',
      complainant_id_masked: null,
    });
    const list = (await ctx.admin.get('/api/v1/complaints')).json();
    expect(list.items[0]).toMatchObject({ complainantPhone: '139****1111', complainantIdNumber: null });
  });

  it('shows rows written before it by decrypting them, and fills them at start', async () => {
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
    const before = (await ctx.admin.get('/api/v1/complaints')).json().items[0];
    // A row of before 0007: ciphertexts only.
    await ctx.t.database.db
      .updateTable('complaints')
      .set({ complainant_name_masked: null, complainant_phone_masked: null, complainant_id_masked: null })
      .execute();
    expect((await ctx.admin.get('/api/v1/complaints')).json().items[0]).toEqual(before);
    // What the app runs when it starts (its onReady hook), with the app's key.
    const cases = new ComplaintCase(
      ctx.t.database.db,
      {} as Guard,
      ctx.t.clock,
      createFieldCipher(testConfig().secretKey),
      complainantIndexOf(testConfig().secretKey),
    );
    expect(await cases.fillMaskedColumns(1)).toBe(1);
    expect(await cases.fillMaskedColumns()).toBe(0);
    expect(await masked(id)).toMatchObject({ complainant_phone_masked: '138****1234' });
    expect((await ctx.admin.get('/api/v1/complaints')).json().items[0]).toEqual(before);
  });

  it('migrates down and up again on this database', async () => {
    const { db, schema } = ctx.t.database;
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const down = await migrator.migrateTo('0007_login_throttle');
    expect(down.error).toBeUndefined();
    // this one and every later one go down
    expect(down.results?.map((r) => [r.migrationName, r.direction])).toContainEqual([
      '0008_complaint_list',
      'Down',
    ]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const id = await registerComplaint(ctx.admin, ctx.cast.outletA);
    expect((await masked(id)).complainant_phone_masked).toBe('138****1234');
  });
});
