/**
 * Merging replications into a report. Each replication's vector is added in replication order
 * (Welford per element, so memory is one vector however many replications run); histograms
 * are integer counts and merge exactly in any order. Point estimates are pooled ratios
 * (e.g. total wait / total customers); their 95% intervals come from the spread of the
 * per-replication values (Student t).
 */
import * as L from './layout';
import { MODE_ROTATING, type Model } from './model';
import { HIST_BUCKETS, histQuantile, tQuantile975 } from './stats';

export type Interval = [number, number] | null;

export interface WaitSummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  /** 95% confidence interval of the mean across replications (null with one replication) */
  ci95: Interval;
  percentileCi95: { p50: Interval; p90: Interval; p95: Interval };
}

export interface GroupSummary {
  /** totals over all replications */
  arrivals: number;
  served: number;
  abandoned: number;
  turnedAway: number;
  inSystemAtEnd: number;
  /** means per replication */
  perReplication: { arrivals: number; served: number; abandoned: number };
  /** (abandoned + turned away) / customers who left */
  abandonRate: number;
  abandonRateCi95: Interval;
  waitMinutes: WaitSummary;
  /** share of customers who waited at all */
  pWait: number;
  pWaitCi95: Interval;
  /** share of customers served after waiting at most their type's target */
  serviceLevel: number;
  serviceLevelCi95: Interval;
}

export interface BusinessTypeSummary extends GroupSummary {
  id: string;
  name: string | null;
  targetWaitMinutes: number;
}

export interface SlotSummary {
  index: number;
  start: string;
  mode: 'fixed' | 'rotating';
  /** arrivals per hour observed in this slot (all types) */
  arrivalsPerHour: number;
  /** time-average number waiting, all posts */
  meanQueueLength: number;
  queueByPost: Record<string, number>;
  /** mean wait of the customers who arrived in the slot (served and abandoned), minutes */
  waitMinutes: number;
  /** mean wait of the customers who reached a counter (abandoned ones left out), minutes */
  servedWaitMinutes: number;
  /** share of the slot's customers who waited at all (P(wait > 0)), served and abandoned */
  pWait: number;
  serviceLevel: number;
  /** customers arriving in the slot, mean per replication */
  arrivalsPerReplication: number;
  /** customers arriving in the slot and served to the end, mean per replication */
  servedPerReplication: number;
  /** customers arriving in the slot who abandoned, mean per replication */
  abandonedPerReplication: number;
  /** the same as abandonedPerReplication (the older name; a mean per replication, not a total) */
  abandoned: number;
  /** share of the slot's arrivals received at the door on arrival (docs/engine.md, Modes) */
  receivedShare: number;
  /** share of the slot's arrivals escorted one-on-one to their zone */
  escortedShare: number;
  /** staff-minutes pulled from their own post by rotating backfill, mean per replication */
  pulledMinutesPerReplication: number;
  /** unreceived customers who took the wrong queue, mean per replication */
  misroutesPerReplication: number;
  /** misrouted customers sent on to the right zone, mean per replication */
  transfersPerReplication: number;
}

/** Reception at the door, the whole run (docs/engine.md, "Modes: reception, backfill and misroutes"). */
export interface ReceptionSummary {
  receivedShare: number;
  escortedShare: number;
  pulledMinutesPerReplication: number;
  misroutesPerReplication: number;
  transfersPerReplication: number;
  /** totals over all replications */
  received: number;
  escorted: number;
  misroutes: number;
  transfers: number;
}

/** Which numbers of the report are totals over all replications and which are means per replication. */
export const REPORT_UNITS = {
  time: 'minutes',
  rates: 'arrivalsPerHour: customers per hour',
  totalsOverReplications: [
    'arrivals',
    'served',
    'abandoned',
    'turnedAway',
    'inSystemAtEnd',
    'events',
    'byBusinessType[].arrivals',
    'byBusinessType[].served',
    'byBusinessType[].abandoned',
    'byBusinessType[].turnedAway',
    'byBusinessType[].inSystemAtEnd',
    'modes.rotatingArrivals',
    'modes.escortedOneOnOne',
    'modes.backupEscorts',
    'reception.received',
    'reception.escorted',
    'reception.misroutes',
    'reception.transfers',
  ],
  meansPerReplication: [
    'perReplication.*',
    'byBusinessType[].perReplication.*',
    'perSlot[].arrivalsPerReplication',
    'perSlot[].servedPerReplication',
    'perSlot[].abandonedPerReplication',
    'perSlot[].abandoned',
    'perSlot[].pulledMinutesPerReplication',
    'perSlot[].misroutesPerReplication',
    'perSlot[].transfersPerReplication',
    'reception.pulledMinutesPerReplication',
    'reception.misroutesPerReplication',
    'reception.transfersPerReplication',
    'staff[].presentMinutesPerReplication',
    'modes.fixedMinutesPerReplication',
    'modes.rotatingMinutesPerReplication',
    'backfill[].actionsPerReplication',
    'backfill[].returnsPerReplication',
    'queueAtEnd',
  ],
  pooledOverReplications:
    'shares, rates and mean waits are pooled over every replication (e.g. total wait ÷ customers); *Ci95 intervals come from the spread of the per-replication values',
} as const;
export type ReportUnits = typeof REPORT_UNITS;

export interface SimulationReport extends GroupSummary {
  scenario: string;
  outlet: string | null;
  seed: number;
  replications: number;
  horizonMinutes: number;
  warmupMinutes: number;
  /** which counts are totals over replications and which are means per replication */
  units: ReportUnits;
  /** mean wait of the customers who reached a counter (all types; abandoned ones left out) */
  servedWaitMinutes: number;
  servedWaitMinutesCi95: Interval;
  /** busy staff-minutes / present staff-minutes, all staff */
  utilisation: number;
  utilisationCi95: Interval;
  /** events handled, all replications */
  events: number;
  byBusinessType: BusinessTypeSummary[];
  staff: Array<{
    id: string;
    name: string | null;
    role: string;
    home: string;
    /** true for the people a zone's `staffing` plan puts on duty */
    planned: boolean;
    utilisation: number;
    utilisationCi95: Interval;
    presentMinutesPerReplication: number;
  }>;
  posts: Array<{ id: string; utilisation: number; meanQueueLength: number }>;
  perSlot: SlotSummary[];
  modes: {
    fixedMinutesPerReplication: number;
    rotatingMinutesPerReplication: number;
    rotatingArrivals: number;
    escortedOneOnOne: number;
    /** share of arrivals in rotating mode escorted one-on-one (by the welcome post or a backup) */
    escortedShare: number;
    /** escorts by a backup pulled from their own post (a part of escortedOneOnOne) */
    backupEscorts: number;
  };
  reception: ReceptionSummary;
  backfill: Array<{
    rule: string;
    post: string;
    actionsPerReplication: number;
    returnsPerReplication: number;
  }>;
  /** customers waiting when the run stopped, mean per replication */
  queueAtEnd: number;
  warnings: string[];
}

export class Aggregator {
  declare readonly layout: L.Layout;
  private n = 0;
  declare private readonly cnt: Float64Array;
  declare private readonly mean: Float64Array;
  declare private readonly m2: Float64Array;
  declare private readonly sum: Float64Array;
  declare readonly hist: Float64Array;

  constructor(readonly model: Model) {
    this.layout = L.layoutOf(model);
    const size = this.layout.size;
    this.cnt = new Float64Array(size);
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.hist = new Float64Array(this.layout.groups * HIST_BUCKETS);
  }

  get replications(): number {
    return this.n;
  }

  /** Adds one replication; call in replication order for bit-identical results. */
  add(vec: Float64Array): void {
    this.n++;
    const { cnt, mean, m2, sum } = this;
    for (let i = 0; i < vec.length; i++) {
      const x = vec[i]!;
      if (Number.isNaN(x)) continue;
      const k = cnt[i]! + 1;
      cnt[i] = k;
      sum[i] = sum[i]! + x;
      const d = x - mean[i]!;
      const mu = mean[i]! + d / k;
      mean[i] = mu;
      m2[i] = m2[i]! + d * (x - mu);
    }
  }

  /** Adds a pooled histogram (integer counts; any order). */
  addHistogram(h: Float64Array): void {
    for (let i = 0; i < h.length; i++) this.hist[i] = this.hist[i]! + h[i]!;
  }

  private half(i: number): number | null {
    const k = this.cnt[i]!;
    if (k < 2) return null;
    return (tQuantile975(k - 1) * Math.sqrt(this.m2[i]! / (k - 1))) / Math.sqrt(k);
  }

  private ci(i: number, center: number): Interval {
    const h = this.half(i);
    return h === null || !Number.isFinite(center) ? null : [center - h, center + h];
  }

  private ratio(a: number, b: number): number {
    const d = this.sum[b]!;
    return d > 0 ? this.sum[a]! / d : Number.NaN;
  }

  private group(g: number): GroupSummary {
    const o = g * L.G_FIELDS;
    const s = this.sum;
    const n = Math.max(1, this.n);
    const hb = g * HIST_BUCKETS;
    const waitN = s[o + L.G_WAITN]!;
    const mean = this.ratio(o + L.G_WAITSUM, o + L.G_WAITN);
    const p50 = histQuantile(this.hist, hb, waitN, 0.5);
    const p90 = histQuantile(this.hist, hb, waitN, 0.9);
    const p95 = histQuantile(this.hist, hb, waitN, 0.95);
    const left = s[o + L.G_SERVED]! + s[o + L.G_ABAND]! + s[o + L.G_TURNED]!;
    const abandonRate = left > 0 ? (s[o + L.G_ABAND]! + s[o + L.G_TURNED]!) / left : Number.NaN;
    const pWait = this.ratio(o + L.G_WAITED, o + L.G_WAITN);
    const sl = this.ratio(o + L.G_WITHIN, o + L.G_WAITN);
    return {
      arrivals: s[o + L.G_ARR]!,
      served: s[o + L.G_SERVED]!,
      abandoned: s[o + L.G_ABAND]!,
      turnedAway: s[o + L.G_TURNED]!,
      inSystemAtEnd: s[o + L.G_INSYS]!,
      perReplication: {
        arrivals: s[o + L.G_ARR]! / n,
        served: s[o + L.G_SERVED]! / n,
        abandoned: s[o + L.G_ABAND]! / n,
      },
      abandonRate,
      abandonRateCi95: this.ci(o + L.G_ABRATE, abandonRate),
      waitMinutes: {
        mean,
        p50,
        p90,
        p95,
        ci95: this.ci(o + L.G_MEAN, mean),
        percentileCi95: {
          p50: this.ci(o + L.G_P50, p50),
          p90: this.ci(o + L.G_P90, p90),
          p95: this.ci(o + L.G_P95, p95),
        },
      },
      pWait,
      pWaitCi95: this.ci(o + L.G_PWAIT, pWait),
      serviceLevel: sl,
      serviceLevelCi95: this.ci(o + L.G_SL, sl),
    };
  }

  report(meta: { seed: number; warnings?: string[] }): SimulationReport {
    const m = this.model;
    const sc = m.scenario;
    const lay = this.layout;
    const s = this.sum;
    const n = Math.max(1, this.n);
    const T = m.nTypes;
    const clock = (min: number) => {
      const t = m.openMinute + min;
      return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    };
    let busy = 0;
    let pres = 0;
    for (let i = 0; i < m.nStaff; i++) {
      busy += s[lay.staffBase + i * L.S_FIELDS + L.S_BUSY]!;
      pres += s[lay.staffBase + i * L.S_FIELDS + L.S_PRES]!;
    }
    const util = pres > 0 ? busy / pres : Number.NaN;
    const mb = lay.modeBase;
    const warnings = [...m.warnings, ...(meta.warnings ?? [])];
    const queueAtEnd = s[lay.miscBase + L.X_QUEUE_END]! / n;
    const growing = sc.businessTypes.every((b) => b.patience === undefined);
    if (queueAtEnd > 50 && growing && !m.drain)
      warnings.push(
        `on average ${Math.round(queueAtEnd)} customers were still waiting at the end of the horizon: load exceeds capacity and queues grow without bound`,
      );
    if (s[T * L.G_FIELDS + L.G_TURNED]! > 0)
      warnings.push(
        `customers were turned away because the lobby held ${m.lobbyCapacity} people (lobbyCapacity)`,
      );
    // the wait of served customers, from the per-slot sums (every wait lands in one slot)
    let servedWaitSum = 0;
    let servedWaitN = 0;
    for (let k = 0; k < m.slotsPerDay; k++) {
      const o = lay.slotBase + k * lay.slotStride;
      servedWaitSum += s[o + L.SL_WSUM]! - s[o + L.SL_ABWSUM]!;
      servedWaitN += s[o + L.SL_WN]! - s[o + L.SL_ABAND]!;
    }
    const servedWait = servedWaitN > 0 ? servedWaitSum / servedWaitN : Number.NaN;
    const rc = [0, 0, 0, 0, 0, 0];
    for (let k = 0; k < m.slotsPerDay; k++) {
      const o = lay.slotBase + k * lay.slotStride;
      rc[0]! += s[o + L.SL_ARR]!;
      rc[1]! += s[o + L.SL_RECEIVED]!;
      rc[2]! += s[o + L.SL_ESCORTED]!;
      rc[3]! += s[o + L.SL_PULLED]!;
      rc[4]! += s[o + L.SL_MISROUTED]!;
      rc[5]! += s[o + L.SL_TRANSFERRED]!;
    }
    const share = (a: number) => (rc[0]! > 0 ? a / rc[0]! : Number.NaN);
    const reception: ReceptionSummary = {
      receivedShare: share(rc[1]!),
      escortedShare: share(rc[2]!),
      pulledMinutesPerReplication: rc[3]! / n,
      misroutesPerReplication: rc[4]! / n,
      transfersPerReplication: rc[5]! / n,
      received: rc[1]!,
      escorted: rc[2]!,
      misroutes: rc[4]!,
      transfers: rc[5]!,
    };
    return {
      scenario: sc.name,
      outlet: sc.outlet ?? null,
      seed: meta.seed,
      replications: this.n,
      horizonMinutes: m.horizon,
      warmupMinutes: m.warmup,
      units: REPORT_UNITS,
      ...this.group(T),
      servedWaitMinutes: servedWait,
      servedWaitMinutesCi95: this.ci(lay.miscBase + L.X_SERVED_WAIT, servedWait),
      utilisation: util,
      utilisationCi95: this.ci(lay.miscBase + L.X_UTIL, util),
      events: s[lay.miscBase + L.X_EVENTS]!,
      byBusinessType: sc.businessTypes.map((b, i) => ({
        id: b.id,
        name: b.name ?? null,
        targetWaitMinutes: b.targetWaitMinutes,
        ...this.group(i),
      })),
      staff: m.staff.map((p, i) => {
        const o = lay.staffBase + i * L.S_FIELDS;
        const u = this.ratio(o + L.S_BUSY, o + L.S_PRES);
        return {
          id: p.id,
          name: p.name,
          role: p.role,
          home: p.home,
          planned: p.planned,
          utilisation: u,
          utilisationCi95: this.ci(o + L.S_UTIL, u),
          presentMinutesPerReplication: s[o + L.S_PRES]! / n,
        };
      }),
      posts: m.postIds.map((id, p) => {
        const o = lay.postBase + p * L.P_FIELDS;
        return {
          id,
          utilisation: this.ratio(o + L.P_BUSY, o + L.P_PRES),
          meanQueueLength: this.mean[o + L.P_QAVG]!,
        };
      }),
      perSlot: Array.from({ length: m.slotsPerDay }, (_, k) => {
        const o = lay.slotBase + k * lay.slotStride;
        const time = s[o + L.SL_TIME]!;
        const servedN = s[o + L.SL_WN]! - s[o + L.SL_ABAND]!;
        const queueByPost: Record<string, number> = {};
        let q = 0;
        m.postIds.forEach((id, p) => {
          const v = time > 0 ? s[o + L.SL_FIELDS + p]! / time : Number.NaN;
          queueByPost[id] = v;
          q += v;
        });
        return {
          index: k,
          start: clock(k * m.slotMinutes),
          mode: m.slotMode[k] === MODE_ROTATING ? ('rotating' as const) : ('fixed' as const),
          arrivalsPerHour: time > 0 ? (s[o + L.SL_ARR]! / time) * 60 : Number.NaN,
          meanQueueLength: q,
          queueByPost,
          waitMinutes: this.ratio(o + L.SL_WSUM, o + L.SL_WN),
          servedWaitMinutes: servedN > 0 ? (s[o + L.SL_WSUM]! - s[o + L.SL_ABWSUM]!) / servedN : Number.NaN,
          pWait: this.ratio(o + L.SL_WAITED, o + L.SL_WN),
          serviceLevel: this.ratio(o + L.SL_WITHIN, o + L.SL_WN),
          arrivalsPerReplication: s[o + L.SL_ARR]! / n,
          servedPerReplication: s[o + L.SL_SERVED]! / n,
          abandonedPerReplication: s[o + L.SL_ABAND]! / n,
          abandoned: s[o + L.SL_ABAND]! / n,
          receivedShare: this.ratio(o + L.SL_RECEIVED, o + L.SL_ARR),
          escortedShare: this.ratio(o + L.SL_ESCORTED, o + L.SL_ARR),
          pulledMinutesPerReplication: s[o + L.SL_PULLED]! / n,
          misroutesPerReplication: s[o + L.SL_MISROUTED]! / n,
          transfersPerReplication: s[o + L.SL_TRANSFERRED]! / n,
        };
      }),
      modes: {
        fixedMinutesPerReplication: s[mb + L.M_FIXED]! / n,
        rotatingMinutesPerReplication: s[mb + L.M_ROT]! / n,
        rotatingArrivals: s[mb + L.M_ROT_ARR]!,
        escortedOneOnOne: s[mb + L.M_ESCORTED]!,
        escortedShare: this.ratio(mb + L.M_ESCORTED, mb + L.M_ROT_ARR),
        backupEscorts: s[mb + L.M_BACKUP_ESCORTS]!,
      },
      reception,
      backfill: m.rules.map((r) => ({
        rule: r.label,
        post: m.postIds[r.post]!,
        actionsPerReplication: s[lay.ruleBase + r.index * L.R_FIELDS + L.R_ACTIONS]! / n,
        returnsPerReplication: s[lay.ruleBase + r.index * L.R_FIELDS + L.R_RETURNS]! / n,
      })),
      queueAtEnd,
      warnings,
    };
  }
}
