import { isIsoDate } from '@liangdian/engine';
import type { ComplaintStats, ComplaintStatsQuery } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, type FieldProblem, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { loadExcel } from '../../lib/xlsx';
import { type Actor, complaintPolicy, policy } from '../access/policy';
import * as repo from './complaints.repository';
import * as scale from './complaints.scale.repository';
import { ComplaintCreate } from './complaints.schemas';
import type { ComplaintsService } from './complaints.service';
import { SOURCES } from './complaints.states';
import * as stats from './complaints.stats.repository';
import { codeNames, namedBuckets, presentReportRow } from './insights.presenter';

/**
 * Statistics (Art. 26) and the regulator-style report; prevention and accountability are in
 * prevention.service.ts.
 */
export class ComplaintInsightsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsService,
  ) {}

  /**
   * Builds the daily statistics tables again from the complaints (an operator's repair, e.g. after
   * rows were changed by hand in the database), in one transaction.
   */
  async rebuildStatistics(): Promise<{ rows: number; complaints: number }> {
    return this.db.transaction().execute(async (trx) => {
      await stats.rebuildStats(trx);
      return stats.statsSize(trx);
    });
  }

  private filter(actor: Actor, f: ComplaintStatsQuery): repo.StatsFilterRow {
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      outletId: f.outletId,
      fromDate: f.from,
      toDate: f.to,
    };
  }

  /**
   * Statistics of the complaints received in a date range. Totals, outlets and months come from
   * the daily statistics (complaint_daily_stats), channel, category and cause from the daily
   * code counts of the branch, or for one outlet from its complaints (a covering index).
   */
  async stats(actor: Actor, f: ComplaintStatsQuery): Promise<ComplaintStats> {
    const filter = this.filter(actor, f);
    const [codes, outlets, days, counts] = await Promise.all([
      repo.listCodes(this.db),
      repo.outletsOfBranch(this.db, actor.branchId),
      stats.dailyTotals(this.db, filter),
      this.codeCounts(filter),
    ]);
    const names = codeNames(codes);
    const totals = { total: 0, decided: 0, onTime: 0, days: 0 };
    const perOutlet = new Map<string, number>();
    const perMonth = new Map<string, number>();
    for (const r of days) {
      totals.total += r.complaints;
      totals.decided += r.decided;
      totals.onTime += r.onTime;
      totals.days += r.decisionDays;
      perOutlet.set(r.outletId, (perOutlet.get(r.outletId) ?? 0) + r.complaints);
      perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.complaints);
    }
    const counted = (m: Map<string, number>) =>
      [...m.entries()].filter(([, n]) => n > 0).map(([key, n]) => ({ key, n }));
    const outletName = new Map(outlets.map((o) => [o.id, o.name]));
    return {
      total: totals.total,
      decided: totals.decided,
      onTime: totals.onTime,
      onTimeRate: totals.decided ? totals.onTime / totals.decided : null,
      meanDaysToDecision: totals.decided ? totals.days / totals.decided : null,
      byChannel: namedBuckets(names, 'channel', counts),
      byCategory: namedBuckets(names, 'category', counts),
      byCause: namedBuckets(names, 'cause', counts),
      byOutlet: counted(perOutlet)
        .map((r) => {
          const name = outletName.get(r.key) ?? r.key;
          return { key: r.key, nameZh: name, nameEn: name, count: r.n };
        })
        .sort((a, b) => b.count - a.count),
      byMonth: counted(perMonth)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => ({ key: r.key, nameZh: r.key, nameEn: r.key, count: r.n })),
    };
  }

  /** Complaints per code kind and code: of the branch from the daily counts, of one outlet from its complaints. */
  private async codeCounts(
    filter: repo.StatsFilterRow,
  ): Promise<{ kind: string; code: string; n: number }[]> {
    const outletId = filter.onlyOutletId ?? filter.outletId;
    // an outlet user asking for another outlet sees nothing
    if (filter.onlyOutletId && filter.outletId && filter.onlyOutletId !== filter.outletId) return [];
    if (!outletId) return stats.dailyCodeCounts(this.db, filter);
    const counts = new Map<string, { kind: string; code: string; n: number }>();
    const add = (kind: string, code: string, n: number) => {
      const c = counts.get(`${kind}:${code}`);
      if (c) c.n += n;
      else counts.set(`${kind}:${code}`, { kind, code, n });
    };
    for (const r of await stats.codeCountsOfOutlet(this.db, { ...filter, outletId })) {
      add('channel', r.channel_code, r.n);
      add('category', r.category_code, r.n);
      add('cause', r.cause_code, r.n);
    }
    return [...counts.values()];
  }

  /** The regulator-style report: counts by business category × cause × channel (JR/T 0169-2018). */
  async report(actor: Actor, f: ComplaintStatsQuery) {
    const [codes, rows] = await Promise.all([
      repo.listCodes(this.db),
      repo.countByThree(this.db, this.filter(actor, f)),
    ]);
    const names = codeNames(codes);
    return rows
      .map((r) => presentReportRow(names, r))
      .sort(
        (a, b) =>
          a.category.localeCompare(b.category) ||
          a.cause.localeCompare(b.cause) ||
          a.channel.localeCompare(b.channel),
      );
  }

  /** The name of an outlet the actor sees (for the filter line of an export); undefined otherwise. */
  async outletName(actor: Actor, outletId: string | undefined): Promise<string | undefined> {
    if (!outletId) return undefined;
    const o = await repo.findOutlet(this.db, outletId);
    return o && policy.seesOutlet(actor, o) ? o.name : undefined;
  }

  // ---------------------------------------------------------------- import
  /**
   * Imports complaints from an .xlsx sheet (the columns of IMPORT_COLUMNS, headers in Chinese or
   * English). Every bad row is reported with its row number and field; nothing is written unless
   * every row is good (one transaction, one audit entry).
   */
  async importXlsx(actor: Actor, file: Buffer): Promise<{ imported: number }> {
    if (!complaintPolicy.imports(actor)) throw forbidden();
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body', code: 'invalid_format' }]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body', code: 'invalid_format' }]);
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
      repo.listCodes(this.db),
      repo.outletsOfBranch(this.db, actor.branchId),
    ]);
    const codeOf = (kind: string, v: string) =>
      codes.find(
        (c) => c.kind === kind && c.active === 1 && (c.code === v || c.name_zh === v || c.name_en === v),
      )?.code;
    const outletByCode = new Map(outlets.map((o) => [o.code, o]));
    const now = this.clock.now();
    const problems: FieldProblem[] = [];
    const inputs: ComplaintCreate[] = [];
    const cellText = (rowNo: number, key: string) => {
      const col = header.get(key);
      if (!col) return '';
      const v = ws.getRow(rowNo).getCell(col).value;
      if (v instanceof Date) return v;
      if (v && typeof v === 'object' && 'text' in v) return String(v.text);
      if (v && typeof v === 'object' && 'result' in v) return String(v.result);
      return v === null || v === undefined ? '' : String(v).trim();
    };
    for (let rowNo = 2; rowNo <= ws.rowCount; rowNo++) {
      const row = ws.getRow(rowNo);
      if (!row.hasValues) continue;
      const before = problems.length;
      const bad = (key: string, code: string, params?: Record<string, string | number>) =>
        problems.push({ field: `rows.${rowNo}.${key}`, code, ...(params ? { params } : {}) });
      const text = (key: string) => {
        const v = cellText(rowNo, key);
        return v instanceof Date ? v.toISOString().slice(0, 10) : v;
      };
      // Excel keeps wall-clock times without a zone: read them as Beijing time.
      const rawTime = cellText(rowNo, 'receivedAt');
      let receivedAt = '';
      if (rawTime instanceof Date) receivedAt = new Date(rawTime.getTime() - 8 * 3_600_000).toISOString();
      else {
        const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(rawTime);
        if (m && isIsoDate(m[1]!))
          receivedAt = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`).toISOString();
      }
      if (!receivedAt) bad('receivedAt', 'NOT_A_TIME');
      else if (Date.parse(receivedAt) > now.getTime()) bad('receivedAt', 'IN_THE_FUTURE');
      const outlet = outletByCode.get(text('outletCode'));
      if (!outlet || !policy.seesOutlet(actor, { id: outlet.id, branch_id: actor.branchId }))
        bad('outletCode', 'UNKNOWN_REFERENCE', { value: text('outletCode') });
      const kinds = { channel: 'channel', category: 'category', cause: 'cause' } as const;
      const coded: Record<string, string> = {};
      for (const [key, kind] of Object.entries(kinds)) {
        const c = codeOf(kind, text(key));
        if (!c) bad(key, 'UNKNOWN_CODE', { value: text(key) });
        else coded[key] = c;
      }
      const sourceText = text('source') || 'walk_in';
      const source = SOURCE_NAMES[sourceText] ?? sourceText;
      if (!(SOURCES as readonly string[]).includes(source))
        bad('source', 'invalid_value', { options: SOURCES.join(', ') });
      const forwardedOn = text('forwardedOn') || null;
      if (forwardedOn && !isIsoDate(forwardedOn)) bad('forwardedOn', 'NOT_A_DATE');
      if (source === 'regulator' && !forwardedOn) bad('forwardedOn', 'FORWARDED_ON_REQUIRED');
      const people = text('peopleCount') || '1';
      if (!/^\d+$/.test(people) || Number(people) < 1) bad('peopleCount', 'NOT_A_NUMBER');
      const parsed = ComplaintCreate.safeParse({
        outletId: outlet?.id ?? '-',
        receivedAt: receivedAt || now.toISOString(),
        channel: coded.channel ?? 'x',
        category: coded.category ?? 'x',
        cause: coded.cause ?? 'x',
        source: (SOURCES as readonly string[]).includes(source) ? source : 'walk_in',
        forwardedOn: forwardedOn && isIsoDate(forwardedOn) ? forwardedOn : null,
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
    return this.complaints.change(actor, async (trx, nowIso) => {
      // 5,000 rows at a time; each part is inserted while the next one is made (encryption,
      // deadlines): the database works while this process does.
      const drawn = new Set<string>();
      let pending: Promise<void> = Promise.resolve();
      await scale.withLargeCache(trx, async () => {
        // Oldest first, and each part by number: the rows of a part then land next to each other
        // in the date and number indexes instead of dirtying pages all over them.
        inputs.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
        for (let start = 0; start < inputs.length; start += 5000) {
          const rows = inputs.slice(start, start + 5000).map((input) =>
            this.complaints.newRow({
              id: newId(),
              no: '',
              branchId: actor.branchId,
              input,
              createdBy: actor.userId,
              now: nowIso,
            }),
          );
          await pending;
          // Numbers as for one complaint (TS + day + 6 random hex digits): thousands a day may
          // collide, with each other or with stored ones; draw again until every one is free.
          let open = rows;
          while (open.length) {
            for (const r of open) {
              do
                r.no = `TS${r.received_on.replace(/-/g, '')}${newId().replace(/-/g, '').slice(-6).toUpperCase()}`;
              while (drawn.has(r.no));
              drawn.add(r.no);
            }
            const taken = await repo.takenNos(
              trx,
              open.map((r) => r.no),
            );
            open = open.filter((r) => taken.has(r.no));
          }
          rows.sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
          pending = repo.insertComplaints(trx, rows);
          pending.catch(() => {}); // awaited before the next part, or below
          await new Promise((resolve) => setImmediate(resolve)); // lets the insert go out
        }
        await pending;
      });
      const imported = inputs.length;
      return [
        { imported },
        { action: 'import', entityType: 'complaint', entityId: 'xlsx', after: { imported } },
      ];
    });
  }
}

export const SOURCE_NAMES: Record<string, string> = {
  现场: 'walk_in',
  临柜: 'walk_in',
  电话: 'phone',
  网络: 'online',
  在线: 'online',
  监管转办: 'regulator',
};

/** Columns of the import sheet (headers in Chinese or English, any order). */
export const IMPORT_COLUMNS = [
  { key: 'receivedAt', zh: '受理时间', en: 'Received at', required: true },
  { key: 'outletCode', zh: '网点编号', en: 'Outlet code', required: true },
  { key: 'channel', zh: '渠道', en: 'Channel', required: true },
  { key: 'category', zh: '业务类别', en: 'Category', required: true },
  { key: 'cause', zh: '投诉原因', en: 'Cause', required: true },
  { key: 'source', zh: '来源', en: 'Source', required: false },
  { key: 'forwardedOn', zh: '转办日期', en: 'Forwarded on', required: false },
  { key: 'complainantName', zh: '投诉人姓名', en: 'Complainant name', required: true },
  { key: 'complainantPhone', zh: '投诉人电话', en: 'Complainant phone', required: false },
  { key: 'complainantIdNumber', zh: '证件号码', en: 'ID number', required: false },
  { key: 'peopleCount', zh: '人数', en: 'People', required: false },
  { key: 'claim', zh: '诉求', en: 'Claim', required: true },
  { key: 'facts', zh: '事实', en: 'Facts', required: false },
] as const;
