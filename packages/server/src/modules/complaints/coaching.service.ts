import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { DomainError, type FieldProblem, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import { type Actor, complaintPolicy, policy } from '../access/policy';
import * as crepo from './complaints.repository';
import * as repo from './coaching.repository';
import type { ComplaintsService } from './complaints.service';

export interface ScriptView {
  id: string;
  stage: string;
  scenario: string;
  title: string;
  body: string;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
const presentScript = (s: repo.ScriptRow): ScriptView => ({
  id: s.id,
  stage: s.stage,
  scenario: s.scenario,
  title: s.title,
  body: s.body,
  version: s.version,
  active: s.active === 1,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});
const presentVersion = (v: repo.ScriptVersionRow) => ({
  scriptId: v.script_id,
  version: v.version,
  stage: v.stage,
  scenario: v.scenario,
  title: v.title,
  body: v.body,
  createdBy: v.created_by,
  createdAt: v.created_at,
});

export interface DrillView {
  id: string;
  outletId: string;
  outletName: string;
  heldOn: string;
  scenario: string;
  evaluator: string;
  participants: { id: string; name: string }[];
  rubric: { item: string; score: number; max: number }[];
  score: number;
  maxScore: number;
  comments: string;
  createdAt: string;
}

/** Script library (话术), complaint drills (投诉带教), customer ten questions (客户十问) and quizzes. */
export class CoachingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsService,
  ) {}

  private async outlet(actor: Actor, outletId: string) {
    const o = await crepo.findOutlet(this.db, outletId);
    if (!o || !policy.seesOutlet(actor, o)) throw notFound('outlet');
    return o;
  }

  // ---------------------------------------------------------------- scripts
  async listScripts(f: {
    page: number;
    pageSize: number;
    q?: string;
    stage?: string;
    scenario?: string;
    active?: boolean;
  }): Promise<Page<ScriptView>> {
    const { rows, total } = await repo.listScripts(
      this.db,
      { ...f, q: f.q || undefined },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: rows.map(presentScript), total, page: f.page, pageSize: f.pageSize };
  }

  /** every scenario the library uses (up to 1,000), for the filter and the form's suggestions */
  async scriptScenarios(): Promise<{ items: string[] }> {
    return { items: await repo.scriptScenarios(this.db, 1000) };
  }

  async getScript(id: string) {
    const s = await repo.findScript(this.db, id);
    if (!s) throw notFound('script');
    return presentScript(s);
  }

  async scriptVersions(id: string) {
    await this.getScript(id);
    return (await repo.listScriptVersions(this.db, id)).map(presentVersion);
  }

  async scriptVersion(id: string, version: number) {
    const v = await repo.findScriptVersion(this.db, id, version);
    if (!v) throw notFound('script version');
    return presentVersion(v);
  }

  async createScript(actor: Actor, input: { stage: string; scenario: string; title: string; body: string }) {
    if (!complaintPolicy.editsScripts(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const id = newId();
      const row = { id, ...input, version: 1, active: 1, created_at: now, updated_at: now };
      await repo.insertScript(trx, row);
      await repo.insertScriptVersion(trx, {
        id: newId(),
        script_id: id,
        version: 1,
        ...input,
        created_by: actor.displayName || actor.username,
        created_at: now,
      });
      const after = presentScript(row);
      return [after, { action: 'create', entityType: 'complaint_script', entityId: id, after }];
    });
  }

  /** Editing the text creates a new version; earlier versions stay readable. */
  async updateScript(
    actor: Actor,
    id: string,
    patch: { stage?: string; scenario?: string; title?: string; body?: string; active?: boolean },
  ) {
    if (!complaintPolicy.editsScripts(actor)) throw forbidden();
    return this.complaints.change(actor, async (trx, now) => {
      const s = await repo.findScript(trx, id);
      if (!s) throw notFound('script');
      const before = presentScript(s);
      const next = {
        stage: patch.stage ?? s.stage,
        scenario: patch.scenario ?? s.scenario,
        title: patch.title ?? s.title,
        body: patch.body ?? s.body,
      };
      const changed =
        next.stage !== s.stage ||
        next.scenario !== s.scenario ||
        next.title !== s.title ||
        next.body !== s.body;
      const version = changed ? s.version + 1 : s.version;
      await repo.updateScript(trx, id, {
        ...next,
        version,
        active: patch.active === undefined ? s.active : patch.active ? 1 : 0,
        updated_at: now,
      });
      if (changed) {
        await repo.insertScriptVersion(trx, {
          id: newId(),
          script_id: id,
          version,
          ...next,
          created_by: actor.displayName || actor.username,
          created_at: now,
        });
      }
      const after = presentScript((await repo.findScript(trx, id))!);
      return [after, { action: 'update', entityType: 'complaint_script', entityId: id, before, after }];
    });
  }

  // ---------------------------------------------------------------- drills
  private async drillViews(rows: (repo.DrillRow & { outlet_name: string })[]): Promise<DrillView[]> {
    const parts = await repo.participantsOf(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((d) => ({
      id: d.id,
      outletId: d.outlet_id,
      outletName: d.outlet_name,
      heldOn: d.held_on,
      scenario: d.scenario,
      evaluator: d.evaluator,
      participants: parts.filter((p) => p.drill_id === d.id).map((p) => ({ id: p.id, name: p.name })),
      rubric: JSON.parse(d.rubric_json),
      score: d.score,
      maxScore: d.max_score,
      comments: d.comments,
      createdAt: d.created_at,
    }));
  }

  async listDrills(
    actor: Actor,
    f: { page: number; pageSize: number; outletId?: string; staffId?: string; from?: string; to?: string },
  ): Promise<Page<DrillView>> {
    const { rows, total } = await repo.listDrills(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, ...f },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return { items: await this.drillViews(rows), total, page: f.page, pageSize: f.pageSize };
  }

  async createDrill(
    actor: Actor,
    input: {
      outletId: string;
      heldOn: string;
      scenario: string;
      evaluator: string;
      participants: string[];
      rubric: { item: string; score: number; max: number }[];
      comments: string;
    },
  ): Promise<DrillView> {
    await this.outlet(actor, input.outletId);
    if (!complaintPolicy.coaches(actor, input.outletId)) throw forbidden();
    const problems: FieldProblem[] = input.rubric.flatMap((r, i) =>
      r.score > r.max
        ? [{ field: `body.rubric.${i}.score`, code: 'too_big', params: { maximum: r.max } }]
        : [],
    );
    const ids = [...new Set(input.participants)];
    const found = await repo.staffIn(this.db, input.outletId, ids);
    ids.forEach((id, i) => {
      if (!found.some((s) => s.id === id))
        problems.push({ field: `body.participants.${i}`, code: 'NOT_IN_OUTLET', params: { value: id } });
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.complaints.change(actor, async (trx, now) => {
      const id = newId();
      await repo.insertDrill(
        trx,
        {
          id,
          outlet_id: input.outletId,
          held_on: input.heldOn,
          scenario: input.scenario,
          evaluator: input.evaluator,
          rubric_json: JSON.stringify(input.rubric),
          score: input.rubric.reduce((n, r) => n + r.score, 0),
          max_score: input.rubric.reduce((n, r) => n + r.max, 0),
          comments: input.comments,
          created_by: actor.userId,
          created_at: now,
        },
        ids,
      );
      const row = (await repo.findDrill(trx, id))!;
      const parts = (await repo.participantsOf(trx, [id])).map((p) => ({ id: p.id, name: p.name }));
      const after: DrillView = {
        id,
        outletId: row.outlet_id,
        outletName: row.outlet_name,
        heldOn: row.held_on,
        scenario: row.scenario,
        evaluator: row.evaluator,
        participants: parts,
        rubric: input.rubric,
        score: row.score,
        maxScore: row.max_score,
        comments: row.comments,
        createdAt: row.created_at,
      };
      return [
        after,
        { action: 'create', entityType: 'complaint_drill', entityId: id, outletId: input.outletId, after },
      ];
    });
  }

  // ---------------------------------------------------------------- ten questions and quizzes
  async questions(actor: Actor, outletId: string, line: string) {
    await this.outlet(actor, outletId);
    return (await repo.listQuestions(this.db, outletId, line)).map((q) => ({
      id: q.id,
      position: q.position,
      question: q.question,
      answer: q.answer,
      updatedAt: q.updated_at,
    }));
  }

  /** Replaces the ordered list (at most ten) of an outlet's business line. */
  async putQuestions(
    actor: Actor,
    outletId: string,
    line: string,
    list: { question: string; answer: string }[],
  ) {
    await this.outlet(actor, outletId);
    if (!complaintPolicy.coaches(actor, outletId)) throw forbidden();
    if (list.length > 10) throw new DomainError('TEN_QUESTIONS_FULL');
    return this.complaints.change(actor, async (trx, now) => {
      const before = (await repo.listQuestions(trx, outletId, line)).map((q) => q.question);
      await repo.replaceQuestions(
        trx,
        outletId,
        line,
        list.map((q, i) => ({
          id: newId(),
          outlet_id: outletId,
          business_line: line,
          position: i + 1,
          question: q.question,
          answer: q.answer,
          created_at: now,
          updated_at: now,
        })),
      );
      const after = (await repo.listQuestions(trx, outletId, line)).map((q) => ({
        id: q.id,
        position: q.position,
        question: q.question,
        answer: q.answer,
        updatedAt: q.updated_at,
      }));
      return [
        after,
        {
          action: 'update',
          entityType: 'ten_questions',
          entityId: `${outletId}:${line}`,
          outletId,
          before: { questions: before },
          after: { questions: after.map((q) => q.question) },
        },
      ];
    });
  }

  /** Draws `count` questions at random for a staff member of the outlet. */
  async drawQuiz(actor: Actor, outletId: string, line: string, staffId: string, count: number) {
    await this.outlet(actor, outletId);
    const staff = await crepo.findStaff(this.db, staffId);
    if (!staff || staff.outlet_id !== outletId) throw notFound('staff');
    const all = await repo.listQuestions(this.db, outletId, line);
    if (!all.length) throw new DomainError('QUIZ_NO_QUESTIONS');
    const pool = [...all];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return {
      staffId,
      staffName: staff.name,
      businessLine: line,
      questions: pool
        .slice(0, count)
        .map((q) => ({ id: q.id, position: q.position, question: q.question, answer: q.answer })),
    };
  }

  async recordQuiz(
    actor: Actor,
    outletId: string,
    line: string,
    input: { staffId: string; questionIds: string[]; correctIds: string[] },
  ) {
    await this.outlet(actor, outletId);
    if (!complaintPolicy.coaches(actor, outletId) && actor.role !== 'lobby_manager') throw forbidden();
    const staff = await crepo.findStaff(this.db, input.staffId);
    if (!staff || staff.outlet_id !== outletId) {
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body.staffId', code: 'NOT_IN_OUTLET', params: { value: input.staffId } },
      ]);
    }
    const known = new Set((await repo.listQuestions(this.db, outletId, line)).map((q) => q.id));
    const asked = [...new Set(input.questionIds)];
    const problems = asked.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ field: `body.questionIds.${i}`, code: 'UNKNOWN_REFERENCE', params: { value: id } }],
    );
    input.correctIds.forEach((id, i) => {
      if (!asked.includes(id))
        problems.push({ field: `body.correctIds.${i}`, code: 'UNKNOWN_REFERENCE', params: { value: id } });
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.complaints.change(actor, async (trx, now) => {
      const id = newId();
      const correct = new Set(input.correctIds).size;
      await repo.insertQuiz(trx, {
        id,
        outlet_id: outletId,
        staff_id: input.staffId,
        business_line: line,
        questions_json: JSON.stringify(asked.map((q) => ({ id: q, correct: input.correctIds.includes(q) }))),
        correct,
        total: asked.length,
        taken_at: now,
        recorded_by: actor.userId,
      });
      const after = {
        id,
        staffId: input.staffId,
        staffName: staff.name,
        businessLine: line,
        correct,
        total: asked.length,
        takenAt: now,
      };
      return [after, { action: 'create', entityType: 'quiz_result', entityId: id, outletId, after }];
    });
  }

  async listQuizzes(
    actor: Actor,
    f: { page: number; pageSize: number; outletId?: string; staffId?: string },
  ) {
    const { rows, total } = await repo.listQuizzes(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId: f.outletId, staffId: f.staffId },
      (f.page - 1) * f.pageSize,
      f.pageSize,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        outletId: r.outlet_id,
        outletName: r.outlet_name,
        staffId: r.staff_id,
        staffName: r.staff_name,
        businessLine: r.business_line,
        correct: r.correct,
        total: r.total,
        takenAt: r.taken_at,
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  now() {
    return this.clock.now();
  }
}
