import { describe, expect, it } from 'vitest';
import { registerComplaint } from '../../test/complaints';
import { login, useCastApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';

const range = (first: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

/** The State Council's notices (国务院办公厅 节假日安排): days off and make-up working days. */
const NOTICES: Record<number, { holidays: string[]; workdays: string[] }> = {
  2024: {
    holidays: [
      '2024-01-01',
      ...range('2024-02-10', 8),
      ...range('2024-04-04', 3),
      ...range('2024-05-01', 5),
      '2024-06-10',
      ...range('2024-09-15', 3),
      ...range('2024-10-01', 7),
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', 8),
      ...range('2025-04-04', 3),
      ...range('2025-05-01', 5),
      ...range('2025-05-31', 3),
      ...range('2025-10-01', 8),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', 3),
      ...range('2026-02-15', 9),
      ...range('2026-04-04', 3),
      ...range('2026-05-01', 5),
      ...range('2026-06-19', 3),
      ...range('2026-09-25', 3),
      ...range('2026-10-01', 7),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe('the official holiday calendar', () => {
  const ctx = useCastApp();

  it.each([2024, 2025, 2026])('ships %i exactly as the State Council’s notice', async (year) => {
    const res = await ctx.admin.get(`/api/v1/holiday-calendar?year=${year}`);
    const items = res.json().items as { day: string; kind: string }[];
    expect(res.json().total).toBe(items.length);
    const of = (kind: string) => items.filter((d) => d.kind === kind).map((d) => d.day);
    expect(of('holiday')).toEqual(NOTICES[year]!.holidays.sort());
    expect(of('workday')).toEqual(NOTICES[year]!.workdays.sort());
  });

  it('pages and exports the calendar under the year filtered on', async () => {
    const page = (await ctx.admin.get('/api/v1/holiday-calendar?page=2&pageSize=10')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(36 + 33 + 39);
    const sheet = await readSheet(
      await ctx.admin.get('/api/v1/holiday-calendar/export.xlsx?year=2024', { 'accept-language': 'zh-CN' }),
    );
    expect(sheet.filterLine).toContain('年份：2024');
    expect(sheet.rows).toHaveLength(36);
    expect(sheet.rows[0]!.slice(1)).toEqual(['周一', '放假', '元旦']);
  });

  it('warns about entries that look wrong and years without entries, without refusing them', async () => {
    // the clock is in 2026: the coming year 2027 has no entries yet; a complaint of 2023 needs 2023
    await registerComplaint(ctx.admin, ctx.cast.outletA, { receivedAt: '2023-05-06T10:00:00+08:00' });
    const before = (await ctx.admin.get('/api/v1/holiday-calendar/warnings')).json().items;
    expect(before).toEqual([
      { code: 'YEAR_MISSING', day: null, year: 2023 },
      { code: 'YEAR_MISSING', day: null, year: 2027 },
    ]);
    const put = await ctx.admin.put('/api/v1/holiday-calendar', {
      year: 2027,
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' }, // Saturday after a Friday holiday: fine
        { day: '2027-03-06', kind: 'holiday', name: '笔误' }, // a Saturday on its own
        { day: '2027-02-10', kind: 'workday', name: '春节调休' }, // a Wednesday
        { day: '2027-02-20', kind: 'workday', name: '春节调休' }, // a Saturday: fine
      ],
    });
    expect(put.statusCode).toBe(200);
    expect((await ctx.admin.get('/api/v1/holiday-calendar/warnings')).json().items).toEqual([
      { code: 'WORKDAY_ON_WEEKDAY', day: '2027-02-10', year: 2027 },
      { code: 'HOLIDAY_ON_WEEKEND', day: '2027-03-06', year: 2027 },
      { code: 'YEAR_MISSING', day: null, year: 2023 },
    ]);
    // everyone who reads the calendar may read its warnings
    const head = await login(ctx.t, 'head.a');
    expect((await head.get('/api/v1/holiday-calendar/warnings')).statusCode).toBe(200);
  });
});
