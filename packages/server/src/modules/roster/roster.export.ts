import { codeName } from '@liangdian/shared';
import type { Roster } from '@liangdian/shared/api';
import { addDays } from '@liangdian/engine/time';
import type { Locale } from '../../lib/messages';
import { loadExcel } from '../../lib/xlsx';
import { minutesOf } from './roster.defaults';

const WEEKDAYS: Record<Locale, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  'en-US': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const T = {
  title: { 'zh-CN': '排班表', 'en-US': 'Roster' },
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  roles: { 'zh-CN': '岗位', 'en-US': 'Roles' },
  hours: { 'zh-CN': '周工时', 'en-US': 'Hours' },
  off: { 'zh-CN': '休', 'en-US': 'Off' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
  break: { 'zh-CN': '用餐', 'en-US': 'meal' },
  status: {
    'zh-CN': { draft: '草稿', published: '已发布', superseded: '已被替换' },
    'en-US': { draft: 'draft', published: 'published', superseded: 'superseded' },
  },
} as const;

/** A post's name: the two fixed posts by name, a zone by its zone kind's name. */
export function postName(post: string, locale: Locale): string {
  if (post === 'welcome') return locale === 'zh-CN' ? '迎宾位' : 'Welcome';
  if (post === 'super_counter') return locale === 'zh-CN' ? '超柜位' : 'Super-counter';
  return codeName('zoneKind', post, locale) ?? post;
}

const workedMinutes = (s: Roster['shifts'][number]) =>
  minutesOf(s.end) -
  minutesOf(s.start) -
  (s.breakStart && s.breakEnd ? minutesOf(s.breakEnd) - minutesOf(s.breakStart) : 0);

/**
 * The roster as branches print it: one row per person, one column per day (the shift's hours,
 * its post and its meal break, or 休), the week's hours at the end, under a title row with the
 * outlet, the week, the version and its status. Names are the staff's own: text, never formulas.
 */
export async function rosterXlsx(r: Roster, locale: Locale): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liangdian';
  const ws = wb.addWorksheet(T.title[locale], {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
  });
  const days = Array.from({ length: 7 }, (_, d) => addDays(r.week, d));
  const status = T.status[locale][r.status];
  ws.addRow([
    `${r.outletName} ${T.title[locale]} ${r.week} – ${days[6]}  ${T.version[locale]} ${r.version} (${status})`,
  ]);
  ws.mergeCells(1, 1, 1, 10);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([
    T.name[locale],
    T.roles[locale],
    ...days.map((d, i) => `${WEEKDAYS[locale][i]} ${d.slice(5)}`),
    T.hours[locale],
  ]);
  ws.getRow(2).font = { bold: true };
  ws.columns = [{ width: 12 }, { width: 16 }, ...days.map(() => ({ width: 20 })), { width: 9 }];
  for (const p of r.staff) {
    const mine = r.shifts.filter((s) => s.staffId === p.id);
    const cells = days.map((d) => {
      const s = mine.filter((x) => x.day === d);
      if (s.length === 0) return T.off[locale];
      return s
        .map((x) => {
          const meal = x.breakStart ? `\n${T.break[locale]} ${x.breakStart}–${x.breakEnd}` : '';
          const posts = [...new Set(x.periods.map((q) => postName(q.post, locale)))].join('/');
          return `${x.start}–${x.end} ${posts}${meal}`;
        })
        .join('\n');
    });
    const minutes = mine.reduce((a, s) => a + workedMinutes(s), 0);
    const row = ws.addRow([
      p.name,
      p.roles.map((x) => codeName('staffRole', x, locale) ?? x).join('、'),
      ...cells,
      Math.round((minutes / 60) * 10) / 10,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  for (let i = 2; i <= ws.rowCount; i++)
    ws.getRow(i).eachCell((c) => {
      c.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
