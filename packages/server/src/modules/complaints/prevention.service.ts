import { DAY_MS } from '@liangdian/engine/time';
import type {
  AccountabilityRule,
  AccountabilityRulesPut,
  Page,
  RiskControls,
  RiskControlsPut,
  RiskListQuery,
  RiskScenario,
  ScorecardQuery,
  ScorecardRow,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, type FieldProblem } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './complaints.repository';
import {
  codeNames,
  onePage,
  presentRisk,
  presentRule,
  presentScore,
  rulesForAudit,
} from './insights.presenter';

/**
 * Prevention (high-risk scenarios: business category × cause, with the controls the branch sets
 * for them) and accountability (points per complaint by responsibility and severity; monthly
 * scorecards of outlets and people).
 */
export class PreventionService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  // ---------------------------------------------------------------- high-risk scenarios
  /** Category × cause, ranked by complaints received over the last `days` days. */
  async risks(actor: Actor, f: RiskListQuery): Promise<Page<RiskScenario>> {
    await this.guard.listScope(actor, f.outletId);
    const since = new Date(this.clock.now().getTime() - f.days * DAY_MS).toISOString();
    const [codes, counts, controls] = await Promise.all([
      repo.listCodes(this.db),
      repo.countCategoryCause(this.db, {
        branchId: actor.branchId,
        onlyOutletId: actor.outletId,
        outletId: f.outletId,
        since,
      }),
      repo.listControls(this.db, actor.branchId),
    ]);
    const names = codeNames(codes);
    const ctl = new Map(controls.map((c) => [`${c.category_code}:${c.cause_code}`, c]));
    const ranked = counts
      .sort(
        (a, b) =>
          b.n - a.n ||
          a.category_code.localeCompare(b.category_code) ||
          a.cause_code.localeCompare(b.cause_code),
      )
      .map((r, i) => presentRisk(names, i + 1, r, ctl.get(`${r.category_code}:${r.cause_code}`)));
    return onePage(ranked, f);
  }

  async putControls(actor: Actor, body: RiskControlsPut): Promise<RiskControls> {
    this.guard.require(actor, 'complaints.prevention');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
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

  // ---------------------------------------------------------------- accountability
  async rules(): Promise<AccountabilityRule[]> {
    return (await repo.listRules(this.db)).map(presentRule);
  }

  async putRules(actor: Actor, rules: AccountabilityRulesPut['rules']): Promise<AccountabilityRule[]> {
    this.guard.require(actor, 'complaints.prevention');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const before = await repo.listRules(trx);
      for (const r of rules) await repo.setRule(trx, r.responsibility, r.severity, r.points, now);
      const after = (await repo.listRules(trx)).map(presentRule);
      return [
        after,
        {
          action: 'update',
          entityType: 'accountability_rules',
          entityId: 'points',
          before: rulesForAudit(before),
          after: rulesForAudit(after),
        },
      ];
    });
  }

  /** Monthly scorecard per outlet or per person, ranked (fewest points first: points are deductions). */
  async scorecard(actor: Actor, f: ScorecardQuery): Promise<Page<ScorecardRow>> {
    await this.guard.listScope(actor, f.outletId);
    const rows = await repo.scorecard(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId: f.outletId, month: f.month },
      f.by,
    );
    const ranked = rows
      .sort((a, b) => a.points - b.points || a.complaints - b.complaints || a.code.localeCompare(b.code))
      .map((r, i) => presentScore(i + 1, r));
    return onePage(ranked, f);
  }
}
