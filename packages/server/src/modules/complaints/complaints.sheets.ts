import { codeName, maskIdNumber, maskName, maskPhone } from '@liangdian/shared';
import type { ComplaintListItem } from '@liangdian/shared/api';
import { type FilterLabel, label, sheet, codeColumn } from '../../http/sheet';
import type { Locale } from '../../lib/messages';
import type { CodeNames } from './complaint-codes.service';

/** The names a filter line shows for ids in a list's query (an outlet, a person, a complaint). */
export interface FilterNames {
  outlet?: string;
  handler?: string;
  staff?: string;
  complaint?: string;
}

const bilingual = (n: { zh: string; en: string }, l: Locale) => (l === 'zh-CN' ? n.zh : n.en);
const listSep = (l: Locale) => (l === 'zh-CN' ? '、' : ', ');
/** A filter on an id, shown by the name found for it (the id itself when none was). */
export const namedFilter = (zh: string, en: string, name: string | undefined): FilterLabel => ({
  label: label(zh, en),
  show: (v) => name ?? String(v),
});
const codeFilter = (zh: string, en: string, kind: string, names: CodeNames): FilterLabel => ({
  label: label(zh, en),
  show: (v, l) => bilingual(names(kind, String(v)), l),
});

/** A search by the complainant's data, masked as the list shows the data (the text is personal). */
export function maskedSearch(v: string): string {
  const t = v.trim();
  if (/^[\d\s+\-()]+$/.test(t)) {
    const digits = t.replace(/\D/g, '');
    return digits.length <= 4 ? digits : digits.length >= 15 ? maskIdNumber(digits) : maskPhone(digits);
  }
  return /\d/.test(t) ? maskIdNumber(t) : maskName(t);
}

/**
 * The complaint register as .xlsx: what the list shows, in the user's language — statuses,
 * sources, severities and the JR/T 0169 codes by name, receipt and deadline as Excel dates in
 * Beijing time, the complainant masked exactly as on screen (the rows are the page's own).
 */
export function complaintSheet(codes: CodeNames, ids: FilterNames = {}) {
  return sheet<ComplaintListItem>({
    title: label('投诉台账', 'Complaints'),
    filters: {
      q: { label: label('关键词', 'Search') },
      complainant: { label: label('投诉人', 'Complainant'), show: (v) => maskedSearch(String(v)) },
      outletId: namedFilter('网点', 'Outlet', ids.outlet),
      status: {
        label: label('状态', 'Status'),
        show: (v, l) =>
          (Array.isArray(v) ? v : String(v).split(','))
            .map((s) => codeName('complaintStatus', String(s), l))
            .join(listSep(l)),
      },
      channel: codeFilter('渠道', 'Channel', 'channel', codes),
      category: codeFilter('业务类别', 'Category', 'category', codes),
      cause: codeFilter('投诉原因', 'Cause', 'cause', codes),
      source: { label: label('来源', 'Source'), codes: 'complaintSource' },
      major: { label: label('重大投诉', 'Major') },
      handlerId: namedFilter('处理人', 'Handler', ids.handler),
      staffId: namedFilter('被投诉员工', 'Staff complained about', ids.staff),
      from: { label: label('受理日期起', 'Received from') },
      to: { label: label('受理日期止', 'Received to') },
      due: { label: label('期限', 'Deadline'), codes: 'dueFilter' },
      forwarding: {
        label: label('监管转办', 'Regulator forwarding'),
        show: (v, l) =>
          v === 'late'
            ? l === 'zh-CN'
              ? '转办逾期'
              : 'Forwarded late'
            : l === 'zh-CN'
              ? '按时转办'
              : 'On time',
      },
    },
    columns: [
      { header: label('投诉编号', 'No.'), value: (c) => c.no, width: 20 },
      { header: label('网点', 'Outlet'), value: (c) => c.outletName, width: 16 },
      { header: label('受理时间', 'Received at'), value: (c) => c.receivedAt, kind: 'datetime' },
      codeColumn(label('来源', 'Source'), (c) => c.source, 'complaintSource', 10),
      // Art. 33: the regulator's receipt, its forwarding, the due date (7 working days) and lateness
      {
        header: label('监管受理日期', 'Regulator received'),
        value: (c) => c.regulatorReceivedOn,
        kind: 'date',
      },
      { header: label('监管转办日期', 'Forwarded on'), value: (c) => c.forwardedOn, kind: 'date' },
      { header: label('转办期限', 'Forwarding due'), value: (c) => c.forwardingDueOn, kind: 'date' },
      { header: label('转办逾期', 'Forwarded late'), value: (c) => c.forwardingLate, kind: 'bool', width: 8 },
      { header: label('渠道', 'Channel'), value: (c, l) => bilingual(c.channelName, l), width: 16 },
      { header: label('业务类别', 'Category'), value: (c, l) => bilingual(c.categoryName, l), width: 16 },
      { header: label('投诉原因', 'Cause'), value: (c, l) => bilingual(c.causeName, l), width: 18 },
      // masked (or left out for consultants) by the same rules as on screen
      { header: label('投诉人', 'Complainant'), value: (c) => c.complainantName, width: 10 },
      { header: label('电话', 'Phone'), value: (c) => c.complainantPhone, width: 14 },
      { header: label('人数', 'People'), value: (c) => c.peopleCount, kind: 'int', width: 8 },
      { header: label('重大投诉', 'Major'), value: (c) => c.major, kind: 'bool', width: 8 },
      codeColumn(label('状态', 'Status'), (c) => c.status, 'complaintStatus', 10),
      { header: label('处理期限', 'Due on'), value: (c) => c.deadline.dueOn, kind: 'date' },
      { header: label('决定时间', 'Decided at'), value: (c) => c.decidedAt, kind: 'datetime' },
      // Art. 18: decided and told in time, each part apart
      { header: label('告知时间', 'Told at'), value: (c) => c.informedAt, kind: 'datetime' },
      { header: label('按时', 'On time'), value: (c) => c.onTime, kind: 'bool', width: 8 },
      {
        header: label('决定按时', 'Decided in time'),
        value: (c) => c.decisionOnTime,
        kind: 'bool',
        width: 8,
      },
      { header: label('告知按时', 'Told in time'), value: (c) => c.informOnTime, kind: 'bool', width: 8 },
      { header: label('处理人', 'Handler'), value: (c) => c.handlerName, width: 12 },
      codeColumn(label('责任认定', 'Responsibility'), (c) => c.responsibility, 'responsibility', 10),
      codeColumn(label('严重程度', 'Severity'), (c) => c.severity, 'severity', 10),
      { header: label('扣分', 'Points'), value: (c) => c.points, kind: 'int', width: 8 },
      { header: label('诉求', 'Claim'), value: (c) => c.claim, width: 40 },
    ],
  });
}
