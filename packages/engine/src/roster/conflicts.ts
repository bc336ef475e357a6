/**
 * Conflicts: why slots stay under-covered, in words an outlet head understands. Shortfalls of the
 * same post on consecutive slots are one period; the period's first slot is explained by who
 * could hold the post then at all (skill, leave, opening hours, patterns) and, when enough
 * could, by the rule that kept them off it (other posts, weekly hours, day off, rest).
 */
import { dayLabel } from './check';
import { canHold, type Grid, SLOT } from './grid';
import type { ConflictReason, RosterConflict, RosterCoverage, RosterShift } from './result';
import { hhmm, minutesOf } from './time';
import type { RosterLang } from './validate';

function people(n: number, lang: RosterLang): string {
  if (lang === 'zh-CN') return `${n} 名`;
  return n === 1 ? '1 person' : `${n} people`;
}

export function conflictText(
  c: Omit<RosterConflict, 'text'>,
  grid: Grid,
  lang: RosterLang,
  weekCap: number,
  rest: number,
): string {
  const day = dayLabel(grid, c.date, lang);
  const when = `${day} ${c.from}–${c.to}`;
  if (lang === 'zh-CN') {
    const skill = c.skillName?.['zh-CN'] ?? c.skill;
    const who = skill ? `具备「${skill}」技能的人员` : '人员';
    const head = `${when} ${c.postName}需要 ${c.required} 名${who}`;
    switch (c.reason) {
      case 'skill':
        return c.available === 0 ? `${head}，但没有可排的人` : `${head}，但只有 ${c.available} 名可排`;
      case 'competing':
        return `${head}，但只排到 ${c.scheduled} 名：其他具备该技能的人员在岗但被其他岗位占用`;
      case 'weekly-hours':
        return `${head}，但只排到 ${c.scheduled} 名：其他可排人员本周工时已用满（${weekCap} 小时）`;
      case 'days-off':
        return `${head}，但只排到 ${c.scheduled} 名：其他可排人员须保证每周休息日`;
      case 'daily-hours':
        return `${head}，但只排到 ${c.scheduled} 名：其他可排人员当天已排其他班次`;
      case 'rest':
        return `${head}，但只排到 ${c.scheduled} 名：其他可排人员须保证班次间休息 ${rest} 小时`;
      default:
        return `${head}，但只排到 ${c.scheduled} 名：求解在覆盖此时段前停止`;
    }
  }
  const skill = c.skillName?.['en-US'] ?? c.skill;
  const head = `${when} ${c.postName} needs ${people(c.required, lang)}${skill ? ` with skill ${skill}` : ''}`;
  switch (c.reason) {
    case 'skill':
      return c.available === 0
        ? `${head} but nobody is available`
        : `${head} but only ${c.available} ${c.available === 1 ? 'is' : 'are'} available`;
    case 'competing':
      return `${head} but only ${c.scheduled} can be scheduled: the others with the skill are on shift but needed at other posts`;
    case 'weekly-hours':
      return `${head} but only ${c.scheduled} can be scheduled: the others available have used up their weekly hours (${weekCap} h)`;
    case 'days-off':
      return `${head} but only ${c.scheduled} can be scheduled: the others available need their weekly day off`;
    case 'daily-hours':
      return `${head} but only ${c.scheduled} can be scheduled: the others available already work another shift that day`;
    case 'rest':
      return `${head} but only ${c.scheduled} can be scheduled: the others available need ${rest} h of rest between shifts`;
    default:
      return `${head} but only ${c.scheduled} is scheduled: the solver stopped before covering it`;
  }
}

export function findConflicts(
  grid: Grid,
  shifts: RosterShift[],
  coverage: RosterCoverage[],
): RosterConflict[] {
  const short = coverage.filter((c) => c.scheduled < c.required);
  // merge consecutive slots of one post with the same numbers
  const periods: Array<{
    date: string;
    from: number;
    to: number;
    post: string;
    required: number;
    scheduled: number;
  }> = [];
  for (const c of short) {
    const t = minutesOf(c.start);
    const last = periods.find(
      (p) =>
        p.date === c.date &&
        p.post === c.post &&
        p.to === t &&
        p.required === c.required &&
        p.scheduled === c.scheduled,
    );
    if (last) last.to = t + SLOT;
    else
      periods.push({
        date: c.date,
        from: t,
        to: t + SLOT,
        post: c.post,
        required: c.required,
        scheduled: c.scheduled,
      });
  }
  const worked = new Map<string, { week: number; days: Set<string> }>();
  for (const s of shifts) {
    const w = worked.get(s.person) ?? { week: 0, days: new Set() };
    const br = s.mealBreak ? minutesOf(s.mealBreak.end) - minutesOf(s.mealBreak.start) : 0;
    w.week += (minutesOf(s.end) - minutesOf(s.start) - br) / 60;
    w.days.add(s.date);
    worked.set(s.person, w);
  }
  return periods.map((p) => {
    const k = grid.postIndex.get(p.post)!;
    const post = grid.posts[k]!;
    const day = grid.days.find((d) => d.date === p.date)!;
    const t = p.from;
    const able = grid.people.filter(
      (gp) =>
        canHold(gp.person, post) &&
        gp.shiftsByDay[day.index]!.some((s) => grid.shifts[s]!.start <= t && t < grid.shifts[s]!.end),
    );
    let reason: ConflictReason = 'search';
    if (able.length < p.required) reason = 'skill';
    else {
      const onShift = able.filter((gp) =>
        shifts.some(
          (s) =>
            s.person === gp.person.id &&
            s.date === p.date &&
            minutesOf(s.start) <= t &&
            t < minutesOf(s.end) &&
            !(s.mealBreak && minutesOf(s.mealBreak.start) <= t && t < minutesOf(s.mealBreak.end)),
        ),
      );
      const counts = new Map<ConflictReason, number>();
      const bump = (r: ConflictReason) => counts.set(r, (counts.get(r) ?? 0) + 1);
      if (onShift.length >= p.required) bump('competing');
      for (const gp of able) {
        if (onShift.includes(gp)) continue;
        const w = worked.get(gp.person.id) ?? { week: 0, days: new Set<string>() };
        const shortest = Math.min(
          ...gp.shiftsByDay[day.index]!.filter(
            (s) => grid.shifts[s]!.start <= t && t < grid.shifts[s]!.end,
          ).map((s) => grid.shifts[s]!.worked),
        );
        if (w.days.has(p.date)) bump('daily-hours');
        else if (w.week + shortest > grid.weekCap + 1e-9) bump('weekly-hours');
        else if (w.days.size >= 7 - grid.rules.minDaysOffPerWeek) bump('days-off');
        else {
          const near = shifts.filter(
            (s) =>
              s.person === gp.person.id &&
              Math.abs(grid.days.findIndex((d) => d.date === s.date) - day.index) === 1,
          );
          bump(near.length > 0 ? 'rest' : 'search');
        }
      }
      let best = 0;
      for (const [r, n] of counts)
        if (n > best) {
          best = n;
          reason = r;
        }
    }
    const c = {
      date: p.date,
      from: hhmm(p.from),
      to: hhmm(p.to),
      post: post.id,
      postName: post.name,
      ...(post.skill !== undefined ? { skill: post.skill } : {}),
      ...(post.skillName !== undefined ? { skillName: post.skillName } : {}),
      required: p.required,
      scheduled: p.scheduled,
      available: able.length,
      reason,
    };
    const cap = grid.weekCap;
    const rest = grid.rules.minRestHours;
    return {
      ...c,
      text: {
        'zh-CN': conflictText(c, grid, 'zh-CN', cap, rest),
        'en-US': conflictText(c, grid, 'en-US', cap, rest),
      },
    };
  });
}
