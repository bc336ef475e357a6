/**
 * The two forecasting models of arrivals per (day, half hour, business type), pure.
 *
 * - `seasonalNaive`: the count of the same weekday and half hour a week earlier (for a horizon
 *   beyond a week, the last observed same weekday before the origin). It ignores the calendar:
 *   a holiday in the target week gets an ordinary day's counts, a holiday (closed) in the source
 *   week gives zeros.
 * - `PoissonModel`: a log-linear Poisson regression on the day types, fitted by cyclic exact
 *   coordinate ascent (each factor's closed-form maximum-likelihood update given the others,
 *   i.e. iterative proportional fitting of the model's margins):
 *     log μ(d, s, b) = profile[b, class(d), s] + weekday[b, level(d)]
 *                      + Σ_f flag_f(d) · effect[b, f, halfDay(s)]
 *   class ∈ {weekday (workday and make-up), weekend, holiday}; level ∈ Sun…Sat or make-up day;
 *   flags: pension, payday, preHoliday, postHoliday; halfDay: before or after 12:00. Factors
 *   seen on few days (flags, make-up days) are shrunk towards 1 by a prior of `PRIOR` expected
 *   arrivals. With no holiday in the history a holiday is forecast like a Sunday.
 */
import type { DayType } from '../time/daytypes';

export const SLOTS_PER_DAY = 48;
/** Pseudo-arrivals of the prior that shrinks the rarely seen factors towards "no effect". */
const PRIOR = 20;
const FLAGS = ['pension', 'payday', 'preHoliday', 'postHoliday'] as const;
const NOON_SLOT = 24;

/** counts[typeIndex][dayIndex * 48 + slot] over consecutive days. */
export type CountCube = Float64Array[];

type Cls = 0 | 1 | 2; // weekday, weekend, holiday
const classOf = (t: DayType): Cls => (t.kind === 'holiday' ? 2 : t.kind === 'weekend' ? 1 : 0);
/** 0–6 the weekday (Sunday 0), 7 a make-up day */
const levelOf = (t: DayType): number => (t.kind === 'makeUp' ? 7 : t.weekday);

/** Seasonal naive for the days `target` (indices into the day list), from days before `origin`. */
export function seasonalNaive(cube: CountCube, origin: number, targets: readonly number[]): CountCube {
  return cube.map((y) => {
    const out = new Float64Array(targets.length * SLOTS_PER_DAY);
    targets.forEach((d, i) => {
      let src = d - 7;
      while (src >= origin) src -= 7;
      if (src < 0) return;
      out.set(y.subarray(src * SLOTS_PER_DAY, (src + 1) * SLOTS_PER_DAY), i * SLOTS_PER_DAY);
    });
    return out;
  });
}

interface TypeParams {
  profile: Float64Array; // [cls * 48 + slot]
  level: Float64Array; // [8]
  flag: Float64Array; // [f * 2 + halfDay]
}

export class PoissonModel {
  private constructor(
    private readonly params: TypeParams[],
    private readonly hasHoliday: boolean,
    /** Pearson dispersion of the fit (variance / mean), ≥ 1 */
    readonly dispersion: number,
    readonly iterations: number,
  ) {}

  /** Fits on the first `n` days of `cube` with their types `days`. */
  static fit(cube: CountCube, days: readonly DayType[], n: number, maxIter = 60): PoissonModel {
    const cls = days.slice(0, n).map(classOf);
    const lvl = days.slice(0, n).map(levelOf);
    const flags = days.slice(0, n).map((t) => FLAGS.map((f) => t[f]));
    const hasHoliday = cls.includes(2);
    let iterations = 0;
    let pearson = 0;
    let dof = 0;
    const params = cube.map((y) => {
      const p: TypeParams = {
        profile: new Float64Array(3 * SLOTS_PER_DAY).fill(1),
        level: new Float64Array(8).fill(1),
        flag: new Float64Array(FLAGS.length * 2).fill(1),
      };
      // fm[d * 2 + halfDay]: the product of the day's flag effects, kept up to date
      const fm = new Float64Array(n * 2).fill(1);
      const refreshFlags = () => {
        for (let d = 0; d < n; d++)
          for (let h = 0; h < 2; h++) {
            let m = 1;
            for (let f = 0; f < FLAGS.length; f++) if (flags[d]![f]) m *= p.flag[f * 2 + h]!;
            fm[d * 2 + h] = m;
          }
      };
      const num = new Float64Array(3 * SLOTS_PER_DAY);
      const den = new Float64Array(3 * SLOTS_PER_DAY);
      const ln = new Float64Array(8);
      const ld = new Float64Array(8);
      for (let it = 0; it < maxIter; it++) {
        let change = 0;
        // profile: per class and slot
        num.fill(0);
        den.fill(0);
        for (let d = 0; d < n; d++) {
          const base = cls[d]! * SLOTS_PER_DAY;
          const lv = p.level[lvl[d]!]!;
          const am = lv * fm[d * 2]!;
          const pm = lv * fm[d * 2 + 1]!;
          for (let s = 0; s < SLOTS_PER_DAY; s++) {
            num[base + s]! += y[d * SLOTS_PER_DAY + s]!;
            den[base + s]! += s < NOON_SLOT ? am : pm;
          }
        }
        for (let k = 0; k < num.length; k++) {
          const v = den[k]! > 0 ? num[k]! / den[k]! : 0;
          change = Math.max(change, Math.abs(v - p.profile[k]!) / Math.max(1, v));
          p.profile[k] = v;
        }
        // weekday level (make-up days shrunk to 1)
        ln.fill(0);
        ld.fill(0);
        for (let d = 0; d < n; d++) {
          const base = cls[d]! * SLOTS_PER_DAY;
          const l = lvl[d]!;
          for (let s = 0; s < SLOTS_PER_DAY; s++) {
            ln[l]! += y[d * SLOTS_PER_DAY + s]!;
            ld[l]! += p.profile[base + s]! * fm[d * 2 + (s < NOON_SLOT ? 0 : 1)]!;
          }
        }
        for (let k = 0; k < 8; k++) {
          const prior = k === 7 ? PRIOR : 0;
          const v = ld[k]! + prior > 0 ? (ln[k]! + prior) / (ld[k]! + prior) : 1;
          change = Math.max(change, Math.abs(v - p.level[k]!));
          p.level[k] = v;
        }
        // flags per half day, shrunk to 1
        for (let f = 0; f < FLAGS.length; f++)
          for (let h = 0; h < 2; h++) {
            let fn = 0;
            let fd = 0;
            const old = p.flag[f * 2 + h]!;
            for (let d = 0; d < n; d++) {
              if (!flags[d]![f]) continue;
              const base = cls[d]! * SLOTS_PER_DAY;
              const k = (p.level[lvl[d]!]! * fm[d * 2 + h]!) / old;
              for (let s = h * NOON_SLOT; s < (h + 1) * NOON_SLOT; s++) {
                fn += y[d * SLOTS_PER_DAY + s]!;
                fd += p.profile[base + s]! * k;
              }
            }
            const v = (fn + PRIOR) / (fd + PRIOR);
            change = Math.max(change, Math.abs(v - old));
            p.flag[f * 2 + h] = v;
            refreshFlags();
          }
        iterations = Math.max(iterations, it + 1);
        if (change < 1e-5) break;
      }
      const flagMult = (d: number, s: number) => fm[d * 2 + (s < NOON_SLOT ? 0 : 1)]!;
      for (let d = 0; d < n; d++)
        for (let s = 0; s < SLOTS_PER_DAY; s++) {
          const mu = p.profile[cls[d]! * SLOTS_PER_DAY + s]! * p.level[lvl[d]!]! * flagMult(d, s);
          if (mu <= 0) continue;
          const r = y[d * SLOTS_PER_DAY + s]! - mu;
          pearson += (r * r) / mu;
          dof++;
        }
      return p;
    });
    const nParams = params.length * (3 * SLOTS_PER_DAY + 8 + FLAGS.length * 2);
    const dispersion = dof > nParams ? Math.max(1, pearson / (dof - nParams)) : 1;
    return new PoissonModel(params, hasHoliday, dispersion, iterations);
  }

  /** Mean arrivals of each business type for each half hour of the days `types`. */
  predict(types: readonly DayType[]): CountCube {
    return this.params.map((p) => {
      const out = new Float64Array(types.length * SLOTS_PER_DAY);
      types.forEach((t0, i) => {
        const t: DayType =
          t0.kind === 'holiday' && !this.hasHoliday ? { ...t0, kind: 'weekend', weekday: 0 } : t0;
        const base = classOf(t) * SLOTS_PER_DAY;
        const lv = p.level[levelOf(t)]!;
        for (let s = 0; s < SLOTS_PER_DAY; s++) {
          let m = p.profile[base + s]! * lv;
          const h = s < NOON_SLOT ? 0 : 1;
          for (let f = 0; f < FLAGS.length; f++) if (t[FLAGS[f]!]) m *= p.flag[f * 2 + h]!;
          out[i * SLOTS_PER_DAY + s] = m;
        }
      });
      return out;
    });
  }
}
