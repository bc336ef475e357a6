import { PAGE_SIZE_MAX } from '@liangdian/shared';
import { z } from 'zod';
import { PageQuery } from '../../lib/paging';
import { TICKET_KINDS } from './lobby.state';

export const MAX_BATCH = 1000;
export const MODES = ['fixed', 'rotating'] as const;
export const SLOTS_PER_DAY = 48;

/** The batch body: each event is checked on its own, so one bad event spoils nothing else. */
export const TicketBatch = z.object({ events: z.array(z.unknown()) });
/** One ticket-machine event; `at` is checked apart (MALFORMED_TIME). */
export const TicketEventInput = z.object({
  eventId: z.string().min(1).max(100),
  ticket: z.string().min(1).max(40),
  businessType: z.string().min(1).max(60),
  kind: z.enum(TICKET_KINDS),
  at: z.string().max(40),
  counter: z.string().max(40).nullish(),
  staffId: z.string().max(64).nullish(),
  toBusinessType: z.string().max(60).nullish(),
});
export type TicketEventInput = z.infer<typeof TicketEventInput>;

export const EventResult = z.object({
  eventId: z.string().nullable(),
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export const BatchResult = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  results: z.array(EventResult),
});

export const TokenCreate = z.object({ name: z.string().trim().min(1).max(60) });
export const TokenListQuery = PageQuery.extend({
  revoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TokenListQuery = z.infer<typeof TokenListQuery>;
export const TokenView = z.object({
  id: z.string(),
  outletId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenView>;
export const TokenCreated = TokenView.extend({ token: z.string() });

export const SettingsPut = z.object({
  serviceLevelTarget: z.number().min(0.01).max(1),
  targetWaitMinutes: z.number().int().min(1).max(240),
  promptTimeoutSeconds: z.number().int().min(10).max(3600).default(60),
});
export const SettingsView = SettingsPut.extend({ outletId: z.string() });
export type SettingsView = z.infer<typeof SettingsView>;

export const PresenceBody = z.object({
  staffId: z.string().min(1).max(64),
  postId: z.string().min(1).max(64),
});

export const ModePlan = z.object({
  /** Monday first, in Asia/Shanghai time: 48 half-hour slots from 00:00 */
  days: z.array(z.array(z.enum(MODES)).length(SLOTS_PER_DAY)).length(7),
});
export type ModePlan = z.infer<typeof ModePlan>;
export const ModeOverride = z.object({
  /** "plan" ends a manual override and returns to the plan */
  mode: z.enum(['fixed', 'rotating', 'plan']),
  reason: z.string().trim().min(1).max(200),
  until: z.iso.datetime({ offset: true }).optional(),
});

const Backup = z
  .object({ staffId: z.string().min(1).max(64).optional(), role: z.string().min(1).max(40).optional() })
  .refine((b) => (b.staffId ? 1 : 0) + (b.role ? 1 : 0) === 1, { message: 'ONE_OF_STAFF_OR_ROLE' });
export const BackfillRuleInput = z.object({
  id: z.string().min(1).max(64).optional(),
  postId: z.string().min(1).max(64),
  backups: z.array(Backup).min(1).max(50),
  triggers: z
    .object({
      postEmpty: z.boolean().optional(),
      queueLength: z.number().int().min(1).max(10_000).optional(),
      oldestWaitMinutes: z.number().min(0.5).max(1440).optional(),
    })
    .refine((t) => t.postEmpty || t.queueLength !== undefined || t.oldestWaitMinutes !== undefined, {
      message: 'TRIGGER_REQUIRED',
    }),
  businessTypes: z.array(z.string().min(1).max(60)).max(32).optional(),
});
export const BackfillRulesPut = z.object({ rules: z.array(BackfillRuleInput).max(200) });
export type BackfillRulesPut = z.infer<typeof BackfillRulesPut>;

export const DateQuery = z.object({ date: z.iso.date().optional() });
export const LogQuery = PageQuery.extend({
  date: z.iso.date().optional(),
  kind: z.string().max(40).optional(),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type LogQuery = z.infer<typeof LogQuery>;
export const ReplayQuery = z.object({
  date: z.iso.date().optional(),
  step: z.coerce
    .number()
    .int()
    .refine((n) => n === 1 || n === 5, 'STEP_1_OR_5')
    .default(5),
});

export const LogView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorName: z.string(),
  data: z.record(z.string(), z.unknown()),
  message: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type LogView = z.infer<typeof LogView>;

export const PromptView = z.object({
  id: z.string(),
  kind: z.enum(['backfill', 'return']),
  ruleId: z.string(),
  postId: z.string(),
  staffId: z.string(),
  attempt: z.number().int(),
  status: z.string(),
  data: z.record(z.string(), z.unknown()),
  message: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type PromptView = z.infer<typeof PromptView>;

export const LobbyView = z.object({
  outletId: z.string(),
  day: z.string(),
  at: z.string(),
  mode: z.object({
    mode: z.enum(MODES),
    source: z.enum(['plan', 'override']),
    reason: z.string().nullable(),
    until: z.string().nullable(),
  }),
  arrivals: z.number().int(),
  served: z.number().int(),
  called: z.number().int(),
  abandoned: z.number().int(),
  noShow: z.number().int(),
  transferred: z.number().int(),
  waiting: z.number().int(),
  meanWaitMinutes: z.number().nullable(),
  serviceLevel: z.number().nullable(),
  serviceLevelTarget: z.number(),
  targetWaitMinutes: z.number(),
  meetsTarget: z.boolean().nullable(),
  longestWaitMinutes: z.number(),
  waitingByType: z.array(
    z.object({ businessType: z.string(), waiting: z.number().int(), oldestWaitMinutes: z.number() }),
  ),
  countersServing: z.array(
    z.object({
      counter: z.string(),
      ticket: z.string(),
      businessType: z.string(),
      staffId: z.string().nullable(),
      since: z.string(),
      status: z.enum(['called', 'serving']),
    }),
  ),
  presence: z.array(
    z.object({
      staffId: z.string(),
      staffName: z.string(),
      postId: z.string(),
      postName: z.string(),
      since: z.string(),
    }),
  ),
  prompts: z.array(PromptView),
  lastEventAt: z.string().nullable(),
  events: z.number().int(),
});
export type LobbyView = z.infer<typeof LobbyView>;

export const ReplayView = z.object({
  outletId: z.string(),
  day: z.string(),
  stepMinutes: z.number().int(),
  points: z.array(
    z.object({
      at: z.string(),
      arrivals: z.number().int(),
      waiting: z.number().int(),
      meanWaitMinutes: z.number().nullable(),
      mode: z.enum(MODES),
      backfillActions: z.number().int(),
    }),
  ),
});

export const RecommendBody = z.object({
  /** Monday = 0 … Sunday = 6; default: today's weekday (Asia/Shanghai) */
  weekday: z.number().int().min(0).max(6).optional(),
  replications: z.number().int().min(1).max(50).default(5),
});
const ModeResult = z.object({ meanWaitMinutes: z.number().nullable(), serviceLevel: z.number().nullable() });
export const RecommendView = z.object({
  outletId: z.string(),
  weekday: z.number().int(),
  source: z.enum(['history', 'default']),
  replications: z.number().int(),
  hours: z.object({ open: z.string(), close: z.string() }),
  slots: z.array(
    z.object({
      start: z.string(),
      arrivalsPerHour: z.number(),
      fixed: ModeResult,
      rotating: ModeResult,
      better: z.enum(MODES),
    }),
  ),
  /** the week's day as a plan row (48 half hours): the better mode per slot, fixed outside hours */
  suggestedDay: z.array(z.enum(MODES)),
});
