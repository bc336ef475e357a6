import { z } from 'zod';
import { TICKET_KINDS } from '../lobby';
import { BoolQuery, Id, OutletParams, PageQuery } from './common';
import { atOutlet, lobbyEndpoints } from './lobby-endpoints';

/**
 * The ticket machine's side of the live lobby (docs/lobby.md, "Ticket machine"): its batches of
 * events, sent with a machine token instead of a session, and the outlet's machine tokens.
 */

// ---------------------------------------------------------------- ticket events
/** The batch body: each event is checked on its own, so one bad event spoils nothing else. */
export const TicketEventBatch = z.object({ events: z.array(z.unknown()) });
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
export const TicketEventResult = z.object({
  eventId: z.string().nullable(),
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export const TicketEventBatchResult = z.object({
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  results: z.array(TicketEventResult),
});
export type TicketEventInput = z.infer<typeof TicketEventInput>;
export type TicketEventResult = z.infer<typeof TicketEventResult>;
export type TicketEventBatchResult = z.infer<typeof TicketEventBatchResult>;

// ---------------------------------------------------------------- machine tokens
export const MachineTokenCreate = z.object({ name: z.string().trim().min(1).max(60) });
export const MachineTokenQuery = PageQuery.extend({ revoked: BoolQuery.optional() });
export const MachineToken = z.object({
  id: z.string(),
  outletId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
/** A new token with its secret, shown this once. */
export const MachineTokenCreated = MachineToken.extend({ token: z.string() });
export type MachineTokenQuery = z.infer<typeof MachineTokenQuery>;
export type MachineToken = z.infer<typeof MachineToken>;
export type MachineTokenCreated = z.infer<typeof MachineTokenCreated>;

// ---------------------------------------------------------------- endpoints
const e = lobbyEndpoints;
const token = e.at('/outlets/:outletId/machine-tokens/:tokenId', OutletParams.extend({ tokenId: Id }));

export const lobbyMachineApi = {
  // no session: the machine token is checked by the service (401, or 403 for another outlet's)
  ingestTicketEvents: atOutlet.post(
    '/ticket-events',
    'A batch of up to 1,000 ticket-machine events (Authorization: Bearer <machine token>)',
    { public: true, body: TicketEventBatch, response: TicketEventBatchResult },
  ),
  listMachineTokens: atOutlet.pagedList(
    '/machine-tokens',
    'Ticket-machine tokens of the outlet',
    MachineToken,
    {
      query: MachineTokenQuery,
    },
  ),
  createMachineToken: atOutlet.create('/machine-tokens', 'Create a token (shown once)', {
    body: MachineTokenCreate,
    response: MachineTokenCreated,
  }),
  revokeMachineToken: token.post('/revoke', 'Revoke a token', { response: MachineToken }),
} as const;
