import type {
  MyShift,
  Roster,
  RosterVersion,
  RosterWeek,
  ShiftPut,
  SolveBody,
  SolveRun,
} from '@liangdian/shared/api';
import { addDays, beijingDate } from '@liangdian/engine/time';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import { minutesOf, weekdayOf } from './roster.defaults';
import { presentMyShift, presentRoster, presentVersion } from './roster.presenter';
import { buildProblem, type RequirementSource, type RosterSummary } from './roster.problem';
import { editedShifts } from './roster.edit';
import * as repo from './roster.repository';
import { predictServiceLevel } from './roster.service-level';
import { rowOf, solvedOf, solverStatusOf, violationsOf } from './roster.shifts';
import type { RosterRulesService } from './roster-rules.service';
import {
  type RosterChecker,
  type RosterSolver,
  type SolvedShift,
  type SolveResult,
  coverageOf,
} from './roster.solver';

interface Run {
  view: SolveRun;
  outletId: string;
  week: string;
  started: number;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * The week's roster (周排班): solve asynchronously (the solver runs in a worker; the run is kept
 * here while it runs and its result saved as the week's draft), edit shift by shift against the
 * rules, publish in versions, and each person's own published shifts.
 */
export class RosterService {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly changes: Changes,
    private readonly rules: RosterRulesService,
    private readonly solver: RosterSolver,
    private readonly checker: RosterChecker,
    private readonly requirement?: RequirementSource,
  ) {}

  private checkWeek(week: string) {
    if (weekdayOf(week) !== 0) throw new DomainError('ROSTER_WEEK_NOT_MONDAY', { week });
  }

  /** The problem of an outlet's week as built from the database now (the CLI's `--outlet`). */
  async problemOf(q: Q, outlet: { id: string; code: string; name: string; branch_id: string }, week: string) {
    this.checkWeek(week);
    const { rules } = await this.rules.effectiveRules(q, outlet);
    return { ...(await buildProblem(q, outlet, week, rules, this.requirement)), weights: rules.weights };
  }

  private async present(q: Q, r: repo.RosterRow, outletName: string): Promise<Roster> {
    const [staff, shifts] = await Promise.all([repo.activeStaff(q, r.outlet_id), repo.shiftsOf(q, r.id)]);
    const present = new Set(staff.map((s) => s.id));
    const extra = shifts.filter((s) => !present.has(s.staff_id));
    const former = await Promise.all(
      [...new Set(extra.map((s) => s.staff_id))].map((id) => repo.findStaff(q, id)),
    );
    const all = [
      ...staff,
      ...former.flatMap((f) =>
        f ? [{ id: f.id, name: f.name, roles: '[]', skills: '[]', employee_no: '' }] : [],
      ),
    ];
    return presentRoster(r, outletName, all, shifts);
  }

  async week(actor: Actor, outletId: string, week: string): Promise<RosterWeek> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    this.checkWeek(week);
    const versions = await repo.rosterVersions(this.db, outletId, week);
    const newest = versions[0];
    return {
      outletId,
      week,
      current: newest ? await this.present(this.db, newest, o.name) : null,
      publishedVersion: versions.find((v) => v.status === 'published')?.version ?? null,
    };
  }

  async versions(actor: Actor, outletId: string, week: string): Promise<RosterVersion[]> {
    await this.guard.requireOutlet(actor, outletId, 'roster.read');
    this.checkWeek(week);
    const rows = await repo.rosterVersions(this.db, outletId, week);
    const counts = new Map(
      (
        await repo.shiftCounts(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((c) => [c.roster_id, Number(c.n)]),
    );
    return rows.map((r) => presentVersion(r, counts.get(r.id) ?? 0));
  }

  async version(actor: Actor, outletId: string, week: string, version: number): Promise<Roster> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    const r = await repo.rosterVersion(this.db, outletId, week, version);
    if (!r) throw notFound('roster');
    return this.present(this.db, r, o.name);
  }

  // ---------------------------------------------------------------- solve
  async solve(actor: Actor, outletId: string, week: string, body: SolveBody): Promise<SolveRun> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit');
    this.checkWeek(week);
    for (const r of this.runs.values())
      if (r.outletId === outletId && r.week === week && r.view.state === 'running')
        throw new DomainError('ROSTER_SOLVE_RUNNING');
    const { problem, requirementSource, weights, serviceLevelModel } = await this.problemOf(this.db, o, week);
    const runId = newId(this.clock.now().getTime());
    const abort = new AbortController();
    const view: SolveRun = {
      runId,
      state: 'running',
      progress: 0,
      elapsedSeconds: 0,
      solverStatus: null,
      objective: null,
      bound: null,
      gap: null,
      rosterId: null,
      version: null,
      error: null,
    };
    const started = Date.now();
    const run: Run = { view, outletId, week, started, abort, done: Promise.resolve() };
    this.runs.set(runId, run);
    run.done = this.solver(problem, {
      timeLimitSeconds: body.timeLimitSeconds,
      gap: body.gap,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.progress !== undefined) view.progress = Math.max(view.progress, Math.min(1, p.progress));
        if (p.gap !== undefined) view.gap = p.gap;
        if (p.bound !== undefined) view.bound = p.bound;
        if (p.objective !== undefined) view.objective = p.objective;
      },
    })
      .then(async (result) => {
        if (result.status === 'invalid') {
          const first = result.issues?.[0];
          throw new Error(first?.text?.['en-US'] ?? first?.message ?? 'the problem is not valid');
        }
        // a cancel keeps the best roster found so far, marked as stopped by the time limit
        const saved = await this.saveResult(
          actor,
          o,
          week,
          { problem, requirementSource, weights, serviceLevelModel },
          result,
        );
        Object.assign(view, {
          state: abort.signal.aborted ? 'cancelled' : 'done',
          progress: 1,
          solverStatus: solverStatusOf(result),
          objective: result.objective,
          bound: result.bound,
          gap: result.gap,
          rosterId: saved.id,
          version: saved.version,
        } satisfies Partial<SolveRun>);
      })
      .catch((err: unknown) => {
        view.state = abort.signal.aborted ? 'cancelled' : 'failed';
        view.error = err instanceof Error ? err.message : String(err);
      })
      .finally(() => {
        view.elapsedSeconds = (Date.now() - started) / 1000;
        // finished runs are kept a while for the page to read, then forgotten
        setTimeout(() => this.runs.delete(runId), 15 * 60_000).unref();
      });
    return { ...view };
  }

  /** Solves and waits for the end (the branch planning's roster step). */
  async solveAndWait(actor: Actor, outletId: string, week: string, body: SolveBody): Promise<SolveRun> {
    const { runId } = await this.solve(actor, outletId, week, body);
    const run = this.runOf(outletId, week, runId);
    await run.done;
    return { ...run.view };
  }

  private runOf(outletId: string, week: string, runId: string): Run {
    const run = this.runs.get(runId);
    if (!run || run.outletId !== outletId || run.week !== week) throw notFound('solve_run');
    if (run.view.state === 'running') run.view.elapsedSeconds = (Date.now() - run.started) / 1000;
    return run;
  }

  async solveRun(actor: Actor, outletId: string, week: string, runId: string): Promise<SolveRun> {
    await this.guard.requireOutlet(actor, outletId, 'roster.read');
    return { ...this.runOf(outletId, week, runId).view };
  }

  async cancel(actor: Actor, outletId: string, week: string, runId: string): Promise<SolveRun> {
    await this.guard.requireOutlet(actor, outletId, 'roster.edit');
    const run = this.runOf(outletId, week, runId);
    if (run.view.state === 'running') {
      run.abort.abort();
      await run.done;
    }
    return { ...run.view };
  }

  /** Waits for every running solve (app close, tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  close(): void {
    for (const r of this.runs.values()) if (r.view.state === 'running') r.abort.abort();
  }

  private async saveResult(
    actor: Actor,
    outlet: { id: string },
    week: string,
    input: Pick<RosterSummary, 'problem' | 'requirementSource' | 'weights' | 'serviceLevelModel'>,
    result: SolveResult,
  ) {
    const coverage = coverageOf(input.problem, result.shifts);
    const summary: RosterSummary = {
      ...input,
      serviceLevel: await predictServiceLevel(input.serviceLevelModel, coverage),
      violations: violationsOf(result.violations),
      conflicts: result.conflicts.map((c) => ({ zh: c.text['zh-CN'], en: c.text['en-US'] })),
      coverage,
    };
    const fields = {
      solver_status: solverStatusOf(result),
      objective: result.objective === null ? null : String(result.objective),
      bound: result.bound === null ? null : String(result.bound),
      gap: result.gap === null ? null : String(result.gap),
    };
    return this.writeVersion(actor, outlet.id, week, 'solve', fields, summary, result.shifts);
  }

  /**
   * Writes the week's newest shifts: into its draft when the newest version is one, else as a new
   * draft version (a published roster changed later keeps its history).
   */
  private writeVersion(
    actor: Actor,
    outletId: string,
    week: string,
    action: string,
    fields: Pick<repo.RosterRow, 'solver_status' | 'objective' | 'bound' | 'gap'>,
    summary: RosterSummary,
    shifts: SolvedShift[],
    q?: Q,
  ): Promise<repo.RosterRow> {
    const work = async (
      trx: Q,
      at: Date,
    ): Promise<[repo.RosterRow, import('../audit/audit.service').AuditEntryInput]> => {
      const newest = await repo.newestRoster(trx, outletId, week);
      const now = at.toISOString();
      let row: repo.RosterRow;
      if (newest?.status === 'draft') {
        row = { ...newest, ...fields, summary_json: JSON.stringify(summary), updated_at: now };
        await repo.updateRoster(trx, newest.id, row);
        await repo.deleteShiftsOf(trx, newest.id);
      } else {
        row = {
          id: newId(at.getTime()),
          outlet_id: outletId,
          week_start: week,
          version: (newest?.version ?? 0) + 1,
          status: 'draft',
          ...fields,
          summary_json: JSON.stringify(summary),
          created_by: actor.displayName,
          created_at: now,
          updated_at: now,
          published_by: null,
          published_at: null,
        };
        await repo.insertRoster(trx, row);
      }
      await repo.insertShifts(
        trx,
        shifts.map((s) => rowOf(row.id, s, at.getTime())),
      );
      const after = {
        version: row.version,
        status: row.status,
        solverStatus: row.solver_status,
        shifts: shifts.length,
      };
      return [row, { action, entityType: 'roster', entityId: row.id, outletId, after }];
    };
    if (q) return this.changes.within(q, actor, work);
    return this.changes.run(actor, work);
  }

  // ---------------------------------------------------------------- edit
  async putShift(actor: Actor, outletId: string, week: string, input: ShiftPut): Promise<Roster> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit');
    this.checkWeek(week);
    const inWeek = (d: string) => d >= week && d <= addDays(week, 6);
    if (!inWeek(input.day) || (input.from && !inWeek(input.from.day)))
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.day', code: 'ROSTER_RANGE_INVALID' }]);
    if (input.shift && minutesOf(input.shift.end) <= minutesOf(input.shift.start))
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body.shift.end', code: 'ROSTER_RANGE_INVALID' },
      ]);
    const row = await this.changes.run<repo.RosterRow>(actor, async (trx) => {
      const newest = await repo.newestRoster(trx, outletId, week);
      if (!newest) throw new DomainError('ROSTER_NONE');
      const summary = JSON.parse(newest.summary_json) as RosterSummary;
      const before = (await repo.shiftsOf(trx, newest.id)).map(solvedOf);
      const { after, now } = editedShifts(this.checker, summary.problem, before, input);
      const coverage = coverageOf(summary.problem, after);
      const days = new Set([input.day, ...(input.from ? [input.from.day] : [])]);
      const next: RosterSummary = {
        ...summary,
        violations: violationsOf(now),
        coverage,
        serviceLevel: await predictServiceLevel(
          summary.serviceLevelModel,
          coverage,
          days,
          summary.serviceLevel,
        ),
      };
      const fields = {
        solver_status: 'manual',
        objective: newest.objective,
        bound: newest.bound,
        gap: newest.gap,
      };
      // the edit's audit entry is written by writeVersion in this transaction
      return [await this.writeVersion(actor, outletId, week, 'edit', fields, next, after, trx), null];
    });
    return this.present(this.db, row, o.name);
  }

  // ---------------------------------------------------------------- publish
  async publish(actor: Actor, outletId: string, week: string): Promise<Roster> {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.edit');
    this.checkWeek(week);
    const row = await this.changes.run(actor, async (trx, at) => {
      const newest = await repo.newestRoster(trx, outletId, week);
      if (!newest) throw new DomainError('ROSTER_NONE');
      if (newest.status === 'published') throw new DomainError('ROSTER_ALREADY_PUBLISHED');
      const patch = { status: 'published', published_by: actor.displayName, published_at: at.toISOString() };
      await repo.updateRoster(trx, newest.id, patch);
      await repo.supersedePublished(trx, outletId, week, newest.id);
      const after = { ...newest, ...patch };
      return [
        after,
        {
          action: 'publish',
          entityType: 'roster',
          entityId: newest.id,
          outletId,
          after: { version: newest.version },
        },
      ];
    });
    return this.present(this.db, row, o.name);
  }

  /** The newest version with its people, for the export. */
  async newest(actor: Actor, outletId: string, week: string) {
    const o = await this.guard.requireOutlet(actor, outletId, 'roster.read');
    this.checkWeek(week);
    const r = await repo.newestRoster(this.db, outletId, week);
    if (!r) throw new DomainError('ROSTER_NONE');
    return this.present(this.db, r, o.name);
  }

  // ---------------------------------------------------------------- own shifts
  async myShifts(actor: Actor, from: string | undefined, days: number): Promise<MyShift[]> {
    const staffId = actor.staffId ?? (await repo.userStaffId(this.db, actor.userId))?.staff_id ?? null;
    if (!staffId) return [];
    const start = from ?? beijingDate(this.clock.now());
    const rows = await repo.publishedShiftsOf(this.db, staffId, start, addDays(start, days - 1));
    return rows.map(presentMyShift);
  }

  /** Who is rostered at an outlet at an instant (published shifts, breaks aside): the intraday's source. */
  async onShift(outletId: string, day: string, hhmm: string) {
    const m = minutesOf(hhmm);
    const rows = await repo.publishedShiftsOn(this.db, outletId, day);
    return rows
      .filter((r) => minutesOf(r.start_time) <= m && m < minutesOf(r.end_time))
      .filter(
        (r) => !(r.break_start && r.break_end && minutesOf(r.break_start) <= m && m < minutesOf(r.break_end)),
      )
      .map((r) => ({ staffId: r.staff_id, name: r.staff_name, post: r.post, until: r.end_time }));
  }
}
