/**
 * One edit of a roster (`PUT …/shifts`: set, clear or move a shift), checked against the rules:
 * the roster before and after goes through `checkRoster`, and a rule the edit breaks (one not
 * already broken before it) refuses it with ROSTER_RULE_BROKEN, the rule's words in zh and en and
 * one error per rule broken.
 */
import type { RosterProblemInput } from '@liangdian/engine';
import type { ShiftPut } from '@liangdian/shared/api';
import { DomainError } from '../../lib/errors';
import { key } from './roster.shifts';
import type { RosterChecker, SolvedShift } from './roster.solver';

type Period = SolvedShift['posts'][number];

/** The periods with the meal break cut out ("HH:MM" strings compare as times). */
export function withoutBreak(periods: readonly Period[], b: { start: string; end: string }): Period[] {
  return periods.flatMap((p) =>
    [
      // biome-ignore lint/complexity/useMathMinMax: "HH:MM" strings, not numbers
      { from: p.from, to: p.to < b.start ? p.to : b.start, post: p.post },
      // biome-ignore lint/complexity/useMathMinMax: "HH:MM" strings, not numbers
      { from: p.from > b.end ? p.from : b.end, to: p.to, post: p.post },
    ].filter((x) => x.from < x.to),
  );
}

export function editedShifts(
  checker: RosterChecker,
  problem: RosterProblemInput,
  before: SolvedShift[],
  input: ShiftPut,
): { after: SolvedShift[]; now: ReturnType<RosterChecker> } {
  const touched = (s: SolvedShift) =>
    (s.person === input.staffId && s.date === input.day) ||
    (input.from !== undefined && s.person === input.from.staffId && s.date === input.from.day);
  const after = before.filter((s) => !touched(s));
  if (input.shift) {
    const sh = input.shift;
    const mealBreak = sh.breakStart && sh.breakEnd ? { start: sh.breakStart, end: sh.breakEnd } : undefined;
    // a drag that keeps the times keeps the posts by period; otherwise the post all shift long,
    // the meal break aside (nobody holds a post on their break)
    const source = input.from
      ? before.find((s) => s.person === input.from!.staffId && s.date === input.from!.day)
      : undefined;
    const same =
      source !== undefined &&
      source.start === sh.start &&
      source.end === sh.end &&
      source.mealBreak?.start === mealBreak?.start &&
      source.mealBreak?.end === mealBreak?.end &&
      source.posts.some((p) => p.post === sh.post);
    const periods = same && source ? source.posts : [{ from: sh.start, to: sh.end, post: sh.post }];
    const posts = mealBreak ? withoutBreak(periods, mealBreak) : periods.map((p) => ({ ...p }));
    after.push({
      person: input.staffId,
      date: input.day,
      start: sh.start,
      end: sh.end,
      ...(mealBreak ? { mealBreak } : {}),
      posts,
    });
  }
  const was = new Set(checker(problem, before).map(key));
  const now = checker(problem, after);
  const broken = now.filter((v) => !was.has(key(v)));
  if (broken[0])
    throw new DomainError(
      'ROSTER_RULE_BROKEN',
      { rule: broken[0].rule, zh: broken[0].text['zh-CN'], en: broken[0].text['en-US'] },
      broken.map((v) => ({
        field: 'body.shift',
        code: `ROSTER_RULE_${v.rule.toUpperCase().replace(/-/g, '_')}`,
        params: { rule: v.rule, zh: v.text['zh-CN'], en: v.text['en-US'] },
      })),
    );
  return { after, now };
}
