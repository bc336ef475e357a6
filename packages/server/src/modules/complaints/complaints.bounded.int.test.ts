import { complainantIndexOf } from './complainant-index';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { createFieldCipher } from '../../lib/crypto';
import { useCastApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';
import { generateDemoComplaints } from './complaints.demo';

/**
 * The complaint register's heaviest reads at size. The export at its full limit (EXPORT_ROW_LIMIT,
 * 100,000 rows) takes longer to seed and write than a test may on PostgreSQL: the sheet writer is
 * tested at the full limit in http/sheet.test.ts, the endpoint here at 10,000 rows.
 */
const N = 10_000;

describe('complaints at size: export, statistics over every day', () => {
  const ctx = useCastApp();

  it('exports 10,000 complaints and counts them over the widest range', { timeout: 120_000 }, async () => {
    await generateDemoComplaints(ctx.t.database.db, N, {
      branchId: ctx.cast.branchId,
      outletIds: [ctx.cast.outletA, ctx.cast.outletB],
      cipher: createFieldCipher(testConfig().secretKey),
      index: complainantIndexOf(testConfig().secretKey),
      now: ctx.t.clock.now().toISOString(),
    });
    const res = await ctx.admin.get('/api/v1/complaints/export.xlsx');
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res);
    expect(sheet.rows).toHaveLength(N);
    // masked as the list shows them, from the stored masked columns
    const phone = sheet.headers.indexOf('电话');
    expect(phone).toBeGreaterThan(-1);
    expect(sheet.rows.every((r) => /^1\d{2}\*{4}\d{4}$/.test(String(r[phone])))).toBe(true);

    // Statistics over the widest range the API accepts: aggregated in SQL, one row per outlet and month.
    const stats = await ctx.admin.get('/api/v1/complaints/stats?from=0001-01-01&to=9999-12-31');
    expect(stats.statusCode).toBe(200);
    expect(stats.json().total).toBe(N);
    const report = await ctx.admin.get('/api/v1/complaints/report?from=0001-01-01&to=9999-12-31');
    expect(report.statusCode).toBe(200);
    expect(report.json().items.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(N);
  });
});
