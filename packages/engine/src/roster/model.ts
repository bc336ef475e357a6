/**
 * The roster MILP (docs/roster.md "The model"), built as sparse rows for HiGHS: binaries for the
 * candidate shifts, days worked and meal-break starts; continuous post assignment per skill group
 * and slot; slack for coverage, overtime, contract hours, preferences and fairness.
 */
import { buildGrid, type Grid, matchesDay, matchesShift, SLOT } from './grid';
import type { RosterModelSize } from './result';
import type { RosterProblem } from './schema';

/** The model as HiGHS's `ModelData` (CSR rows), plain arrays so that it can be posted to a worker. */
export interface MilpData {
  numCols: number;
  numRows: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  rowLower: number[];
  rowUpper: number[];
  matrix: {
    format: 'csr';
    numRows: number;
    numCols: number;
    starts: number[];
    indices: number[];
    values: number[];
  };
  /** 0 continuous, 1 integer */
  integrality: number[];
}

export interface RosterModel {
  grid: Grid;
  milp: MilpData;
  size: RosterModelSize;
  /** column of each candidate shift (grid.shifts order) */
  shiftCol: number[];
  /** meal-break start columns */
  breakCols: Array<{ col: number; person: number; day: number; start: number }>;
  /** under-coverage slack columns */
  underCols: Array<{ col: number; day: number; slot: number; post: number }>;
}

type Terms = Array<[number, number]>;

class Builder {
  readonly cost: number[] = [];
  readonly lo: number[] = [];
  readonly hi: number[] = [];
  readonly int: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];
  readonly rlo: number[] = [];
  readonly rhi: number[] = [];

  col(cost: number, lo: number, hi: number, integer = false): number {
    this.cost.push(cost);
    this.lo.push(lo);
    this.hi.push(hi);
    this.int.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  bin(cost = 0): number {
    return this.col(cost, 0, 1, true);
  }

  row(terms: Terms, lo: number, hi: number): void {
    const merged = new Map<number, number>();
    for (const [c, v] of terms) merged.set(c, (merged.get(c) ?? 0) + v);
    const sorted = [...merged].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    if (sorted.length === 0) return;
    for (const [c, v] of sorted) {
      this.indices.push(c);
      this.values.push(v);
    }
    this.starts.push(this.indices.length);
    this.rlo.push(lo);
    this.rhi.push(hi);
  }

  data(): MilpData {
    const numCols = this.cost.length;
    const numRows = this.rlo.length;
    return {
      numCols,
      numRows,
      colCost: this.cost,
      colLower: this.lo,
      colUpper: this.hi,
      rowLower: this.rlo,
      rowUpper: this.rhi,
      matrix: {
        format: 'csr',
        numRows,
        numCols,
        starts: this.starts,
        indices: this.indices,
        values: this.values,
      },
      integrality: this.int,
    };
  }
}

const INF = Number.POSITIVE_INFINITY;

export function buildRosterModel(problem: RosterProblem): RosterModel {
  const grid = buildGrid(problem);
  const { rules, weights, days, people, shifts, required, posts } = grid;
  const m = new Builder();
  const shiftCol = shifts.map((s) => {
    const p = people[s.person]!;
    let cost = 0;
    const day = days[s.day]!;
    for (const a of p.person.avoids)
      if (a.shift !== undefined && matchesDay(a, day) && matchesShift(a, s)) cost += weights.preference;
    return m.bin(cost);
  });
  const breakCols: RosterModel['breakCols'] = [];
  const underCols: RosterModel['underCols'] = [];

  /** presence[person][day] → slot index → terms */
  const presence = people.map(() => days.map(() => new Map<number, Terms>()));
  const add = (p: number, d: number, si: number, c: number, v: number) => {
    const map = presence[p]![d]!;
    const list = map.get(si);
    if (list) list.push([c, v]);
    else map.set(si, [[c, v]]);
  };
  /** day-worked columns, or -1 */
  const worked = people.map(() => days.map(() => -1));

  for (const p of people) {
    const split = p.role.splitShiftsAllowed;
    const mb = p.role.mealBreak;
    const weekTerms: Terms = [];
    const otdCols: number[] = [];
    for (const d of days) {
      const mine = p.shiftsByDay[d.index]!;
      if (mine.length === 0) continue;
      const w = m.bin();
      worked[p.index]![d.index] = w;
      const dayTerms: Terms = mine.map((s) => [shiftCol[s]!, shifts[s]!.worked]);
      weekTerms.push(...dayTerms);
      for (const s of mine) {
        const sh = shifts[s]!;
        for (let t = sh.start; t < sh.end; t += SLOT)
          add(p.index, d.index, (t - d.openAt) / SLOT, shiftCol[s]!, 1);
      }
      if (!split) m.row([...mine.map((s) => [shiftCol[s]!, 1] as [number, number]), [w, -1]], 0, 0);
      else {
        m.row([...mine.map((s) => [shiftCol[s]!, 1] as [number, number]), [w, -2]], -INF, 0);
        for (const s of mine)
          m.row(
            [
              [shiftCol[s]!, 1],
              [w, -1],
            ],
            -INF,
            0,
          );
        // one shift at a time, and two shifts never touch (they would be one unlisted shift)
        for (const t of d.slots) {
          const covering = mine.filter((s) => shifts[s]!.start <= t && t < shifts[s]!.end);
          if (covering.length > 1)
            m.row(
              covering.map((s) => [shiftCol[s]!, 1]),
              -INF,
              1,
            );
          const touching = mine.filter((s) => shifts[s]!.end === t || shifts[s]!.start === t);
          if (touching.some((s) => shifts[s]!.end === t) && touching.some((s) => shifts[s]!.start === t))
            m.row(
              touching.map((s) => [shiftCol[s]!, 1]),
              -INF,
              1,
            );
        }
        m.row(dayTerms, -INF, grid.dayCap);
        const long = mine.filter((s) => shifts[s]!.needsBreak);
        if (long.length > 1)
          m.row(
            long.map((s) => [shiftCol[s]!, 1]),
            -INF,
            1,
          );
      }
      // meal break
      const long = mine.filter((s) => shifts[s]!.needsBreak);
      if (mb && long.length > 0) {
        const startsSet = new Set(long.flatMap((s) => shifts[s]!.breakStarts));
        const bcols: Terms = [];
        for (const b of [...startsSet].sort((x, y) => x - y)) {
          const c = m.bin();
          breakCols.push({ col: c, person: p.index, day: d.index, start: b });
          bcols.push([c, 1]);
          const holders = long.filter((s) => shifts[s]!.breakStarts.includes(b));
          m.row([[c, 1], ...holders.map((s) => [shiftCol[s]!, -1] as [number, number])], -INF, 0);
          for (let t = b; t < b + mb.minutes; t += SLOT) add(p.index, d.index, (t - d.openAt) / SLOT, c, -1);
        }
        m.row([...bcols, ...long.map((s) => [shiftCol[s]!, -1] as [number, number])], 0, 0);
      }
      // daily overtime
      if (mine.some((s) => shifts[s]!.worked > rules.maxHoursPerDay + 1e-9) || split) {
        const otd = m.col(0, 0, rules.maxOvertimeHoursPerDay);
        otdCols.push(otd);
        m.row([...dayTerms, [otd, -1]], -INF, rules.maxHoursPerDay);
      }
    }
    if (weekTerms.length === 0) continue;
    const ot = m.col(weights.overtime, 0, rules.maxOvertimeHoursPerWeek);
    m.row([...weekTerms, [ot, -1]], -INF, rules.maxHoursPerWeek);
    if (otdCols.length > 0) m.row([...otdCols.map((c) => [c, 1] as [number, number]), [ot, -1]], -INF, 0);
    if (p.expectedHours > 0) {
      const short = m.col(weights.underContract, 0, p.expectedHours);
      m.row([...weekTerms, [short, 1]], p.expectedHours, INF);
    }
    const wcols = worked[p.index]!.filter((c) => c >= 0);
    if (wcols.length > 7 - rules.minDaysOffPerWeek)
      m.row(
        wcols.map((c) => [c, 1]),
        -INF,
        7 - rules.minDaysOffPerWeek,
      );
    // rest between days
    for (const d of days) {
      const next = days[d.index + 1];
      if (!next) continue;
      for (const s of p.shiftsByDay[d.index]!) {
        const sh = shifts[s]!;
        const clash = p.shiftsByDay[next.index]!.filter(
          (s2) => shifts[s2]!.start + 1440 - sh.end < rules.minRestHours * 60,
        );
        if (clash.length === 0) continue;
        const k = p.role.splitShiftsAllowed ? clash.length : 1;
        m.row([[shiftCol[s]!, k], ...clash.map((s2) => [shiftCol[s2]!, 1] as [number, number])], -INF, k);
      }
    }
    // preferences
    const person = p.person;
    for (const want of person.wants) {
      const hasDay = want.date !== undefined || want.weekday !== undefined;
      if (hasDay) {
        const match = days
          .filter((d) => matchesDay(want, d))
          .flatMap((d) => p.shiftsByDay[d.index]!.filter((s) => matchesShift(want, shifts[s]!)));
        if (match.length === 0) continue;
        const miss = m.col(weights.preference, 0, 1);
        m.row([...match.map((s) => [shiftCol[s]!, 1] as [number, number]), [miss, 1]], 1, INF);
      } else {
        for (const d of days) {
          const w = worked[p.index]![d.index]!;
          if (w < 0) continue;
          const match = p.shiftsByDay[d.index]!.filter((s) => matchesShift(want, shifts[s]!));
          const miss = m.col(weights.preference, 0, 1);
          m.row([[miss, 1], [w, -1], ...match.map((s) => [shiftCol[s]!, 1] as [number, number])], 0, INF);
        }
      }
    }
    for (const avoid of person.avoids) {
      if (avoid.shift !== undefined) continue; // priced on the shifts themselves
      for (const d of days) {
        const w = worked[p.index]![d.index]!;
        if (w >= 0 && matchesDay(avoid, d)) m.cost[w] = m.cost[w]! + weights.preference;
      }
    }
  }

  // fairness over four weeks: late, weekend and elastic shifts
  const categories: Array<{
    eligible: (p: Grid['people'][number]) => boolean;
    terms: (p: Grid['people'][number]) => Terms;
    history: (p: Grid['people'][number]) => number;
  }> = [
    {
      eligible: () => true,
      terms: (p) =>
        p.shiftsByDay.flat().flatMap((s) => (shifts[s]!.late ? [[shiftCol[s]!, 1] as [number, number]] : [])),
      history: (p) => p.person.history.lateShifts,
    },
    {
      eligible: () => true,
      terms: (p) =>
        days.flatMap((d) =>
          d.weekday >= 6 && worked[p.index]![d.index]! >= 0
            ? [[worked[p.index]![d.index]!, 1] as [number, number]]
            : [],
        ),
      history: (p) => p.person.history.weekendShifts,
    },
    {
      eligible: (p) => p.person.elastic,
      terms: (p) =>
        p.shiftsByDay
          .flat()
          .flatMap((s) => (shifts[s]!.elastic ? [[shiftCol[s]!, 1] as [number, number]] : [])),
      history: (p) => p.person.history.elasticShifts,
    },
  ];
  for (const c of categories) {
    const group = people.filter((p) => c.eligible(p) && p.shiftsByDay.some((l) => l.length > 0));
    if (group.length < 2 || !group.some((p) => c.terms(p).length > 0)) continue;
    const hi = m.col(weights.fairness, 0, INF);
    const lo = m.col(-weights.fairness, 0, INF);
    for (const p of group) {
      const terms = c.terms(p);
      const h = c.history(p);
      m.row([...terms, [hi, -1]], -INF, -h);
      m.row([...terms, [lo, -1]], -h, INF);
    }
  }

  // coverage per slot: skill groups (people who can hold the same posts) feed posts
  const groups = new Map<string, number[]>();
  for (const p of people) {
    const key = p.posts.join(',');
    const list = groups.get(key);
    if (list) list.push(p.index);
    else groups.set(key, [p.index]);
  }
  const groupList = [...groups.values()];
  for (const d of days) {
    d.slots.forEach((_, si) => {
      const req = required[d.index]![si]!;
      const allPresence: Terms = [];
      const supply = groupList.map((members) => {
        const terms: Terms = [];
        for (const p of members) terms.push(...(presence[p]![d.index]!.get(si) ?? []));
        allPresence.push(...terms);
        return { members, terms, z: [] as Terms };
      });
      req.forEach((n, k) => {
        if (n <= 0) return;
        const demand: Terms = [];
        for (const g of supply) {
          if (g.terms.length === 0 || !people[g.members[0]!]!.posts.includes(k)) continue;
          const z = m.col(0, 0, n);
          g.z.push([z, 1]);
          demand.push([z, 1]);
        }
        const u = m.col(weights.underCoverage, 0, n);
        underCols.push({ col: u, day: d.index, slot: si, post: k });
        m.row([...demand, [u, 1]], n, INF);
      });
      for (const g of supply)
        if (g.z.length > 0) m.row([...g.z, ...g.terms.map(([c, v]) => [c, -v] as [number, number])], -INF, 0);
      if (allPresence.length > 0) {
        const total = req.reduce((a, b) => a + b, 0);
        const over = m.col(weights.overCoverage, 0, INF);
        m.row([...allPresence, [over, -1]], -INF, total);
      }
    });
  }
  void posts;

  const milp = m.data();
  return {
    grid,
    milp,
    size: {
      rows: milp.numRows,
      cols: milp.numCols,
      integers: milp.integrality.filter((x) => x === 1).length,
    },
    shiftCol,
    breakCols,
    underCols,
  };
}
