import type {
  AccountabilityRule,
  ComplaintReportRow,
  ComplaintStatsBucket,
  RiskScenario,
  ScorecardRow,
} from '@liangdian/shared/api';
import type { DB } from '../../db/types';
import type { CodeRow } from './complaint-codes.repository';

/** Rows of the insights (statistics, report, prevention, accountability) → the contract's shapes. */

export interface BilingualName {
  zh: string;
  en: string;
}

/** The names of the JR/T 0169 codes (channel, category, cause); an unknown code is its own name. */
export type CodeNames = (kind: string, code: string) => BilingualName;

export function codeNames(codes: CodeRow[]): CodeNames {
  const m = new Map<string, BilingualName>();
  for (const c of codes) m.set(`${c.kind}:${c.code}`, { zh: c.name_zh, en: c.name_en });
  return (kind, code) => m.get(`${kind}:${code}`) ?? { zh: code, en: code };
}

/** A count per code, named, largest first. */
export function namedBuckets(
  names: CodeNames,
  kind: string,
  counts: { kind: string; code: string; n: number }[],
): ComplaintStatsBucket[] {
  return counts
    .filter((r) => r.kind === kind && r.n > 0)
    .map((r) => {
      const n = names(kind, r.code);
      return { key: r.code, nameZh: n.zh, nameEn: n.en, count: r.n };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export const presentReportRow = (
  names: CodeNames,
  r: { category_code: string; cause_code: string; channel_code: string; n: number },
): ComplaintReportRow => ({
  category: r.category_code,
  categoryName: names('category', r.category_code),
  cause: r.cause_code,
  causeName: names('cause', r.cause_code),
  channel: r.channel_code,
  channelName: names('channel', r.channel_code),
  count: r.n,
});

export const presentRisk = (
  names: CodeNames,
  rank: number,
  r: { category_code: string; cause_code: string; n: number },
  controls: DB['risk_controls'] | undefined,
): RiskScenario => ({
  rank,
  category: r.category_code,
  categoryName: names('category', r.category_code),
  cause: r.cause_code,
  causeName: names('cause', r.cause_code),
  count: r.n,
  controls: controls ? (JSON.parse(controls.controls_json) as string[]) : [],
  controlsUpdatedAt: controls?.updated_at ?? null,
});

export const presentRule = (r: DB['accountability_rules']): AccountabilityRule => ({
  responsibility: r.responsibility,
  severity: r.severity,
  points: r.points,
  updatedAt: r.updated_at,
});

/** How the audit log keeps the points: `full/serious=6` each. */
export const rulesForAudit = (rules: { responsibility: string; severity: string; points: number }[]) => ({
  rules: rules.map((r) => `${r.responsibility}/${r.severity}=${r.points}`),
});

export const presentScore = (
  rank: number,
  r: { key: string; code: string; name: string; outlet_name?: string; complaints: number; points: number },
): ScorecardRow => ({
  rank,
  key: r.key,
  code: r.code,
  name: r.name,
  outletName: r.outlet_name ?? r.name,
  complaints: r.complaints,
  points: r.points,
});

/** One page of a list ranked in memory. */
export function onePage<T>(all: T[], f: { page: number; pageSize: number }) {
  const start = (f.page - 1) * f.pageSize;
  return {
    items: all.slice(start, start + f.pageSize),
    total: all.length,
    page: f.page,
    pageSize: f.pageSize,
  };
}
