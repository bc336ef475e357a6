import { z } from 'zod';
import { RESPONSIBILITIES, SEVERITIES } from '../complaints';
import { BilingualName, Id, itemsOf, PageQuery } from './common';
import { complaintEndpoints as e } from './complaint-fields';
import { dayRange, LowerCode, names, required, scenarioCodes } from './fields';

/**
 * Complaint insights: the statistics (Art. 26), the regulator-style report (JR/T 0169-2018),
 * prevention (high-risk scenarios and their controls) and accountability (points and monthly
 * scorecards).
 */

// ---------------------------------------------------------------- fields
/** A code of the JR/T 0169 code tables (channel, category, cause). */
const ComplaintCodeField = LowerCode;

// ---------------------------------------------------------------- views
export const ComplaintStatsBucket = z.object({
  key: z.string(),
  ...names,
  count: z.number().int(),
});
export const ComplaintStats = z.object({
  total: z.number().int(),
  decided: z.number().int(),
  /** decided and told within the deadline (Art. 18) */
  onTime: z.number().int(),
  /** Art. 18 missed: decided late; decided in time but the complainant told late */
  lateDecision: z.number().int(),
  lateInform: z.number().int(),
  /** on time ÷ (on time + late), 0…1: of the cases judged; null while none is */
  onTimeRate: z.number().nullable(),
  meanDaysToDecision: z.number().nullable(),
  byChannel: z.array(ComplaintStatsBucket),
  byCategory: z.array(ComplaintStatsBucket),
  byCause: z.array(ComplaintStatsBucket),
  byOutlet: z.array(ComplaintStatsBucket),
  byMonth: z.array(ComplaintStatsBucket),
  /**
   * Art. 33, of the complaints received in the range: those transferred by the regulator, and of
   * them the ones forwarded late (after 7 working days, or not forwarded and past it).
   */
  forwarding: z.object({ regulatorCases: z.number().int(), late: z.number().int() }),
});
export const ComplaintReportRow = z.object({
  ...scenarioCodes,
  channel: z.string(),
  channelName: BilingualName,
  count: z.number().int(),
});
/** The report: every row (a page shows some of them) and the total of all rows (合计). */
export const ComplaintReport = itemsOf(ComplaintReportRow).extend({ total: z.number().int() });
export type ComplaintReport = z.infer<typeof ComplaintReport>;
export const RiskScenario = z.object({
  rank: z.number().int(),
  ...scenarioCodes,
  count: z.number().int(),
  controls: z.array(z.string()),
  controlsUpdatedAt: z.string().nullable(),
});
export const RiskControls = z.object({
  category: z.string(),
  cause: z.string(),
  controls: z.array(z.string()),
  updatedAt: z.string(),
});
export const AccountabilityRule = z.object({
  responsibility: z.string(),
  severity: z.string(),
  points: z.number().int(),
  updatedAt: z.string(),
});
export const ScorecardRow = z.object({
  rank: z.number().int(),
  key: z.string(),
  code: z.string(),
  name: z.string(),
  outletName: z.string(),
  complaints: z.number().int(),
  points: z.number().int(),
});
export type ComplaintStatsBucket = z.infer<typeof ComplaintStatsBucket>;
export type ComplaintStats = z.infer<typeof ComplaintStats>;
export type ComplaintReportRow = z.infer<typeof ComplaintReportRow>;
export type RiskScenario = z.infer<typeof RiskScenario>;
export type RiskControls = z.infer<typeof RiskControls>;
export type AccountabilityRule = z.infer<typeof AccountabilityRule>;
export type ScorecardRow = z.infer<typeof ScorecardRow>;

// ---------------------------------------------------------------- requests
export const ComplaintStatsQuery = z.object({
  /** received on or after / on or before these Beijing dates */
  ...dayRange,
  outletId: Id.optional(),
});
export const RiskListQuery = PageQuery.extend({
  days: z.coerce.number().int().min(1).max(366).default(90),
  outletId: Id.optional(),
});
export const RiskControlsPut = z
  .object({
    category: ComplaintCodeField,
    cause: ComplaintCodeField,
    controls: z.array(required(500)).max(30),
  })
  .strict();
export const AccountabilityRulesPut = z
  .object({
    rules: z
      .array(
        z.object({
          responsibility: z.enum(RESPONSIBILITIES),
          severity: z.enum(SEVERITIES),
          points: z.number().int().min(0).max(1000),
        }),
      )
      .min(1)
      .max(9),
  })
  .strict();
export const ScorecardQuery = PageQuery.extend({
  /** `YYYY-MM`: the month complaints were decided in */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  by: z.enum(['outlet', 'staff']).default('outlet'),
  outletId: Id.optional(),
});
export type ComplaintStatsQuery = z.infer<typeof ComplaintStatsQuery>;
export type RiskListQuery = z.infer<typeof RiskListQuery>;
export type RiskControlsPut = z.infer<typeof RiskControlsPut>;
export type AccountabilityRulesPut = z.infer<typeof AccountabilityRulesPut>;
export type ScorecardQuery = z.infer<typeof ScorecardQuery>;

// ---------------------------------------------------------------- endpoints

export const insightsApi = {
  // the .xlsx: one row per dimension and value, and the totals
  complaintStats: e.get(
    '/complaints/stats',
    'Counts by channel, category, cause, outlet and month; on-time rate; mean days to decision',
    { query: ComplaintStatsQuery, response: ComplaintStats, exportable: true },
  ),
  complaintReport: e.get(
    '/complaints/report',
    'Regulator-style report: category × cause × channel (JR/T 0169-2018)',
    { query: ComplaintStatsQuery, response: ComplaintReport, exportable: true },
  ),
  listRisks: e.pagedList(
    '/complaints/risks',
    'High-risk scenarios (category × cause) ranked over the last N days, with their controls',
    RiskScenario,
    { query: RiskListQuery },
  ),
  putRiskControls: e.put('/complaints/risk-controls', 'Set the controls of a scenario (admin, cp_officer)', {
    body: RiskControlsPut,
    response: RiskControls,
  }),
  listAccountabilityRules: e.get(
    '/complaints/accountability/rules',
    'Points per complaint by responsibility and severity',
    { response: itemsOf(AccountabilityRule) },
  ),
  putAccountabilityRules: e.put('/complaints/accountability/rules', 'Edit the points (admin, cp_officer)', {
    body: AccountabilityRulesPut,
    response: itemsOf(AccountabilityRule),
  }),
  listScorecards: e.pagedList(
    '/complaints/accountability/scorecards',
    'Monthly scorecard per outlet or person, ranked (fewest points first)',
    ScorecardRow,
    { query: ScorecardQuery },
  ),
} as const;
