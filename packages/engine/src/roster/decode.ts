/**
 * From a solution to a roster: the chosen shifts and breaks, then named people on posts per half
 * hour (a matching per slot that keeps a person on the post they held in the slot before), and the
 * coverage per slot and post (required vs scheduled).
 */
import { buildGrid, canHold, type Grid, SLOT } from './grid';
import type { RosterModel } from './model';
import type { RosterCoverage, RosterPostPeriod, RosterShift } from './result';
import type { RosterProblem } from './schema';
import { hhmm, minutesOf } from './time';

/** The shifts (with breaks and posts) of a solution vector. */
export function decodeRoster(model: RosterModel, colValue: ArrayLike<number>): RosterShift[] {
  const { grid } = model;
  const breaks = new Map<string, number>();
  for (const b of model.breakCols) if (colValue[b.col]! > 0.5) breaks.set(`${b.person}/${b.day}`, b.start);
  const shifts: RosterShift[] = [];
  grid.shifts.forEach((s, i) => {
    if (!(colValue[model.shiftCol[i]!]! > 0.5)) return;
    const p = grid.people[s.person]!;
    const shift: RosterShift = {
      person: p.person.id,
      date: grid.days[s.day]!.date,
      start: hhmm(s.start),
      end: hhmm(s.end),
      posts: [],
    };
    const b = breaks.get(`${s.person}/${s.day}`);
    if (s.needsBreak && b !== undefined && b >= s.start && b < s.end)
      shift.mealBreak = { start: hhmm(b), end: hhmm(b + p.role.mealBreak!.minutes) };
    shifts.push(shift);
  });
  return assignPostsOnGrid(grid, shifts);
}

/** Minutes of a shift's slots when its person is present (not on the meal break). */
function presentAt(shift: RosterShift, t: number): boolean {
  if (t < minutesOf(shift.start) || t >= minutesOf(shift.end)) return false;
  if (shift.mealBreak && t >= minutesOf(shift.mealBreak.start) && t < minutesOf(shift.mealBreak.end))
    return false;
  return true;
}

/**
 * Puts the people on shift onto posts, slot by slot: first the required seats (a maximum matching
 * that tries each person's previous post first), then anybody left over at a zone they can hold
 * (or the post they held before). Replaces the shifts' `posts`.
 */
export function assignPosts(problem: RosterProblem, shifts: RosterShift[]): RosterShift[] {
  return assignPostsOnGrid(buildGrid(problem), shifts);
}

export function assignPostsOnGrid(grid: Grid, input: RosterShift[]): RosterShift[] {
  const shifts = input.map((s) => ({ ...s, posts: [] as RosterPostPeriod[] }));
  const dateIndex = new Map(grid.days.map((d) => [d.date, d.index]));
  for (const d of grid.days) {
    const today = shifts
      .map((s, i) => ({ s, i, p: grid.personIndex.get(s.person) }))
      .filter((x) => x.s.date === d.date && x.p !== undefined && dateIndex.has(x.s.date));
    /** previous slot's post per shift index */
    let prev = new Map<number, number>();
    const slotPosts = new Map<number, number[]>(); // shift index → post per slot index (-1 none)
    for (const x of today)
      slotPosts.set(
        x.i,
        d.slots.map(() => -1),
      );
    d.slots.forEach((t, si) => {
      const present = today.filter((x) => presentAt(x.s, t));
      const cap = grid.required[d.index]![si]!.slice();
      const load = cap.map(() => [] as number[]); // post → present-list positions
      const match = new Array<number>(present.length).fill(-1);
      const adj = present.map((x) => {
        const person = grid.people[x.p!]!;
        const own = person.posts.filter((k) => cap[k]! > 0);
        const before = prev.get(x.i);
        return before !== undefined && own.includes(before)
          ? [before, ...own.filter((k) => k !== before)]
          : own;
      });
      const tryAssign = (j: number, seen: Set<number>): boolean => {
        for (const k of adj[j]!) {
          if (seen.has(k)) continue;
          seen.add(k);
          if (load[k]!.length < cap[k]!) {
            load[k]!.push(j);
            match[j] = k;
            return true;
          }
          for (const q of load[k]!) {
            if (tryAssign(q, seen)) {
              load[k] = load[k]!.filter((r) => r !== q);
              load[k]!.push(j);
              match[j] = k;
              return true;
            }
          }
        }
        return false;
      };
      const order = present
        .map((_, j) => j)
        .sort((a, b) => Number(prev.has(present[b]!.i)) - Number(prev.has(present[a]!.i)));
      for (const j of order) tryAssign(j, new Set());
      const next = new Map<number, number>();
      present.forEach((x, j) => {
        let k = match[j]!;
        if (k < 0) {
          const person = grid.people[x.p!]!;
          const before = prev.get(x.i);
          const zones = person.posts.filter((q) => grid.posts[q]!.kind === 'zone');
          k = before !== undefined && person.posts.includes(before) ? before : (zones[0] ?? -1);
        }
        if (k >= 0) {
          next.set(x.i, k);
          slotPosts.get(x.i)![si] = k;
        }
      });
      prev = next;
    });
    for (const x of today) {
      const list = slotPosts.get(x.i)!;
      const periods: RosterPostPeriod[] = [];
      list.forEach((k, si) => {
        if (k < 0) return;
        const from = d.slots[si]!;
        const last = periods[periods.length - 1];
        if (last && last.post === grid.posts[k]!.id && minutesOf(last.to) === from)
          last.to = hhmm(from + SLOT);
        else periods.push({ from: hhmm(from), to: hhmm(from + SLOT), post: grid.posts[k]!.id });
      });
      shifts[x.i]!.posts = periods;
    }
  }
  return shifts;
}

/** Required vs scheduled per slot and post (rows where either is above 0). A person counts at the post their period names. */
export function coverageOf(grid: Grid, shifts: RosterShift[]): RosterCoverage[] {
  const out: RosterCoverage[] = [];
  for (const d of grid.days) {
    const today = shifts.filter((s) => s.date === d.date);
    d.slots.forEach((t, si) => {
      const count = grid.posts.map(() => 0);
      for (const s of today) {
        if (!presentAt(s, t)) continue;
        const person = grid.people[grid.personIndex.get(s.person) ?? -1];
        for (const q of s.posts) {
          const k = grid.postIndex.get(q.post);
          if (k === undefined || t < minutesOf(q.from) || t >= minutesOf(q.to)) continue;
          if (person && canHold(person.person, grid.posts[k]!)) count[k]!++;
          break;
        }
      }
      grid.posts.forEach((p, k) => {
        const required = grid.required[d.index]![si]![k]!;
        if (required > 0 || count[k]! > 0)
          out.push({
            date: d.date,
            start: hhmm(t),
            post: p.id,
            required,
            scheduled: Math.min(count[k]!, 1e9),
          });
      });
    });
  }
  return out;
}
