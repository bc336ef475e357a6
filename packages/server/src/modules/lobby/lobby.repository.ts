import { PostgresAdapter, sql } from 'kysely';
import { pageWithTotal } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type TokenRow = DB['machine_tokens'];
export type EventRow = DB['ticket_events'];
export type SettingsRow = DB['lobby_settings'];
export type CheckinRow = DB['lobby_checkins'];
export type OverrideRow = DB['mode_overrides'];
export type PromptRow = DB['backfill_prompts'];
export type LogRow = DB['lobby_log'];

// ---- machine tokens
export const insertToken = (q: Q, row: TokenRow) => q.insertInto('machine_tokens').values(row).execute();
export const findTokenByHash = (q: Q, hash: string) =>
  q.selectFrom('machine_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
export const findToken = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('machine_tokens')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .executeTakeFirst();
export const updateToken = (q: Q, id: string, patch: Partial<TokenRow>) =>
  q.updateTable('machine_tokens').set(patch).where('id', '=', id).execute();

export async function listTokens(
  q: Q,
  outletId: string,
  revoked: boolean | undefined,
  offset: number,
  limit: number,
) {
  let base = q.selectFrom('machine_tokens').where('outlet_id', '=', outletId);
  if (revoked !== undefined) base = base.where('revoked_at', revoked ? 'is not' : 'is', null);
  return pageWithTotal(base, (b) => b.selectAll().orderBy('created_at', 'desc').orderBy('id'), offset, limit);
}

// ---- ticket events
/** Inserts the events not stored yet (idempotent by outlet and event id); returns the ids stored now. */
export async function insertEvents(q: Q, rows: EventRow[], chunk = 500): Promise<Set<string>> {
  const stored = new Set<string>();
  for (let i = 0; i < rows.length; i += chunk) {
    const res = await q
      .insertInto('ticket_events')
      .values(rows.slice(i, i + chunk))
      .onConflict((oc) => oc.columns(['outlet_id', 'event_id']).doNothing())
      .returning('event_id')
      .execute();
    for (const r of res) stored.add(r.event_id);
  }
  return stored;
}

/**
 * Inserts past events known to be new (the demo's history into an empty table), in chunks; on
 * PostgreSQL as one array a column (`insert … select * from unnest(…)`: a statement of a dozen
 * parameters however many rows).
 */
export async function insertHistory(q: Q, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (q.getExecutor().adapter instanceof PostgresAdapter) {
    const columns = Object.keys(rows[0]!) as (keyof EventRow)[];
    for (let i = 0; i < rows.length; i += 20_000) {
      const part = rows.slice(i, i + 20_000);
      const arrays = columns.map((c) => sql`${part.map((r) => r[c] ?? null)}::text[]`);
      await sql`insert into ticket_events (${sql.join(columns.map((c) => sql.ref(c)))})
        select * from unnest(${sql.join(arrays)})`.execute(q);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 2500)
    await q
      .insertInto('ticket_events')
      .values(rows.slice(i, i + 2500))
      .execute();
}

export const dayEvents = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('ticket_events')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .orderBy('at')
    .execute();

/** The first and last event times of a day (ISO; null on a day without events). */
export const dayEventSpan = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('ticket_events')
    .select((eb) => [eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow() as Promise<{ first: string | null; last: string | null }>;

/** What the replay reads of the events of a day from `fromIso` (inclusive) to `toIso` (exclusive). */
export const replayEvents = (q: Q, outletId: string, day: string, fromIso: string, toIso: string) =>
  q
    .selectFrom('ticket_events')
    .select(['event_id', 'ticket', 'kind', 'at'])
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .where('at', '>=', fromIso)
    .where('at', '<', toIso)
    .execute();

/** Issue events of a period, for arrival rates: the time and business type only. */
export const issuesBetween = (q: Q, outletId: string, fromDay: string, toDay: string) =>
  q
    .selectFrom('ticket_events')
    .select(['at', 'business_type'])
    .where('outlet_id', '=', outletId)
    .where('kind', '=', 'issued')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();

// ---- settings (per outlet; absent row: defaults)
export const findSettings = (q: Q, outletId: string) =>
  q.selectFrom('lobby_settings').selectAll().where('outlet_id', '=', outletId).executeTakeFirst();
export async function upsertSettings(q: Q, row: SettingsRow) {
  const { outlet_id: _id, ...patch } = row;
  await q
    .insertInto('lobby_settings')
    .values(row)
    .onConflict((oc) => oc.column('outlet_id').doUpdateSet(patch))
    .execute();
}
/** Settings rows of outlets that have none yet (the demo's set-up), in chunks. */
export async function insertSettingsMany(q: Q, rows: SettingsRow[], chunk = 200) {
  for (let i = 0; i < rows.length; i += chunk)
    await q
      .insertInto('lobby_settings')
      .values(rows.slice(i, i + chunk))
      .execute();
}
/** Outlets with a lobby set-up the periodic tick must look at: rules, a plan or a mode set by hand. */
export const configuredOutlets = (q: Q) =>
  q
    .selectFrom('lobby_settings')
    .select('outlet_id')
    .where((eb) =>
      eb.or([
        eb('backfill_rules_json', 'is not', null),
        eb('mode_plan_json', 'is not', null),
        eb('current_mode', 'is not', null),
      ]),
    )
    .execute()
    .then((rows) => rows.map((r) => r.outlet_id));

// ---- presence
export type PresenceRow = CheckinRow & { staff_name: string; post_name: string };
export const openCheckins = (q: Q, outletId: string, day: string): Promise<PresenceRow[]> =>
  q
    .selectFrom('lobby_checkins')
    .innerJoin('staff', 'staff.id', 'lobby_checkins.staff_id')
    .innerJoin('posts', 'posts.id', 'lobby_checkins.post_id')
    .selectAll('lobby_checkins')
    .select(['staff.name as staff_name', 'posts.name as post_name'])
    .where('lobby_checkins.outlet_id', '=', outletId)
    .where('lobby_checkins.day', '=', day)
    .where('lobby_checkins.checked_out_at', 'is', null)
    .orderBy('lobby_checkins.checked_in_at')
    .execute();
export const openCheckinOf = (q: Q, outletId: string, staffId: string, day: string) =>
  q
    .selectFrom('lobby_checkins')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('staff_id', '=', staffId)
    .where('day', '=', day)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst();
export const insertCheckin = (q: Q, row: CheckinRow) => q.insertInto('lobby_checkins').values(row).execute();
export const closeCheckin = (q: Q, id: string, at: string) =>
  q.updateTable('lobby_checkins').set({ checked_out_at: at }).where('id', '=', id).execute();

// ---- mode overrides
export const activeOverride = (q: Q, outletId: string, at: string) =>
  q
    .selectFrom('mode_overrides')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('cleared_at', 'is', null)
    .where('from_at', '<=', at)
    .where('until_at', '>', at)
    .orderBy('from_at', 'desc')
    .executeTakeFirst();
export const insertOverride = (q: Q, row: OverrideRow) =>
  q.insertInto('mode_overrides').values(row).execute();
export const clearOverrides = (q: Q, outletId: string, at: string) =>
  q
    .updateTable('mode_overrides')
    .set({ cleared_at: at })
    .where('outlet_id', '=', outletId)
    .where('cleared_at', 'is', null)
    .where('until_at', '>', at)
    .execute();

// ---- backfill prompts
export const openPrompts = (q: Q, outletId: string) =>
  q
    .selectFrom('backfill_prompts')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('open_key', 'is not', null)
    .execute();
export const promptsOfActivations = (q: Q, activationIds: string[]) =>
  activationIds.length
    ? q
        .selectFrom('backfill_prompts')
        .select(['activation_id', 'staff_id'])
        .where('activation_id', 'in', activationIds)
        .execute()
    : Promise.resolve([]);
export const findPrompt = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('backfill_prompts')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .executeTakeFirst();
/** Inserts a prompt; false when another process holds the rule's open key already. */
export async function insertPrompt(q: Q, row: PromptRow): Promise<boolean> {
  const res = await q
    .insertInto('backfill_prompts')
    .values(row)
    .onConflict((oc) => oc.column('open_key').doNothing())
    .returning('id')
    .execute();
  return res.length > 0;
}
export const updatePrompt = (q: Q, id: string, patch: Partial<PromptRow>) =>
  q.updateTable('backfill_prompts').set(patch).where('id', '=', id).execute();
/** Updates a prompt only while it has the expected status; returns whether it did. */
export async function transitionPrompt(q: Q, id: string, from: string, patch: Partial<PromptRow>) {
  const res = await q
    .updateTable('backfill_prompts')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
export const activePrompts = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('backfill_prompts')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .where('status', 'in', ['pending', 'acknowledged'])
    .orderBy('created_at')
    .execute();
export const dayPrompts = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('backfill_prompts')
    .select(['created_at', 'kind'])
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .execute();

// ---- lobby log
export const insertLog = (q: Q, row: LogRow) => q.insertInto('lobby_log').values(row).execute();
export interface LogFilter {
  outletId: string;
  day: string;
  kind?: string;
}
export async function listLog(q: Q, f: LogFilter, offset: number, limit: number) {
  let base = q.selectFrom('lobby_log').where('outlet_id', '=', f.outletId).where('day', '=', f.day);
  if (f.kind) base = base.where('kind', '=', f.kind);
  return pageWithTotal(base, (b) => b.selectAll().orderBy('at').orderBy('id'), offset, limit);
}
export const modeSwitches = (q: Q, outletId: string, day: string) =>
  q
    .selectFrom('lobby_log')
    .select(['at', 'data_json'])
    .where('outlet_id', '=', outletId)
    .where('day', '=', day)
    .where('kind', '=', 'mode_switch')
    .orderBy('at')
    .orderBy('id')
    .execute();

// ---- the outlet's organisation, as the lobby needs it
export const postsWithZoneKind = (q: Q, outletId: string) =>
  q
    .selectFrom('posts')
    .leftJoin('zones', 'zones.id', 'posts.zone_id')
    .select([
      'posts.id',
      'posts.kind',
      'posts.name',
      'posts.active',
      'posts.zone_id',
      'zones.name as zone_name',
      'zones.kind as zone_kind',
    ])
    .where('posts.outlet_id', '=', outletId)
    .execute();
export const activeStaff = (q: Q, outletId: string) =>
  q
    .selectFrom('staff')
    .select(['id', 'name', 'roles', 'skills', 'home_post_id'])
    .where('outlet_id', '=', outletId)
    .where('active', '=', 1)
    .orderBy('employee_no')
    .execute();
export const findActiveStaff = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('staff')
    .select(['id', 'name', 'home_post_id'])
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
export const findActivePost = (q: Q, outletId: string, id: string) =>
  q
    .selectFrom('posts')
    .select(['id', 'name'])
    .where('outlet_id', '=', outletId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
export const activeBusinessTypes = (q: Q) =>
  q.selectFrom('business_types').select(['code', 'default_zone_kind']).where('active', '=', 1).execute();
export const zonesOf = (q: Q, outletId: string) =>
  q.selectFrom('zones').selectAll().where('outlet_id', '=', outletId).where('active', '=', 1).execute();
