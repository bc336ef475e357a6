import { addDays, isIsoDate, shanghaiDate } from '@liangdian/engine';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, type FieldProblem, forbidden } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import { type Actor, complaintPolicy, policy } from '../access/policy';
import * as repo from './complaints.repository';
import * as scale from './complaints.scale.repository';
import * as stats from './complaints.stats.repository';
import { ComplaintCreate, type StatsQuery } from './complaints.schemas';
import type { ComplaintsService } from './complaints.service';
import { SOURCES } from './complaints.states';
import { loadExcel } from '../../lib/xlsx';

export interface Bucket {
  key: string;
  nameZh: string;
  nameEn: string;
  count: number;
}

/** Statistics (Art. 26), the regulator-style report, prevention (high-risk scenarios) and accountability. */
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

  private filter(actor: Actor, f: StatsQuery): repo.StatsFilterRow {
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      outletId: f.outletId,
      fromDate: f.from,
      toDate: f.to,
    };
  }

  private async codeNames() {
    const codes = await repo.listCodes(this.db);
    const m = new Map<string, { zh: string; en: string }>();
    for (const c of codes) m.set(`${c.kind}:${c.code}`, { zh: c.name_zh, en: c.name_en });
    return (kind: string, code: string) => m.get(`${kind}:${code}`) ?? { zh: code, en: code };
  }

  /**
   * Statistics of the complaints received in a date range. Totals, outlets and months come from
   * the daily statistics (complaint_daily_stats), channel, category and cause from the daily
   * code counts of the branch, or for one outlet from its complaints (a covering index).
   */
  async stats(actor: Actor, f: StatsQuery) {
    const filter = this.filter(actor, f);
    const outletId = filter.onlyOutletId ?? filter.outletId;
    const otherOutlet = !!filter.onlyOutletId && !!filter.outletId && filter.onlyOutletId !== filter.outletId;
    const codeCounts = async (): Promise<{ kind: string; code: string; n: number }[]> => {
      if (otherOutlet) return [];
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
    };
    const [names, outlets, days, codes] = await Promise.all([
      this.codeNames(),
      repo.outletsOfBranch(this.db, actor.branchId),
      stats.dailyTotals(this.db, filter),
      codeCounts(),
    ]);
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
    const named = (kind: string): Bucket[] =>
      codes
        .filter((r) => r.kind === kind && r.n > 0)
        .map((r) => {
          const n = names(kind, r.code);
          return { key: r.code, nameZh: n.zh, nameEn: n.en, count: r.n };
        })
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return {
      total: totals.total,
      decided: totals.decided,
      onTime: totals.onTime,
      onTimeRate: totals.decided ? totals.onTime / totals.decided : null,
      meanDaysToDecision: totals.decided ? totals.days / totals.decided : null,
      byChannel: named('channel'),
      byCategory: named('category'),
      byCause: named('cause'),
      byOutlet: counted(perOutlet)
        .map((r) => ({
          key: r.key,
          nameZh: outletName.get(r.key) ?? r.key,
          nameEn: outletName.get(r.key) ?? r.key,
          count: r.n,
        }))
        .sort((a, b) => b.count - a.count),
      byMonth: counted(perMonth)
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => ({ key: r.key, nameZh: r.key, nameEn: r.key, count: r.n })),
    };
  }

  /** The regulator-style report: counts by business category × cause × channel (JR/T 0169-2018). */
  async report(actor: Actor, f: StatsQuery) {
    const [names, rows] = await Promise.all([
      this.codeNames(),
      repo.countByThree(this.db, this.filter(actor, f)),
    ]);
    return rows
      .map((r) => ({
        category: r.category_code,
        categoryName: names('category', r.category_code),
        cause: r.cause_code,
        causeName: names('cause', r.cause_code),
        channel: r.channel_code,
        channelName: names('channel', r.channel_code),
        count: r.n,
      }))
      .sort(
        (a, b) =>
          a.category.localeCompare(b.category) ||
          a.cause.localeCompare(b.cause) ||
          a.channel.localeCompare(b.channel),
      );
  }

  /** High-risk scenarios: business category × cause, ranked by complaints over the last `days` days. */
  async risks(actor: Actor, f: { page: number; pageSize: number; days: number; outletId?: string }) {
    const since = new Date(this.clock.now().getTime() - f.days * 86_400_000).toISOString();
    const [names, counts, controls] = await Promise.all([
      this.codeNames(),
      repo.countCategoryCause(this.db, {
        branchId: actor.branchId,
        onlyOutletId: actor.outletId,
        outletId: f.outletId,
        since,
      }),
      repo.listControls(this.db, actor.branchId),
    ]);
    const ctl = new Map(controls.map((c) => [`${c.category_code}:${c.cause_code}`, c]));
    const all = counts
      .sort(
        (a, b) =>
          b.n - a.n ||
          a.category_code.localeCompare(b.category_code) ||
          a.cause_code.localeCompare(b.cause_code),
      )
      .map((r, i) => {
        const c = ctl.get(`${r.category_code}:${r.cause_code}`);
        return {
          rank: i + 1,
          category: r.category_code,
          categoryName: names('category', r.category_code),
          cause: r.cause_code,
          causeName: names('cause', r.cause_code),
          count: r.n,
          controls: c ? (JSON.parse(c.controls_json) as string[]) : [],
          controlsUpdatedAt: c?.updated_at ?? null,
        };
      });
    const start = (f.page - 1) * f.pageSize;
    return {
      items: all.slice(start, start + f.pageSize),
      total: all.length,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  async putControls(actor: Actor, body: { category: string; cause: string; controls: string[] }) {
    if (!complaintPolicy.editsPrevention(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const problems: FieldProblem[] = [];
      if (!(await repo.findCode(trx, 'category', body.category)))
        problems.push({ field: 'body.category', code: 'UNKNOWN_CODE', params: { value: body.category } });
      if (!(await repo.findCode(trx, 'cause', body.cause)))
        problems.push({ field: 'body.cause', code: 'UNKNOWN_CODE', params: { value: body.cause } });
      if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
      const before = await repo.findControls(trx, actor.branchId, body.category, body.cause);
      await repo.upsertControls(trx, {
        id: newId(),
        branch_id: actor.branchId,
        category_code: body.category,
        cause_code: body.cause,
        controls_json: JSON.stringify(body.controls),
        updated_at: now,
      });
      const after = { category: body.category, cause: body.cause, controls: body.controls, updatedAt: now };
      return [
        after,
        {
          action: 'update',
          entityType: 'risk_controls',
          entityId: `${body.category}:${body.cause}`,
          before: before ? { controls: JSON.parse(before.controls_json) } : null,
          after,
        },
      ];
    });
  }

  async rules() {
    return (await repo.listRules(this.db)).map((r) => ({
      responsibility: r.responsibility,
      severity: r.severity,
      points: r.points,
      updatedAt: r.updated_at,
    }));
  }

  async putRules(actor: Actor, rules: { responsibility: string; severity: string; points: number }[]) {
    if (!complaintPolicy.editsPrevention(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const before = await repo.listRules(trx);
      for (const r of rules) await repo.setRule(trx, r.responsibility, r.severity, r.points, now);
      const after = (await repo.listRules(trx)).map((r) => ({
        responsibility: r.responsibility,
        severity: r.severity,
        points: r.points,
        updatedAt: r.updated_at,
      }));
      return [
        after,
        {
          action: 'update',
          entityType: 'accountability_rules',
          entityId: 'points',
          before: { rules: before.map((r) => `${r.responsibility}/${r.severity}=${r.points}`) },
          after: { rules: after.map((r) => `${r.responsibility}/${r.severity}=${r.points}`) },
        },
      ];
    });
  }

  /** Monthly scorecard per outlet or per person, ranked (fewest points first: points are deductions). */
  async scorecard(
    actor: Actor,
    f: { page: number; pageSize: number; month: string; by: 'outlet' | 'staff'; outletId?: string },
  ) {
    const rows = await repo.scorecard(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId: f.outletId, month: f.month },
      f.by,
    );
    const ranked = rows
      .sort((a, b) => a.points - b.points || a.complaints - b.complaints || a.code.localeCompare(b.code))
      .map((r, i) => ({
        rank: i + 1,
        key: r.key,
        code: r.code,
        name: r.name,
        outletName: 'outlet_name' in r ? (r.outlet_name as string) : r.name,
        complaints: r.complaints,
        points: r.points,
      }));
    const start = (f.page - 1) * f.pageSize;
    return {
      items: ranked.slice(start, start + f.pageSize),
      total: ranked.length,
      page: f.page,
      pageSize: f.pageSize,
    };
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

  /** Today's Beijing date, for callers that compute ranges. */
  today() {
    return shanghaiDate(this.clock.now());
  }
  daysAgo(n: number) {
    return addDays(this.today(), -n);
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

export type StatsPage = Page<unknown>;
