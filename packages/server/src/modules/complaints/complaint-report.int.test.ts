import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../test/complaints';
import { useCastApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';

describe('the regulator-style report: its total (合计)', () => {
  const ctx = useCastApp();

  it('totals every row, not the page of them a table shows, and exports the total under the filter', async () => {
    // 24 rows of the report (4 categories × 6 causes), more than the page's 20; one of them twice
    const categories = ['debit_card', 'credit_card', 'loan', 'payment_settlement'];
    const causes = [
      'service_quality',
      'pricing_fees',
      'disclosure',
      'marketing',
      'info_security',
      'contract_terms',
    ];
    for (const category of categories)
      for (const cause of causes) await registerComplaint(ctx.admin, ctx.cast.outletA, { category, cause });
    await registerComplaint(ctx.admin, ctx.cast.outletA, { category: 'loan', cause: 'marketing' });
    // outside the filter below
    await registerComplaint(ctx.admin, ctx.cast.outletB, { receivedAt: '2025-03-03T10:00:00+08:00' });

    const report = (await ctx.admin.get('/api/v1/complaints/report?from=2026-01-01')).json();
    expect(report.items).toHaveLength(24);
    expect(report.total).toBe(25);
    expect(report.total).toBe(report.items.reduce((n: number, r: { count: number }) => n + r.count, 0));
    expect((await ctx.admin.get('/api/v1/complaints/report')).json().total).toBe(26);

    const sheet = await readSheet(
      await ctx.admin.get('/api/v1/complaints/report/export.xlsx?from=2026-01-01', {
        'accept-language': 'zh-CN',
      }),
    );
    expect(sheet.filterLine).toContain('受理日期起：2026-01-01');
    expect(sheet.rows).toHaveLength(25);
    expect(sheet.rows.at(-1)).toEqual(['合计', null, null, 25]);
  });
});
