import type ExcelJSType from 'exceljs';

/**
 * exceljs is loaded on first use, not at start: merely loading it switches off V8 fast paths
 * for typed arrays process-wide (measured: the simulation engine ran ~20% slower in the same
 * process; docs/engine.md, Performance).
 */
export async function loadExcel(): Promise<typeof ExcelJSType> {
  const mod = await import('exceljs');
  return (mod.default ?? mod) as typeof ExcelJSType;
}

export interface XlsxColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null;
}

/** One sheet with a bold, frozen header row and a filter: what users expect of an export. */
export async function toXlsx<T>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: Iterable<T>,
): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liangdian';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
