import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code. Only text and integer columns; ids
// and timestamps come from here or the app, never from the database. The code tables of
// JR/T 0169-2018 and the official holiday calendars of 2025 and 2026 are inserted as data.

const SEEDED_AT = '2026-01-01T00:00:00.000Z';

/** JR/T 0169-2018 dimensions: channel (业务办理渠道), business category (业务类别), cause (投诉原因). */
const CODES: [kind: string, code: string, zh: string, en: string][] = [
  ['channel', 'branch_premises', '营业现场', 'Branch premises'],
  ['channel', 'self_service', '自助机具', 'Self-service machines'],
  ['channel', 'online_banking', '网上银行', 'Online banking'],
  ['channel', 'mobile_banking', '手机银行', 'Mobile banking'],
  ['channel', 'phone_banking', '电话银行', 'Phone banking'],
  ['channel', 'wechat_banking', '微信银行', 'WeChat banking'],
  ['channel', 'third_party', '第三方渠道', 'Third-party channel'],
  ['channel', 'other', '其他渠道', 'Other channel'],
  ['category', 'debit_card', '借记卡', 'Debit cards'],
  ['category', 'credit_card', '信用卡', 'Credit cards'],
  ['category', 'loan', '贷款', 'Loans'],
  ['category', 'payment_settlement', '支付结算', 'Payment and settlement'],
  ['category', 'debt_collection', '债务催收', 'Debt collection'],
  ['category', 'foreign_exchange', '外汇', 'Foreign exchange'],
  ['category', 'rmb_savings', '人民币储蓄', 'RMB savings'],
  ['category', 'agency', '银行代理业务', 'Agency business'],
  ['category', 'wealth_management', '自营理财', 'Own wealth-management products'],
  ['category', 'personal_info', '个人金融信息', 'Personal financial information'],
  ['category', 'precious_metals', '贵金属', 'Precious metals'],
  ['category', 'other', '其他业务', 'Other business'],
  ['cause', 'service_quality', '服务态度及服务质量', 'Service attitude and quality'],
  ['cause', 'pricing_fees', '定价收费', 'Pricing and fees'],
  ['cause', 'disclosure', '信息披露', 'Information disclosure'],
  ['cause', 'marketing', '营销方式和手段', 'Marketing methods'],
  ['cause', 'info_security', '消费者信息安全', 'Consumer information security'],
  ['cause', 'contract_terms', '合同条款', 'Contract terms'],
  ['cause', 'rules_process', '业务规则与流程', 'Business rules and process'],
  ['cause', 'free_choice', '自主选择权', 'Freedom of choice'],
  ['cause', 'collection_methods', '债务催收方式和手段', 'Debt-collection methods'],
  ['cause', 'other', '其他原因', 'Other cause'],
];

/** 国务院办公厅 holiday arrangements: days off, and make-up working days (调休). */
const HOLIDAYS: [day: string, kind: 'holiday' | 'workday', name: string][] = [
  // 2025 (国办发明电〔2024〕12号)
  ['2025-01-01', 'holiday', '元旦'],
  ...range('2025-01-28', 8).map((d) => [d, 'holiday', '春节'] as [string, 'holiday', string]),
  ['2025-01-26', 'workday', '春节调休'],
  ['2025-02-08', 'workday', '春节调休'],
  ...range('2025-04-04', 3).map((d) => [d, 'holiday', '清明节'] as [string, 'holiday', string]),
  ...range('2025-05-01', 5).map((d) => [d, 'holiday', '劳动节'] as [string, 'holiday', string]),
  ['2025-04-27', 'workday', '劳动节调休'],
  ...range('2025-05-31', 3).map((d) => [d, 'holiday', '端午节'] as [string, 'holiday', string]),
  ...range('2025-10-01', 8).map((d) => [d, 'holiday', '国庆节、中秋节'] as [string, 'holiday', string]),
  ['2025-09-28', 'workday', '国庆节调休'],
  ['2025-10-11', 'workday', '国庆节调休'],
  // 2026 (国务院办公厅 2025年11月4日)
  ...range('2026-01-01', 3).map((d) => [d, 'holiday', '元旦'] as [string, 'holiday', string]),
  ['2026-01-04', 'workday', '元旦调休'],
  ...range('2026-02-15', 9).map((d) => [d, 'holiday', '春节'] as [string, 'holiday', string]),
  ['2026-02-14', 'workday', '春节调休'],
  ['2026-02-28', 'workday', '春节调休'],
  ...range('2026-04-04', 3).map((d) => [d, 'holiday', '清明节'] as [string, 'holiday', string]),
  ...range('2026-05-01', 5).map((d) => [d, 'holiday', '劳动节'] as [string, 'holiday', string]),
  ['2026-05-09', 'workday', '劳动节调休'],
  ...range('2026-06-19', 3).map((d) => [d, 'holiday', '端午节'] as [string, 'holiday', string]),
  ...range('2026-09-25', 3).map((d) => [d, 'holiday', '中秋节'] as [string, 'holiday', string]),
  ...range('2026-10-01', 7).map((d) => [d, 'holiday', '国庆节'] as [string, 'holiday', string]),
  ['2026-09-20', 'workday', '国庆节调休'],
  ['2026-10-10', 'workday', '国庆节调休'],
];

/** Points per complaint by responsibility and severity (量化考核), editable by admins. */
const POINTS: [responsibility: string, severity: string, points: number][] = [
  ['full', 'general', 3],
  ['full', 'serious', 6],
  ['full', 'major', 10],
  ['partial', 'general', 1],
  ['partial', 'serious', 3],
  ['partial', 'major', 5],
  ['none', 'general', 0],
  ['none', 'serious', 0],
  ['none', 'major', 0],
];

function range(first: string, n: number): string[] {
  const t = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t + i * 86_400_000).toISOString().slice(0, 10));
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their own time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('complaint_codes_kind_code', ['kind', 'code'])
    .execute();
  await db
    .insertInto('complaint_codes')
    .values(
      CODES.map(([kind, code, zh, en], i) => ({
        id: `cc-${kind}-${code}`,
        kind,
        code,
        name_zh: zh,
        name_en: en,
        sort_order: i,
        active: 1,
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
      })),
    )
    .execute();

  await db.schema
    .createTable('holiday_calendar')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('holiday_calendar')
    .values(HOLIDAYS.map(([day, kind, name]) => ({ day, kind, name, updated_at: SEEDED_AT })))
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('no', 'text', (c) => c.notNull().unique())
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel_code', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('cause_code', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('regulator_received_on', 'text')
    .addColumn('forwarded_on', 'text')
    .addColumn('complainant_name_enc', 'text')
    .addColumn('complainant_phone_enc', 'text')
    .addColumn('complainant_id_enc', 'text')
    .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('handler_id', 'text', (c) => c.references('users.id'))
    .addColumn('people_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('major', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emergency_json', 'text')
    .addColumn('claim', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clock_start_at', 'text', (c) => c.notNull())
    .addColumn('extension_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_reason', 'text')
    .addColumn('paused_since', 'text')
    .addColumn('paused_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decision_due_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('on_time', 'integer')
    .addColumn('days_to_decision', 'integer')
    .addColumn('decision_json', 'text')
    .addColumn('review_requested_at', 'text')
    .addColumn('review_due_on', 'text')
    .addColumn('review_json', 'text')
    .addColumn('merged_into_id', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('responsibility', 'text')
    .addColumn('severity', 'text')
    .addColumn('responsible_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('points', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Pages: by outlet or branch, newest first; deadlines: open cases by due date;
  // statistics: a covering index over the three JR/T 0169 dimensions by date.
  await db.schema
    .createIndex('complaints_outlet_received')
    .on('complaints')
    .columns(['outlet_id', 'received_at', 'id'])
    .execute();
  await db.schema
    .createIndex('complaints_branch_received')
    .on('complaints')
    .columns(['branch_id', 'received_at', 'id'])
    .execute();
  await db.schema.createIndex('complaints_due').on('complaints').columns(['due_on', 'status']).execute();
  await db.schema
    .createIndex('complaints_status_received')
    .on('complaints')
    .columns(['status', 'received_at'])
    .execute();
  await db.schema
    .createIndex('complaints_stats')
    .on('complaints')
    .columns([
      'branch_id',
      'received_on',
      'outlet_id',
      'channel_code',
      'category_code',
      'cause_code',
      'on_time',
      'days_to_decision',
    ])
    .execute();
  await db.schema
    .createIndex('complaints_decided')
    .on('complaints')
    .columns(['branch_id', 'decided_on', 'outlet_id', 'responsible_staff_id', 'points'])
    .execute();
  await db.schema
    .createIndex('complaints_handler')
    .on('complaints')
    .columns(['handler_id', 'due_on'])
    .execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('complaint_events_complaint')
    .on('complaint_events')
    .columns(['complaint_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('complaint_pauses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('complaint_pauses_complaint')
    .on('complaint_pauses')
    .column('complaint_id')
    .execute();

  await db.schema
    .createTable('complaint_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('informed_at', 'text', (c) => c.notNull())
    .addColumn('proof', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_notices_complaint')
    .on('complaint_notices')
    .column('complaint_id')
    .execute();

  // Files kept with a complaint (evidence, recordings, notices). The bytes live in the file store
  // (config.dataDir/attachments by default); this row holds what is needed to serve and verify them.
  await db.schema
    .createTable('complaint_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_attachments_complaint')
    .on('complaint_attachments')
    .column('complaint_id')
    .execute();

  await db.schema
    .createTable('rectification_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rectification_tasks_complaint')
    .on('rectification_tasks')
    .column('complaint_id')
    .execute();
  await db.schema
    .createIndex('rectification_tasks_outlet_due')
    .on('rectification_tasks')
    .columns(['outlet_id', 'status', 'due_on'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notifications_once_a_day', ['user_id', 'kind', 'entity_id', 'day'])
    .execute();
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('complaint_scripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_scripts_stage')
    .on('complaint_scripts')
    .columns(['stage', 'title'])
    .execute();
  await db.schema
    .createTable('complaint_script_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('script_id', 'text', (c) => c.notNull().references('complaint_scripts.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('complaint_script_versions_no', ['script_id', 'version'])
    .execute();

  await db.schema
    .createTable('complaint_drills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('evaluator', 'text', (c) => c.notNull())
    .addColumn('rubric_json', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('max_score', 'integer', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_drills_outlet')
    .on('complaint_drills')
    .columns(['outlet_id', 'held_on'])
    .execute();
  await db.schema
    .createTable('complaint_drill_participants')
    .addColumn('drill_id', 'text', (c) => c.notNull().references('complaint_drills.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('complaint_drill_participants_pk', ['drill_id', 'staff_id'])
    .execute();
  await db.schema
    .createIndex('complaint_drill_participants_staff')
    .on('complaint_drill_participants')
    .column('staff_id')
    .execute();

  await db.schema
    .createTable('ten_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('business_line', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ten_questions_outlet_line')
    .on('ten_questions')
    .columns(['outlet_id', 'business_line', 'position'])
    .execute();
  await db.schema
    .createTable('quiz_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('business_line', 'text', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('quiz_results_staff')
    .on('quiz_results')
    .columns(['staff_id', 'taken_at'])
    .execute();

  await db.schema
    .createTable('risk_controls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch_id', 'text', (c) => c.notNull().references('branches.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('cause_code', 'text', (c) => c.notNull())
    .addColumn('controls_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_controls_scenario', ['branch_id', 'category_code', 'cause_code'])
    .execute();

  await db.schema
    .createTable('accountability_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('responsibility', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('accountability_rules_key', ['responsibility', 'severity'])
    .execute();
  await db
    .insertInto('accountability_rules')
    .values(
      POINTS.map(([responsibility, severity, points]) => ({
        id: `ar-${responsibility}-${severity}`,
        responsibility,
        severity,
        points,
        updated_at: SEEDED_AT,
      })),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'accountability_rules',
    'risk_controls',
    'quiz_results',
    'ten_questions',
    'complaint_drill_participants',
    'complaint_drills',
    'complaint_script_versions',
    'complaint_scripts',
    'notifications',
    'rectification_tasks',
    'complaint_notices',
    'complaint_attachments',
    'complaint_pauses',
    'complaint_events',
    'complaints',
    'holiday_calendar',
    'complaint_codes',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
