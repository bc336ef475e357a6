import { pageWindow } from '../../../lib/paging';
import { createHash } from 'node:crypto';
import { beijingDate, beijingDayStartMs } from '@liangdian/engine/time';
import { TICKET_IMPORT_FIELDS as IMPORT_FIELDS, maxOf, minOf } from '@liangdian/shared';
import type {
  TicketImportBatch,
  TicketImportBatchQuery,
  TicketImportMapping as ColumnMapping,
  TicketImportMappingView,
  TicketImportPreview,
  TicketImportRowError,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { Page } from '../../../lib/paging';
import type { Changes, Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import * as lobbyRepo from '../lobby.repository';
import {
  cellText,
  checkRow,
  columnIndexes,
  type ImportEvent,
  missingRequired,
  type Refs,
  type RowProblem,
  readTable,
  suggestMapping,
  type Table,
} from './ticket-import.parse';
import { presentBatch, presentEvent, presentProblem } from './ticket-import.presenter';
import * as repo from './ticket-import.repository';

/** Problems listed in a preview (the .xlsx error report has them all), and rows shown. */
export const ERRORS_SHOWN = 1000;
export const SAMPLE_ROWS = 20;

export interface TicketImportLimits {
  /** largest file, bytes (larger: 413 TICKET_IMPORT_FILE_TOO_LARGE) */
  maxBytes: number;
  /** most data rows in one file (more: 413 TICKET_IMPORT_TOO_MANY_ROWS) */
  maxRows: number;
}
export const DEFAULT_IMPORT_LIMITS: TicketImportLimits = { maxBytes: 32 * 1_048_576, maxRows: 200_000 };

export interface Upload {
  fileName: string;
  data: Buffer;
}

interface Analysis {
  table: Table;
  mapping: ColumnMapping;
  mappingSource: TicketImportPreview['mappingSource'];
  missing: TicketImportPreview['missingRequired'];
  events: ImportEvent[];
  problems: RowProblem[];
  badLines: number;
  /** events whose id an earlier row of the file had already */
  repeated: number;
}

/**
 * Historic ticket logs (docs/lobby.md, "Importing ticket history"): a CSV or .xlsx with a column
 * mapping saved per outlet; preview with every bad row and its line; commit all or nothing, or
 * only the good rows when the user chooses. Events go to `ticket_events`, where the board's
 * replay and the mode-plan recommendation read them; ids are stable per row, so a file imported
 * twice adds nothing the second time.
 */
export class TicketImportService {
  readonly limits: TicketImportLimits = { ...DEFAULT_IMPORT_LIMITS };

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  /** Every step is the set-up's: the outlet head, admins and consumer-protection officers. */
  private allowed(actor: Actor, outletId: string) {
    return this.guard.requireOutlet(actor, outletId, 'lobby.configure');
  }

  // ---------------------------------------------------------------- saved mapping
  async getMapping(actor: Actor, outletId: string): Promise<TicketImportMappingView> {
    await this.allowed(actor, outletId);
    const row = await repo.findMapping(this.db, outletId);
    return {
      outletId,
      mapping: row ? (JSON.parse(row.mapping_json) as ColumnMapping) : {},
      updatedAt: row?.updated_at ?? null,
      limits: { ...this.limits },
    };
  }

  async putMapping(actor: Actor, outletId: string, mapping: ColumnMapping): Promise<TicketImportMappingView> {
    await this.allowed(actor, outletId);
    const clean = cleanMapping(mapping);
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const before = await repo.findMapping(trx, outletId);
      await repo.upsertMapping(trx, {
        outlet_id: outletId,
        mapping_json: JSON.stringify(clean),
        updated_by: actor.userId,
        updated_at: now,
      });
      return [
        { outletId, mapping: clean, updatedAt: now, limits: { ...this.limits } },
        {
          action: 'update',
          entityType: 'ticket_import_mapping',
          entityId: outletId,
          outletId,
          before: before ? JSON.parse(before.mapping_json) : null,
          after: clean,
        },
      ];
    });
  }

  // ---------------------------------------------------------------- preview, report, commit
  async preview(actor: Actor, outletId: string, file: Upload, mapping: ColumnMapping | undefined) {
    await this.allowed(actor, outletId);
    const a = await this.analyse(outletId, file, mapping);
    const stored = a.missing.length
      ? new Set<string>()
      : await repo.existingEventIds(
          this.db,
          outletId,
          a.events.map((e) => e.eventId),
        );
    const times = a.events.map((e) => e.atMs);
    const view: TicketImportPreview = {
      fileName: file.fileName,
      format: a.table.format,
      encoding: a.table.encoding,
      headers: a.table.headers,
      rawRows: a.table.rows.slice(0, 3).map((r) => a.table.headers.map((_, i) => cellText(r.cells[i]))),
      mapping: a.mapping,
      mappingSource: a.mappingSource,
      missingRequired: a.missing,
      rowsTotal: a.table.rows.length,
      rowsGood: a.events.length,
      rowsBad: a.badLines,
      rowsDuplicate: a.repeated + stored.size,
      firstAt: times.length ? new Date(minOf(times)).toISOString() : null,
      lastAt: times.length ? new Date(maxOf(times)).toISOString() : null,
      sample: a.events.slice(0, SAMPLE_ROWS).map(presentEvent),
      errors: a.problems.slice(0, ERRORS_SHOWN).map((p) => presentProblem(p, actor.locale)),
      errorsTotal: a.problems.length,
    };
    return view;
  }

  /** Every problem of the file (for the .xlsx error report). */
  async errorReport(
    actor: Actor,
    outletId: string,
    file: Upload,
    mapping: ColumnMapping | undefined,
  ): Promise<TicketImportRowError[]> {
    await this.allowed(actor, outletId);
    const a = await this.analyse(outletId, file, mapping);
    return a.problems.map((p) => presentProblem(p, actor.locale));
  }

  /**
   * Stores the file's events in one transaction with its batch record and one audit entry. With
   * bad rows nothing is stored (400 TICKET_IMPORT_HAS_ERRORS) unless `skipInvalid`.
   */
  async commit(
    actor: Actor,
    outletId: string,
    file: Upload,
    mapping: ColumnMapping | undefined,
    skipInvalid: boolean,
  ): Promise<TicketImportBatch> {
    await this.allowed(actor, outletId);
    const a = await this.analyse(outletId, file, mapping);
    if (a.missing.length)
      throw new DomainError(
        'TICKET_IMPORT_MAPPING_INCOMPLETE',
        {},
        a.missing.map((f) => ({ field: `mapping.${f}`, code: 'required' })),
      );
    if (a.badLines && !skipInvalid) throw new DomainError('TICKET_IMPORT_HAS_ERRORS', { count: a.badLines });
    if (!a.events.length) throw new DomainError('TICKET_IMPORT_NOTHING_TO_IMPORT');
    const unique = new Map<string, ImportEvent>();
    for (const e of a.events) if (!unique.has(e.eventId)) unique.set(e.eventId, e);

    return this.changes.run(actor, async (trx, now) => {
      const nowIso = now.toISOString();
      const rows: lobbyRepo.EventRow[] = [...unique.values()].map((e) => ({
        outlet_id: outletId,
        event_id: e.eventId,
        ticket: e.ticket,
        business_type: e.businessType,
        kind: e.kind,
        at: new Date(e.atMs).toISOString(),
        day: beijingDate(e.atMs),
        counter: e.counter,
        staff_id: e.staffId,
        to_business_type: e.toBusinessType,
        received_at: nowIso,
      }));
      const stored = await lobbyRepo.insertEvents(trx, rows);
      const times = a.events.map((e) => e.atMs);
      const batch: repo.BatchRow = {
        id: newId(now.getTime()),
        outlet_id: outletId,
        file_name: file.fileName.slice(0, 200),
        format: a.table.format,
        file_sha256: createHash('sha256').update(file.data).digest('hex'),
        rows_total: a.table.rows.length,
        rows_stored: stored.size,
        rows_duplicate: a.events.length - stored.size,
        rows_rejected: a.badLines,
        first_at: new Date(minOf(times)).toISOString(),
        last_at: new Date(maxOf(times)).toISOString(),
        created_by: actor.userId,
        created_by_name: actor.displayName || actor.username,
        created_at: nowIso,
      };
      await repo.insertBatch(trx, batch);
      const view = presentBatch(batch);
      return [
        view,
        {
          action: 'import',
          entityType: 'ticket_import',
          entityId: batch.id,
          outletId,
          after: {
            fileName: view.fileName,
            rowsTotal: view.rowsTotal,
            rowsStored: view.rowsStored,
            rowsDuplicate: view.rowsDuplicate,
            rowsRejected: view.rowsRejected,
            firstAt: view.firstAt,
            lastAt: view.lastAt,
            skipInvalid,
          },
        },
      ];
    });
  }

  // ---------------------------------------------------------------- past imports
  async listBatches(
    actor: Actor,
    outletId: string,
    f: TicketImportBatchQuery,
  ): Promise<Page<TicketImportBatch>> {
    await this.allowed(actor, outletId);
    const { rows, total } = await repo.listBatches(this.db, outletId, ...pageWindow(f));
    return { items: rows.map(presentBatch), total, page: f.page, pageSize: f.pageSize };
  }

  // ---------------------------------------------------------------- the common part
  private async analyse(
    outletId: string,
    file: Upload,
    requested: ColumnMapping | undefined,
  ): Promise<Analysis> {
    const table = await readTable(file.data, this.limits.maxRows);
    let mapping: ColumnMapping;
    let mappingSource: Analysis['mappingSource'];
    const suggested = suggestMapping(table.headers);
    if (requested) {
      mapping = cleanMapping(requested);
      const unknown = IMPORT_FIELDS.filter((f) => mapping[f] && !table.headers.includes(mapping[f]!));
      if (unknown.length)
        throw new DomainError(
          'VALIDATION_FAILED',
          {},
          unknown.map((f) => ({
            field: `mapping.${f}`,
            code: 'invalid_value',
            params: { options: table.headers.join(', ') },
          })),
        );
      mappingSource = 'request';
    } else {
      const saved = await repo.findMapping(this.db, outletId);
      const savedMap = saved ? (JSON.parse(saved.mapping_json) as ColumnMapping) : {};
      const usable = IMPORT_FIELDS.filter((f) => savedMap[f] && table.headers.includes(savedMap[f]!));
      mapping = {};
      for (const f of IMPORT_FIELDS) mapping[f] = usable.includes(f) ? savedMap[f]! : null;
      // Fields the saved mapping leaves open take the suggestion, if its column is still free.
      const used = new Set(Object.values(mapping).filter(Boolean));
      for (const f of IMPORT_FIELDS)
        if (!mapping[f] && suggested[f] && !used.has(suggested[f]) && !(saved && f in savedMap)) {
          mapping[f] = suggested[f];
          used.add(suggested[f]);
        }
      mappingSource = usable.length ? 'saved' : 'suggested';
    }
    const missing = missingRequired(mapping);
    if (missing.length)
      return { table, mapping, mappingSource, missing, events: [], problems: [], badLines: 0, repeated: 0 };

    const refs = await this.refs(outletId);
    const cols = columnIndexes(table.headers, mapping);
    const events: ImportEvent[] = [];
    const problems: RowProblem[] = [];
    let badLines = 0;
    const seen = new Set<string>();
    let repeated = 0;
    for (const row of table.rows) {
      const r = checkRow(row, table.headers, mapping, cols, refs);
      if ('problems' in r) {
        badLines++;
        for (const p of r.problems) problems.push(p);
      } else {
        if (seen.has(r.event.eventId)) repeated++;
        else seen.add(r.event.eventId);
        events.push(r.event);
      }
    }
    return { table, mapping, mappingSource, missing, events, problems, badLines, repeated };
  }

  private async refs(outletId: string): Promise<Refs> {
    const [types, staff] = await Promise.all([
      repo.businessTypes(this.db),
      repo.outletStaff(this.db, outletId),
    ]);
    const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）:：.]/g, '');
    const businessTypes = new Map<string, string>();
    for (const t of types.filter((x) => x.active === 1))
      for (const name of [t.code, t.name_zh, t.name_en]) if (name) businessTypes.set(norm(name), t.code);
    const staffMap = new Map<string, string>();
    const names = new Map<string, number>();
    for (const s of staff) names.set(s.name, (names.get(s.name) ?? 0) + 1);
    for (const s of staff) {
      if (names.get(s.name) === 1) staffMap.set(s.name, s.id);
      staffMap.set(s.id, s.id);
      staffMap.set(s.employee_no, s.id);
      staffMap.set(norm(s.employee_no), s.id);
    }
    // only days before today: today belongs to the ticket machine's live feed
    const todayStart = beijingDayStartMs(beijingDate(this.clock.now()));
    return { businessTypes, staff: staffMap, beforeMs: todayStart };
  }
}

// ---------------------------------------------------------------- helpers

function cleanMapping(m: ColumnMapping): ColumnMapping {
  const out: ColumnMapping = {};
  for (const f of IMPORT_FIELDS) out[f] = m[f]?.trim() ? m[f]!.trim() : null;
  return out;
}
