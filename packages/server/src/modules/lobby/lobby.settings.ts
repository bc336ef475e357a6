import { DEFAULT_OUTLET_DAYS, type OutletDays } from '@liangdian/engine';
import { beijingWeekSlot } from '@liangdian/engine/time';
import { type LobbyMode, SLOTS_PER_DAY } from '@liangdian/shared';
import type { LobbySettings, ModeObjectivePut, ModePlan } from '@liangdian/shared/api';
import type { SettingsRow } from './lobby.repository';
import type { ElasticThresholds } from './prompts/elastic.rules';
import type { BackfillRule } from './prompts/prompt.rules';

/**
 * An outlet's lobby set-up as the concerns read it from its settings row (pure): the targets
 * with their defaults, the weekly mode plan and the mode it gives at an instant, the backfill
 * rules.
 */
export const DEFAULT_SETTINGS = { serviceLevelTarget: 0.8, targetWaitMinutes: 10, promptTimeoutSeconds: 60 };

/**
 * The elastic-window prompt's thresholds (prompts/elastic.rules.ts): arrivals of the half hour
 * 30 % above the forecast and at least 5 customers (the wait limit is `targetWaitMinutes`).
 */
export const DEFAULT_ELASTIC: ElasticThresholds = { enabled: true, surgeShare: 0.3, minArrivals: 5 };

export const presentSettings = (row: SettingsRow | undefined, outletId: string): LobbySettings =>
  row
    ? {
        outletId,
        serviceLevelTarget: row.service_level_target,
        targetWaitMinutes: row.target_wait_minutes,
        promptTimeoutSeconds: row.prompt_timeout_seconds,
        modeObjective: objectiveOf(row),
        ...outletDaysOf(row),
        elastic: elasticOf(row),
      }
    : {
        outletId,
        ...DEFAULT_SETTINGS,
        modeObjective: null,
        ...outletDaysOf(undefined),
        elastic: { ...DEFAULT_ELASTIC },
      };

/** The outlet's elastic-window thresholds; absent: the defaults. */
export const elasticOf = (row: SettingsRow | undefined): ElasticThresholds =>
  row?.elastic_json ? (JSON.parse(row.elastic_json) as ElasticThresholds) : { ...DEFAULT_ELASTIC };

/** The outlet's own weights for "recommend" (null: the engine's defaults). */
export const objectiveOf = (row: SettingsRow | undefined): ModeObjectivePut | null =>
  row?.mode_objective_json ? (JSON.parse(row.mode_objective_json) as ModeObjectivePut) : null;

/** The outlet's pension days and paydays (the forecast's day types); absent: the defaults. */
export const outletDaysOf = (row: SettingsRow | undefined): { pensionDays: number[]; paydays: number[] } => ({
  pensionDays: row?.pension_days_json
    ? (JSON.parse(row.pension_days_json) as number[])
    : [...DEFAULT_OUTLET_DAYS.pensionDays],
  paydays: row?.paydays_json ? (JSON.parse(row.paydays_json) as number[]) : [...DEFAULT_OUTLET_DAYS.paydays],
});
export type { OutletDays };

export const planOf = (row: SettingsRow | undefined): ModePlan | null =>
  row?.mode_plan_json ? (JSON.parse(row.mode_plan_json) as ModePlan) : null;

export const rulesOf = (row: SettingsRow | undefined): BackfillRule[] =>
  row?.backfill_rules_json ? (JSON.parse(row.backfill_rules_json) as BackfillRule[]) : [];

export const defaultPlan = (): ModePlan => ({
  days: Array.from({ length: 7 }, () => Array.from({ length: SLOTS_PER_DAY }, () => 'fixed' as const)),
});

/** The plan's mode at an instant (Beijing half hour of the week); no plan: fixed. */
export function planMode(plan: ModePlan | null, ms: number): LobbyMode {
  if (!plan) return 'fixed';
  const { weekday, slot } = beijingWeekSlot(ms);
  return plan.days[weekday]?.[slot] ?? 'fixed';
}
