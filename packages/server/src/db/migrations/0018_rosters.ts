import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Rosters (issue 13, docs/rosters-app.md): the labour and shift rules of a branch or an outlet (a
// JSON document each; the outlet's row wins over its branch's, the branch's over the defaults of
// domain.md "Working time"), staff leave and unavailability, staff preferences (wanted and
// unwanted days and shifts), the elastic flag and window of a staff member, and the rosters of an
// outlet's week with their shifts. A roster is versioned: a published roster changed later is a
// new version (a new row) and the old ones stay. Skills are the staff table's own `skills`.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roster_rules')
    // the branch's id (its default rules) or an outlet's id (that outlet's own)
    .addColumn('scope_id', 'text', (c) => c.primaryKey())
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('outlet_id', 'text', (c) => c.references('outlets.id'))
    .addColumn('labour_json', 'text', (c) => c.notNull())
    .addColumn('shifts_json', 'text', (c) => c.notNull())
    .addColumn('split_shifts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_leave')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    // leave | unavailable
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    // null: the whole day(s); else HH:MM on each day of the range
    .addColumn('from_time', 'text')
    .addColumn('to_time', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_leave_outlet_days')
    .on('staff_leave')
    .columns(['outlet_id', 'from_day', 'to_day'])
    .execute();

  await db.schema
    .createTable('staff_preferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    // wanted | unwanted
    .addColumn('kind', 'text', (c) => c.notNull())
    // 0 = Monday … 6 = Sunday; null: every day
    .addColumn('weekday', 'integer')
    // null: the whole day; else a shift's hours HH:MM
    .addColumn('from_time', 'text')
    .addColumn('to_time', 'text')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_preferences_outlet')
    .on('staff_preferences')
    .column('outlet_id')
    .execute();

  await db.schema
    .createTable('staff_elastic')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id'))
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('elastic', 'integer', (c) => c.notNull().defaultTo(0))
    // the flexible window an elastic staff member may work in, HH:MM
    .addColumn('window_from', 'text')
    .addColumn('window_to', 'text')
    // their own weekly hours cap in minutes (part-time); null: the rules'
    .addColumn('max_weekly_minutes', 'integer')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rosters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    // the Monday of the week (Beijing)
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // draft | published | superseded
    .addColumn('status', 'text', (c) => c.notNull())
    // optimal | feasible | infeasible | time_limit | manual
    .addColumn('solver_status', 'text', (c) => c.notNull())
    .addColumn('objective', 'text')
    .addColumn('bound', 'text')
    .addColumn('gap', 'text')
    // what the solve answered besides the shifts: coverage, violations, conflicts, weights
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createIndex('rosters_outlet_week_version')
    .unique()
    .on('rosters')
    .columns(['outlet_id', 'week_start', 'version'])
    .execute();

  await db.schema
    .createTable('roster_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roster_id', 'text', (c) => c.notNull().references('rosters.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    // welcome | super_counter | a zone kind
    .addColumn('post', 'text', (c) => c.notNull())
    // the posts held by period (JSON [{from, to, post}]) when the solver moved the person; null: `post` throughout
    .addColumn('posts_json', 'text')
    .addColumn('break_start', 'text')
    .addColumn('break_end', 'text')
    .execute();
  await db.schema.createIndex('roster_shifts_roster').on('roster_shifts').column('roster_id').execute();
  await db.schema
    .createIndex('roster_shifts_staff_day')
    .on('roster_shifts')
    .columns(['staff_id', 'day'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'roster_shifts',
    'rosters',
    'staff_elastic',
    'staff_preferences',
    'staff_leave',
    'roster_rules',
  ])
    await db.schema.dropTable(t).execute();
}
