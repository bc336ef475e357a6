import type { TicketImportField as ImportField } from '@liangdian/shared';
import type { Locale } from '../../../lib/messages';
import type { RowCode, RowProblem } from './ticket-import.parse';

/** The import's field names and the messages of a row's problems, in both languages. */
export const FIELD_NAMES: Record<ImportField, { 'zh-CN': string; 'en-US': string }> = {
  ticket: { 'zh-CN': '票号', 'en-US': 'Ticket' },
  businessType: { 'zh-CN': '业务类型', 'en-US': 'Business type' },
  kind: { 'zh-CN': '事件', 'en-US': 'Event' },
  at: { 'zh-CN': '时间', 'en-US': 'Time' },
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  counter: { 'zh-CN': '窗口', 'en-US': 'Counter' },
  staffId: { 'zh-CN': '柜员', 'en-US': 'Staff' },
  toBusinessType: { 'zh-CN': '转入业务类型', 'en-US': 'Transferred to' },
  eventId: { 'zh-CN': '事件编号', 'en-US': 'Event ID' },
};

const ROW_MESSAGES: Record<RowCode, { 'zh-CN': string; 'en-US': string }> = {
  CSV_UNTERMINATED_QUOTE: {
    'zh-CN': '引号没有闭合（从这一行到文件末尾都被当作一个字段）',
    'en-US': 'A quote is never closed (the rest of the file reads as one field)',
  },
  CSV_STRAY_QUOTE: {
    'zh-CN': '引号位置不正确：含引号的字段须整体用引号括起，内部引号写成两个',
    'en-US': 'A misplaced quote: a field with quotes must be quoted as a whole, inner quotes doubled',
  },
  EXTRA_FIELDS: { 'zh-CN': '这一行的列数多于表头', 'en-US': 'The row has more columns than the header' },
  REQUIRED: { 'zh-CN': '{field}为空', 'en-US': '{field} is empty' },
  TOO_LONG: { 'zh-CN': '{field}过长', 'en-US': '{field} is too long' },
  UNKNOWN_BUSINESS_TYPE: {
    'zh-CN': '{field}“{value}”不存在或已停用',
    'en-US': '{field} “{value}” does not exist or is inactive',
  },
  UNKNOWN_KIND: {
    'zh-CN': '事件“{value}”无法识别（可用：取号、叫号、开始办理、转移、办结、过号、弃号）',
    'en-US':
      'Event “{value}” is not known (use issued, called, serving, transferred, ended, no_show, abandoned)',
  },
  MALFORMED_TIME: {
    'zh-CN': '时间“{value}”格式不正确（例：2026-10-08 09:15:04）',
    'en-US': 'Time “{value}” is not valid (e.g. 2026-10-08 09:15:04)',
  },
  MALFORMED_DATE: {
    'zh-CN': '日期“{value}”格式不正确（例：2026-10-08）',
    'en-US': 'Date “{value}” is not valid (e.g. 2026-10-08)',
  },
  NOT_PAST: {
    'zh-CN': '时间“{value}”不早于今天：只能导入以前各天的记录，当天的由叫号机实时上传',
    'en-US':
      'Time “{value}” is today or later: import past days only; today’s tickets come from the ticket machine',
  },
  TO_BUSINESS_TYPE_REQUIRED: {
    'zh-CN': '转移事件须填写转入业务类型',
    'en-US': 'A transfer needs the business type it goes to',
  },
  UNKNOWN_STAFF: {
    'zh-CN': '柜员“{value}”不是本网点员工（可填员工号或姓名）',
    'en-US': 'Staff “{value}” is not of this outlet (give the employee number or name)',
  },
};

export function rowMessage(p: RowProblem, locale: Locale): string {
  const field = p.field ? FIELD_NAMES[p.field][locale] : '';
  return ROW_MESSAGES[p.code][locale].replace('{field}', field).replace('{value}', p.value ?? '');
}
