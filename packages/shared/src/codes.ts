/**
 * Code tables with their names in both languages: one definition for the web's labels and the
 * server's exports (names for codes, never raw codes, in what users read).
 */
export type Localised = { 'zh-CN': string; 'en-US': string };
export type LocaleCode = keyof Localised;

export const CODE_TABLES = {
  /** Functional zones (功能分区). */
  zoneKind: {
    guidance: { 'zh-CN': '咨询引导区', 'en-US': 'Guidance' },
    waiting: { 'zh-CN': '等候区', 'en-US': 'Waiting' },
    cash: { 'zh-CN': '现金区', 'en-US': 'Cash counters' },
    non_cash: { 'zh-CN': '非现金区', 'en-US': 'Non-cash counters' },
    super_counter: { 'zh-CN': '超柜区', 'en-US': 'Super-counter' },
    self_service: { 'zh-CN': '自助区', 'en-US': 'Self-service' },
    wealth: { 'zh-CN': '理财区', 'en-US': 'Wealth management' },
    public_education: { 'zh-CN': '公众教育区', 'en-US': 'Public education' },
    featured: { 'zh-CN': '特色专区', 'en-US': 'Featured zone' },
  },
  /** Lobby posts (站位). */
  postKind: {
    welcome: { 'zh-CN': '迎宾位', 'en-US': 'Welcome post' },
    super_counter: { 'zh-CN': '超柜位', 'en-US': 'Super-counter post' },
    zone: { 'zh-CN': '分区站位', 'en-US': 'Zone post' },
  },
  /** What a staff member does at the outlet. */
  staffRole: {
    outlet_head: { 'zh-CN': '网点负责人', 'en-US': 'Outlet head' },
    deputy_head: { 'zh-CN': '分管行长', 'en-US': 'Deputy head' },
    lobby_manager: { 'zh-CN': '大堂经理', 'en-US': 'Lobby manager' },
    lobby_service_manager: { 'zh-CN': '厅堂客户服务经理', 'en-US': 'Lobby service manager' },
    teller: { 'zh-CN': '柜员', 'en-US': 'Teller' },
    wealth_manager: { 'zh-CN': '理财经理', 'en-US': 'Wealth manager' },
    account_manager: { 'zh-CN': '客户经理', 'en-US': 'Account manager' },
  },
  /** Login roles. */
  userRole: {
    admin: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' },
    cp_officer: { 'zh-CN': '分行消保部', 'en-US': 'Consumer-protection officer' },
    reviewer: { 'zh-CN': '部门审核', 'en-US': 'Department reviewer' },
    outlet_head: { 'zh-CN': '网点负责人', 'en-US': 'Outlet head' },
    lobby_manager: { 'zh-CN': '大堂经理', 'en-US': 'Lobby manager' },
    staff: { 'zh-CN': '员工', 'en-US': 'Staff' },
    consultant: { 'zh-CN': '外部顾问', 'en-US': 'Consultant' },
  },
  /** States of a complaint. */
  complaintStatus: {
    registered: { 'zh-CN': '已登记', 'en-US': 'Registered' },
    acknowledged: { 'zh-CN': '已安抚', 'en-US': 'Acknowledged' },
    investigating: { 'zh-CN': '调查中', 'en-US': 'Investigating' },
    decided: { 'zh-CN': '已决定', 'en-US': 'Decided' },
    informed: { 'zh-CN': '已告知', 'en-US': 'Informed' },
    follow_up: { 'zh-CN': '已回访', 'en-US': 'Followed up' },
    closed: { 'zh-CN': '已办结', 'en-US': 'Closed' },
    withdrawn: { 'zh-CN': '已撤诉', 'en-US': 'Withdrawn' },
    merged: { 'zh-CN': '已合并', 'en-US': 'Merged' },
    review: { 'zh-CN': '复核中', 'en-US': 'In review' },
  },
  /** How a complaint reached the bank. */
  complaintSource: {
    walk_in: { 'zh-CN': '现场', 'en-US': 'Walk-in' },
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    online: { 'zh-CN': '线上', 'en-US': 'Online' },
    regulator: { 'zh-CN': '监管转办', 'en-US': 'Regulator' },
  },
  /** How the complainant was told. */
  informMethod: {
    phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
    sms: { 'zh-CN': '短信', 'en-US': 'SMS' },
    letter: { 'zh-CN': '书面函件', 'en-US': 'Letter' },
    in_person: { 'zh-CN': '当面告知', 'en-US': 'In person' },
    email: { 'zh-CN': '电子邮件', 'en-US': 'Email' },
    app: { 'zh-CN': '手机银行消息', 'en-US': 'App message' },
  },
  /** Remedies named in a decision notice (Art. 18). */
  remedy: {
    review: { 'zh-CN': '向上级机构申请复核', 'en-US': 'Ask the superior body for a review' },
    mediation: { 'zh-CN': '申请调解', 'en-US': 'Mediation' },
    arbitration: { 'zh-CN': '申请仲裁', 'en-US': 'Arbitration' },
    litigation: { 'zh-CN': '提起诉讼', 'en-US': 'Litigation' },
  },
  /** Responsibility found by an assessment. */
  responsibility: {
    full: { 'zh-CN': '全责', 'en-US': 'Full' },
    partial: { 'zh-CN': '部分责任', 'en-US': 'Partial' },
    none: { 'zh-CN': '无责', 'en-US': 'None' },
  },
  /** Severity of a high-risk point. */
  severity: {
    general: { 'zh-CN': '一般', 'en-US': 'General' },
    serious: { 'zh-CN': '较重', 'en-US': 'Serious' },
    major: { 'zh-CN': '重大', 'en-US': 'Major' },
  },
  /** Why a deadline clock was paused (Art. 21). */
  pauseKind: {
    appraisal: { 'zh-CN': '外部鉴定', 'en-US': 'External appraisal' },
    mediation: { 'zh-CN': '调解', 'en-US': 'Mediation' },
  },
  /** Printed notices. */
  noticeKind: {
    decision: { 'zh-CN': '处理决定', 'en-US': 'Decision' },
    review_decision: { 'zh-CN': '复核决定', 'en-US': 'Review decision' },
    extension: { 'zh-CN': '延期告知', 'en-US': 'Extension' },
  },
  /** The complainant at the follow-up visit. */
  satisfaction: {
    satisfied: { 'zh-CN': '满意', 'en-US': 'Satisfied' },
    basically_satisfied: { 'zh-CN': '基本满意', 'en-US': 'Basically satisfied' },
    dissatisfied: { 'zh-CN': '不满意', 'en-US': 'Dissatisfied' },
  },
  /** Steps of the complaint process. */
  complaintAction: {
    acknowledge: { 'zh-CN': '安抚', 'en-US': 'Acknowledge' },
    investigate: { 'zh-CN': '核实调查', 'en-US': 'Investigate' },
    decide: { 'zh-CN': '处理决定', 'en-US': 'Decide' },
    inform: { 'zh-CN': '告知投诉人', 'en-US': 'Inform' },
    follow_up: { 'zh-CN': '回访', 'en-US': 'Follow up' },
    close: { 'zh-CN': '办结', 'en-US': 'Close' },
    withdraw: { 'zh-CN': '撤诉', 'en-US': 'Withdraw' },
    merge: { 'zh-CN': '合并重复投诉', 'en-US': 'Merge' },
    request_review: { 'zh-CN': '申请复核', 'en-US': 'Request review' },
    decide_review: { 'zh-CN': '复核决定', 'en-US': 'Decide review' },
    extend: { 'zh-CN': '延长期限', 'en-US': 'Extend' },
    pause: { 'zh-CN': '中止计时', 'en-US': 'Pause clock' },
    resume: { 'zh-CN': '恢复计时', 'en-US': 'Resume clock' },
    new_facts: { 'zh-CN': '新事实', 'en-US': 'New facts' },
    assess: { 'zh-CN': '责任认定', 'en-US': 'Assess' },
  },
  /** Entries of a case history. */
  complaintEvent: {
    register: { 'zh-CN': '受理登记', 'en-US': 'Registered' },
    acknowledge: { 'zh-CN': '安抚', 'en-US': 'Acknowledged' },
    investigate: { 'zh-CN': '核实调查', 'en-US': 'Investigation started' },
    decide: { 'zh-CN': '处理决定', 'en-US': 'Decided' },
    inform: { 'zh-CN': '告知投诉人', 'en-US': 'Complainant informed' },
    follow_up: { 'zh-CN': '回访', 'en-US': 'Followed up' },
    close: { 'zh-CN': '办结', 'en-US': 'Closed' },
    withdraw: { 'zh-CN': '撤诉', 'en-US': 'Withdrawn' },
    merge: { 'zh-CN': '合并', 'en-US': 'Merged' },
    request_review: { 'zh-CN': '申请复核', 'en-US': 'Review requested' },
    decide_review: { 'zh-CN': '复核决定', 'en-US': 'Review decided' },
    extend: { 'zh-CN': '延长期限', 'en-US': 'Extended' },
    pause: { 'zh-CN': '中止计时', 'en-US': 'Clock paused' },
    resume: { 'zh-CN': '恢复计时', 'en-US': 'Clock resumed' },
    new_facts: { 'zh-CN': '新事实', 'en-US': 'New facts' },
    assess: { 'zh-CN': '责任认定', 'en-US': 'Assessed' },
    update: { 'zh-CN': '修改', 'en-US': 'Edited' },
    emergency: { 'zh-CN': '应急预案', 'en-US': 'Emergency plan' },
    import: { 'zh-CN': '导入', 'en-US': 'Imported' },
  },
  /** A rectification task (溯源整改). */
  taskStatus: {
    open: { 'zh-CN': '进行中', 'en-US': 'Open' },
    done: { 'zh-CN': '已完成', 'en-US': 'Done' },
  },
  /** The deadline views of the complaint list. */
  dueFilter: {
    soon: { 'zh-CN': '即将到期（3 天内）', 'en-US': 'Due within 3 days' },
    overdue: { 'zh-CN': '已逾期', 'en-US': 'Overdue' },
  },
  /** Stages of the complaint scripts (话术). */
  scriptStage: {
    receive: { 'zh-CN': '接待受理', 'en-US': 'Receive' },
    acknowledge: { 'zh-CN': '致歉安抚', 'en-US': 'Acknowledge' },
    investigate: { 'zh-CN': '调查核实', 'en-US': 'Investigate' },
    decide: { 'zh-CN': '处理决定', 'en-US': 'Decide' },
    inform: { 'zh-CN': '告知结果', 'en-US': 'Inform' },
    follow_up: { 'zh-CN': '回访', 'en-US': 'Follow-up' },
    prevention: { 'zh-CN': '投诉预防', 'en-US': 'Prevention' },
  },
  /** Entries of the lobby log. */
  lobbyLogKind: {
    check_in: { 'zh-CN': '签到', 'en-US': 'Check-in' },
    check_out: { 'zh-CN': '签退', 'en-US': 'Check-out' },
    mode_switch: { 'zh-CN': '模式切换', 'en-US': 'Mode switch' },
    plan_changed: { 'zh-CN': '计划变更', 'en-US': 'Plan changed' },
    rules_changed: { 'zh-CN': '规则变更', 'en-US': 'Rules changed' },
    prompt: { 'zh-CN': '补位提示', 'en-US': 'Backfill prompt' },
    prompt_ack: { 'zh-CN': '已响应', 'en-US': 'Acknowledged' },
    prompt_decline: { 'zh-CN': '已婉拒', 'en-US': 'Declined' },
    prompt_expired: { 'zh-CN': '提示超时', 'en-US': 'Prompt expired' },
    prompt_cancelled: { 'zh-CN': '提示撤回', 'en-US': 'Prompt withdrawn' },
    return: { 'zh-CN': '返回原岗', 'en-US': 'Return' },
  },
  /** Service modes of the lobby. */
  lobbyMode: {
    fixed: { 'zh-CN': '固定作业', 'en-US': 'Fixed assignment' },
    rotating: { 'zh-CN': '循环补位', 'en-US': 'Rotating backfill' },
  },
  /** What an audit entry is about. */
  entityType: {
    outlet: { 'zh-CN': '网点', 'en-US': 'Outlet' },
    zone: { 'zh-CN': '功能区', 'en-US': 'Zone' },
    post: { 'zh-CN': '站位', 'en-US': 'Post' },
    staff: { 'zh-CN': '员工', 'en-US': 'Staff' },
    business_type: { 'zh-CN': '业务类型', 'en-US': 'Business type' },
    user: { 'zh-CN': '用户', 'en-US': 'User' },
    branch: { 'zh-CN': '分行', 'en-US': 'Branch' },
    complaint: { 'zh-CN': '投诉', 'en-US': 'Complaint' },
    rectification_task: { 'zh-CN': '整改任务', 'en-US': 'Rectification task' },
    complaint_script: { 'zh-CN': '话术', 'en-US': 'Script' },
    complaint_code: { 'zh-CN': '投诉代码', 'en-US': 'Complaint code' },
    complaint_drill: { 'zh-CN': '投诉带教', 'en-US': 'Complaint drill' },
    ten_questions: { 'zh-CN': '客户十问', 'en-US': 'Customer ten questions' },
    quiz_result: { 'zh-CN': '十问测验', 'en-US': 'Quiz result' },
    risk_controls: { 'zh-CN': '风险防控措施', 'en-US': 'Risk controls' },
    accountability_rules: { 'zh-CN': '考核规则', 'en-US': 'Accountability rules' },
    holiday_calendar: { 'zh-CN': '节假日日历', 'en-US': 'Holiday calendar' },
    machine_token: { 'zh-CN': '叫号机令牌', 'en-US': 'Ticket-machine token' },
    lobby_checkin: { 'zh-CN': '岗位签到', 'en-US': 'Post check-in' },
    lobby_mode: { 'zh-CN': '服务模式', 'en-US': 'Service mode' },
    mode_plan: { 'zh-CN': '模式排班', 'en-US': 'Mode plan' },
    lobby_settings: { 'zh-CN': '厅堂设置', 'en-US': 'Lobby settings' },
    backfill_rules: { 'zh-CN': '补位规则', 'en-US': 'Backfill rules' },
    ticket_import: { 'zh-CN': '叫号历史导入', 'en-US': 'Ticket history import' },
    ticket_import_mapping: { 'zh-CN': '叫号导入列映射', 'en-US': 'Ticket import column mapping' },
  },
  /** What an audit entry records (its `action`). */
  auditAction: {
    create: { 'zh-CN': '新建', 'en-US': 'Create' },
    update: { 'zh-CN': '修改', 'en-US': 'Update' },
    deactivate: { 'zh-CN': '停用', 'en-US': 'Deactivate' },
    reactivate: { 'zh-CN': '启用', 'en-US': 'Reactivate' },
    login: { 'zh-CN': '登录', 'en-US': 'Log in' },
    'login.failed': { 'zh-CN': '登录失败', 'en-US': 'Failed login' },
    'login.locked': { 'zh-CN': '登录失败并锁定', 'en-US': 'Failed login, locked' },
    logout: { 'zh-CN': '退出登录', 'en-US': 'Log out' },
    'password.change': { 'zh-CN': '修改密码', 'en-US': 'Change password' },
    'password.reset': { 'zh-CN': '重置密码', 'en-US': 'Reset password' },
    unlock: { 'zh-CN': '解除锁定', 'en-US': 'Unlock' },
    'demo.load': { 'zh-CN': '载入演示数据', 'en-US': 'Load demo data' },
    register: { 'zh-CN': '受理登记', 'en-US': 'Register' },
    acknowledge: { 'zh-CN': '安抚', 'en-US': 'Acknowledge' },
    investigate: { 'zh-CN': '核实调查', 'en-US': 'Investigate' },
    decide: { 'zh-CN': '处理决定', 'en-US': 'Decide' },
    inform: { 'zh-CN': '告知投诉人', 'en-US': 'Inform complainant' },
    follow_up: { 'zh-CN': '回访', 'en-US': 'Follow-up visit' },
    close: { 'zh-CN': '办结', 'en-US': 'Close' },
    withdraw: { 'zh-CN': '撤诉', 'en-US': 'Withdraw' },
    merge: { 'zh-CN': '合并', 'en-US': 'Merge' },
    request_review: { 'zh-CN': '申请复核', 'en-US': 'Request review' },
    decide_review: { 'zh-CN': '复核决定', 'en-US': 'Review decision' },
    extend: { 'zh-CN': '延期', 'en-US': 'Extend' },
    pause: { 'zh-CN': '暂停计时', 'en-US': 'Pause clock' },
    resume: { 'zh-CN': '恢复计时', 'en-US': 'Resume clock' },
    new_facts: { 'zh-CN': '新情况重新计时', 'en-US': 'New facts (clock restarts)' },
    assess: { 'zh-CN': '考核认定', 'en-US': 'Assess responsibility' },
    unmask: { 'zh-CN': '查看明文', 'en-US': 'View in clear' },
    emergency: { 'zh-CN': '应急预案', 'en-US': 'Emergency plan' },
    import: { 'zh-CN': '导入', 'en-US': 'Import' },
    'attachment.upload': { 'zh-CN': '上传附件', 'en-US': 'Upload attachment' },
    'attachment.download': { 'zh-CN': '下载附件', 'en-US': 'Download attachment' },
    revoke: { 'zh-CN': '吊销', 'en-US': 'Revoke' },
    check_in: { 'zh-CN': '签到', 'en-US': 'Check in' },
    check_out: { 'zh-CN': '签退', 'en-US': 'Check out' },
    mode_switch: { 'zh-CN': '切换服务模式', 'en-US': 'Switch service mode' },
  },
} as const satisfies Record<string, Record<string, Localised>>;

export type CodeTable = keyof typeof CODE_TABLES;
export type CodeOf<T extends CodeTable> = keyof (typeof CODE_TABLES)[T] & string;

/** The name of a code in a language; an unknown code is shown as it is. */
export function codeName(table: CodeTable, code: string | null | undefined, locale: LocaleCode): string {
  if (code === null || code === undefined || code === '') return '';
  const names = CODE_TABLES[table] as Record<string, Localised>;
  return names[code]?.[locale] ?? code;
}
