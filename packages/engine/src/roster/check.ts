/**
 * checkRoster: every rule a roster breaks, each violation naming its rule, person, day and slot in
 * both languages. Used on a solved roster (it must come back empty) and on every drag edit.
 */
import { breakStartsFor, buildGrid, canHold, type Grid, mealBreakOf, SLOT } from './grid';
import type { RosterRule, RosterShift, RosterViolation } from './result';
import type { RosterProblem } from './schema';
import { hhmm, minutesOf } from './time';
import type { RosterLang } from './validate';

const WEEKDAY: Record<RosterLang, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  'en-US': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** "周三" / "Wed" of a date in the grid's week (the date itself when outside it). */
export function dayLabel(grid: Grid, date: string, lang: RosterLang): string {
  const d = grid.days.find((x) => x.date === date);
  return d ? WEEKDAY[lang][d.weekday - 1]! : date;
}

const fmtH = (h: number) => String(Math.round(h * 100) / 100);

export function checkRoster(problem: RosterProblem, shifts: RosterShift[]): RosterViolation[] {
  return checkOnGrid(buildGrid(problem), shifts);
}

export function checkOnGrid(grid: Grid, shifts: RosterShift[]): RosterViolation[] {
  const out: RosterViolation[] = [];
  const { rules } = grid;
  const v = (
    rule: RosterRule,
    at: { person?: string; date?: string; start?: string; post?: string; shift?: number },
    en: string,
    zh: string,
  ) => {
    const who = at.person
      ? (grid.people[grid.personIndex.get(at.person) ?? -1]?.person.name ?? at.person)
      : '';
    const whenEn = at.date ? `${dayLabel(grid, at.date, 'en-US')} ${at.start ?? ''}`.trim() : '';
    const whenZh = at.date ? `${dayLabel(grid, at.date, 'zh-CN')} ${at.start ?? ''}`.trim() : '';
    out.push({
      rule,
      ...at,
      text: {
        'en-US': [who, whenEn].filter(Boolean).join(', ') + (who || whenEn ? ': ' : '') + en,
        'zh-CN': [who, whenZh].filter(Boolean).join('，') + (who || whenZh ? '：' : '') + zh,
      },
    });
  };
  const dayOf = new Map(grid.days.map((d) => [d.date, d]));
  /** per person: shifts (index, start, end, worked) by day index */
  const byPerson = new Map<
    number,
    Array<{ i: number; day: number; start: number; end: number; worked: number }>
  >();

  shifts.forEach((s, i) => {
    const at = { person: s.person, date: s.date, start: s.start, shift: i };
    const pi = grid.personIndex.get(s.person);
    if (pi === undefined) {
      v('unknown-person', at, `unknown person "${s.person}"`, `未知人员 "${s.person}"`);
      return;
    }
    const p = grid.people[pi]!;
    const d = dayOf.get(s.date);
    const a = minutesOf(s.start);
    const b = minutesOf(s.end);
    if (!d) {
      v('closed-day', at, `${s.date} is not in the week`, `${s.date} 不在本周`);
      return;
    }
    if (!d.open) {
      v('closed-day', at, 'the outlet is closed that day', '网点当天不营业');
      return;
    }
    if (a % SLOT !== 0 || b % SLOT !== 0)
      v('off-grid', at, 'the shift is not on the half-hour grid', '班次不在半小时网格上');
    if (b <= a) {
      v('off-grid', at, 'the shift ends before it starts', '班次结束早于开始');
      return;
    }
    if (a < d.openAt || b > d.closeAt)
      v(
        'outside-hours',
        at,
        `${s.start}–${s.end} is outside opening hours ${hhmm(d.openAt)}–${hhmm(d.closeAt)}`,
        `${s.start}–${s.end} 超出营业时间 ${hhmm(d.openAt)}–${hhmm(d.closeAt)}`,
      );
    const lengthOk = p.role.shiftLengthsHours.some((h) => Math.round(h * 60) === b - a);
    const startOk = p.person.elastic || p.role.shiftStarts.some((x) => minutesOf(x) === a);
    if (!lengthOk || !startOk) {
      const allowed = p.role.shiftLengthsHours.join('/');
      v(
        'not-a-pattern',
        at,
        !startOk
          ? `${s.start} is not a start time of role ${p.role.name ?? p.role.id} (${p.role.shiftStarts.join(', ')})`
          : `a ${fmtH((b - a) / 60)} h shift is not a length of role ${p.role.name ?? p.role.id} (${allowed} h)`,
        !startOk
          ? `${s.start} 不是岗位角色「${p.role.name ?? p.role.id}」的上班时间（${p.role.shiftStarts.join('、')}）`
          : `${fmtH((b - a) / 60)} 小时不是岗位角色「${p.role.name ?? p.role.id}」的班次时长（${allowed} 小时）`,
      );
    }
    for (const [ua, ub] of p.unavailable[d.index]!)
      if (a < ub && ua < b) {
        v('unavailable', at, 'the person is on leave or unavailable then', '该人员此时请假或不可排班');
        break;
      }
    // meal break
    const mb = mealBreakOf(p.role, b - a);
    let breakMinutes = 0;
    if (mb) {
      const starts = breakStartsFor(p.role, a, b) ?? [];
      if (!s.mealBreak)
        v(
          'meal-break',
          at,
          `a ${fmtH((b - a) / 60)} h shift needs a ${mb.minutes}-minute meal break`,
          `${fmtH((b - a) / 60)} 小时的班次须安排 ${mb.minutes} 分钟就餐`,
        );
      else {
        const x = minutesOf(s.mealBreak.start);
        const y = minutesOf(s.mealBreak.end);
        if (y - x !== mb.minutes)
          v(
            'meal-break',
            at,
            `the meal break must last ${mb.minutes} minutes`,
            `就餐须为 ${mb.minutes} 分钟`,
          );
        else if (!starts.includes(x))
          v(
            'meal-break',
            at,
            `the meal break ${s.mealBreak.start}–${s.mealBreak.end} must lie inside ${hhmm(mb.from)}–${hhmm(mb.to)} and inside the shift`,
            `就餐 ${s.mealBreak.start}–${s.mealBreak.end} 须在 ${hhmm(mb.from)}–${hhmm(mb.to)} 内且在班次内`,
          );
        breakMinutes = mb.minutes;
      }
    }
    const worked = (b - a - breakMinutes) / 60;
    const list = byPerson.get(pi) ?? [];
    list.push({ i, day: d.index, start: a, end: b, worked });
    byPerson.set(pi, list);

    // posts
    const taken: Array<[number, number]> = [];
    for (const q of s.posts) {
      const k = grid.postIndex.get(q.post);
      const pat = { ...at, start: q.from, post: q.post };
      if (k === undefined) {
        v('unknown-post', pat, `unknown post "${q.post}"`, `未知岗位 "${q.post}"`);
        continue;
      }
      const post = grid.posts[k]!;
      if (!canHold(p.person, post))
        v(
          'skill',
          pat,
          `${post.name} needs skill ${post.skill}, which the person does not have`,
          `${post.name}需要「${post.skill}」技能，该人员不具备`,
        );
      const x = minutesOf(q.from);
      const y = minutesOf(q.to);
      const inBreak = s.mealBreak && x < minutesOf(s.mealBreak.end) && minutesOf(s.mealBreak.start) < y;
      if (x < a || y > b || inBreak)
        v(
          'not-on-shift',
          pat,
          `holds ${post.name} ${q.from}–${q.to} outside the shift or during the meal break`,
          `${q.from}–${q.to} 在班次外或就餐时间占用${post.name}`,
        );
      if (taken.some(([m, n]) => x < n && m < y))
        v('double-post', pat, `holds two posts at ${q.from}`, `${q.from} 同时占用两个岗位`);
      taken.push([x, y]);
    }
  });

  for (const [pi, list] of byPerson) {
    const p = grid.people[pi]!;
    const id = p.person.id;
    list.sort((x, y) => x.day - y.day || x.start - y.start);
    let week = 0;
    let overtime = 0;
    const daysWorked = new Set<number>();
    for (const d of grid.days) {
      const today = list.filter((x) => x.day === d.index);
      if (today.length === 0) continue;
      daysWorked.add(d.index);
      const at = { person: id, date: d.date, start: hhmm(today[0]!.start), shift: today[0]!.i };
      for (let k = 1; k < today.length; k++) {
        const x = today[k - 1]!;
        const y = today[k]!;
        if (y.start < x.end)
          v(
            'overlap',
            { ...at, start: hhmm(y.start), shift: y.i },
            `overlaps the shift ${hhmm(x.start)}–${hhmm(x.end)}`,
            `与班次 ${hhmm(x.start)}–${hhmm(x.end)} 重叠`,
          );
      }
      if (today.length > 1 && !p.role.splitShiftsAllowed)
        v(
          'split-shift',
          at,
          `${today.length} shifts in one day, but split shifts are not allowed for this role`,
          `一天 ${today.length} 个班次，但该岗位角色不允许分段排班`,
        );
      else if (today.length > 2) v('split-shift', at, 'at most two shifts a day', '每天最多两个班次');
      const h = today.reduce((acc, x) => acc + x.worked, 0);
      week += h;
      overtime += Math.max(0, h - rules.maxHoursPerDay);
      if (h > grid.dayCap + 1e-9)
        v(
          'daily-hours',
          at,
          `${fmtH(h)} h of work in a day, more than ${fmtH(grid.dayCap)} h`,
          `当天工作 ${fmtH(h)} 小时，超过 ${fmtH(grid.dayCap)} 小时`,
        );
    }
    const last = list[list.length - 1]!;
    const at = { person: id, date: grid.days[last.day]!.date };
    if (week > grid.weekCap + 1e-9)
      v(
        'weekly-hours',
        at,
        `${fmtH(week)} h of work in the week, more than ${fmtH(grid.weekCap)} h`,
        `本周工作 ${fmtH(week)} 小时，超过 ${fmtH(grid.weekCap)} 小时`,
      );
    overtime = Math.max(overtime, week - rules.maxHoursPerWeek);
    if (overtime > rules.maxOvertimeHoursPerWeek + 1e-9 && week <= grid.weekCap + 1e-9)
      v(
        'overtime',
        at,
        `${fmtH(overtime)} h of overtime in the week, more than ${fmtH(rules.maxOvertimeHoursPerWeek)} h`,
        `本周加班 ${fmtH(overtime)} 小时，超过 ${fmtH(rules.maxOvertimeHoursPerWeek)} 小时`,
      );
    if (daysWorked.size > 7 - rules.minDaysOffPerWeek)
      v(
        'days-off',
        at,
        `works ${daysWorked.size} days; at least ${rules.minDaysOffPerWeek} day(s) off a week`,
        `本周工作 ${daysWorked.size} 天，每周至少休息 ${rules.minDaysOffPerWeek} 天`,
      );
    for (let k = 1; k < list.length; k++) {
      const x = list[k - 1]!;
      const y = list[k]!;
      if (y.day === x.day + 1) {
        const rest = (y.start + 1440 - x.end) / 60;
        const prevLast = list.filter((z) => z.day === x.day).every((z) => z.end <= x.end);
        const nextFirst = list.filter((z) => z.day === y.day).every((z) => z.start >= y.start);
        if (prevLast && nextFirst && rest < rules.minRestHours - 1e-9)
          v(
            'rest',
            { person: id, date: grid.days[y.day]!.date, start: hhmm(y.start), shift: y.i },
            `only ${fmtH(rest)} h of rest after the day before; at least ${fmtH(rules.minRestHours)} h`,
            `与前一天班次间仅休息 ${fmtH(rest)} 小时，至少须 ${fmtH(rules.minRestHours)} 小时`,
          );
      }
    }
  }
  return out;
}
