import { calendarWarnings } from '@liangdian/engine';
import { beijingDate } from '@liangdian/engine/time';
import type {
  CalendarWarning,
  CodeCreate,
  CodePatch,
  ComplaintCode,
  HolidayDay,
  HolidayPut,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { DomainError, type FieldProblem, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Clock } from '../../lib/clock';
import { type Page, pageWindow } from '../../lib/paging';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './complaint-codes.repository';
import { presentCode, presentHoliday } from './complaint-codes.presenter';
import { refreshForwarding } from './forwarding';
import { complaintYears } from './forwarding.repository';

/**
 * The JR/T 0169 code tables (channel, category, cause) and the official holiday calendar the
 * working-day deadlines count on: read by everyone, kept by administrators.
 */
export class ComplaintCodesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly changes: Changes,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- code tables
  async listCodes(kind?: string, active?: boolean): Promise<ComplaintCode[]> {
    return (await repo.listCodes(this.db, kind, active)).map(presentCode);
  }

  /** code → name of each table, for the names of codes in exports and filter lines. */
  async names(): Promise<CodeNames> {
    const m = new Map<string, { zh: string; en: string }>();
    for (const c of await repo.listCodes(this.db))
      m.set(`${c.kind}:${c.code}`, { zh: c.name_zh, en: c.name_en });
    return (kind, code) => m.get(`${kind}:${code}`) ?? { zh: code, en: code };
  }

  async createCode(actor: Actor, input: CodeCreate): Promise<ComplaintCode> {
    this.guard.require(actor, 'complaints.codes');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      if (await repo.findCode(trx, input.kind, input.code))
        throw new DomainError('COMPLAINT_CODE_TAKEN', {}, [
          { field: 'body.code', code: 'COMPLAINT_CODE_TAKEN' },
        ]);
      const id = newId();
      await repo.insertCode(trx, {
        id,
        kind: input.kind,
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        sort_order: input.sortOrder,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      const after = presentCode((await repo.findCodeById(trx, id))!);
      return [after, { action: 'create', entityType: 'complaint_code', entityId: id, after }];
    });
  }

  async updateCode(actor: Actor, id: string, patch: CodePatch): Promise<ComplaintCode> {
    this.guard.require(actor, 'complaints.codes');
    return this.changes.run(actor, async (trx, at) => {
      const row = await repo.findCodeById(trx, id);
      if (!row) throw notFound('code');
      const before = presentCode(row);
      const set: Partial<repo.CodeRow> = { updated_at: at.toISOString() };
      if (patch.nameZh !== undefined) set.name_zh = patch.nameZh;
      if (patch.nameEn !== undefined) set.name_en = patch.nameEn;
      if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      await repo.updateCode(trx, id, set);
      const after = presentCode((await repo.findCodeById(trx, id))!);
      return [after, { action: 'update', entityType: 'complaint_code', entityId: id, before, after }];
    });
  }

  // ---------------------------------------------------------------- the holiday calendar
  async listHolidays(f: { year?: number; page: number; pageSize: number }): Promise<Page<HolidayDay>> {
    const [rows, total] = await Promise.all([
      repo.listHolidays(this.db, f.year, ...pageWindow(f)),
      repo.countHolidays(this.db, f.year),
    ]);
    return { items: rows.map(presentHoliday), total, page: f.page, pageSize: f.pageSize };
  }

  /**
   * What looks wrong in the calendar (engine: calendarWarnings): a weekend holiday on its own, a
   * make-up working day on a weekday, and the years without entries among those the deadlines
   * need — every year with complaints, this year and the coming one.
   */
  async holidayWarnings(): Promise<CalendarWarning[]> {
    const year = Number(beijingDate(this.clock.now()).slice(0, 4));
    const [rows, years] = await Promise.all([repo.listHolidays(this.db), complaintYears(this.db)]);
    const entries = rows.map((r) => ({ date: r.day, kind: r.kind as HolidayDay['kind'] }));
    return calendarWarnings(entries, [...years, year, year + 1]);
  }

  /**
   * Replaces one year of the official calendar (a new year's State Council notice) and sets the
   * forwarding deadlines of the regulator cases again (Art. 33 counts on it), in one transaction.
   */
  async putHolidayYear(actor: Actor, { year, days }: HolidayPut): Promise<HolidayDay[]> {
    this.guard.require(actor, 'complaints.codes');
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    days.forEach((d, i) => {
      if (!d.day.startsWith(`${year}-`) || seen.has(d.day))
        problems.push({ field: `body.days.${i}.day`, code: 'invalid' });
      seen.add(d.day);
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const before = await repo.listHolidays(trx, year);
      await repo.replaceHolidayYear(
        trx,
        year,
        days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, updated_at: now })),
      );
      const after = (await repo.listHolidays(trx, year)).map(presentHoliday);
      await refreshForwarding(trx);
      const summary = (list: { day: string; kind: string }[]) => ({
        days: list.map((h) => `${h.day} ${h.kind}`),
      });
      return [
        after,
        {
          action: 'update',
          entityType: 'holiday_calendar',
          entityId: String(year),
          before: summary(before),
          after: summary(after),
        },
      ];
    });
  }
}

/** The name of a code of the complaint code tables (the code itself when unknown). */
export type CodeNames = (kind: string, code: string) => { zh: string; en: string };
