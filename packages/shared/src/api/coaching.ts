import { z } from 'zod';
import { SCRIPT_STAGES } from '../complaints';
import { BoolQuery, Id, itemsOf, PageQuery } from './common';
import { complaintEndpoints as e } from './complaint-fields';
import {
  Day,
  dayRange,
  LowerCode,
  outletRef,
  RecordParams,
  required,
  searchFilter,
  staffRef,
  text,
  timestamps,
} from './fields';

/**
 * Coaching for complaint handling: the script library (话术) with its versions, complaint drills
 * (投诉带教) with rubric scores, and each outlet's customer ten questions (客户十问) with quizzes.
 */

// ---------------------------------------------------------------- fields
/** A business line: the code of a business type. */
const LineCode = LowerCode;

// ---------------------------------------------------------------- views
export const ComplaintScript = z.object({
  id: z.string(),
  stage: z.enum(SCRIPT_STAGES),
  scenario: z.string(),
  title: z.string(),
  body: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  ...timestamps,
});
export const ComplaintScriptVersion = z.object({
  scriptId: z.string(),
  version: z.number().int(),
  stage: z.enum(SCRIPT_STAGES),
  scenario: z.string(),
  title: z.string(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const RubricItem = z.object({ item: z.string(), score: z.number().int(), max: z.number().int() });
export const ComplaintDrill = z.object({
  id: z.string(),
  ...outletRef,
  heldOn: z.string(),
  scenario: z.string(),
  evaluator: z.string(),
  participants: z.array(z.object({ id: z.string(), name: z.string() })),
  rubric: z.array(RubricItem),
  score: z.number().int(),
  maxScore: z.number().int(),
  comments: z.string(),
  createdAt: z.string(),
});
export const TenQuestion = z.object({
  id: z.string(),
  position: z.number().int(),
  question: z.string(),
  answer: z.string(),
  updatedAt: z.string(),
});
export const TenQuestionsQuiz = z.object({
  ...staffRef,
  businessLine: z.string(),
  questions: z.array(
    z.object({ id: z.string(), position: z.number().int(), question: z.string(), answer: z.string() }),
  ),
});
/** A quiz as recorded (the answer to recording one). */
export const QuizRecorded = z.object({
  id: z.string(),
  ...staffRef,
  businessLine: z.string(),
  correct: z.number().int(),
  total: z.number().int(),
  takenAt: z.string(),
});
/** A quiz in the list of results. */
export const QuizResult = QuizRecorded.extend(outletRef);
export type ComplaintScript = z.infer<typeof ComplaintScript>;
export type ComplaintScriptVersion = z.infer<typeof ComplaintScriptVersion>;
export type RubricItem = z.infer<typeof RubricItem>;
export type ComplaintDrill = z.infer<typeof ComplaintDrill>;
export type TenQuestion = z.infer<typeof TenQuestion>;
export type TenQuestionsQuiz = z.infer<typeof TenQuestionsQuiz>;
export type QuizRecorded = z.infer<typeof QuizRecorded>;
export type QuizResult = z.infer<typeof QuizResult>;

// ---------------------------------------------------------------- requests
export const ScriptCreate = z
  .object({
    stage: z.enum(SCRIPT_STAGES),
    scenario: required(100),
    title: required(200),
    body: required(10_000),
  })
  .strict();
export const ScriptPatch = ScriptCreate.partial().extend({ active: z.boolean().optional() }).strict();
export const ScriptListQuery = PageQuery.extend({
  /** a substring of the title, text or scenario (Chinese has no word breaks) */
  ...searchFilter,
  stage: z.enum(SCRIPT_STAGES).optional(),
  scenario: text(100).optional(),
  active: BoolQuery.optional(),
});

export const DrillCreate = z
  .object({
    outletId: Id,
    heldOn: Day,
    scenario: required(500),
    evaluator: required(50),
    participants: z.array(Id).min(1).max(50),
    rubric: z
      .array(
        z
          .object({
            item: required(100),
            score: z.number().int().min(0),
            max: z.number().int().min(1).max(100),
          })
          .strict(),
      )
      .min(1)
      .max(30),
    comments: text(5000).default(''),
  })
  .strict();
export const DrillListQuery = PageQuery.extend({
  outletId: Id.optional(),
  /** the drills a staff member took part in (their drill history) */
  staffId: Id.optional(),
  ...dayRange,
});

export const TenQuestionsParams = z.object({ outletId: Id, line: LineCode });
export const TenQuestionsPut = z
  .object({
    questions: z.array(z.object({ question: required(500), answer: required(5000) }).strict()).max(10),
  })
  .strict();
export const QuizDraw = z.object({ staffId: Id, count: z.coerce.number().int().min(1).max(10).default(5) });
export const QuizRecord = z
  .object({
    staffId: Id,
    questionIds: z.array(Id).min(1).max(10),
    correctIds: z.array(Id).max(10),
  })
  .strict();
export const QuizListQuery = PageQuery.extend({ outletId: Id.optional(), staffId: Id.optional() });

export type ScriptCreate = z.infer<typeof ScriptCreate>;
export type ScriptPatch = z.infer<typeof ScriptPatch>;
export type ScriptListQuery = z.infer<typeof ScriptListQuery>;
export type DrillCreate = z.infer<typeof DrillCreate>;
export type DrillListQuery = z.infer<typeof DrillListQuery>;
export type TenQuestionsPut = z.infer<typeof TenQuestionsPut>;
export type QuizRecord = z.infer<typeof QuizRecord>;
export type QuizListQuery = z.infer<typeof QuizListQuery>;

// ---------------------------------------------------------------- endpoints
const ScriptParams = RecordParams;
const ScriptVersionParams = ScriptParams.extend({ version: z.coerce.number().int().min(1) });
/** A script, found by its id (answering it, unless told otherwise). */
const script = e.at('/complaint-scripts/:id', ScriptParams, { response: ComplaintScript });
/** The ten questions of an outlet's business line (answering the list, unless told otherwise). */
const tenQuestions = e.at('/outlets/:outletId/ten-questions/:line', TenQuestionsParams, {
  response: itemsOf(TenQuestion),
});

export const coachingApi = {
  // ---- scripts (话术)
  listScripts: e.pagedList(
    '/complaint-scripts',
    'Script library by stage and scenario; q searches Chinese substrings',
    ComplaintScript,
    { query: ScriptListQuery },
  ),
  scriptScenarios: e.get(
    '/complaint-scripts/scenarios',
    'The distinct scenarios of the script library (up to 1,000), in order',
    { response: itemsOf(z.string()) },
  ),
  createScript: e.create('/complaint-scripts', 'Add a script', {
    body: ScriptCreate,
    response: ComplaintScript,
  }),
  getScript: script.get('', 'One script (current version)'),
  updateScript: script.patch('', 'Edit a script: a new version', { body: ScriptPatch }),
  scriptVersions: script.get('/versions', 'Every version of a script, newest first', {
    response: itemsOf(ComplaintScriptVersion),
  }),
  scriptVersion: e.get('/complaint-scripts/:id/versions/:version', 'One old version', {
    params: ScriptVersionParams,
    response: ComplaintScriptVersion,
  }),

  // ---- drills (投诉带教)
  listDrills: e.pagedList(
    '/complaint-drills',
    'Drills, paged (staffId: a staff member’s drill history)',
    ComplaintDrill,
    { query: DrillListQuery },
  ),
  createDrill: e.create('/complaint-drills', 'Record a drill with rubric scores', {
    body: DrillCreate,
    response: ComplaintDrill,
  }),

  // ---- customer ten questions (客户十问) and quizzes
  tenQuestions: tenQuestions.get('', 'The ordered questions of an outlet’s business line'),
  putTenQuestions: tenQuestions.put('', 'Replace the list (at most ten, in order)', {
    body: TenQuestionsPut,
  }),
  drawQuiz: tenQuestions.get('/quiz', 'Draw questions at random for a staff member', {
    query: QuizDraw,
    response: TenQuestionsQuiz,
  }),
  recordQuiz: tenQuestions.create('/quiz-results', 'Record a quiz result', {
    body: QuizRecord,
    response: QuizRecorded,
  }),
  listQuizResults: e.pagedList('/quiz-results', 'Quiz results, paged', QuizResult, { query: QuizListQuery }),
} as const;
