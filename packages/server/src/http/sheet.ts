import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { beijingWallDate, isZonedInstant } from '@liangdian/engine/time';
import { type CodeTable, codeName, type Localised } from '@liangdian/shared';
import { loadExcel } from '../lib/xlsx';
import type { Locale } from '../lib/messages';

/**
 * The .xlsx form of a list, declared beside its presenter: what users read in a spreadsheet is
 * what they read on screen — names for codes, Beijing dates as real Excel dates, ratios rounded,
 * personal data masked (the rows come from the same service call as the page) — under a title
 * row that says which filter produced it.
 */
export type CellKind =
  /** as it is (default) */
  | 'text'
  | 'int'
  /** rounded to `decimals` (default 1) */
  | 'number'
  /** a share 0…1 shown as a percentage with `decimals` (default 1) */
  | 'percent'
  /** yuan, two decimals */
  | 'money'
  /** `YYYY-MM-DD` (or an instant): a Beijing calendar date */
  | 'date'
  /** an ISO instant: a Beijing date and time */
  | 'datetime'
  /** 是/否, Yes/No */
  | 'bool'
  /** a code (or a list of codes) shown by its name from `codes` */
  | 'code';

export interface Column<T> {
  header: Localised;
  value: (row: T, locale: Locale) => unknown;
  kind?: CellKind;
  decimals?: number;
  codes?: CodeTable;
  width?: number;
}

export interface FilterLabel {
  label: Localised;
  /** values that are codes are shown by their names */
  codes?: CodeTable;
  /** or by this */
  show?: (value: unknown, locale: Locale) => string;
}

export interface Sheet<T> {
  title: Localised;
  columns: Column<T>[];
  /** labels of the list's filters for the title row (query key → label); others are left out */
  filters?: Record<string, FilterLabel>;
}

/** Declares a sheet with its row type. */
export const sheet = <T>(s: Sheet<T>): Sheet<T> => s;

/** A column of codes (or lists of codes) shown by their names from the code table `codes`. */
export const codeColumn = <T>(
  header: Localised,
  value: (row: T, locale: Locale) => unknown,
  codes: CodeTable,
  width?: number,
): Column<T> => ({ header, value, kind: 'code', codes, ...(width === undefined ? {} : { width }) });

const NUM_FMT: Partial<Record<CellKind, (decimals: number) => string>> = {
  int: () => '#,##0',
  number: (d) => (d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0'),
  percent: (d) => (d > 0 ? `0.${'0'.repeat(d)}%` : '0%'),
  money: () => '#,##0.00',
  date: () => 'yyyy-mm-dd',
  datetime: () => 'yyyy-mm-dd hh:mm',
};

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

const yesNo = (v: boolean, locale: Locale) => (locale === 'zh-CN' ? (v ? '是' : '否') : v ? 'Yes' : 'No');

/** A cell's value as exceljs writes it. */
export function cellValue<T>(c: Column<T>, raw: unknown, locale: Locale): string | number | Date | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const kind = c.kind ?? 'text';
  switch (kind) {
    case 'int':
    case 'number':
    case 'money':
    case 'percent': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n)) return null;
      if (kind === 'int') return Math.round(n);
      if (kind === 'money') return round(n, 2);
      if (kind === 'percent') return round(n, (c.decimals ?? 1) + 2);
      return round(n, c.decimals ?? 1);
    }
    case 'date': {
      const s = String(raw);
      if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(`${s}T00:00:00Z`);
      if (!isZonedInstant(s)) return s;
      const d = beijingWallDate(s);
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    }
    case 'datetime': {
      const s = raw instanceof Date ? raw.toISOString() : String(raw);
      if (!isZonedInstant(s)) return s;
      // whole seconds: Excel keeps fractions as floating days, which show as 59.999 s
      return new Date(Math.round(beijingWallDate(s).getTime() / 1000) * 1000);
    }
    case 'bool':
      return yesNo(Boolean(raw), locale);
    case 'code': {
      const sep = locale === 'zh-CN' ? '、' : ', ';
      const name = (v: unknown) => (c.codes ? codeName(c.codes, String(v), locale) : String(v));
      return Array.isArray(raw) ? raw.map(name).join(sep) : name(raw);
    }
    default:
      return Array.isArray(raw) ? raw.join(locale === 'zh-CN' ? '、' : ', ') : String(raw);
  }
}

/** "状态：启用；试点：是" — the filters that were set, by their labels. */
export function describeFilters(
  labels: Record<string, FilterLabel> | undefined,
  query: Record<string, unknown>,
  locale: Locale,
): string {
  const parts: string[] = [];
  for (const [key, f] of Object.entries(labels ?? {})) {
    const v = query[key];
    if (v === undefined || v === null || v === '') continue;
    const shown = f.show
      ? f.show(v, locale)
      : f.codes
        ? codeName(f.codes, String(v), locale)
        : typeof v === 'boolean'
          ? yesNo(v, locale)
          : String(v);
    parts.push(`${f.label[locale]}${locale === 'zh-CN' ? '：' : ': '}${shown}`);
  }
  const sep = locale === 'zh-CN' ? '；' : '; ';
  if (locale === 'zh-CN') return `筛选条件：${parts.length ? parts.join(sep) : '全部'}`;
  return `Filter: ${parts.length ? parts.join(sep) : 'all'}`;
}

/** Rows above the header: the title and the filter line. */
export const SHEET_HEADER_ROW = 3;

/**
 * The workbook of a list: the title and filter in rows 1–2, the column headers in row 3 (bold,
 * frozen, with an auto-filter), one row per item.
 */
export async function sheetToXlsx<T>(
  s: Sheet<T>,
  rows: Iterable<T>,
  opts: { locale: Locale; query?: Record<string, unknown>; exportedAt: Date },
): Promise<Buffer> {
  const { locale } = opts;
  const ExcelJS = await loadExcel();
  // Streamed: each row is written into the zip as it is added and then dropped, so an export of
  // EXPORT_ROW_LIMIT rows holds the compressed file, not a model of every cell (the in-memory
  // workbook took ~35 KB a complaint row: 730 MB for 20,000).
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = finished(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Liangdian';
  const title = s.title[locale];
  const ws = wb.addWorksheet(title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: SHEET_HEADER_ROW }],
  });
  ws.columns = s.columns.map((c) => {
    const fmt = NUM_FMT[c.kind ?? 'text'];
    const decimals = c.decimals ?? (c.kind === 'number' || c.kind === 'percent' ? 1 : 0);
    return { width: c.width ?? defaultWidth(c.kind), ...(fmt ? { style: { numFmt: fmt(decimals) } } : {}) };
  });
  const stamp = beijingWallDate(opts.exportedAt);
  const at = `${stamp.toISOString().slice(0, 16).replace('T', ' ')}`;
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.commit();
  const filterRow = ws.getRow(2);
  filterRow.getCell(1).value =
    `${describeFilters(s.filters, opts.query ?? {}, locale)}${locale === 'zh-CN' ? `　导出时间：${at}（北京时间）` : `   Exported ${at} (Beijing time)`}`;
  filterRow.getCell(1).font = { color: { argb: 'FF666666' } };
  filterRow.commit();
  const header = ws.getRow(SHEET_HEADER_ROW);
  header.values = s.columns.map((c) => c.header[locale]);
  header.font = { bold: true };
  header.commit();
  for (const r of rows) ws.addRow(s.columns.map((c) => cellValue(c, c.value(r, locale), locale))).commit();
  ws.autoFilter = {
    from: { row: SHEET_HEADER_ROW, column: 1 },
    to: { row: SHEET_HEADER_ROW, column: Math.max(1, s.columns.length) },
  };
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function defaultWidth(kind: CellKind | undefined): number {
  switch (kind) {
    case 'datetime':
      return 18;
    case 'date':
      return 12;
    case 'int':
    case 'number':
    case 'percent':
    case 'bool':
      return 10;
    default:
      return 16;
  }
}

/** A text in both languages: `label('网点名称', 'Name')`. */
export const label = (zh: string, en: string): Localised => ({ 'zh-CN': zh, 'en-US': en });

/** 启用/停用, Active/Inactive. */
export const activeName = (active: boolean, locale: Locale, zhActive = '启用') =>
  locale === 'zh-CN' ? (active ? zhActive : '停用') : active ? 'Active' : 'Inactive';
