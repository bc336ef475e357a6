import type { LobbyMode } from '@liangdian/shared';
import type { ModePlan } from '@liangdian/shared/api';

/** Rotating half hours per weekday: what the audit log keeps of a plan. */
export const summarisePlan = (plan: ModePlan) => ({
  rotatingSlots: plan.days.map((d) => d.filter((m) => m === 'rotating').length),
});

const MODE_NAMES: Record<LobbyMode, { 'zh-CN': string; 'en-US': string }> = {
  fixed: { 'zh-CN': '固定作业', 'en-US': 'fixed assignment' },
  rotating: { 'zh-CN': '循环补位', 'en-US': 'rotating backfill' },
};

/** The lobby-log line of a mode switch: "服务模式 固定作业 → 循环补位（客流突增）". */
export function modeMessage(from: LobbyMode | null, to: LobbyMode, reason: string | null) {
  const f = from ? MODE_NAMES[from] : { 'zh-CN': '-', 'en-US': '-' };
  return {
    'zh-CN': `服务模式 ${f['zh-CN']} → ${MODE_NAMES[to]['zh-CN']}（${reason ?? '按计划'}）`,
    'en-US': `Mode ${f['en-US']} → ${MODE_NAMES[to]['en-US']} (${reason ?? 'by plan'})`,
  };
}
