import { beijingDate, beijingDayStartMs, DAY_MS } from '@liangdian/engine/time';
import type { LobbyMode } from '@liangdian/shared';
import type {
  BackfillRules,
  LobbySettings,
  LobbySettingsPut,
  LobbyView,
  ModeOverride,
  ModePlan,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import { presentMode } from '../live/live.presenter';
import type { LiveLobby } from '../live/live-state';
import * as repo from '../lobby.repository';
import { DEFAULT_SETTINGS, defaultPlan, planMode, planOf, presentSettings, rulesOf } from '../lobby.settings';
import type { BackfillRule } from '../prompts/prompt.rules';
import { modeMessage, summarisePlan } from './setup.presenter';

/**
 * An outlet's lobby set-up (docs/lobby.md, "Modes", "Backfill rules"): the service-level target
 * and prompt time-out, the weekly mode plan, the manual mode override and the log of every
 * switch of the mode in force, the backfill rules. Changes are audited; each drops the outlet's
 * live state so that the board is rebuilt with it.
 */
export class SetupService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly live: LiveLobby,
    /** evaluates the outlet's backfill rules (after they changed) */
    private readonly evaluate: (outletId: string) => Promise<void>,
  ) {}

  // ---------------------------------------------------------------- settings
  async getSettings(actor: Actor, outletId: string): Promise<LobbySettings> {
    await this.guard.requireOutlet(actor, outletId);
    return presentSettings(await repo.findSettings(this.db, outletId), outletId);
  }

  /** Writes part of the settings row (defaults for a new row) in the caller's transaction. */
  private async writeSettings(trx: Q, outletId: string, now: Date, patch: Partial<repo.SettingsRow>) {
    const row = await repo.findSettings(trx, outletId);
    await repo.upsertSettings(trx, {
      outlet_id: outletId,
      service_level_target: row?.service_level_target ?? DEFAULT_SETTINGS.serviceLevelTarget,
      target_wait_minutes: row?.target_wait_minutes ?? DEFAULT_SETTINGS.targetWaitMinutes,
      prompt_timeout_seconds: row?.prompt_timeout_seconds ?? DEFAULT_SETTINGS.promptTimeoutSeconds,
      mode_plan_json: row?.mode_plan_json ?? null,
      backfill_rules_json: row?.backfill_rules_json ?? null,
      current_mode: row?.current_mode ?? null,
      mode_objective_json: row?.mode_objective_json ?? null,
      ...patch,
      updated_at: now.toISOString(),
    });
    return row;
  }

  async putSettings(actor: Actor, outletId: string, input: LobbySettingsPut): Promise<LobbySettings> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    const view = await this.live.change(actor, outletId, async (trx, now) => {
      const before = presentSettings(await repo.findSettings(trx, outletId), outletId);
      await this.writeSettings(trx, outletId, now, {
        service_level_target: input.serviceLevelTarget,
        target_wait_minutes: input.targetWaitMinutes,
        prompt_timeout_seconds: input.promptTimeoutSeconds,
        ...(input.pensionDays ? { pension_days_json: JSON.stringify(input.pensionDays) } : {}),
        ...(input.paydays ? { paydays_json: JSON.stringify(input.paydays) } : {}),
        ...(input.elastic ? { elastic_json: JSON.stringify(input.elastic) } : {}),
        // absent: unchanged; null or {}: back to the defaults
        ...(input.modeObjective === undefined
          ? {}
          : {
              mode_objective_json:
                input.modeObjective && Object.keys(input.modeObjective).length > 0
                  ? JSON.stringify(input.modeObjective)
                  : null,
            }),
      });
      const after = presentSettings(await repo.findSettings(trx, outletId), outletId);
      return [
        after,
        { action: 'update', entityType: 'lobby_settings', entityId: outletId, outletId, before, after },
        null,
      ];
    });
    this.live.forget(outletId);
    return view;
  }

  // ---------------------------------------------------------------- the mode plan
  async getModePlan(actor: Actor, outletId: string): Promise<ModePlan> {
    await this.guard.requireOutlet(actor, outletId);
    return planOf(await repo.findSettings(this.db, outletId)) ?? defaultPlan();
  }

  async putModePlan(actor: Actor, outletId: string, plan: ModePlan): Promise<ModePlan> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    await this.live.change(actor, outletId, async (trx, now) => {
      const row = await this.writeSettings(trx, outletId, now, { mode_plan_json: JSON.stringify(plan) });
      const old = planOf(row);
      return [
        null,
        {
          action: 'update',
          entityType: 'mode_plan',
          entityId: outletId,
          outletId,
          before: old ? summarisePlan(old) : null,
          after: summarisePlan(plan),
        },
        {
          kind: 'plan_changed',
          data: summarisePlan(plan),
          message: { 'zh-CN': '服务模式计划已更新', 'en-US': 'The mode plan was changed' },
        },
      ];
    });
    this.live.forget(outletId);
    await this.checkMode(outletId);
    return plan;
  }

  // ---------------------------------------------------------------- the mode in force
  /** Mode in force at `at`: a manual override, else the plan's slot (default fixed). */
  private async modeAt(q: Q, outletId: string, plan: ModePlan | null, at: Date) {
    const o = await repo.activeOverride(q, outletId, at.toISOString());
    return presentMode(o, planMode(plan, at.getTime()));
  }

  /** A manual mode until `until` (default: the end of the Beijing day), or back to the plan. */
  async overrideMode(actor: Actor, outletId: string, input: ModeOverride): Promise<LobbyView> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.operate');
    const st = await this.live.state(outletId);
    await this.live.change(actor, outletId, async (trx, now) => {
      const from = await this.modeAt(trx, outletId, st.plan, now);
      const nowIso = now.toISOString();
      let to: LobbyMode;
      if (input.mode === 'plan') {
        if (from.source !== 'override') throw new DomainError('MODE_OVERRIDE_NONE');
        await repo.clearOverrides(trx, outletId, nowIso);
        to = planMode(st.plan, now.getTime());
      } else {
        const until = input.until
          ? new Date(input.until).toISOString()
          : new Date(beijingDayStartMs(beijingDate(now)) + DAY_MS).toISOString();
        if (until <= nowIso)
          throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.until', code: 'IN_THE_PAST' }]);
        await repo.clearOverrides(trx, outletId, nowIso);
        await repo.insertOverride(trx, {
          id: newId(now.getTime()),
          outlet_id: outletId,
          mode: input.mode,
          reason: input.reason,
          from_at: nowIso,
          until_at: until,
          cleared_at: null,
          created_by: actor.userId,
        });
        to = input.mode;
      }
      await this.writeSettings(trx, outletId, now, { current_mode: to });
      const data = {
        from: from.mode,
        to,
        source: input.mode === 'plan' ? 'plan' : 'override',
        reason: input.reason,
        until: input.until ?? null,
      };
      return [
        null,
        {
          action: 'mode_switch',
          entityType: 'lobby_mode',
          entityId: outletId,
          outletId,
          before: { mode: from.mode },
          after: data,
        },
        { kind: 'mode_switch', data, message: modeMessage(from.mode, to, input.reason) },
      ];
    });
    return this.live.buildView(outletId, actor.locale);
  }

  /** Logs a change of the mode in force (a plan slot boundary, an override that ran out). */
  async checkMode(outletId: string): Promise<void> {
    const st = await this.live.state(outletId);
    const switched = await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const row = await repo.findSettings(trx, outletId);
      const m = await this.modeAt(trx, outletId, st.plan, now);
      const last = (row?.current_mode as LobbyMode | null) ?? null;
      if (last === m.mode) return false;
      await this.writeSettings(trx, outletId, now, { current_mode: m.mode });
      if (last === null && m.mode === 'fixed') return false; // the first day starts in the default mode
      const reason = m.source === 'plan' ? 'plan' : (m.reason ?? '');
      await this.live.log(trx, outletId, now, 'system', {
        kind: 'mode_switch',
        data: { from: last, to: m.mode, source: m.source, reason },
        message: modeMessage(last, m.mode, m.source === 'plan' ? null : reason),
      });
      return true;
    });
    if (switched) await this.live.afterChange(outletId);
  }

  // ---------------------------------------------------------------- backfill rules
  async getRules(actor: Actor, outletId: string): Promise<BackfillRules> {
    await this.guard.requireOutlet(actor, outletId);
    return { rules: rulesOf(await repo.findSettings(this.db, outletId)) };
  }

  async putRules(actor: Actor, outletId: string, input: BackfillRules): Promise<BackfillRules> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.configure');
    const rules = await this.checkRules(outletId, input);
    await this.live.change(actor, outletId, async (trx, now) => {
      const row = await this.writeSettings(trx, outletId, now, {
        backfill_rules_json: rules.length ? JSON.stringify(rules) : null,
      });
      return [
        null,
        {
          action: 'update',
          entityType: 'backfill_rules',
          entityId: outletId,
          outletId,
          before: row?.backfill_rules_json ? { rules: rulesOf(row) } : null,
          after: { rules },
        },
        {
          kind: 'rules_changed',
          data: { rules: rules.length },
          message: {
            'zh-CN': `补位规则已更新（${rules.length} 条）`,
            'en-US': `Backfill rules changed (${rules.length})`,
          },
        },
      ];
    });
    this.live.forget(outletId);
    await this.evaluate(outletId);
    return { rules };
  }

  /** The rules with their ids, or VALIDATION_FAILED naming every unknown post and staff member. */
  private async checkRules(outletId: string, input: BackfillRules): Promise<BackfillRule[]> {
    const posts = new Set(
      (await repo.postsWithZoneKind(this.db, outletId)).filter((p) => p.active).map((p) => p.id),
    );
    const staff = new Set((await repo.activeStaff(this.db, outletId)).map((s) => s.id));
    const fields: { field: string; code: string; params?: Record<string, string> }[] = [];
    const unknown = (field: string, value: string) =>
      fields.push({ field, code: 'UNKNOWN_REFERENCE', params: { value } });
    const rules: BackfillRule[] = input.rules.map((r, i) => {
      if (!posts.has(r.postId)) unknown(`body.rules.${i}.postId`, r.postId);
      r.backups.forEach((b, j) => {
        if (b.staffId && !staff.has(b.staffId)) unknown(`body.rules.${i}.backups.${j}.staffId`, b.staffId);
      });
      return { ...r, id: r.id ?? newId() };
    });
    if (new Set(rules.map((r) => r.id)).size !== rules.length)
      fields.push({ field: 'body.rules', code: 'DUPLICATE_ID' });
    if (fields.length) throw new DomainError('VALIDATION_FAILED', {}, fields);
    return rules;
  }
}
