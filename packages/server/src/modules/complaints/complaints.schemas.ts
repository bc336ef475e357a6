import { z } from 'zod';
import { BoolQuery, PageQuery } from '../../lib/paging';
import { RESPONSIBILITIES, SCRIPT_STAGES, SEVERITIES } from '@liangdian/shared';

/**
 * Schemas of statistics, prevention, accountability and coaching (insights.routes). The complaint
 * case's own schemas are the contract's (packages/shared/src/api/complaints.ts and siblings).
 */

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/);
export const DateOnly = z.iso.date();

export const StatsQuery = z.object({
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  outletId: id.optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const ScorecardQuery = PageQuery.extend({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  by: z.enum(['outlet', 'staff']).default('outlet'),
  outletId: id.optional(),
});
export const RulesPut = z
  .object({
    rules: z
      .array(
        z.object({
          responsibility: z.enum(RESPONSIBILITIES),
          severity: z.enum(SEVERITIES),
          points: z.number().int().min(0).max(1000),
        }),
      )
      .min(1)
      .max(9),
  })
  .strict();
export const RiskQuery = PageQuery.extend({
  days: z.coerce.number().int().min(1).max(366).default(90),
  outletId: id.optional(),
});
export const ControlsPut = z
  .object({ category: code, cause: code, controls: z.array(required(500)).max(30) })
  .strict();

// ---- scripts, drills, ten questions
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
  q: text(100).optional(),
  stage: z.enum(SCRIPT_STAGES).optional(),
  scenario: text(100).optional(),
  active: BoolQuery.optional(),
});

export const DrillCreate = z
  .object({
    outletId: id,
    heldOn: DateOnly,
    scenario: required(500),
    evaluator: required(50),
    participants: z.array(id).min(1).max(50),
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
  outletId: id.optional(),
  staffId: id.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});

export const TenQuestionsPut = z
  .object({
    questions: z.array(z.object({ question: required(500), answer: required(5000) }).strict()).max(10),
  })
  .strict();
export const TenQuestionsParams = z.object({ outletId: id, line: code });
export const QuizDraw = z.object({ staffId: id, count: z.coerce.number().int().min(1).max(10).default(5) });
export const QuizRecord = z
  .object({
    staffId: id,
    questionIds: z.array(id).min(1).max(10),
    correctIds: z.array(id).max(10),
  })
  .strict();
export const QuizListQuery = PageQuery.extend({ outletId: id.optional(), staffId: id.optional() });

export type StatsFilter = StatsQuery;
