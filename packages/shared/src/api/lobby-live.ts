import { z } from 'zod';
import { LOBBY_MODES } from '../lobby';
import { Id, OutletParams } from './common';
import { lobbyEndpoints } from './lobby-endpoints';
import { messages, staffRef } from './fields';

/**
 * The lobby now (docs/lobby.md, "The board"): the board's state as `GET …/lobby` answers it and
 * the stream pushes it, and the commands of the lobby floor that answer it — check-in and
 * check-out at posts, answers to backfill prompts.
 */

export const LobbyPrompt = z.object({
  id: z.string(),
  kind: z.enum(['backfill', 'return', 'elastic']),
  ruleId: z.string(),
  postId: z.string(),
  staffId: z.string(),
  attempt: z.number().int(),
  status: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** `message`: rendered in the requester's language (a pushed board is rendered in zh-CN) */
  ...messages,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export const LobbyWaiting = z.object({
  businessType: z.string(),
  waiting: z.number().int(),
  oldestWaitMinutes: z.number(),
});
export const LobbyCounter = z.object({
  counter: z.string(),
  ticket: z.string(),
  businessType: z.string(),
  staffId: z.string().nullable(),
  since: z.string(),
  status: z.enum(['called', 'serving']),
});
export const LobbyPresence = z.object({
  ...staffRef,
  postId: z.string(),
  postName: z.string(),
  since: z.string(),
});
export const LobbyModeNow = z.object({
  mode: z.enum(LOBBY_MODES),
  source: z.enum(['plan', 'override']),
  reason: z.string().nullable(),
  until: z.string().nullable(),
});

/** The board of one outlet today: the answer of `GET …/lobby` and the payload of the stream's "lobby" event. */
export const LobbyView = z.object({
  outletId: z.string(),
  day: z.string(),
  /** the server's time of this state */
  at: z.string(),
  mode: LobbyModeNow,
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
  waitingByType: z.array(LobbyWaiting),
  countersServing: z.array(LobbyCounter),
  presence: z.array(LobbyPresence),
  prompts: z.array(LobbyPrompt),
  lastEventAt: z.string().nullable(),
  events: z.number().int(),
});
export type LobbyPrompt = z.infer<typeof LobbyPrompt>;
export type LobbyWaiting = z.infer<typeof LobbyWaiting>;
export type LobbyCounter = z.infer<typeof LobbyCounter>;
export type LobbyPresence = z.infer<typeof LobbyPresence>;
export type LobbyModeNow = z.infer<typeof LobbyModeNow>;
export type LobbyView = z.infer<typeof LobbyView>;

/** The stream's events: `lobby` (a LobbyView) on connect and on every change, `ping` every 20 s. */
export type LobbyStreamEvent = { event: 'lobby'; data: LobbyView } | { event: 'ping'; data: { at: string } };

export const LobbyPresenceBody = z.object({ staffId: Id, postId: Id });
export type LobbyPresenceBody = z.infer<typeof LobbyPresenceBody>;

// ---------------------------------------------------------------- endpoints
const e = lobbyEndpoints;
/** The lobby of an outlet: reading it and the floor's commands answer the board as it now is. */
const lobby = e.at('/outlets/:outletId/lobby', OutletParams, { response: LobbyView });
const prompt = e.at('/outlets/:outletId/lobby/prompts/:promptId', OutletParams.extend({ promptId: Id }), {
  response: LobbyView,
});

export const lobbyLiveApi = {
  getLobby: lobby.get('', 'The lobby now'),
  lobbyStream: e.get(
    '/outlets/:outletId/lobby/stream',
    'The lobby as Server-Sent Events (event "lobby"; event "ping" every 20 s)',
    { params: OutletParams, produces: 'sse' },
  ),
} as const;

export const lobbyPresenceApi = {
  checkIn: lobby.post('/check-in', 'Check a staff member in at a post', { body: LobbyPresenceBody }),
  checkOut: lobby.post('/check-out', 'Check a staff member out', { body: LobbyPresenceBody }),
} as const;

export const lobbyPromptsApi = {
  ackPrompt: prompt.post('/ack', 'Acknowledge a prompt'),
  declinePrompt: prompt.post('/decline', 'Decline a prompt'),
} as const;
