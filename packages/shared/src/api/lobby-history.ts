import { z } from 'zod';
import { PAGE_SIZE_MAX } from '../org';
import { LOBBY_MODES } from '../lobby';
import { PageQuery } from './common';
import { atOutlet } from './lobby-endpoints';
import { messages } from './fields';

/**
 * What happened in the lobby on a day (docs/lobby.md, "Log and replay"): the lobby log
 * (check-ins, mode switches, rule changes, prompts and their answers) and the day's timeline.
 */

export const LobbyLogQuery = PageQuery.extend({
  /** a Beijing calendar date; default today */
  date: z.iso.date().optional(),
  kind: z.string().max(40).optional(),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export const LobbyLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  /** a code of CODE_TABLES.lobbyLogKind */
  kind: z.string(),
  actorName: z.string(),
  data: z.record(z.string(), z.unknown()),
  ...messages,
});
export type LobbyLogQuery = z.infer<typeof LobbyLogQuery>;
export type LobbyLogEntry = z.infer<typeof LobbyLogEntry>;

export const LobbyReplayQuery = z.object({
  date: z.iso.date().optional(),
  step: z.coerce
    .number()
    .int()
    .refine((n) => n === 1 || n === 5, 'STEP_1_OR_5')
    .default(5),
});
export const LobbyReplayPoint = z.object({
  at: z.string(),
  arrivals: z.number().int(),
  waiting: z.number().int(),
  meanWaitMinutes: z.number().nullable(),
  mode: z.enum(LOBBY_MODES),
  backfillActions: z.number().int(),
});
export const LobbyReplay = z.object({
  outletId: z.string(),
  day: z.string(),
  stepMinutes: z.number().int(),
  points: z.array(LobbyReplayPoint),
});
export type LobbyReplayQuery = z.infer<typeof LobbyReplayQuery>;
export type LobbyReplayPoint = z.infer<typeof LobbyReplayPoint>;
export type LobbyReplay = z.infer<typeof LobbyReplay>;

// ---------------------------------------------------------------- endpoints

export const lobbyHistoryApi = {
  listLobbyLog: atOutlet.pagedList('/lobby/log', 'The lobby log of a day', LobbyLogEntry, {
    query: LobbyLogQuery,
  }),
  lobbyReplay: atOutlet.get('/lobby/replay', "A day's timeline (per 1 or 5 minutes)", {
    query: LobbyReplayQuery,
    response: LobbyReplay,
  }),
} as const;
