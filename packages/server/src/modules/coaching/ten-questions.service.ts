import { pageWindow } from '../../lib/paging';
import { randomInt } from 'node:crypto';
import type {
  Page,
  QuizListQuery,
  QuizRecord,
  QuizRecorded,
  QuizResult,
  TenQuestion,
  TenQuestionsPut,
  TenQuestionsQuiz,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { DomainError, type FieldProblem, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './coaching.repository';
import { presentQuestion, presentQuiz } from './coaching.presenter';

/** At most this many questions per outlet and business line. */
export const MAX_TEN_QUESTIONS = 10;

/**
 * Customer ten questions (客户十问): per outlet and business line, the questions customers ask
 * most, with the standard answers; quizzes draw some of them for a staff member and record how
 * many they answered right.
 */
export class TenQuestionsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  async questions(actor: Actor, outletId: string, line: string): Promise<TenQuestion[]> {
    await this.guard.requireOutlet(actor, outletId);
    return (await repo.listQuestions(this.db, outletId, line)).map(presentQuestion);
  }

  /** Replaces the ordered list (at most ten) of an outlet's business line. */
  async putQuestions(
    actor: Actor,
    outletId: string,
    line: string,
    list: TenQuestionsPut['questions'],
  ): Promise<TenQuestion[]> {
    await this.guard.requireOutlet(actor, outletId, 'complaints.coach');
    if (list.length > MAX_TEN_QUESTIONS) throw new DomainError('TEN_QUESTIONS_FULL');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
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
      const after = (await repo.listQuestions(trx, outletId, line)).map(presentQuestion);
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
  async drawQuiz(
    actor: Actor,
    outletId: string,
    line: string,
    staffId: string,
    count: number,
  ): Promise<TenQuestionsQuiz> {
    await this.guard.requireOutlet(actor, outletId);
    const [staff] = await repo.staffIn(this.db, outletId, [staffId]);
    if (!staff) throw notFound('staff');
    const pool = await repo.listQuestions(this.db, outletId, line);
    if (!pool.length) throw new DomainError('QUIZ_NO_QUESTIONS');
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

  async recordQuiz(actor: Actor, outletId: string, line: string, input: QuizRecord): Promise<QuizRecorded> {
    await this.guard.requireOutlet(actor, outletId, 'complaints.quiz');
    const [staff] = await repo.staffIn(this.db, outletId, [input.staffId]);
    if (!staff) {
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body.staffId', code: 'NOT_IN_OUTLET', params: { value: input.staffId } },
      ]);
    }
    const known = new Set((await repo.listQuestions(this.db, outletId, line)).map((q) => q.id));
    const asked = [...new Set(input.questionIds)];
    const problems: FieldProblem[] = asked.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ field: `body.questionIds.${i}`, code: 'UNKNOWN_REFERENCE', params: { value: id } }],
    );
    input.correctIds.forEach((id, i) => {
      if (!asked.includes(id))
        problems.push({ field: `body.correctIds.${i}`, code: 'UNKNOWN_REFERENCE', params: { value: id } });
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
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

  /** Recorded quizzes of the outlets in scope, newest first. */
  async listQuizzes(actor: Actor, f: QuizListQuery): Promise<Page<QuizResult>> {
    await this.guard.listScope(actor, f.outletId);
    const { rows, total } = await repo.listQuizzes(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, outletId: f.outletId, staffId: f.staffId },
      ...pageWindow(f),
    );
    return { items: rows.map(presentQuiz), total, page: f.page, pageSize: f.pageSize };
  }

  /** The names the quiz sheet shows: business lines, and the outlet and staff member filtered on. */
  async sheetNames(actor: Actor, f: { outletId?: string; staffId?: string }) {
    const [lines, names] = await Promise.all([
      repo.businessLines(this.db),
      repo.namesInScope(this.db, { branchId: actor.branchId, onlyOutletId: actor.outletId }, f),
    ]);
    return { ...names, lines: new Map(lines.map((l) => [l.code, { zh: l.name_zh, en: l.name_en }])) };
  }
}
