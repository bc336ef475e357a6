import { beijingDate, fromBeijingWallClock, isIsoDate } from '@liangdian/engine/time';
import { COMPLAINT_SOURCES } from '@liangdian/shared';
import { ComplaintCreate, type ComplaintImportResult } from '@liangdian/shared/api';
import type { Q } from '../../db/types';
import { DomainError, type FieldProblem } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { loadExcel, toXlsx } from '../../lib/xlsx';
import type { Locale } from '../../lib/messages';
import { type Actor, policy } from '../access/policy';
import * as indexRepo from './complainant-index.repository';
import type { ComplaintDeps } from './complaint-case';
import * as repo from './complaints.repository';
import * as scale from './complaints.scale.repository';
import { forwardingProblems } from './forwarding';

/** Columns of the import sheet (headers in Chinese or English, any order). */
export const IMPORT_COLUMNS = [
  { key: 'receivedAt', zh: '受理时间', en: 'Received at', required: true },
  { key: 'outletCode', zh: '网点编号', en: 'Outlet code', required: true },
  { key: 'channel', zh: '渠道', en: 'Channel', required: true },
  { key: 'category', zh: '业务类别', en: 'Category', required: true },
  { key: 'cause', zh: '投诉原因', en: 'Cause', required: true },
  { key: 'source', zh: '来源', en: 'Source', required: false },
  { key: 'regulatorReceivedOn', zh: '监管受理日期', en: 'Regulator received on', required: false },
  { key: 'forwardedOn', zh: '转办日期', en: 'Forwarded on', required: false },
  { key: 'complainantName', zh: '投诉人姓名', en: 'Complainant name', required: true },
  { key: 'complainantPhone', zh: '投诉人电话', en: 'Complainant phone', required: false },
  { key: 'complainantIdNumber', zh: '证件号码', en: 'ID number', required: false },
  { key: 'peopleCount', zh: '人数', en: 'People', required: false },
  { key: 'claim', zh: '诉求', en: 'Claim', required: true },
  { key: 'facts', zh: '事实', en: 'Facts', required: false },
] as const;

/** Sources by the names people write in a sheet. */
export const SOURCE_NAMES: Record<string, string> = {
  现场: 'walk_in',
  临柜: 'walk_in',
  电话: 'phone',
  网络: 'online',
  在线: 'online',
  监管转办: 'regulator',
};

const badFile = () => new DomainError('VALIDATION_FAILED', {}, [{ field: 'body', code: 'invalid_format' }]);

/**
 * "YYYY-MM-DD HH:mm[:ss]" or an Excel date cell, read as Beijing time: Excel keeps wall-clock
 * times without a zone (a cell's UTC fields are what it shows).
 */
function beijingInstant(v: string | Date): string {
  if (v instanceof Date) {
    const wall = v.toISOString();
    return fromBeijingWallClock(wall.slice(0, 10), wall.slice(11, 19));
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)$/.exec(v);
  if (!m || !isIsoDate(m[1]!)) return '';
  try {
    return fromBeijingWallClock(m[1]!, m[2]!);
  } catch {
    return '';
  }
}

/**
 * The .xlsx import of complaints (the columns of IMPORT_COLUMNS) and its template. Every bad row
 * is reported with its row number and field; nothing is written unless every row is good (one
 * transaction, one audit entry).
 */
export class ComplaintImportService {
  constructor(private readonly deps: ComplaintDeps) {}

  /** The empty sheet to fill in: the headers the import reads, in the user's language. */
  async template(locale: Locale): Promise<{ filename: string; file: Buffer }> {
    const title = locale === 'zh-CN' ? '投诉导入模板' : 'Complaint import';
    const columns = IMPORT_COLUMNS.map((c) => ({
      header: locale === 'zh-CN' ? c.zh : c.en,
      value: () => '',
      width: 16,
    }));
    const file = await toXlsx(title, columns, []);
    return { filename: `${title}-${beijingDate(this.deps.clock.now())}.xlsx`, file };
  }

  async importXlsx(actor: Actor, file: Buffer): Promise<ComplaintImportResult> {
    this.deps.guard.require(actor, 'complaints.import');
    const inputs = await this.readRows(actor, file);
    return this.deps.changes.run(actor, async (trx, at) => {
      await this.insertAll(trx, actor, inputs, at.toISOString());
      const imported = inputs.length;
      return [
        { imported },
        { action: 'import', entityType: 'complaint', entityId: 'xlsx', after: { imported } },
      ];
    });
  }

  /** The rows of the sheet as registrations; IMPORT_FAILED with every problem when any row is bad. */
  private async readRows(actor: Actor, file: Buffer): Promise<ComplaintCreate[]> {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw badFile();
    }
    const ws = wb.worksheets[0];
    if (!ws) throw badFile();
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => {
      const h = String(cell.value ?? '').trim();
      const def = IMPORT_COLUMNS.find(
        (c) => c.zh === h || c.en.toLowerCase() === h.toLowerCase() || c.key === h,
      );
      if (def) header.set(def.key, col);
    });
    const missing = IMPORT_COLUMNS.filter((c) => c.required && !header.has(c.key));
    if (missing.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {},
        missing.map((c) => ({ field: `columns.${c.key}`, code: 'required' })),
      );
    }
    const [codes, outlets] = await Promise.all([
      repo.listCodes(this.deps.db),
      repo.outletsOfBranch(this.deps.db, actor.branchId),
    ]);
    const codeOf = (kind: string, v: string) =>
      codes.find(
        (c) => c.kind === kind && c.active === 1 && (c.code === v || c.name_zh === v || c.name_en === v),
      )?.code;
    const outletByCode = new Map(outlets.map((o) => [o.code, o]));
    const now = this.deps.clock.now();
    const problems: FieldProblem[] = [];
    const inputs: ComplaintCreate[] = [];
    const cellValue = (rowNo: number, key: string): string | Date => {
      const col = header.get(key);
      if (!col) return '';
      const v = ws.getRow(rowNo).getCell(col).value;
      if (v instanceof Date) return v;
      if (v && typeof v === 'object' && 'text' in v) return String(v.text);
      if (v && typeof v === 'object' && 'result' in v) return String(v.result);
      return v === null || v === undefined ? '' : String(v).trim();
    };
    const sources = COMPLAINT_SOURCES as readonly string[];
    for (let rowNo = 2; rowNo <= ws.rowCount; rowNo++) {
      if (!ws.getRow(rowNo).hasValues) continue;
      const before = problems.length;
      const bad = (key: string, code: string, params?: Record<string, string | number>) =>
        problems.push({ field: `rows.${rowNo}.${key}`, code, ...(params ? { params } : {}) });
      const text = (key: string) => {
        const v = cellValue(rowNo, key);
        return v instanceof Date ? v.toISOString().slice(0, 10) : v;
      };
      const receivedAt = beijingInstant(cellValue(rowNo, 'receivedAt'));
      if (!receivedAt) bad('receivedAt', 'NOT_A_TIME');
      else if (Date.parse(receivedAt) > now.getTime()) bad('receivedAt', 'IN_THE_FUTURE');
      const outlet = outletByCode.get(text('outletCode'));
      if (!outlet || !policy.seesOutlet(actor, { id: outlet.id, branch_id: actor.branchId }))
        bad('outletCode', 'UNKNOWN_REFERENCE', { value: text('outletCode') });
      const coded: Record<string, string> = {};
      for (const kind of ['channel', 'category', 'cause'] as const) {
        const c = codeOf(kind, text(kind));
        if (!c) bad(kind, 'UNKNOWN_CODE', { value: text(kind) });
        else coded[kind] = c;
      }
      const sourceText = text('source') || 'walk_in';
      const source = SOURCE_NAMES[sourceText] ?? sourceText;
      if (!sources.includes(source))
        bad('source', 'invalid_value', { options: COMPLAINT_SOURCES.join(', ') });
      const forwardedOn = text('forwardedOn') || null;
      const regulatorReceivedOn = text('regulatorReceivedOn') || null;
      if (forwardedOn && !isIsoDate(forwardedOn)) bad('forwardedOn', 'NOT_A_DATE');
      if (regulatorReceivedOn && !isIsoDate(regulatorReceivedOn)) bad('regulatorReceivedOn', 'NOT_A_DATE');
      if (source === 'regulator' && !forwardedOn) bad('forwardedOn', 'FORWARDED_ON_REQUIRED');
      if (source !== 'regulator' && (forwardedOn || regulatorReceivedOn))
        bad(forwardedOn ? 'forwardedOn' : 'regulatorReceivedOn', 'REGULATOR_ONLY');
      const validDate = (d: string | null) => (d && isIsoDate(d) ? d : null);
      if (receivedAt)
        for (const p of forwardingProblems(
          {
            regulatorReceivedOn: validDate(regulatorReceivedOn),
            forwardedOn: validDate(forwardedOn),
            receivedOn: beijingDate(receivedAt),
          },
          (name) => `rows.${rowNo}.${name}`,
        ))
          problems.push(p);
      const people = text('peopleCount') || '1';
      if (!/^\d+$/.test(people) || Number(people) < 1) bad('peopleCount', 'NOT_A_NUMBER');
      const parsed = ComplaintCreate.safeParse({
        outletId: outlet?.id ?? '-',
        receivedAt: receivedAt || now.toISOString(),
        channel: coded.channel ?? 'x',
        category: coded.category ?? 'x',
        cause: coded.cause ?? 'x',
        source: sources.includes(source) ? source : 'walk_in',
        regulatorReceivedOn: validDate(regulatorReceivedOn),
        forwardedOn: validDate(forwardedOn),
        complainantName: text('complainantName'),
        complainantPhone: text('complainantPhone') || null,
        complainantIdNumber: text('complainantIdNumber') || null,
        peopleCount: /^\d+$/.test(people) ? Math.max(1, Number(people)) : 1,
        claim: text('claim'),
        facts: text('facts'),
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          bad(String(i.path[0] ?? 'row'), i.code === 'too_small' ? 'required' : 'invalid');
      } else if (problems.length === before) inputs.push(parsed.data);
    }
    if (problems.length) {
      const rows = new Set(problems.map((p) => p.field.split('.')[1]));
      throw new DomainError('IMPORT_FAILED', { count: rows.size }, problems);
    }
    return inputs;
  }

  /**
   * Inserts the rows 5,000 at a time; each part is inserted while the next one is made
   * (encryption, deadlines): the database works while this process does.
   */
  private async insertAll(trx: Q, actor: Actor, inputs: ComplaintCreate[], now: string) {
    const drawn = new Set<string>();
    const calendar = await this.deps.cases.calendar(trx);
    let pending: Promise<void> = Promise.resolve();
    await scale.withLargeCache(trx, async () => {
      // Oldest first, and each part by number: the rows of a part then land next to each other
      // in the date and number indexes instead of dirtying pages all over them.
      inputs.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
      for (let start = 0; start < inputs.length; start += 5000) {
        const part = inputs.slice(start, start + 5000);
        const rows = part.map((input) =>
          this.deps.cases.newRow({
            id: newId(),
            no: '',
            branchId: actor.branchId,
            input,
            createdBy: actor.userId,
            now,
            calendar,
          }),
        );
        // the blind index of each complainant, from the values as read (complainant-index.ts)
        const entries = part.flatMap((input, i) =>
          this.deps.cases.indexEntries(rows[i]!.id, {
            name: input.complainantName,
            phone: input.complainantPhone,
            idNumber: input.complainantIdNumber,
          }),
        );
        await pending;
        // Numbers as for one complaint: thousands a day may collide, with each other or with
        // stored ones; draw again until every one is free.
        let open = rows;
        while (open.length) {
          for (const r of open) {
            do r.no = this.deps.cases.drawNo(r.received_on);
            while (drawn.has(r.no));
            drawn.add(r.no);
          }
          const taken = await scale.takenNos(
            trx,
            open.map((r) => r.no),
          );
          open = open.filter((r) => taken.has(r.no));
        }
        rows.sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
        pending = scale.insertComplaints(trx, rows).then(() => indexRepo.putEntries(trx, entries));
        pending.catch(() => {}); // awaited before the next part, or below
        await new Promise((resolve) => setImmediate(resolve)); // lets the insert go out
      }
      await pending;
    });
  }
}
