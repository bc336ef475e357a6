import type { Generated } from 'kysely';

/**
 * Table types. Times are ISO-8601 UTC text, booleans are 0/1 integers and lists are JSON text,
 * so that SQLite and PostgreSQL store and compare them the same way.
 */
export interface DB {
  meta: { key: string; value: string };
  branches: { id: string; code: string; name: string; bank_name: string; created_at: string };
  outlets: {
    id: string;
    branch_id: string;
    code: string;
    name: string;
    address: string;
    phone: string;
    pilot: number;
    active: number;
    /** active staff, maintained with every staff change (org.repository refreshCounts) */
    staff_count: number;
    /** active zones, maintained with every zone change */
    zone_count: number;
    created_at: string;
    updated_at: string;
  };
  business_types: {
    id: string;
    code: string;
    name_zh: string;
    name_en: string;
    default_zone_kind: string;
    active: number;
    created_at: string;
    updated_at: string;
  };
  zones: {
    id: string;
    outlet_id: string;
    kind: string;
    name: string;
    capacity: number;
    active: number;
    created_at: string;
    updated_at: string;
  };
  posts: {
    id: string;
    outlet_id: string;
    kind: string;
    name: string;
    zone_id: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  staff: {
    id: string;
    outlet_id: string;
    employee_no: string;
    name: string;
    roles: string;
    skills: string;
    /** AES-256-GCM ciphertext (see lib/crypto.ts), null when no phone is known */
    phone_enc: string | null;
    home_post_id: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    branch_id: string;
    outlet_id: string | null;
    /** the staff record of this login, when it is one (migration 0006) */
    staff_id: string | null;
    password_hash: string;
    /** wrong passwords since the last successful login, from every source */
    failed_logins: number;
    /** the end of the latest hold-up of a source since the last successful login (migration 0007) */
    locked_until: string | null;
    /** how many times a source was held up since the last successful login (migration 0007) */
    locks_since_login: number;
    active: number;
    must_change_password: number;
    locale: string;
    last_login_at: string | null;
    created_at: string;
    updated_at: string;
  };
  /** failed logins per account and source (IP address), migration 0007 */
  login_throttle: {
    user_id: string;
    source: string;
    failures: number;
    locked_until: string | null;
    last_failed_at: string;
  };
  sessions: {
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    ip: string;
    user_agent: string;
  };
  audit_log: {
    seq: number;
    at: string;
    actor_id: string | null;
    actor_name: string;
    action: string;
    entity_type: string;
    entity_id: string;
    outlet_id: string | null;
    before_json: string | null;
    after_json: string | null;
    ip: string | null;
    prev_hash: string;
    hash: string;
    /** 1: plain SHA-256 (before migration 0007), 2: HMAC-SHA256 with the audit key */
    hash_version: number;
  };
  // ---- complaints (谅点), migration 0002
  complaint_attachments: {
    id: string;
    complaint_id: string;
    file_name: string;
    media_type: string;
    size: number;
    sha256: string;
    /** where the file store keeps the bytes */
    storage_key: string;
    uploaded_by: string | null;
    created_at: string;
  };
  complaint_codes: {
    id: string;
    /** channel | category | cause (JR/T 0169-2018) */
    kind: string;
    code: string;
    name_zh: string;
    name_en: string;
    sort_order: number;
    active: number;
    created_at: string;
    updated_at: string;
  };
  holiday_calendar: { day: string; kind: string; name: string; updated_at: string };
  complaints: {
    id: string;
    no: string;
    branch_id: string;
    outlet_id: string;
    received_at: string;
    /** the Beijing date of received_at */
    received_on: string;
    channel_code: string;
    category_code: string;
    cause_code: string;
    source: string;
    regulator_received_on: string | null;
    forwarded_on: string | null;
    /**
     * Art. 33: 7 working days after regulator_received_on on the official calendar (0012), and 1
     * when forwarded after it, 0 on time, null when not known. Optional for a writer that leaves
     * them out: the server fills them after the demo and at start (forwarding.ts).
     */
    forwarding_due_on?: string | null;
    forwarding_late?: number | null;
    /** AES-256-GCM ciphertexts (lib/crypto.ts) */
    complainant_name_enc: string | null;
    complainant_phone_enc: string | null;
    complainant_id_enc: string | null;
    /** the same, masked as lists show them (0007; null on rows not filled yet) */
    complainant_name_masked: string | null;
    complainant_phone_masked: string | null;
    complainant_id_masked: string | null;
    staff_id: string | null;
    handler_id: string | null;
    people_count: number;
    major: number;
    emergency_json: string | null;
    claim: string;
    facts: string;
    status: string;
    clock_start_at: string;
    extension_level: number;
    extension_reason: string | null;
    paused_since: string | null;
    paused_days: number;
    decision_due_on: string | null;
    /** the deadline running now (decision or review); null when none runs */
    due_on: string | null;
    decided_at: string | null;
    decided_on: string | null;
    /** Art. 18 as a whole: decided and told in time (0011; before, the decision only) */
    on_time: number | null;
    days_to_decision: number | null;
    decision_json: string | null;
    /** the first time the complainant was told of the decision (0011) */
    informed_at: string | null;
    /** Art. 18, each part: the decision made in time; the complainant told in time (0011) */
    decision_on_time: number | null;
    inform_on_time: number | null;
    review_requested_at: string | null;
    review_due_on: string | null;
    review_json: string | null;
    merged_into_id: string | null;
    withdrawn_at: string | null;
    closed_at: string | null;
    root_cause: string | null;
    responsibility: string | null;
    severity: string | null;
    responsible_staff_id: string | null;
    points: number | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  complaint_events: {
    id: string;
    complaint_id: string;
    /** when it happened (a step may be recorded later) */
    at: string;
    /** when it was recorded (0011) */
    recorded_at: string | null;
    actor_id: string | null;
    actor_name: string;
    action: string;
    from_status: string | null;
    to_status: string;
    comment: string;
    data_json: string | null;
  };
  /** the blind index of the complainant's data (0013): HMAC-SHA256 digests by kind */
  complainant_index: { complaint_id: string; kind: string; digest: string };
  complaint_pauses: {
    id: string;
    complaint_id: string;
    kind: string;
    reason: string;
    started_at: string;
    ended_at: string | null;
  };
  complaint_notices: {
    id: string;
    complaint_id: string;
    kind: string;
    method: string;
    informed_at: string;
    proof: string;
    recorded_by: string | null;
    created_at: string;
  };
  rectification_tasks: {
    id: string;
    complaint_id: string | null;
    outlet_id: string;
    title: string;
    owner: string;
    owner_staff_id: string | null;
    due_on: string;
    status: string;
    note: string;
    done_at: string | null;
    created_at: string;
    updated_at: string;
  };
  notifications: {
    id: string;
    user_id: string;
    kind: string;
    entity_type: string;
    entity_id: string;
    day: string;
    data_json: string;
    read_at: string | null;
    created_at: string;
  };
  /** how a user wants the deadline reminders (migration 0014) */
  notification_preferences: {
    user_id: string;
    /** 1: one daily digest instead of one notification per complaint */
    digest: number;
    updated_at: string;
  };
  complaint_scripts: {
    id: string;
    stage: string;
    scenario: string;
    title: string;
    body: string;
    version: number;
    active: number;
    created_at: string;
    updated_at: string;
  };
  complaint_script_versions: {
    id: string;
    script_id: string;
    version: number;
    stage: string;
    scenario: string;
    title: string;
    body: string;
    created_by: string;
    created_at: string;
  };
  complaint_drills: {
    id: string;
    outlet_id: string;
    held_on: string;
    scenario: string;
    evaluator: string;
    rubric_json: string;
    score: number;
    max_score: number;
    comments: string;
    created_by: string | null;
    created_at: string;
  };
  complaint_drill_participants: { drill_id: string; staff_id: string };
  ten_questions: {
    id: string;
    outlet_id: string;
    business_line: string;
    position: number;
    question: string;
    answer: string;
    created_at: string;
    updated_at: string;
  };
  quiz_results: {
    id: string;
    outlet_id: string;
    staff_id: string;
    business_line: string;
    questions_json: string;
    correct: number;
    total: number;
    taken_at: string;
    recorded_by: string | null;
  };
  risk_controls: {
    id: string;
    branch_id: string;
    category_code: string;
    cause_code: string;
    controls_json: string;
    updated_at: string;
  };
  accountability_rules: {
    id: string;
    responsibility: string;
    severity: string;
    points: number;
    updated_at: string;
  };
  // ---- live lobby (量点), migration 0003
  machine_tokens: {
    id: string;
    outlet_id: string;
    name: string;
    /** sha256 hex of the token; the token is shown once at creation */
    token_hash: string;
    prefix: string;
    created_by: string | null;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
  ticket_events: {
    outlet_id: string;
    event_id: string;
    ticket: string;
    business_type: string;
    kind: string;
    at: string;
    /** the Asia/Shanghai date of `at` */
    day: string;
    counter: string | null;
    staff_id: string | null;
    to_business_type: string | null;
    received_at: string;
  };
  lobby_settings: {
    outlet_id: string;
    service_level_target: number;
    target_wait_minutes: number;
    prompt_timeout_seconds: number;
    mode_plan_json: string | null;
    backfill_rules_json: string | null;
    current_mode: string | null;
    updated_at: string;
    /** the recommendation's objective weights (JSON), null: the defaults (migration 0015) */
    mode_objective_json?: string | null;
    /** JSON day-of-month numbers (0016); null: the defaults */
    pension_days_json?: string | null;
    paydays_json?: string | null;
    /** the elastic-window prompt's thresholds (JSON, 0023); null: the defaults */
    elastic_json?: string | null;
  };
  lobby_checkins: {
    id: string;
    outlet_id: string;
    staff_id: string;
    post_id: string;
    day: string;
    checked_in_at: string;
    checked_out_at: string | null;
  };
  mode_overrides: {
    id: string;
    outlet_id: string;
    mode: string;
    reason: string;
    from_at: string;
    until_at: string;
    cleared_at: string | null;
    created_by: string | null;
  };
  backfill_prompts: {
    id: string;
    outlet_id: string;
    day: string;
    rule_id: string;
    activation_id: string;
    /** backfill | return */
    kind: string;
    post_id: string;
    staff_id: string;
    attempt: number;
    /** pending | acknowledged | declined | expired | cancelled | returned | done */
    status: string;
    open_key: string | null;
    data_json: string;
    message_zh: string;
    message_en: string;
    created_at: string;
    expires_at: string | null;
    answered_at: string | null;
    answered_by: string | null;
  };
  lobby_log: {
    id: string;
    outlet_id: string;
    day: string;
    at: string;
    kind: string;
    actor_name: string;
    data_json: string;
    message_zh: string;
    message_en: string;
  };
}

export type Dialect = 'sqlite' | 'postgres';
export type { Generated };

// ---- 0004: historic ticket-log imports (the events themselves are in ticket_events)
export interface DB {
  ticket_import_mappings: {
    outlet_id: string;
    /** JSON: target field → the file's column header (or null) */
    mapping_json: string;
    updated_by: string | null;
    updated_at: string;
  };
  ticket_import_batches: {
    id: string;
    outlet_id: string;
    file_name: string;
    /** csv | xlsx */
    format: string;
    file_sha256: string;
    rows_total: number;
    rows_stored: number;
    rows_duplicate: number;
    rows_rejected: number;
    first_at: string | null;
    last_at: string | null;
    created_by: string | null;
    created_by_name: string;
    created_at: string;
  };
}

// ---- 0005: complaint statistics kept per day (maintained by the complaints repository)
export interface DB {
  complaint_daily_stats: {
    branch_id: string;
    /** Beijing date the complaints were received on */
    day: string;
    outlet_id: string;
    complaints: number;
    /** complaints with a decision (days_to_decision not null) */
    decided: number;
    /** decided and told in time (Art. 18) */
    on_time: number;
    /** sum of days_to_decision */
    decision_days: number;
    /** decided late; decided in time but told late (0011) */
    late_decision: number;
    late_inform: number;
  };
  complaint_daily_codes: {
    branch_id: string;
    day: string;
    /** channel | category | cause */
    kind: string;
    code: string;
    complaints: number;
  };
}

/** Rosters (migration 0018, docs/rosters-app.md). */
export interface DB {
  roster_rules: {
    /** the branch's id (its defaults) or an outlet's id */
    scope_id: string;
    branch_id: string;
    outlet_id: string | null;
    labour_json: string;
    shifts_json: string;
    split_shifts: number;
    updated_by: string;
    updated_at: string;
  };
  staff_leave: {
    id: string;
    outlet_id: string;
    staff_id: string;
    kind: string;
    from_day: string;
    to_day: string;
    from_time: string | null;
    to_time: string | null;
    note: string;
    created_by: string;
    created_at: string;
  };
  staff_preferences: {
    id: string;
    outlet_id: string;
    staff_id: string;
    kind: string;
    weekday: number | null;
    from_time: string | null;
    to_time: string | null;
    weight: number;
    created_by: string;
    created_at: string;
  };
  staff_elastic: {
    staff_id: string;
    outlet_id: string;
    elastic: number;
    window_from: string | null;
    window_to: string | null;
    max_weekly_minutes: number | null;
    updated_by: string;
    updated_at: string;
  };
  rosters: {
    id: string;
    outlet_id: string;
    week_start: string;
    version: number;
    status: string;
    solver_status: string;
    /** numbers as text: both databases keep them exactly */
    objective: string | null;
    bound: string | null;
    gap: string | null;
    summary_json: string;
    created_by: string;
    created_at: string;
    updated_at: string;
    published_by: string | null;
    published_at: string | null;
  };
  roster_shifts: {
    id: string;
    roster_id: string;
    staff_id: string;
    day: string;
    start_time: string;
    end_time: string;
    post: string;
    posts_json: string | null;
    break_start: string | null;
    break_end: string | null;
  };
}

// ---- 0019: background jobs (the in-process runner's queue) and branch planning runs
export interface DB {
  jobs: {
    id: string;
    queue: string;
    /** created | retry | active | completed | cancelled | failed */
    state: string;
    data_json: string;
    key: string | null;
    scope: string | null;
    attempts: number;
    max_attempts: number;
    retry_delay_seconds: number;
    lease_seconds: number;
    start_after: string;
    lease_until: string | null;
    worker: string | null;
    progress_json: string | null;
    error: string | null;
    created_at: string;
    started_at: string | null;
    completed_at: string | null;
  };
  planning_runs: {
    id: string;
    branch_id: string;
    /** the Monday (Beijing date) of the week planned */
    week_start: string;
    /** `branch|week` while the run has open jobs, else null */
    active_key: string | null;
    /** running | completed | failed | cancelled (as last seen) */
    state: string;
    outlets: number;
    created_by: string | null;
    created_by_name: string;
    created_at: string;
    finished_at: string | null;
  };
  planning_outlets: {
    run_id: string;
    outlet_id: string;
    job_id: string;
    /** the step running or last run: forecast | requirement | roster */
    step: string | null;
    steps_done: number;
    /** JSON: step → its summary */
    results_json: string;
    updated_at: string;
  };
}
