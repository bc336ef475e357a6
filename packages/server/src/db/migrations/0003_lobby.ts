import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Only text, integer and real
// columns; ids and timestamps come from the app. The live lobby (量点): ticket-machine tokens
// and events, presence at posts, the mode plan and overrides, backfill rules and prompts, and
// the lobby log.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('machine_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // sha256 of the token (hex); the token itself is shown once and never stored
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('machine_tokens_outlet').on('machine_tokens').column('outlet_id').execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('ticket', 'text', (c) => c.notNull())
    .addColumn('business_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // the Asia/Shanghai date of `at`
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('counter', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('to_business_type', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_events_pk', ['outlet_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('ticket_events_outlet_day')
    .on('ticket_events')
    .columns(['outlet_id', 'day', 'at'])
    .execute();

  await db.schema
    .createTable('lobby_settings')
    .addColumn('outlet_id', 'text', (c) => c.primaryKey().references('outlets.id'))
    .addColumn('service_level_target', 'real', (c) => c.notNull())
    .addColumn('target_wait_minutes', 'integer', (c) => c.notNull())
    .addColumn('prompt_timeout_seconds', 'integer', (c) => c.notNull())
    // JSON: 7 weekdays (Monday first) × 48 half-hour slots of "fixed" | "rotating"; null: all fixed
    .addColumn('mode_plan_json', 'text')
    // JSON: the ordered backfill rules of the outlet
    .addColumn('backfill_rules_json', 'text')
    // the mode last in force, so that a change of mode is logged once
    .addColumn('current_mode', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('lobby_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('checked_out_at', 'text')
    .execute();
  await db.schema
    .createIndex('lobby_checkins_outlet_day')
    .on('lobby_checkins')
    .columns(['outlet_id', 'day'])
    .execute();

  await db.schema
    .createTable('mode_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('until_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('mode_overrides_outlet')
    .on('mode_overrides')
    .columns(['outlet_id', 'from_at'])
    .execute();

  await db.schema
    .createTable('backfill_prompts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    // the first prompt of a chain of backups for one firing of a rule
    .addColumn('activation_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // set while the rule's chain is open (one per rule across processes), null afterwards
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .execute();
  await db.schema
    .createIndex('backfill_prompts_outlet_day')
    .on('backfill_prompts')
    .columns(['outlet_id', 'day', 'status'])
    .execute();

  await db.schema
    .createTable('lobby_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lobby_log_outlet_day')
    .on('lobby_log')
    .columns(['outlet_id', 'day', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'lobby_log',
    'backfill_prompts',
    'mode_overrides',
    'lobby_checkins',
    'lobby_settings',
    'ticket_events',
    'machine_tokens',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
