/**
 * Roster problem validation: the zod schema first, then the cross-field rules (the week, the
 * grid, known roles, posts and skills, requirement rows inside opening hours). Every mistake is
 * reported with its JSON path and a message in both languages; a problem with any mistake is
 * never solved.
 */
import { jsonPath } from '../scenario/validate';
import { isOpenDay, type RosterProblem, resolvedRules, rosterProblemSchema } from './schema';
import { addDays, isoWeekday, isRealDate, minutesOf } from './time';

export type RosterLang = 'zh-CN' | 'en-US';

export interface RosterIssue {
  /** JSON path, e.g. "$.people[3].skills[0]" */
  path: string;
  /** stable code, e.g. "unknown-skill"; "schema" for a type or format mistake */
  code: string;
  /** English text */
  message: string;
  /** the text in each language */
  text: Record<RosterLang, string>;
}

export type RosterParseResult = { ok: true; problem: RosterProblem } | { ok: false; issues: RosterIssue[] };

export class RosterProblemError extends Error {
  constructor(readonly issues: RosterIssue[]) {
    super(`invalid roster problem:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

export function formatRosterIssue(issue: RosterIssue, lang: RosterLang = 'zh-CN'): string {
  return `${issue.path}: ${issue.text[lang]}`;
}

/** Validates and returns the problem, or throws RosterProblemError listing every mistake. */
export function parseRosterProblemOrThrow(input: unknown): RosterProblem {
  const r = parseRosterProblem(input);
  if (!r.ok) throw new RosterProblemError(r.issues);
  return r.problem;
}

const GRID = 30;

export function parseRosterProblem(input: unknown): RosterParseResult {
  const parsed = rosterProblemSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: jsonPath(i.path),
        code: 'schema',
        message: i.message,
        text: { 'en-US': i.message, 'zh-CN': `格式错误：${i.message}` },
      })),
    };
  }
  const p = parsed.data;
  const issues: RosterIssue[] = [];
  const bad = (path: string, code: string, en: string, zh: string) =>
    issues.push({ path, code, message: en, text: { 'en-US': en, 'zh-CN': zh } });
  const onGrid = (path: string, t: string) => {
    if (minutesOf(t) % GRID !== 0)
      bad(path, 'off-grid', `${t} is not on the half-hour grid`, `${t} 不在半小时网格上`);
  };

  // the week
  const weekOk = isRealDate(p.weekStart);
  if (!weekOk)
    bad('$.weekStart', 'bad-date', `${p.weekStart} is not a calendar date`, `${p.weekStart} 不是有效日期`);
  else if (isoWeekday(p.weekStart) !== 1)
    bad('$.weekStart', 'not-monday', `${p.weekStart} is not a Monday`, `${p.weekStart} 不是星期一`);
  const week = weekOk ? Array.from({ length: 7 }, (_, k) => addDays(p.weekStart, k)) : [];
  const weekSet = new Set(week);
  const hoursOf = new Map<string, [number, number]>();
  p.days.forEach((d, k) => {
    const path = `$.days[${k}]`;
    if (weekOk && d.date !== week[k])
      bad(
        `${path}.date`,
        'day-order',
        `expected ${week[k]} (day ${k + 1} of the week)`,
        `应为 ${week[k]}（本周第 ${k + 1} 天）`,
      );
    if (!isOpenDay(d)) return;
    onGrid(`${path}.open`, d.open);
    onGrid(`${path}.close`, d.close);
    const a = minutesOf(d.open);
    const b = minutesOf(d.close);
    if (b <= a)
      bad(
        `${path}.close`,
        'close-before-open',
        'closing time must be after opening time',
        '营业结束时间须晚于开始时间',
      );
    else hoursOf.set(d.date, [a, b]);
  });
  const inWeek = (path: string, date: string) => {
    if (weekOk && !weekSet.has(date))
      bad(
        path,
        'outside-week',
        `${date} is not in the week of ${p.weekStart}`,
        `${date} 不在 ${p.weekStart} 这一周内`,
      );
  };

  // rules
  const rules = resolvedRules(p);
  if (p.rules.lateShiftEndsAfter !== undefined)
    onGrid('$.rules.lateShiftEndsAfter', p.rules.lateShiftEndsAfter);
  const dayCap = rules.maxHoursPerDay + rules.maxOvertimeHoursPerDay;
  const weekCap = rules.maxHoursPerWeek + rules.maxOvertimeHoursPerWeek;
  if (rules.maxHoursPerWeek < rules.maxHoursPerDay)
    bad(
      '$.rules.maxHoursPerWeek',
      'week-below-day',
      'must be at least maxHoursPerDay',
      '不得少于 maxHoursPerDay',
    );

  // roles
  const roleIds = new Map<string, number>();
  p.roles.forEach((r, i) => {
    const path = `$.roles[${i}]`;
    if (roleIds.has(r.id))
      bad(`${path}.id`, 'duplicate-id', `duplicate role id "${r.id}"`, `角色编号 "${r.id}" 重复`);
    roleIds.set(r.id, i);
    r.shiftStarts.forEach((s, k) => {
      onGrid(`${path}.shiftStarts[${k}]`, s);
    });
    r.shiftLengthsHours.forEach((h, k) => {
      if (Math.abs(h * 2 - Math.round(h * 2)) > 1e-9)
        bad(
          `${path}.shiftLengthsHours[${k}]`,
          'off-grid',
          `${h} h is not a whole number of half hours`,
          `${h} 小时不是半小时的整数倍`,
        );
    });
    const mb = r.mealBreak;
    if (mb) {
      if (mb.minutes % GRID !== 0)
        bad(
          `${path}.mealBreak.minutes`,
          'off-grid',
          `${mb.minutes} minutes is not a whole number of half hours`,
          `${mb.minutes} 分钟不是半小时的整数倍`,
        );
      onGrid(`${path}.mealBreak.window[0]`, mb.window[0]);
      onGrid(`${path}.mealBreak.window[1]`, mb.window[1]);
      const w = minutesOf(mb.window[1]) - minutesOf(mb.window[0]);
      if (w < mb.minutes)
        bad(
          `${path}.mealBreak.window`,
          'window-too-short',
          `the window is shorter than the ${mb.minutes}-minute break`,
          `就餐窗口短于 ${mb.minutes} 分钟的休息`,
        );
    }
    r.shiftLengthsHours.forEach((h, k) => {
      const worked = h - (mb && h > mb.afterHours ? mb.minutes / 60 : 0);
      if (worked > dayCap + 1e-9)
        bad(
          `${path}.shiftLengthsHours[${k}]`,
          'shift-too-long',
          `a ${h} h shift is ${worked} h of work, more than the daily cap of ${dayCap} h (rules.maxHoursPerDay + rules.maxOvertimeHoursPerDay)`,
          `${h} 小时的班次工作 ${worked} 小时，超过每日上限 ${dayCap} 小时`,
        );
    });
  });

  // posts and skills
  const postIds = new Map<string, number>();
  const skills = new Set<string>();
  p.posts.forEach((q, i) => {
    const path = `$.posts[${i}]`;
    if (postIds.has(q.id))
      bad(`${path}.id`, 'duplicate-id', `duplicate post id "${q.id}"`, `岗位编号 "${q.id}" 重复`);
    postIds.set(q.id, i);
    if (q.kind === 'zone' && q.skill === undefined)
      bad(
        `${path}.skill`,
        'zone-needs-skill',
        'a zone needs the skill its people must have',
        '功能区须指定所需技能',
      );
    if (q.skill !== undefined) skills.add(q.skill);
  });

  // people
  const personIds = new Set<string>();
  p.people.forEach((m, i) => {
    const path = `$.people[${i}]`;
    if (personIds.has(m.id))
      bad(`${path}.id`, 'duplicate-id', `duplicate person id "${m.id}"`, `人员编号 "${m.id}" 重复`);
    personIds.add(m.id);
    if (!roleIds.has(m.role))
      bad(`${path}.role`, 'unknown-role', `unknown role "${m.role}"`, `未知角色 "${m.role}"`);
    const seen = new Set<string>();
    m.skills.forEach((s, k) => {
      if (!skills.has(s))
        bad(
          `${path}.skills[${k}]`,
          'unknown-skill',
          `unknown skill "${s}" (no post needs it)`,
          `未知技能 "${s}"（没有岗位需要它）`,
        );
      else if (seen.has(s))
        bad(`${path}.skills[${k}]`, 'duplicate-skill', `skill "${s}" listed twice`, `技能 "${s}" 重复`);
      seen.add(s);
    });
    if (m.contractHoursPerWeek !== undefined && m.contractHoursPerWeek > weekCap)
      bad(
        `${path}.contractHoursPerWeek`,
        'contract-over-cap',
        `${m.contractHoursPerWeek} h is more than the weekly cap of ${weekCap} h`,
        `${m.contractHoursPerWeek} 小时超过每周上限 ${weekCap} 小时`,
      );
    m.unavailable.forEach((u, k) => {
      const up = `${path}.unavailable[${k}]`;
      inWeek(`${up}.date`, u.date);
      if ((u.from === undefined) !== (u.to === undefined))
        bad(
          up,
          'from-to-pair',
          'give both "from" and "to", or neither for the whole day',
          '"from" 与 "to" 须同时给出，或都不填（全天）',
        );
      else if (u.from !== undefined && u.to !== undefined && minutesOf(u.to) <= minutesOf(u.from))
        bad(`${up}.to`, 'to-before-from', 'must be after "from"', '须晚于 "from"');
    });
    for (const [list, name] of [
      [m.wants, 'wants'],
      [m.avoids, 'avoids'],
    ] as const) {
      list.forEach((w, k) => {
        const wp = `${path}.${name}[${k}]`;
        if (w.date !== undefined) inWeek(`${wp}.date`, w.date);
        if (w.date !== undefined && w.weekday !== undefined)
          bad(wp, 'date-and-weekday', 'give "date" or "weekday", not both', '"date" 与 "weekday" 只能给一个');
        if (w.date === undefined && w.weekday === undefined && w.shift === undefined)
          bad(wp, 'empty-preference', 'give a date, a weekday or a shift', '须给出日期、星期或班次');
        if (w.shift?.includes('-')) {
          const [a, b] = w.shift.split('-') as [string, string];
          if (minutesOf(b) <= minutesOf(a))
            bad(`${wp}.shift`, 'to-before-from', 'the shift must end after it starts', '班次结束须晚于开始');
        }
      });
    }
  });

  // requirement
  const rows = new Set<string>();
  p.requirement.forEach((r, i) => {
    const path = `$.requirement[${i}]`;
    inWeek(`${path}.date`, r.date);
    if (!postIds.has(r.post))
      bad(`${path}.post`, 'unknown-post', `unknown post "${r.post}"`, `未知岗位 "${r.post}"`);
    onGrid(`${path}.start`, r.start);
    const h = hoursOf.get(r.date);
    const t = minutesOf(r.start);
    if (weekOk && weekSet.has(r.date)) {
      if (!h) {
        if (r.people > 0)
          bad(`${path}.date`, 'closed-day', `the outlet is closed on ${r.date}`, `网点 ${r.date} 不营业`);
      } else if (t < h[0] || t >= h[1])
        bad(
          `${path}.start`,
          'outside-hours',
          `${r.start} is outside the opening hours of ${r.date}`,
          `${r.start} 不在 ${r.date} 的营业时间内`,
        );
    }
    const key = `${r.date} ${r.start} ${r.post}`;
    if (rows.has(key))
      bad(
        path,
        'duplicate-row',
        `a second row for ${r.post} at ${r.date} ${r.start}`,
        `${r.date} ${r.start} ${r.post} 的需求重复`,
      );
    rows.add(key);
  });

  return issues.length > 0 ? { ok: false, issues } : { ok: true, problem: p };
}
