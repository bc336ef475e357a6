import type { ErrorCode, FieldProblem } from './errors';

export type Locale = 'zh-CN' | 'en-US';

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}

type Msg = { 'zh-CN': string; 'en-US': string };

const TITLES: Record<ErrorCode, Msg> = {
  VALIDATION_FAILED: { 'zh-CN': '提交的内容有误，请检查标出的字段', 'en-US': 'Some fields are not valid' },
  MALFORMED_JSON: { 'zh-CN': '请求内容不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  PASSWORD_POLICY: {
    'zh-CN': '新密码不符合密码规则',
    'en-US': 'The new password does not meet the password policy',
  },
  INVALID_STATE: {
    'zh-CN': '当前状态下不能执行此操作',
    'en-US': 'This action is not possible in the current state',
  },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改初始密码，再使用系统',
    'en-US': 'Change your initial password before using the platform',
  },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '页面已过期，请刷新后重试',
    'en-US': 'The page has expired; reload it and try again',
  },
  NOT_FOUND: { 'zh-CN': '记录不存在或您无权访问', 'en-US': 'Not found, or you may not see it' },
  OUTLET_CODE_TAKEN: { 'zh-CN': '网点编号已被使用', 'en-US': 'This outlet code is already used' },
  EMPLOYEE_NO_TAKEN: { 'zh-CN': '员工号已被使用', 'en-US': 'This employee number is already used' },
  USERNAME_TAKEN: { 'zh-CN': '用户名已被使用', 'en-US': 'This username is already used' },
  STAFF_HAS_LOGIN: {
    'zh-CN': '员工{name}已有登录账号（{username}），每位员工只能有一个账号',
    'en-US': '{name} already has a login ({username}); a staff member has one login at most',
  },
  STAFF_NOT_IN_OUTLET: {
    'zh-CN': '该员工不在所选网点：员工的账号须开在其所在的网点',
    'en-US':
      'This staff member does not work at the chosen outlet; their login must be scoped to their own outlet',
  },
  STAFF_ROLE_MISMATCH: {
    'zh-CN':
      '员工{name}没有与该角色对应的岗位：可开通“员工”账号，或其担任的大堂经理、网点负责人岗位对应的角色',
    'en-US':
      '{name} does not hold the post of this role: give them the staff role, or the lobby manager or outlet head role if they hold that post',
  },
  BUSINESS_TYPE_CODE_TAKEN: {
    'zh-CN': '业务类型代码已被使用',
    'en-US': 'This business type code is already used',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', 'en-US': 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '不支持此类文件，仅可上传：{allowed}',
    'en-US': 'This kind of file is not accepted; allowed: {allowed}',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，该账户在此网络地址的登录已锁定至 {until}',
    'en-US': 'Too many wrong passwords from this address; signing in to this account is locked until {until}',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again shortly' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后重试', 'en-US': 'Internal error; please try again later' },
  COMPLAINT_TRANSITION_NOT_ALLOWED: {
    'zh-CN': '投诉当前状态（{from}）下不能执行“{action}”',
    'en-US': 'The complaint is {from}; “{action}” is not possible now',
  },
  COMPLAINT_HANDLER_RECUSED: {
    'zh-CN': '处理人不得为被投诉人（回避原则）',
    'en-US': 'The handler may not be the staff member complained about (recusal)',
  },
  COMPLAINT_RECUSED: {
    'zh-CN': '您是该投诉的被投诉人，须回避，不能办理该投诉的任何步骤',
    'en-US':
      'You are the staff member complained about: you must recuse yourself and cannot take any step on this case',
  },
  EXTENSION_REASON_REQUIRED: { 'zh-CN': '延长处理期限须说明理由', 'en-US': 'An extension needs a reason' },
  EXTENSION_APPROVAL_REQUIRED: {
    'zh-CN': '再次延长处理期限须经上级机构审批',
    'en-US': 'A second extension needs the approval of a branch-level approver',
  },
  EXTENSION_NOTICE_REQUIRED: {
    'zh-CN': '再次延长处理期限须记录已告知投诉人',
    'en-US': 'A second extension needs a record that the complainant was told',
  },
  EXTENSION_LIMIT_REACHED: {
    'zh-CN': '处理期限已延长两次，不能再延长',
    'en-US': 'The deadline has been extended twice; no further extension is possible',
  },
  COMPLAINT_DEADLINE_PASSED: {
    'zh-CN': '处理期限（{due}）已过：逾期投诉不能再延长、中止计时或重新起算',
    'en-US':
      'The deadline ({due}) has passed: an overdue complaint can no longer be extended, paused or restarted',
  },
  COMPLAINT_PAUSE_RUNNING: {
    'zh-CN': '投诉已处于中止计时状态',
    'en-US': 'The clock of this complaint is already paused',
  },
  COMPLAINT_NOT_PAUSED: {
    'zh-CN': '投诉未处于中止计时状态',
    'en-US': 'The clock of this complaint is not paused',
  },
  REVIEW_WINDOW_CLOSED: {
    'zh-CN': '已超过复核申请期限（{until}）',
    'en-US': 'The time to request a review ended on {until}',
  },
  REVIEW_ALREADY_REQUESTED: { 'zh-CN': '该投诉已申请过复核', 'en-US': 'A review has already been requested' },
  MERGE_TARGET_INVALID: {
    'zh-CN': '只能合并到同一网点的另一件未办结投诉',
    'en-US': 'A complaint can only be merged into another open complaint of the same outlet',
  },
  COMPLAINT_CODE_TAKEN: { 'zh-CN': '该代码已存在', 'en-US': 'This code already exists' },
  TEN_QUESTIONS_FULL: {
    'zh-CN': '每个网点每条业务线最多十个问题',
    'en-US': 'An outlet has at most ten questions per business line',
  },
  QUIZ_NO_QUESTIONS: {
    'zh-CN': '该网点该业务线还没有客户十问',
    'en-US': 'This outlet has no ten questions for this business line yet',
  },
  IMPORT_FAILED: {
    'zh-CN': '导入文件有 {count} 行错误，未导入任何数据',
    'en-US': 'The file has {count} bad rows; nothing was imported',
  },
  PDF_FONT_MISSING: {
    'zh-CN': '暂时无法生成 PDF：服务器缺少中文字体（{font}），请联系系统管理员安装；现在可先用“打印”',
    'en-US':
      'The PDF cannot be made: the server lacks a Chinese font ({font}); ask your administrator to install it, and use Print for now',
  },
  MACHINE_TOKEN_INVALID: {
    'zh-CN': '叫号机令牌无效或已吊销',
    'en-US': 'The ticket-machine token is not valid or has been revoked',
  },
  TICKET_BATCH_TOO_LARGE: {
    'zh-CN': '一批最多 {max} 条叫号事件',
    'en-US': 'A batch holds at most {max} ticket events',
  },
  LOBBY_NOT_CHECKED_IN: {
    'zh-CN': '该员工当前未在此岗位签到',
    'en-US': 'This staff member is not checked in at this post',
  },
  PROMPT_ALREADY_ANSWERED: {
    'zh-CN': '该补位提示已处理（{status}）',
    'en-US': 'This backfill prompt has already been answered ({status})',
  },
  MODE_OVERRIDE_NONE: {
    'zh-CN': '当前没有手动指定的服务模式',
    'en-US': 'No manual mode override is in force',
  },
  LOBBY_NO_ZONES: {
    'zh-CN': '网点还没有可服务客户的功能区，无法测算',
    'en-US': 'The outlet has no zone that serves customers yet; nothing to simulate',
  },
  LOBBY_CALIBRATION_TOO_THIN: {
    'zh-CN':
      '近四周的取号记录太少（{days} 天、{tickets} 张），无法校准：至少需要 {minDays} 天、{minTickets} 张。请接入叫号机或导入历史取号记录后再试',
    'en-US':
      'Too few tickets in the last four weeks to calibrate ({days} days, {tickets} tickets; at least {minDays} days and {minTickets} tickets are needed). Connect the ticket machine or import its history, then try again',
  },
  FORECAST_TOO_LITTLE_HISTORY: {
    'zh-CN': '取号记录不足：客流预测至少需要 {min} 天的取号历史，目前只有 {days} 天',
    'en-US':
      'Too little ticket history: the arrivals forecast needs at least {min} days of tickets; there are {days}',
  },
  PLANNING_NO_OUTLETS: {
    'zh-CN': '本分行没有启用的网点，无法规划',
    'en-US': 'The branch has no active outlet to plan',
  },
  PLANNING_WEEK_RUNNING: {
    'zh-CN': '{week} 这一周已有一次规划在进行中，请等它结束后再重试',
    'en-US': 'Another planning of the week of {week} is running; retry when it has ended',
  },
  TICKET_IMPORT_FILE_TOO_LARGE: {
    'zh-CN': '文件过大：最大 {maxMb} MB，请分成几个文件导入',
    'en-US': 'The file is too large: at most {maxMb} MB; split it into several files',
  },
  TICKET_IMPORT_TOO_MANY_ROWS: {
    'zh-CN': '文件行数过多：最多 {max} 行，请分成几个文件导入',
    'en-US': 'The file has too many rows: at most {max}; split it into several files',
  },
  TICKET_IMPORT_UNREADABLE: {
    'zh-CN': '无法读取该文件：请上传 CSV 或 Excel（.xlsx）文件',
    'en-US': 'The file cannot be read: upload a CSV or Excel (.xlsx) file',
  },
  TICKET_IMPORT_ENCODING: {
    'zh-CN': '无法识别文件编码：请在 Excel 中“另存为 CSV UTF-8”后重新上传',
    'en-US':
      'The file’s text encoding is not recognised: save it as “CSV UTF-8” in Excel and upload it again',
  },
  TICKET_IMPORT_EMPTY: {
    'zh-CN': '文件中没有数据行（第一行应为表头）',
    'en-US': 'The file has no data rows (the first row must be the header)',
  },
  TICKET_IMPORT_MAPPING_INCOMPLETE: {
    'zh-CN': '列对应关系不完整，请为必填字段选择文件中的列',
    'en-US': 'The column mapping is incomplete: choose a column of the file for each required field',
  },
  TICKET_IMPORT_HAS_ERRORS: {
    'zh-CN': '文件有 {count} 行错误，未导入任何数据；请修正后重新上传，或选择只导入正确的行',
    'en-US':
      'The file has {count} bad rows; nothing was imported. Fix them and upload again, or choose to import only the good rows',
  },
  TICKET_IMPORT_NOTHING_TO_IMPORT: {
    'zh-CN': '文件中没有可导入的正确行',
    'en-US': 'The file has no good rows to import',
  },
  ROSTER_RULE_BROKEN: {
    'zh-CN': '此次调整违反排班规则：{zh}',
    'en-US': 'This change breaks a roster rule: {en}',
  },
  ROSTER_NONE: {
    'zh-CN': '该周还没有排班，请先点击“自动排班”',
    'en-US': 'This week has no roster yet; press Solve first',
  },
  ROSTER_ALREADY_PUBLISHED: {
    'zh-CN': '该版本已发布，无需重复发布',
    'en-US': 'This version is already published',
  },
  ROSTER_SOLVE_RUNNING: {
    'zh-CN': '该周的排班正在求解中，请等待完成或取消后再试',
    'en-US': 'A solve of this week is running; wait for it or cancel it first',
  },
  ROSTER_WEEK_NOT_MONDAY: {
    'zh-CN': '排班周须从星期一开始（{week} 不是星期一）',
    'en-US': 'A roster week starts on a Monday ({week} is not one)',
  },
  ROSTER_RANGE_INVALID: {
    'zh-CN': '结束须晚于开始',
    'en-US': 'The end must come after the start',
  },
  ROSTER_PREFERENCE_EXISTS: {
    'zh-CN': '{name} 已有同一时段的偏好（{kindZh}），请先删除原有的一条',
    'en-US': '{name} already has a preference for the same time ({kindEn}); delete that one first',
  },
};

const FIELD_MESSAGES: Record<string, Msg> = {
  required: { 'zh-CN': '必填', 'en-US': 'is required' },
  invalid_type: { 'zh-CN': '类型不正确，应为{expected}', 'en-US': 'must be a {expected}' },
  too_small_string: { 'zh-CN': '至少 {minimum} 个字符', 'en-US': 'must have at least {minimum} characters' },
  too_big_string: { 'zh-CN': '最多 {maximum} 个字符', 'en-US': 'must have at most {maximum} characters' },
  too_small: { 'zh-CN': '不能小于 {minimum}', 'en-US': 'must be at least {minimum}' },
  too_big: { 'zh-CN': '不能大于 {maximum}', 'en-US': 'must be at most {maximum}' },
  too_small_array: { 'zh-CN': '至少选择 {minimum} 项', 'en-US': 'needs at least {minimum} items' },
  too_big_array: { 'zh-CN': '最多 {maximum} 项', 'en-US': 'allows at most {maximum} items' },
  invalid_value: { 'zh-CN': '取值无效，可选：{options}', 'en-US': 'must be one of: {options}' },
  invalid_format: { 'zh-CN': '格式不正确', 'en-US': 'has the wrong format' },
  unrecognized_keys: { 'zh-CN': '包含未知字段：{keys}', 'en-US': 'has unknown fields: {keys}' },
  OUTLET_CODE_TAKEN: TITLES.OUTLET_CODE_TAKEN,
  EMPLOYEE_NO_TAKEN: TITLES.EMPLOYEE_NO_TAKEN,
  USERNAME_TAKEN: TITLES.USERNAME_TAKEN,
  STAFF_NOT_IN_OUTLET: {
    'zh-CN': '须为该员工所在的网点',
    'en-US': 'must be the outlet the staff member works at',
  },
  STAFF_ROLE_MISMATCH: {
    'zh-CN': '员工{name}不担任该岗位，可选“员工”或其所任岗位对应的角色',
    'en-US': '{name} does not hold this post; choose staff or the role of a post they hold',
  },
  BUSINESS_TYPE_CODE_TAKEN: TITLES.BUSINESS_TYPE_CODE_TAKEN,
  PASSWORD_TOO_SHORT: {
    'zh-CN': '至少 {minimum} 个字符',
    'en-US': 'must have at least {minimum} characters',
  },
  PASSWORD_TOO_LONG: { 'zh-CN': '最多 {maximum} 个字符', 'en-US': 'must have at most {maximum} characters' },
  PASSWORD_TOO_COMMON: {
    'zh-CN': '过于常见或容易猜到（如常用词、键盘顺序、重复、日期），请换一个更长、更不规则的密码',
    'en-US':
      'is too common or too easy to guess (common words, keyboard runs, repeats, dates); choose a longer, less regular one',
  },
  PASSWORD_CONTAINS_NAME: {
    'zh-CN': '不能由用户名或姓名构成',
    'en-US': 'must not be built from the username or the name',
  },
  ZONE_REQUIRED: { 'zh-CN': '区域岗位须指定所属区域', 'en-US': 'a zone post needs a zone' },
  UNKNOWN_REFERENCE: {
    'zh-CN': '引用的记录不存在：{value}',
    'en-US': 'refers to something that does not exist: {value}',
  },
  SCOPE_MISMATCH: {
    'zh-CN': '该角色的适用范围不正确（{role}）',
    'en-US': 'does not fit the scope of the role ({role})',
  },
  invalid: { 'zh-CN': '取值无效', 'en-US': 'is not valid' },
  DUPLICATE_DAYS: { 'zh-CN': '日期不能重复', 'en-US': 'lists a day more than once' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '文件类型与内容不符或不受支持，仅可上传：{allowed}',
    'en-US': 'the file’s kind is not accepted or does not match its content; allowed: {allowed}',
  },
  COMPLAINT_CODE_TAKEN: TITLES.COMPLAINT_CODE_TAKEN,
  UNKNOWN_CODE: { 'zh-CN': '代码不存在或已停用：{value}', 'en-US': 'unknown or inactive code: {value}' },
  FORWARDED_ON_REQUIRED: {
    'zh-CN': '监管转办的投诉须填写转办日期',
    'en-US': 'a complaint transferred by the regulator needs its forwarding date',
  },
  REGULATOR_RECEIPT_AFTER_RECEIPT: {
    'zh-CN': '监管受理日期不能晚于本行受理日期（{value}）',
    'en-US': 'the regulator cannot have received it after the bank did ({value})',
  },
  FORWARDED_BEFORE_REGULATOR_RECEIPT: {
    'zh-CN': '转办日期不能早于监管受理日期（{value}）',
    'en-US': 'cannot be forwarded before the regulator received it ({value})',
  },
  REGULATOR_ONLY: {
    'zh-CN': '仅监管转办的投诉填写此日期',
    'en-US': 'only a complaint transferred by the regulator has this date',
  },
  REASON_REQUIRED: { 'zh-CN': '请说明查看实名的理由', 'en-US': 'give the reason for reading the real name' },
  IN_THE_FUTURE: { 'zh-CN': '不能晚于当前时间', 'en-US': 'must not be in the future' },
  BEFORE_RECEIPT: {
    'zh-CN': '不能早于投诉受理时间（{receivedAt}）',
    'en-US': 'must not be before the complaint was received ({receivedAt})',
  },
  BEFORE_PREVIOUS_STEP: {
    'zh-CN': '不能早于上一步骤的时间（{previous}）',
    'en-US': 'must not be before the previous step ({previous})',
  },
  INSIDE_PAUSE: {
    'zh-CN': '投诉自 {since} 起中止计时，此期间不能办理此步骤；请先恢复计时',
    'en-US': 'the clock has been paused since {since}; resume it before this step',
  },
  TIMES_DISAGREE: {
    'zh-CN': '两个时间不一致，请只填写一个',
    'en-US': 'the two times disagree; give only one',
  },
  NOT_INFORMED_YET: {
    'zh-CN': '尚未记录告知投诉人的时间',
    'en-US': 'the complainant has not been recorded as told yet',
  },
  NOT_A_DATE: { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en-US': 'must be a date (YYYY-MM-DD)' },
  NOT_A_TIME: { 'zh-CN': '时间格式不正确', 'en-US': 'must be a date and time' },
  NOT_A_NUMBER: { 'zh-CN': '应为整数', 'en-US': 'must be a whole number' },
  NOT_IN_OUTLET: { 'zh-CN': '不属于该网点：{value}', 'en-US': 'is not of this outlet: {value}' },
  TOO_SHORT: {
    'zh-CN': '至少输入 {min} 位（完整姓名、完整手机号或身份证号，或手机尾号 4 位）',
    'en-US':
      'needs at least {min} characters (a whole name, a whole phone or ID number, or the last 4 digits of the phone)',
  },
};

/** Field names as users know them, for messages like "网点名称：必填". */
const FIELD_LABELS: Record<string, Msg> = {
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
  code: { 'zh-CN': '编号', 'en-US': 'Code' },
  branchId: { 'zh-CN': '所属分行', 'en-US': 'Branch' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
  employeeNo: { 'zh-CN': '员工号', 'en-US': 'Employee number' },
  roles: { 'zh-CN': '岗位角色', 'en-US': 'Roles' },
  skills: { 'zh-CN': '业务技能', 'en-US': 'Skills' },
  kind: { 'zh-CN': '类型', 'en-US': 'Kind' },
  capacity: { 'zh-CN': '容量', 'en-US': 'Capacity' },
  zoneId: { 'zh-CN': '所属区域', 'en-US': 'Zone' },
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
  displayName: { 'zh-CN': '姓名', 'en-US': 'Display name' },
  role: { 'zh-CN': '角色', 'en-US': 'Role' },
  outletId: { 'zh-CN': '所属网点', 'en-US': 'Outlet' },
  page: { 'zh-CN': '页码', 'en-US': 'Page' },
  pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  nameZh: { 'zh-CN': '中文名称', 'en-US': 'Chinese name' },
  nameEn: { 'zh-CN': '英文名称', 'en-US': 'English name' },
  defaultZoneKind: { 'zh-CN': '默认区域', 'en-US': 'Default zone' },
  homePostId: { 'zh-CN': '本岗', 'en-US': 'Home post' },
  file: { 'zh-CN': '附件', 'en-US': 'File' },
  receivedAt: { 'zh-CN': '受理时间', 'en-US': 'Received at' },
  channel: { 'zh-CN': '投诉渠道', 'en-US': 'Channel' },
  category: { 'zh-CN': '业务类别', 'en-US': 'Business category' },
  cause: { 'zh-CN': '投诉原因', 'en-US': 'Cause' },
  source: { 'zh-CN': '投诉来源', 'en-US': 'Source' },
  forwardedOn: { 'zh-CN': '转办日期', 'en-US': 'Forwarding date' },
  regulatorReceivedOn: { 'zh-CN': '监管受理日期', 'en-US': 'Regulator’s receipt date' },
  complainantName: { 'zh-CN': '投诉人姓名', 'en-US': 'Complainant name' },
  complainantPhone: { 'zh-CN': '投诉人电话', 'en-US': 'Complainant phone' },
  complainant: { 'zh-CN': '投诉人', 'en-US': 'Complainant' },
  complainantIdNumber: { 'zh-CN': '投诉人证件号', 'en-US': 'Complainant ID number' },
  staffId: { 'zh-CN': '被投诉人', 'en-US': 'Staff complained about' },
  handlerId: { 'zh-CN': '处理人', 'en-US': 'Handler' },
  claim: { 'zh-CN': '投诉诉求', 'en-US': 'Claim' },
  facts: { 'zh-CN': '投诉事实', 'en-US': 'Facts' },
  peopleCount: { 'zh-CN': '投诉人数', 'en-US': 'Number of people' },
  reason: { 'zh-CN': '理由', 'en-US': 'Reason' },
  dueOn: { 'zh-CN': '完成期限', 'en-US': 'Due date' },
  owner: { 'zh-CN': '责任人', 'en-US': 'Owner' },
  title: { 'zh-CN': '标题', 'en-US': 'Title' },
  body: { 'zh-CN': '内容', 'en-US': 'Text' },
  question: { 'zh-CN': '问题', 'en-US': 'Question' },
  answer: { 'zh-CN': '标准答案', 'en-US': 'Answer' },
  ticket: { 'zh-CN': '票号', 'en-US': 'Ticket' },
  businessType: { 'zh-CN': '业务类型', 'en-US': 'Business type' },
  at: { 'zh-CN': '时间', 'en-US': 'Time' },
  complainantInformedAt: { 'zh-CN': '告知投诉人延期的时间', 'en-US': 'Complainant told of the extension at' },
  requestedAt: { 'zh-CN': '申请复核时间', 'en-US': 'Review requested at' },
  informedAt: { 'zh-CN': '告知时间', 'en-US': 'Time told' },
  pensionDays: { 'zh-CN': '养老金发放日', 'en-US': 'Pension days' },
  paydays: { 'zh-CN': '工资发放日', 'en-US': 'Paydays' },
};

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function titleFor(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return fill(TITLES[code][locale], params);
}

export function fieldMessage(p: FieldProblem, locale: Locale): string {
  const msg = FIELD_MESSAGES[p.code] ?? FIELD_MESSAGES.invalid!;
  const last = p.field.split('.').pop() ?? p.field;
  const label = FIELD_LABELS[last]?.[locale] ?? last;
  const sep = locale === 'zh-CN' ? '：' : ' ';
  return `${label}${sep}${fill(msg[locale], p.params)}`;
}
