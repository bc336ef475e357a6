/**
 * Code lists of the live lobby (量点, docs/lobby.md) that the server and the web app both use:
 * ticket-machine event kinds, the two service modes and the weekly plan's half hours, the kinds
 * of the lobby log, and the fields of a ticket-history import. Their names in both languages are
 * code tables (codes.ts: `lobbyMode`, `lobbyLogKind`).
 */

/** What a ticket machine reports about a ticket. */
export const TICKET_KINDS = [
  'issued',
  'called',
  'serving',
  'transferred',
  'ended',
  'no_show',
  'abandoned',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** 固定作业 (fixed posts) and 循环补位 (rotating backfill). */
export const LOBBY_MODES = ['fixed', 'rotating'] as const;
export type LobbyMode = (typeof LOBBY_MODES)[number];

/** Half hours of a day in the weekly mode plan (Asia/Shanghai, from 00:00). */
export const SLOTS_PER_DAY = 48;

/** Most events in one ticket-machine batch (more: 413). */
export const MAX_TICKET_BATCH = 1000;

/** Entries of the lobby log. */
export const LOBBY_LOG_KINDS = [
  'check_in',
  'check_out',
  'mode_switch',
  'plan_changed',
  'rules_changed',
  'prompt',
  'prompt_ack',
  'prompt_decline',
  'prompt_expired',
  'prompt_cancelled',
  'return',
] as const;
export type LobbyLogKind = (typeof LOBBY_LOG_KINDS)[number];

/** Fields of a ticket-history import, in the order the page shows them (`date`: date and time apart). */
export const TICKET_IMPORT_FIELDS = [
  'ticket',
  'businessType',
  'kind',
  'at',
  'date',
  'counter',
  'staffId',
  'toBusinessType',
  'eventId',
] as const;
export type TicketImportField = (typeof TICKET_IMPORT_FIELDS)[number];
export const TICKET_IMPORT_REQUIRED: readonly TicketImportField[] = ['ticket', 'businessType', 'kind', 'at'];
