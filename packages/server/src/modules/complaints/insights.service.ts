import { beijingDate } from '@liangdian/engine/time';
import type { ComplaintReport, ComplaintStats, ComplaintStatsQuery } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import type { Guard } from '../access/guard';
import { type Actor, policy } from '../access/policy';
import * as repo from './complaints.repository';
import * as stats from './complaints.stats.repository';
import { forwardingCounts } from './forwarding.repository';
import { codeNames, namedBuckets, presentReportRow } from './insights.presenter';

/**
 * Statistics (Art. 26) and the regulator-style report; prevention and accountability are in
 * prevention.service.ts.
 */
export class ComplaintInsightsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly clock: Clock,
  ) {}

  /**
   * Builds the daily statistics tables again from the complaints (an operator's repair, e.g. after
   * rows were changed by hand in the database), in one transaction.
   */
  async rebuildStatistics(): Promise<{ rows: number; complaints: number }> {
    return this.db.transaction().execute(async (trx) => {
      await stats.rebuildStats(trx);
      return stats.statsSize(trx);
    });
  }

  private filter(actor: Actor, f: ComplaintStatsQuery): repo.StatsFilterRow {
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      outletId: f.outletId,
      fromDate: f.from,
      toDate: f.to,
    };
  }

  /**
   * Statistics of the complaints received in a date range. Totals, outlets and months come from
   * the daily statistics (complaint_daily_stats), channel, category and cause from the daily
   * code counts of the branch, or for one outlet from its complaints (a covering index).
   */
  async stats(actor: Actor, f: ComplaintStatsQuery): Promise<ComplaintStats> {
    await this.guard.listScope(actor, f.outletId);
    const filter = this.filter(actor, f);
    const [codes, outlets, days, counts, forwarding] = await Promise.all([
      repo.listCodes(this.db),
      repo.outletsOfBranch(this.db, actor.branchId),
      stats.dailyTotals(this.db, filter),
      this.codeCounts(filter),
      forwardingCounts(this.db, filter, beijingDate(this.clock.now())),
    ]);
    const names = codeNames(codes);
    const totals = { total: 0, decided: 0, onTime: 0, days: 0, lateDecision: 0, lateInform: 0 };
    const perOutlet = new Map<string, number>();
    const perMonth = new Map<string, number>();
    for (const r of days) {
      totals.total += r.complaints;
      totals.decided += r.decided;
      totals.onTime += r.onTime;
      totals.days += r.decisionDays;
      totals.lateDecision += r.lateDecision;
      totals.lateInform += r.lateInform;
      perOutlet.set(r.outletId, (perOutlet.get(r.outletId) ?? 0) + r.complaints);
      perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.complaints);
    }
    const counted = (m: Map<string, number>) =>
      [...m.entries()].filter(([, n]) => n > 0).map(([key, n]) => ({ key, n }));
    const outletName = new Map(outlets.map((o) => [o.id, o.name]));
    // Art. 18 is judged once the complainant is told, or as soon as the decision is late
    const judged = totals.onTime + totals.lateDecision + totals.lateInform;
    return {
      total: totals.total,
      decided: totals.decided,
      onTime: totals.onTime,
      lateDecision: totals.lateDecision,
      lateInform: totals.lateInform,
      onTimeRate: judged ? totals.onTime / judged : null,
      meanDaysToDecision: totals.decided ? totals.days / totals.decided : null,
      byChannel: namedBuckets(names, 'channel', counts),
      byCategory: namedBuckets(names, 'category', counts),
      byCause: namedBuckets(names, 'cause', counts),
      byOutlet: counted(perOutlet)
        .map((r) => {
          const name = outletName.get(r.key) ?? r.key;
          return { key: r.key, nameZh: name, nameEn: name, count: r.n };
        })
        .sort((a, b) => b.count - a.count),
      byMonth: counted(perMonth)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => ({ key: r.key, nameZh: r.key, nameEn: r.key, count: r.n })),
      forwarding,
    };
  }

  /** Complaints per code kind and code: of the branch from the daily counts, of one outlet from its complaints. */
  private async codeCounts(
    filter: repo.StatsFilterRow,
  ): Promise<{ kind: string; code: string; n: number }[]> {
    const outletId = filter.onlyOutletId ?? filter.outletId;
    // an outlet user asking for another outlet sees nothing
    if (filter.onlyOutletId && filter.outletId && filter.onlyOutletId !== filter.outletId) return [];
    if (!outletId) return stats.dailyCodeCounts(this.db, filter);
    const counts = new Map<string, { kind: string; code: string; n: number }>();
    const add = (kind: string, code: string, n: number) => {
      const c = counts.get(`${kind}:${code}`);
      if (c) c.n += n;
      else counts.set(`${kind}:${code}`, { kind, code, n });
    };
    for (const r of await stats.codeCountsOfOutlet(this.db, { ...filter, outletId })) {
      add('channel', r.channel_code, r.n);
      add('category', r.category_code, r.n);
      add('cause', r.cause_code, r.n);
    }
    return [...counts.values()];
  }

  /**
   * The regulator-style report: counts by business category × cause × channel (JR/T 0169-2018),
   * every row, and their total (合计: of all rows, whatever page of them is shown).
   */
  async report(actor: Actor, f: ComplaintStatsQuery): Promise<ComplaintReport> {
    await this.guard.listScope(actor, f.outletId);
    const [codes, rows] = await Promise.all([
      repo.listCodes(this.db),
      repo.countByThree(this.db, this.filter(actor, f)),
    ]);
    const names = codeNames(codes);
    const items = rows
      .map((r) => presentReportRow(names, r))
      .sort(
        (a, b) =>
          a.category.localeCompare(b.category) ||
          a.cause.localeCompare(b.cause) ||
          a.channel.localeCompare(b.channel),
      );
    return { items, total: items.reduce((n, r) => n + r.count, 0) };
  }

  /** The name of an outlet the actor sees (for the filter line of an export); undefined otherwise. */
  async outletName(actor: Actor, outletId: string | undefined): Promise<string | undefined> {
    if (!outletId) return undefined;
    const o = await repo.findOutlet(this.db, outletId);
    return o && policy.seesOutlet(actor, o) ? o.name : undefined;
  }
}
