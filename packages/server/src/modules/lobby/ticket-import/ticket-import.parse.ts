import { Readable } from 'node:stream';
import { decodeText, detectDelimiter, parseCsv } from '../../../lib/csv';
import { sha256Hex } from '../../../lib/crypto';
import { DomainError } from '../../../lib/errors';
import { loadExcel } from '../../../lib/xlsx';
import { BEIJING_OFFSET_MS } from '@liangdian/engine/time';
import {
  TICKET_IMPORT_FIELDS as IMPORT_FIELDS,
  TICKET_IMPORT_REQUIRED as REQUIRED_FIELDS,
  TICKET_KINDS,
  type TicketImportField as ImportField,
  type TicketKind,
} from '@liangdian/shared';
import type { TicketImportMapping as ColumnMapping } from '@liangdian/shared/api';

/**
 * Historic ticket logs, pure part: the uploaded file → a table (header and rows with their line
 * numbers), header names → a suggested mapping, and one row → an event or its problems.
 */

export type Cell = string | number | Date | null;
export interface TableRow {
  line: number;
  cells: Cell[];
  problem?: string;
}
export interface Table {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  headers: string[];
  rows: TableRow[];
}

/** Reads a CSV (UTF-8 or GBK; comma, semicolon or tab) or an .xlsx (its first sheet). */
export async function readTable(data: Buffer, maxRows: number): Promise<Table> {
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)
    return readXlsx(data, maxRows);
  // An old binary .xls (OLE compound file) or anything with NUL bytes is not text.
  if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0)
    throw new DomainError('TICKET_IMPORT_UNREADABLE');
  if (data.subarray(0, 4096).includes(0)) throw new DomainError('TICKET_IMPORT_UNREADABLE');
  const decoded = decodeText(data);
  if (!decoded) throw new DomainError('TICKET_IMPORT_ENCODING');
  const delimiter = detectDelimiter(decoded.text.replace(/^\ufeff/, ''));
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  for (const rec of parseCsv(decoded.text, delimiter)) {
    if (!headers) {
      headers = uniqueHeaders(rec.fields);
      continue;
    }
    if (rec.fields.every((f) => f.trim() === '') && !rec.problem) continue;
    if (rows.length >= maxRows) throw new DomainError('TICKET_IMPORT_TOO_MANY_ROWS', { max: maxRows });
    rows.push(
      rec.problem
        ? { line: rec.line, cells: rec.fields, problem: rec.problem }
        : { line: rec.line, cells: rec.fields },
    );
  }
  if (!headers || !rows.length) throw new DomainError('TICKET_IMPORT_EMPTY');
  return { format: 'csv', encoding: decoded.encoding, headers, rows };
}

async function readXlsx(data: Buffer, maxRows: number): Promise<Table> {
  const ExcelJS = await loadExcel();
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (values.every((v) => v === null || v === '')) continue;
        if (!headers) {
          headers = uniqueHeaders(values.map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))));
          continue;
        }
        if (rows.length >= maxRows) throw new DomainError('TICKET_IMPORT_TOO_MANY_ROWS', { max: maxRows });
        rows.push({ line: row.number, cells: values });
      }
      break; // the first sheet only
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('TICKET_IMPORT_UNREADABLE');
  }
  if (!headers || !rows.length) throw new DomainError('TICKET_IMPORT_EMPTY');
  return { format: 'xlsx', encoding: null, headers, rows };
}

/** An exceljs cell value as text, a number or a Date (rich text, formulas and links flattened). */
function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (o.text !== undefined) return cellValue(o.text);
    if (o.error) return o.error;
  }
  return String(v);
}

/** Trimmed headers; blanks named by their column, repeats numbered, so each names one column. */
function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = h.replace(/^\ufeff/, '').trim() || `#${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) name = `${name} (${n})`;
    return name;
  });
}

// ---------------------------------------------------------------- mapping

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）:：.]/g, '');

/** Header names (normalised) that suggest each target field, Chinese and English. */
const HEADER_NAMES: Record<ImportField, string[]> = {
  ticket: [
    '票号',
    '号码',
    '排队号',
    '排队号码',
    '取号号码',
    '号票',
    'ticket',
    'ticketno',
    'ticketnumber',
    'queueno',
    'number',
  ],
  businessType: [
    '业务类型',
    '业务',
    '业务种类',
    '业务代码',
    '业务类别',
    'businesstype',
    'business',
    'servicetype',
    'service',
  ],
  kind: ['事件', '事件类型', '状态', '动作', '操作', 'kind', 'event', 'eventtype', 'status', 'action'],
  at: [
    '时间',
    '事件时间',
    '发生时间',
    '日期时间',
    '时刻',
    'at',
    'time',
    'datetime',
    'timestamp',
    'eventtime',
  ],
  date: ['日期', '营业日期', 'date', 'day', 'businessdate'],
  counter: ['窗口', '柜台', '窗口号', '柜台号', 'counter', 'window', 'desk'],
  staffId: [
    '柜员',
    '柜员号',
    '员工号',
    '工号',
    '员工',
    '员工编号',
    'staff',
    'staffid',
    'employeeno',
    'employee',
    'teller',
  ],
  toBusinessType: [
    '转入业务',
    '转移业务',
    '转至业务',
    '转入业务类型',
    '转办业务',
    'tobusinesstype',
    'transferto',
    'transferredto',
    'to',
  ],
  eventId: ['事件编号', '事件id', '流水号', '事件流水号', 'eventid', 'id'],
};

/** A mapping from the headers alone: each field takes the first header that names it. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const out: ColumnMapping = {};
  const taken = new Set<string>();
  for (const f of IMPORT_FIELDS) {
    const names = HEADER_NAMES[f];
    const h = headers.find((x) => !taken.has(x) && names.includes(norm(x)));
    out[f] = h ?? null;
    if (h) taken.add(h);
  }
  return out;
}

export const missingRequired = (m: ColumnMapping) => REQUIRED_FIELDS.filter((f) => !m[f]);

// ---------------------------------------------------------------- rows

/** Kind names a ticket log may use, normalised. */
const KIND_NAMES: Record<string, TicketKind> = {
  issue: 'issued',
  取号: 'issued',
  出票: 'issued',
  领号: 'issued',
  call: 'called',
  叫号: 'called',
  serve: 'serving',
  开始办理: 'serving',
  办理中: 'serving',
  受理: 'serving',
  transfer: 'transferred',
  转移: 'transferred',
  转办: 'transferred',
  转号: 'transferred',
  转接: 'transferred',
  end: 'ended',
  done: 'ended',
  served: 'ended',
  办结: 'ended',
  完成: 'ended',
  结束: 'ended',
  办理完成: 'ended',
  noshow: 'no_show',
  过号: 'no_show',
  未到: 'no_show',
  abandon: 'abandoned',
  弃号: 'abandoned',
  离开: 'abandoned',
  放弃: 'abandoned',
};
for (const k of TICKET_KINDS) KIND_NAMES[norm(k)] = k;

export interface Refs {
  /** code, Chinese name or English name (normalised) → code, active business types only */
  businessTypes: Map<string, string>;
  /** employee number, id or (unique) name → staff id */
  staff: Map<string, string>;
  /** imports hold the past only: times before this instant (today's start in Shanghai) */
  beforeMs: number;
}

export interface ImportEvent {
  line: number;
  eventId: string;
  ticket: string;
  businessType: string;
  kind: TicketKind;
  atMs: number;
  counter: string | null;
  staffId: string | null;
  toBusinessType: string | null;
}

export interface RowProblem {
  line: number;
  field: ImportField | null;
  column: string | null;
  value: string | null;
  code: RowCode;
}

const MIN_MS = Date.parse('2000-01-01T00:00:00+08:00');
const MAX_LEN: Partial<Record<ImportField, number>> = { ticket: 40, counter: 40, eventId: 100 };

/** Column index per mapped field. */
export function columnIndexes(headers: string[], m: ColumnMapping): Partial<Record<ImportField, number>> {
  const out: Partial<Record<ImportField, number>> = {};
  for (const f of IMPORT_FIELDS) {
    const h = m[f];
    if (h) {
      const i = headers.indexOf(h);
      if (i >= 0) out[f] = i;
    }
  }
  return out;
}

/** A cell as text, as a preview shows it. */
export const cellText = (c: Cell | undefined): string =>
  c instanceof Date
    ? c.toISOString().slice(0, 19).replace('T', ' ').replace(' 00:00:00', '') // a sheet's wall clock
    : asText(c).slice(0, 100);

const asText = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString();
  return String(c).trim();
};

/** One row → its event, or the list of what is wrong with it. */
export function checkRow(
  row: TableRow,
  headers: string[],
  mapping: ColumnMapping,
  cols: Partial<Record<ImportField, number>>,
  refs: Refs,
): { event: ImportEvent } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (field: ImportField | null, code: RowCode, value: string | null = null) =>
    problems.push({ line: row.line, field, column: field ? (mapping[field] ?? null) : null, value, code });
  if (row.problem) bad(null, row.problem as RowCode);
  if (row.cells.slice(headers.length).some((c) => asText(c) !== '')) bad(null, 'EXTRA_FIELDS');
  const cell = (f: ImportField) => (cols[f] === undefined ? undefined : row.cells[cols[f]!]);
  const text = (f: ImportField) => asText(cell(f));

  const ticket = text('ticket');
  if (!ticket) bad('ticket', 'REQUIRED');
  for (const f of ['ticket', 'counter', 'eventId'] as const)
    if (text(f).length > MAX_LEN[f]!) bad(f, 'TOO_LONG', text(f).slice(0, 60));

  const typeText = text('businessType');
  const businessType = refs.businessTypes.get(norm(typeText)) ?? null;
  if (!typeText) bad('businessType', 'REQUIRED');
  else if (!businessType) bad('businessType', 'UNKNOWN_BUSINESS_TYPE', typeText);

  const kindText = text('kind');
  const kind = KIND_NAMES[norm(kindText)] ?? null;
  if (!kindText) bad('kind', 'REQUIRED');
  else if (!kind) bad('kind', 'UNKNOWN_KIND', kindText);

  let atMs: number | null = null;
  const atCell = cell('at');
  if (atCell === undefined || asText(atCell) === '') bad('at', 'REQUIRED');
  else {
    const dateCell = cols.date === undefined ? undefined : cell('date');
    atMs = parseTime(atCell, dateCell);
    if (atMs === null) {
      if (dateCell !== undefined && parseDate(dateCell) === null)
        bad('date', 'MALFORMED_DATE', asText(dateCell));
      else bad('at', 'MALFORMED_TIME', asText(atCell));
    } else if (atMs >= refs.beforeMs) bad('at', 'NOT_PAST', asText(atCell));
  }

  const toText = text('toBusinessType');
  const toBusinessType = toText ? (refs.businessTypes.get(norm(toText)) ?? null) : null;
  if (toText && !toBusinessType) bad('toBusinessType', 'UNKNOWN_BUSINESS_TYPE', toText);
  else if (kind === 'transferred' && !toText) bad('toBusinessType', 'TO_BUSINESS_TYPE_REQUIRED');

  const staffText = text('staffId');
  const staffId = staffText ? (refs.staff.get(staffText) ?? refs.staff.get(norm(staffText)) ?? null) : null;
  if (staffText && !staffId) bad('staffId', 'UNKNOWN_STAFF', staffText);

  if (problems.length) return { problems };
  const counter = text('counter') || null;
  const at = new Date(atMs!).toISOString();
  // A stable id: the file's own event id, else a hash of what the row says, so importing the
  // same rows again finds them stored (duplicates, not double counts).
  const eventId =
    text('eventId') ||
    `imp-${sha256Hex([ticket, businessType, kind, at, counter ?? '', staffId ?? '', toBusinessType ?? ''].join('|')).slice(0, 40)}`;
  return {
    event: {
      line: row.line,
      eventId,
      ticket,
      businessType: businessType!,
      kind: kind!,
      atMs: atMs!,
      counter,
      staffId,
      toBusinessType,
    },
  };
}

/** A Date cell of a sheet holds the wall clock as if it were UTC: read it as Beijing time. */
const wallClock = (d: Date) => d.getTime() - BEIJING_OFFSET_MS;

function parseDate(c: Cell): { y: number; m: number; d: number } | null {
  if (c instanceof Date) return { y: c.getUTCFullYear(), m: c.getUTCMonth() + 1, d: c.getUTCDate() };
  if (typeof c === 'number') {
    const d = new Date(Math.round((c - 25_569) * 86_400_000));
    return c > 0 ? { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() } : null;
  }
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(asText(c)) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(asText(c));
  if (!m) return null;
  const v = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return validDate(v.y, v.m, v.d) ? v : null;
}

function validDate(y: number, m: number, d: number) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const shanghai = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) - BEIJING_OFFSET_MS;

const OFFSET_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/**
 * A time as epoch ms, or null when it is not one. With an offset (`…+08:00`, `Z`) it is taken as
 * it is; without one it is Beijing time (Asia/Shanghai, UTC+8, no daylight saving). With a
 * separate date column, `at` may be a time of day.
 */
export function parseTime(at: Cell, date?: Cell): number | null {
  const clock = (h: number, mi: number, s: number) => h <= 23 && mi <= 59 && s <= 59;
  let ms: number | null = null;
  if (date !== undefined && date !== null && asText(date) !== '') {
    const d = parseDate(date);
    if (!d) return null;
    let hms: [number, number, number, number] | null = null;
    if (at instanceof Date)
      hms = [at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()];
    else if (typeof at === 'number' && at >= 0 && at < 1) {
      const s = Math.round(at * 86_400);
      hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60, 0];
    } else {
      const m = TIME_OF_DAY.exec(asText(at));
      if (m && clock(Number(m[1]), Number(m[2]), Number(m[3] ?? 0)))
        hms = [
          Number(m[1]),
          Number(m[2]),
          Number(m[3] ?? 0),
          Number((m[4] ?? '0').slice(0, 3).padEnd(3, '0')),
        ];
    }
    if (!hms) return null;
    ms = shanghai(d.y, d.m, d.d, ...hms);
  } else if (at instanceof Date) ms = wallClock(at);
  else if (typeof at === 'number')
    ms = at > 1 ? wallClock(new Date(Math.round((at - 25_569) * 86_400_000))) : null;
  else {
    const s = asText(at);
    let m = OFFSET_TIME.exec(s);
    if (m) {
      const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((k) => Number(m![k] ?? 0)) as number[];
      if (!validDate(y!, mo!, d!) || !clock(h!, mi!, se!)) return null;
      let off = m[8]!.toUpperCase();
      if (off !== 'Z')
        off = off.length === 3 ? `${off}:00` : off.includes(':') ? off : `${off.slice(0, 3)}:${off.slice(3)}`;
      const frac = m[7] ? `.${m[7].slice(0, 3).padEnd(3, '0')}` : '';
      ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${frac}${off}`);
    } else {
      m = LOCAL_TIME.exec(s);
      if (!m) return null;
      const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((k) => Number(m![k] ?? 0)) as number[];
      if (!validDate(y!, mo!, d!) || !clock(h!, mi!, se!)) return null;
      ms = shanghai(y!, mo!, d!, h!, mi!, se!, Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
    }
  }
  if (ms === null || Number.isNaN(ms) || ms < MIN_MS) return null;
  return ms;
}

// ---------------------------------------------------------------- messages

export type RowCode =
  | 'CSV_UNTERMINATED_QUOTE'
  | 'CSV_STRAY_QUOTE'
  | 'EXTRA_FIELDS'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'UNKNOWN_BUSINESS_TYPE'
  | 'UNKNOWN_KIND'
  | 'MALFORMED_TIME'
  | 'MALFORMED_DATE'
  | 'NOT_PAST'
  | 'TO_BUSINESS_TYPE_REQUIRED'
  | 'UNKNOWN_STAFF';
