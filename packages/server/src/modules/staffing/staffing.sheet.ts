import type { RequirementCell, StaffingRequirement } from '@liangdian/shared/api';
import { label, sheet } from '../../http/sheet';
import type { Locale } from '../../lib/messages';

/** One line of the requirement's .xlsx: a day, a half hour and a zone or post. */
export interface RequirementLine extends RequirementCell {
  day: string;
  start: string;
  end: string;
  mode: 'fixed' | 'rotating';
  post: { 'zh-CN': string; 'en-US': string };
}

const REASONS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  carryOver: { 'zh-CN': '前一时段排队延续', 'en-US': 'Queue carried over' },
  variability: { 'zh-CN': '时段内波动', 'en-US': 'Variability within the slot' },
  transient: { 'zh-CN': '时段开始排队短', 'en-US': 'Short queue at the start' },
  capacity: { 'zh-CN': '容量不足', 'en-US': 'Zone capacity reached' },
  fixedMode: { 'zh-CN': '固定作业需专人', 'en-US': 'Fixed assignment holds the zone' },
  fixedPost: { 'zh-CN': '固定岗位常设', 'en-US': 'Fixed post always held' },
};
const MODES = {
  fixed: { 'zh-CN': '固定作业', 'en-US': 'Fixed assignment' },
  rotating: { 'zh-CN': '循环补位', 'en-US': 'Rotating backfill' },
};

/** Every line the page shows: per day and half hour, the zones, then 迎宾位 and 超柜位. */
export function requirementLines(r: StaffingRequirement): RequirementLine[] {
  const zoneName = new Map(r.zones.map((z) => [z.id, z.name]));
  const out: RequirementLine[] = [];
  for (const d of r.days)
    for (const s of d.slots) {
      const base = { day: d.day, start: s.start, end: s.end, mode: s.mode };
      for (const z of s.zones) {
        const n = zoneName.get(z.zoneId) ?? z.zoneId;
        out.push({ ...base, ...z, post: { 'zh-CN': n, 'en-US': n } });
      }
      out.push({ ...base, ...s.welcome, post: { 'zh-CN': '迎宾位', 'en-US': 'Welcome post' } });
      if (s.superCounter)
        out.push({ ...base, ...s.superCounter, post: { 'zh-CN': '超柜位', 'en-US': 'Super-counter post' } });
    }
  return out;
}

const pick = (l: Locale, v: { 'zh-CN': string; 'en-US': string }) => v[l];

export const requirementSheet = sheet<RequirementLine>({
  title: label('人员需求', 'Staffing requirement'),
  columns: [
    { header: label('日期', 'Date'), value: (r) => r.day, kind: 'date' },
    { header: label('开始', 'From'), value: (r) => r.start },
    { header: label('结束', 'To'), value: (r) => r.end },
    { header: label('模式', 'Mode'), value: (r, l) => pick(l, MODES[r.mode]) },
    { header: label('区域/岗位', 'Zone or post'), value: (r, l) => pick(l, r.post), width: 16 },
    { header: label('到达(人/小时)', 'Arrivals per hour'), value: (r) => r.arrivalsPerHour, kind: 'number' },
    { header: label('Erlang 人数', 'Erlang people'), value: (r) => r.erlang, kind: 'int' },
    { header: label('仿真人数', 'Simulated people'), value: (r) => r.simulated, kind: 'int' },
    { header: label('不同', 'Differs'), value: (r) => r.differs, kind: 'bool' },
    {
      header: label('原因', 'Reason'),
      value: (r, l) => (r.reason ? pick(l, REASONS[r.reason]!) : ''),
      width: 20,
    },
    {
      header: label('Erlang 服务水平', 'Erlang service level'),
      value: (r) => r.erlangServiceLevel,
      kind: 'percent',
    },
    {
      header: label('仿真服务水平', 'Simulated service level'),
      value: (r) => r.simulatedServiceLevel,
      kind: 'percent',
    },
  ],
  filters: {
    from: { label: label('起始日期', 'From') },
    days: { label: label('天数', 'Days') },
  },
});
