import type { TicketImportBatch, TicketImportRowError } from '@liangdian/shared/api';
import { label, sheet } from '../../../http/sheet';
import type { Locale } from '../../../lib/messages';
import { toXlsx } from '../../../lib/xlsx';
import { FIELD_NAMES } from './ticket-import.messages';

/** Past imports of an outlet: counts as numbers, times as Beijing date-times. */
export const ticketImportBatchSheet = sheet<TicketImportBatch>({
  title: label('叫号记录导入', 'Ticket imports'),
  columns: [
    { header: label('导入时间', 'Imported at'), value: (b) => b.createdAt, kind: 'datetime' },
    { header: label('导入人', 'By'), value: (b) => b.createdByName, width: 14 },
    { header: label('文件', 'File'), value: (b) => b.fileName, width: 28 },
    { header: label('格式', 'Format'), value: (b) => b.format.toUpperCase(), width: 8 },
    { header: label('总行数', 'Rows'), value: (b) => b.rowsTotal, kind: 'int' },
    { header: label('新增', 'Stored'), value: (b) => b.rowsStored, kind: 'int' },
    { header: label('重复', 'Duplicates'), value: (b) => b.rowsDuplicate, kind: 'int' },
    {
      header: label('跳过的错误行', 'Bad rows left out'),
      value: (b) => b.rowsRejected,
      kind: 'int',
      width: 14,
    },
    { header: label('最早时间', 'First event'), value: (b) => b.firstAt, kind: 'datetime' },
    { header: label('最晚时间', 'Last event'), value: (b) => b.lastAt, kind: 'datetime' },
  ],
});

export const ERROR_REPORT_TITLE = label('叫号记录导入错误', 'Ticket import errors');

/**
 * Every bad row of a file (a report, not a list: the header is its first row, so that the user
 * can sort and filter it next to the file it describes).
 */
export function errorReportXlsx(rows: TicketImportRowError[], locale: Locale): Promise<Buffer> {
  const h = (zh: string, en: string) => label(zh, en)[locale];
  return toXlsx(
    ERROR_REPORT_TITLE[locale],
    [
      { header: h('行号', 'Line'), value: (e) => e.line, width: 8 },
      { header: h('字段', 'Field'), value: (e) => (e.field ? FIELD_NAMES[e.field][locale] : ''), width: 14 },
      { header: h('列', 'Column'), value: (e) => e.column, width: 16 },
      { header: h('值', 'Value'), value: (e) => e.value, width: 24 },
      { header: h('错误代码', 'Code'), value: (e) => e.code, width: 24 },
      { header: h('说明', 'Message'), value: (e) => e.message, width: 60 },
    ],
    rows,
  );
}
