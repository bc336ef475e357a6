import { addDays, shanghaiDate } from '@liangdian/engine';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, type FieldProblem, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import { type Actor, complaintPolicy } from '../access/policy';
import * as repo from './complaints.repository';
import * as stats from './complaints.stats.repository';
import type { StatsQuery } from './complaints.schemas';
import type { ComplaintsService } from './complaints.service';

export interface Bucket {
  key: string;
  nameZh: string;
  nameEn: string;
  count: number;
}

/** Statistics (Art. 26), the regulator-style report, prevention (high-risk scenarios) and accountability. */
export class ComplaintInsightsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsService,
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

  private filter(actor: Actor, f: StatsQuery): repo.StatsFilterRow {
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      outletId: f.outletId,
      fromDate: f.from,
      toDate: f.to,
    };
  }

  private async codeNames() {
    const codes = await repo.listCodes(this.db);
    const m = new Map<string, { zh: string; en: string }>();
    for (const c of codes) m.set(`${c.kind}:${c.code}`, { zh: c.name_zh, en: c.name_en });
    return (kind: string, code: string) => m.get(`${kind}:${code}`) ?? { zh: code, en: code };
  }

  /**
   * Statistics of the complaints received in a date range. Totals, outlets and months come from
   * the daily statistics (complaint_daily_stats), channel, category and cause from the daily
   * code counts of the branch, or for one outlet from its complaints (a covering index).
   */
  async stats(actor: Actor, f: StatsQuery) {
    const filter = this.filter(actor, f);
    const outletId = filter.onlyOutletId ?? filter.outletId;
    const otherOutlet = !!filter.onlyOutletId && !!filter.outletId && filter.onlyOutletId !== filter.outletId;
    const codeCounts = async (): Promise<{ kind: string; code: string; n: number }[]> => {
      if (otherOutlet) return [];
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
    };
    const [names, outlets, days, codes] = await Promise.all([
      this.codeNames(),
      repo.outletsOfBranch(this.db, actor.branchId),
      stats.dailyTotals(this.db, filter),
      codeCounts(),
    ]);
    const totals = { total: 0, decided: 0, onTime: 0, days: 0 };
    const perOutlet = new Map<string, number>();
    const perMonth = new Map<string, number>();
    for (const r of days) {
      totals.total += r.complaints;
      totals.decided += r.decided;
      totals.onTime += r.onTime;
      totals.days += r.decisionDays;
      perOutlet.set(r.outletId, (perOutlet.get(r.outletId) ?? 0) + r.complaints);
      perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.complaints);
    }
    const counted = (m: Map<string, number>) =>
      [...m.entries()].filter(([, n]) => n > 0).map(([key, n]) => ({ key, n }));
    const outletName = new Map(outlets.map((o) => [o.id, o.name]));
    const named = (kind: string): Bucket[] =>
      codes
        .filter((r) => r.kind === kind && r.n > 0)
        .map((r) => {
          const n = names(kind, r.code);
          return { key: r.code, nameZh: n.zh, nameEn: n.en, count: r.n };
        })
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return {
      total: totals.total,
      decided: totals.decided,
      onTime: totals.onTime,
      onTimeRate: totals.decided ? totals.onTime / totals.decided : null,
      meanDaysToDecision: totals.decided ? totals.days / totals.decided : null,
      byChannel: named('channel'),
      byCategory: named('category'),
      byCause: named('cause'),
      byOutlet: counted(perOutlet)
        .map((r) => ({
          key: r.key,
          nameZh: outletName.get(r.key) ?? r.key,
          nameEn: outletName.get(r.key) ?? r.key,
          count: r.n,
        }))
        .sort((a, b) => b.count - a.count),
      byMonth: counted(perMonth)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => ({ key: r.key, nameZh: r.key, nameEn: r.key, count: r.n })),
    };
  }

  /** The regulator-style report: counts by business category × cause × channel (JR/T 0169-2018). */
  async report(actor: Actor, f: StatsQuery) {
    const [names, rows] = await Promise.all([
      this.codeNames(),
      repo.countByThree(this.db, this.filter(actor, f)),
    ]);
    return rows
      .map((r) => ({
        category: r.category_code,
        categoryName: names('category', r.category_code),
        cause: r.cause_code,
        causeName: names('cause', r.cause_code),
        channel: r.channel_code,
        channelName: names('channel', r.channel_code),
        count: r.n,
      }))
      .sort(
        (a, b) =>
          a.category.localeCompare(b.category) ||
          a.cause.localeCompare(b.cause) ||
          a.channel.localeCompare(b.channel),
      );
  }

  /** High-risk scenarios: business category × cause, ranked by complaints over the last `days` days. */
  async risks(actor: Actor, f: { page: number; pageSize: number; days: number; outletId?: string }) {
    const since = new Date(this.clock.now().getTime() - f.days * 86_400_000).toISOString();
    const [names, counts, controls] = await Promise.all([
      this.codeNames(),
      repo.countCategoryCause(this.db, {
        branchId: actor.branchId,
        onlyOutletId: actor.outletId,
        outletId: f.outletId,
        since,
      }),
      repo.listControls(this.db, actor.branchId),
    ]);
    const ctl = new Map(controls.map((c) => [`${c.category_code}:${c.cause_code}`, c]));
    const all = counts
      .sort(
        (a, b) =>
          b.n - a.n ||
          a.category_code.localeCompare(b.category_code) ||
          a.cause_code.localeCompare(b.cause_code),
      )
      .map((r, i) => {
        const c = ctl.get(`${r.category_code}:${r.cause_code}`);
        return {
          rank: i + 1,
          category: r.category_code,
          categoryName: names('category', r.category_code),
          cause: r.cause_code,
          causeName: names('cause', r.cause_code),
          count: r.n,
          controls: c ? (JSON.parse(c.controls_json) as string[]) : [],
          controlsUpdatedAt: c?.updated_at ?? null,
        };
      });
    const start = (f.page - 1) * f.pageSize;
    return {
      items: all.slice(start, start + f.pageSize),
      total: all.length,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  async putControls(actor: Actor, body: { category: string; cause: string; controls: string[] }) {
    if (!complaintPolicy.editsPrevention(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const problems: FieldProblem[] = [];
      if (!(await repo.findCode(trx, 'category', body.category)))
        problems.push({ field: 'body.category', code: 'UNKNOWN_CODE', params: { value: body.category } });
      if (!(await repo.findCode(trx, 'cause', body.cause)))
        problems.push({ field: 'body.cause', code: 'UNKNOWN_CODE', params: { value: body.cause } });
      if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
      const before = await repo.findControls(trx, actor.branchId, body.category, body.cause);
      await repo.upsertControls(trx, {
        id: newId(),
        branch_id: actor.branchId,
        category_code: body.category,
        cause_code: body.cause,
        controls_json: JSON.stringify(body.controls),
        updated_at: now,
      });
      const after = { category: body.category, cause: body.cause, controls: body.controls, updatedAt: now };
      return [
        after,
        {
          action: 'update',
          entityType: 'risk_controls',
          entityId: `${body.category}:${body.cause}`,
          before: before ? { controls: JSON.parse(before.controls_json) } : null,
          after,
        },
      ];
    });
  }

  async rules() {
    return (await repo.listRules(this.db)).map((r) => ({
      responsibility: r.responsibility,
      severity: r.severity,
      points: r.points,
      updatedAt: r.updated_at,
    }));
  }

  async putRules(actor: Actor, rules: { responsibility: string; severity: string; points: number }[]) {
    if (!complaintPolicy.editsPrevention(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const before = await repo.listRules(trx);
      for (const r of rules) await repo.setRule(trx, r.responsibility, r.severity, r.points, now);
      const after = (await repo.listRules(trx)).map((r) => ({
        responsibility: r.responsibility,
        severity: r.severity,
        points: r.points,
        updatedAt: r.updated_at,
      }));
      return [
        after,
        {
          action: 'update',
          entityType: 'accountability_rules',
          entityId: 'points',
          before: { rules: before.map((r) => `${r.responsibility}/${r.severity}=${r.points}`) },
          after: { rules: after.map((r) => `${r.responsibility}/${r.severity}=${r.points}`) },
        },
      ];
    });
  }

  /** Monthly scorecard per outlet or per person, ranked (fewest points first: points are deductions). */
  async scorecard(
    actor: Actor,
    f: { page: number; pageSize: number; month: string; by: 'outlet' | 'staff'; outletId?: string },
  ) {
    const rows = await repo.scorecard(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId: f.outletId, month: f.month },
      f.by,
    );
    const ranked = rows
      .sort((a, b) => a.points - b.points || a.complaints - b.complaints || a.code.localeCompare(b.code))
      .map((r, i) => ({
        rank: i + 1,
        key: r.key,
        code: r.code,
        name: r.name,
        outletName: 'outlet_name' in r ? (r.outlet_name as string) : r.name,
        complaints: r.complaints,
        points: r.points,
      }));
    const start = (f.page - 1) * f.pageSize;
    return {
      items: ranked.slice(start, start + f.pageSize),
      total: ranked.length,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /** Today's Beijing date, for callers that compute ranges. */
  today() {
    return shanghaiDate(this.clock.now());
  }
  daysAgo(n: number) {
    return addDays(this.today(), -n);
  }
}

export type StatsPage = Page<unknown>;
