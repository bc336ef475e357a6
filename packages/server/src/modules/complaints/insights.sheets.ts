import type {
  ComplaintReport,
  ComplaintReportRow,
  ComplaintStats,
  ComplaintStatsBucket,
  RiskScenario,
  ScorecardRow,
} from '@liangdian/shared/api';
import { type FilterLabel, label, sheet } from '../../http/sheet';
import type { Locale } from '../../lib/messages';
import type { BilingualName } from './insights.presenter';

/** The .xlsx columns of the statistics, the regulator report, the risks and the scorecards. */

const named = (n: BilingualName, l: Locale) => (l === 'zh-CN' ? n.zh : n.en);

/** The outlet filter, shown by the outlet's name (looked up by the route) or else its id. */
const outletFilter = (name: string | undefined): FilterLabel => ({
  label: label('网点', 'Outlet'),
  show: (v) => name ?? String(v),
});
const receivedFilters = (outletName: string | undefined): Record<string, FilterLabel> => ({
  from: { label: label('受理日期起', 'Received from') },
  to: { label: label('受理日期止', 'Received to') },
  outletId: outletFilter(outletName),
});

// ---------------------------------------------------------------- statistics
/** One line of the statistics sheet: a value of a dimension with its count, or a total. */
export interface StatsLine {
  dimension: BilingualName;
  item: BilingualName;
  count?: number | null;
  rate?: number | null;
  days?: number | null;
}

const DIMENSIONS = [
  ['byChannel', { zh: '渠道', en: 'Channel' }],
  ['byCategory', { zh: '业务类别', en: 'Category' }],
  ['byCause', { zh: '投诉原因', en: 'Cause' }],
  ['byOutlet', { zh: '网点', en: 'Outlet' }],
  ['byMonth', { zh: '月份', en: 'Month' }],
] as const;
const TOTAL = { zh: '合计', en: 'Total' };
const FORWARDING = { zh: '监管转办', en: 'Regulator forwarding' };

/**
 * The statistics as the sheet's lines: every value of every dimension with its count, then the
 * totals as the page shows them (complaints, the on-time rate, the mean days to decision; a rate
 * or mean that cannot be computed yet stays empty, as the page's "—").
 */
export function statsLines(s: ComplaintStats): StatsLine[] {
  const bucket = (b: ComplaintStatsBucket) => ({ zh: b.nameZh, en: b.nameEn });
  return [
    ...DIMENSIONS.flatMap(([key, dimension]) =>
      s[key].map((b) => ({ dimension, item: bucket(b), count: b.count })),
    ),
    { dimension: TOTAL, item: { zh: '投诉总数', en: 'Complaints' }, count: s.total },
    { dimension: TOTAL, item: { zh: '已决定', en: 'Decided' }, count: s.decided },
    { dimension: TOTAL, item: { zh: '按时决定', en: 'Decided on time' }, count: s.onTime },
    { dimension: TOTAL, item: { zh: '按时办结率', en: 'On-time rate' }, rate: s.onTimeRate },
    { dimension: TOTAL, item: { zh: '决定逾期', en: 'Decided late' }, count: s.lateDecision },
    {
      dimension: TOTAL,
      item: { zh: '按时决定但告知逾期', en: 'Decided in time, told late' },
      count: s.lateInform,
    },
    {
      dimension: TOTAL,
      item: { zh: '平均处理天数', en: 'Mean days to decision' },
      days: s.meanDaysToDecision,
    },
    // Art. 33: the regulator's forwarding within 7 working days
    {
      dimension: FORWARDING,
      item: { zh: '监管转办投诉', en: 'Transferred by the regulator' },
      count: s.forwarding.regulatorCases,
    },
    { dimension: FORWARDING, item: { zh: '转办逾期', en: 'Forwarded late' }, count: s.forwarding.late },
    {
      dimension: FORWARDING,
      item: { zh: '转办逾期率', en: 'Share forwarded late' },
      rate: s.forwarding.regulatorCases ? s.forwarding.late / s.forwarding.regulatorCases : null,
    },
  ];
}

export const statsSheet = (outletName: string | undefined) =>
  sheet<StatsLine>({
    title: label('投诉统计', 'Complaint statistics'),
    filters: receivedFilters(outletName),
    columns: [
      { header: label('维度', 'Dimension'), value: (x, l) => named(x.dimension, l), width: 12 },
      { header: label('项目', 'Item'), value: (x, l) => named(x.item, l), width: 24 },
      { header: label('投诉量', 'Complaints'), value: (x) => x.count, kind: 'int', width: 12 },
      { header: label('比率', 'Rate'), value: (x) => x.rate, kind: 'percent', decimals: 1, width: 12 },
      { header: label('天数', 'Days'), value: (x) => x.days, kind: 'number', decimals: 1, width: 12 },
    ],
  });

// ---------------------------------------------------------------- the regulator report
/** The report's rows, then its total (合计) as the page's last line shows it. */
export function reportLines(r: ComplaintReport): ReportLine[] {
  return [...r.items, { total: r.total }];
}
type ReportLine = ComplaintReportRow | { total: number };
const isTotal = (x: ReportLine): x is { total: number } => 'total' in x;

export const reportSheet = (outletName: string | undefined) =>
  sheet<ReportLine>({
    title: label('消费投诉统计表', 'Consumer complaint report'),
    filters: receivedFilters(outletName),
    columns: [
      {
        header: label('业务类别', 'Business category'),
        value: (x, l) => (isTotal(x) ? named(TOTAL, l) : named(x.categoryName, l)),
        width: 18,
      },
      {
        header: label('投诉原因', 'Cause'),
        value: (x, l) => (isTotal(x) ? null : named(x.causeName, l)),
        width: 22,
      },
      {
        header: label('业务办理渠道', 'Channel'),
        value: (x, l) => (isTotal(x) ? null : named(x.channelName, l)),
        width: 16,
      },
      {
        header: label('投诉量', 'Complaints'),
        value: (x) => (isTotal(x) ? x.total : x.count),
        kind: 'int',
        width: 10,
      },
    ],
  });

// ---------------------------------------------------------------- prevention and accountability
export const riskSheet = (outletName: string | undefined) =>
  sheet<RiskScenario>({
    title: label('高风险场景', 'High-risk scenarios'),
    filters: {
      days: {
        label: label('统计期间', 'Period'),
        show: (v, l) => (l === 'zh-CN' ? `近 ${v} 天` : `Last ${v} days`),
      },
      outletId: outletFilter(outletName),
    },
    columns: [
      { header: label('排名', 'Rank'), value: (x) => x.rank, kind: 'int', width: 8 },
      { header: label('业务类别', 'Category'), value: (x, l) => named(x.categoryName, l), width: 18 },
      { header: label('投诉原因', 'Cause'), value: (x, l) => named(x.causeName, l), width: 22 },
      { header: label('投诉量', 'Complaints'), value: (x) => x.count, kind: 'int', width: 10 },
      {
        header: label('防控措施', 'Controls'),
        value: (x, l) => x.controls.join(l === 'zh-CN' ? '；' : '; '),
        width: 60,
      },
      {
        header: label('措施更新时间', 'Controls updated'),
        value: (x) => x.controlsUpdatedAt,
        kind: 'datetime',
      },
    ],
  });

export const scorecardSheet = (outletName: string | undefined) =>
  sheet<ScorecardRow>({
    title: label('量化考核', 'Accountability scorecard'),
    filters: {
      month: { label: label('考核月份', 'Month') },
      by: {
        label: label('考核对象', 'Ranked'),
        show: (v, l) =>
          v === 'staff' ? (l === 'zh-CN' ? '人员' : 'People') : l === 'zh-CN' ? '网点' : 'Outlets',
      },
      outletId: outletFilter(outletName),
    },
    columns: [
      { header: label('排名', 'Rank'), value: (x) => x.rank, kind: 'int', width: 8 },
      { header: label('编号', 'Code'), value: (x) => x.code, width: 12 },
      { header: label('名称', 'Name'), value: (x) => x.name, width: 16 },
      { header: label('网点', 'Outlet'), value: (x) => x.outletName, width: 16 },
      { header: label('投诉数', 'Complaints'), value: (x) => x.complaints, kind: 'int', width: 10 },
      { header: label('扣分', 'Points'), value: (x) => x.points, kind: 'int', width: 10 },
    ],
  });
