import type { MachineToken } from '@liangdian/shared/api';
import type { Locale } from '../../../lib/messages';
import type { TokenRow } from '../lobby.repository';

export const presentToken = (r: TokenRow): MachineToken => ({
  id: r.id,
  outletId: r.outlet_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** Why an event of a batch was rejected, in the machine's language (its Accept-Language). */
const EVENT_MESSAGES: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  MALFORMED_EVENT: {
    'zh-CN': '事件字段不完整或格式有误',
    'en-US': 'The event is missing fields or malformed',
  },
  MALFORMED_TIME: {
    'zh-CN': '时间须为带时区的 ISO-8601 格式',
    'en-US': 'The time must be ISO-8601 with an offset',
  },
  TOO_OLD: { 'zh-CN': '事件早于 7 天前', 'en-US': 'The event is more than 7 days old' },
  IN_THE_FUTURE: {
    'zh-CN': '事件时间超前 5 分钟以上',
    'en-US': 'The event is more than 5 minutes in the future',
  },
  UNKNOWN_BUSINESS_TYPE: { 'zh-CN': '未知的业务类型', 'en-US': 'Unknown business type' },
  TO_BUSINESS_TYPE_REQUIRED: {
    'zh-CN': '转移事件须指明转入的业务类型',
    'en-US': 'A transfer needs toBusinessType',
  },
};
export const eventMessage = (code: string, locale: Locale) => EVENT_MESSAGES[code]?.[locale] ?? code;
