import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadExcel } from '../lib/xlsx';
import { SHEET_HEADER_ROW } from '../http/sheet';

export type Cell = string | number | boolean | Date | null;

/** An exported list as the user sees it: the title and filter lines, the headers, the rows. */
export interface ReadSheet {
  title: string;
  filterLine: string;
  headers: string[];
  rows: Cell[][];
  /** the number format of each column (`yyyy-mm-dd`, `0.0%` …) */
  formats: (string | undefined)[];
}

function plain(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return String(v);
}

/** Reads an `/export.xlsx` answer (a list sheet: title row, filter row, header row, data). */
export async function readSheet(res: LightMyRequestResponse | Buffer): Promise<ReadSheet> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const buf = Buffer.isBuffer(res) ? res : (res.rawPayload as Buffer);
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(SHEET_HEADER_ROW).cellCount;
  const row = (n: number) =>
    Array.from({ length: width }, (_, i) => plain(ws.getRow(n).getCell(i + 1).value));
  const rows: Cell[][] = [];
  for (let n = SHEET_HEADER_ROW + 1; n <= ws.rowCount; n++) rows.push(row(n));
  return {
    title: String(plain(ws.getCell(1, 1).value) ?? ''),
    filterLine: String(plain(ws.getCell(2, 1).value) ?? ''),
    headers: row(SHEET_HEADER_ROW).map((h) => String(h ?? '')),
    rows,
    formats: Array.from({ length: width }, (_, i) => ws.getColumn(i + 1).numFmt),
  };
}

/** Checks the head of an exported sheet: its title, what its filter line says (when given), its headers. */
export function expectSheetHead(
  sheet: ReadSheet,
  head: { title: string; filter?: string; headers: string[] },
) {
  expect(sheet.title).toBe(head.title);
  if (head.filter !== undefined) expect(sheet.filterLine).toContain(head.filter);
  expect(sheet.headers).toEqual(head.headers);
}
