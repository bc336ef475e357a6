import type {
  ComplaintDrill,
  ComplaintScript,
  ComplaintScriptVersion,
  QuizResult,
  RubricItem,
  TenQuestion,
} from '@liangdian/shared/api';
import type * as repo from './coaching.repository';

/** Rows of the script library, drills, ten questions and quizzes → the contract's shapes. */

/** Stages are checked when a script is written (ScriptCreate). */
type Stage = ComplaintScript['stage'];

export const presentScript = (s: repo.ScriptRow): ComplaintScript => ({
  id: s.id,
  stage: s.stage as Stage,
  scenario: s.scenario,
  title: s.title,
  body: s.body,
  version: s.version,
  active: s.active === 1,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
});

export const presentScriptVersion = (v: repo.ScriptVersionRow): ComplaintScriptVersion => ({
  scriptId: v.script_id,
  version: v.version,
  stage: v.stage as Stage,
  scenario: v.scenario,
  title: v.title,
  body: v.body,
  createdBy: v.created_by,
  createdAt: v.created_at,
});

export const presentDrill = (
  d: repo.DrillRow & { outlet_name: string },
  participants: { drill_id: string; id: string; name: string }[],
): ComplaintDrill => ({
  id: d.id,
  outletId: d.outlet_id,
  outletName: d.outlet_name,
  heldOn: d.held_on,
  scenario: d.scenario,
  evaluator: d.evaluator,
  participants: participants.filter((p) => p.drill_id === d.id).map((p) => ({ id: p.id, name: p.name })),
  rubric: JSON.parse(d.rubric_json) as RubricItem[],
  score: d.score,
  maxScore: d.max_score,
  comments: d.comments,
  createdAt: d.created_at,
});

export const presentQuestion = (q: repo.QuestionRow): TenQuestion => ({
  id: q.id,
  position: q.position,
  question: q.question,
  answer: q.answer,
  updatedAt: q.updated_at,
});

export const presentQuiz = (r: repo.QuizRow & { staff_name: string; outlet_name: string }): QuizResult => ({
  id: r.id,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  staffId: r.staff_id,
  staffName: r.staff_name,
  businessLine: r.business_line,
  correct: r.correct,
  total: r.total,
  takenAt: r.taken_at,
});
