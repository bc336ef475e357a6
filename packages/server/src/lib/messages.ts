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
  CSRF_TOKEN_INVALID: {
    'zh-CN': '页面已过期，请刷新后重试',
    'en-US': 'The page has expired; reload it and try again',
  },
  NOT_FOUND: { 'zh-CN': '记录不存在或您无权访问', 'en-US': 'Not found, or you may not see it' },
  OUTLET_CODE_TAKEN: { 'zh-CN': '网点编号已被使用', 'en-US': 'This outlet code is already used' },
  EMPLOYEE_NO_TAKEN: { 'zh-CN': '员工号已被使用', 'en-US': 'This employee number is already used' },
  USERNAME_TAKEN: { 'zh-CN': '用户名已被使用', 'en-US': 'This username is already used' },
  BUSINESS_TYPE_CODE_TAKEN: {
    'zh-CN': '业务类型代码已被使用',
    'en-US': 'This business type code is already used',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', 'en-US': 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账户已锁定至 {until}',
    'en-US': 'Too many wrong passwords; the account is locked until {until}',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', 'en-US': 'Too many requests; try again shortly' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后重试', 'en-US': 'Internal error; please try again later' },
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
  BUSINESS_TYPE_CODE_TAKEN: TITLES.BUSINESS_TYPE_CODE_TAKEN,
  PASSWORD_TOO_SHORT: { 'zh-CN': '密码至少 10 个字符', 'en-US': 'must have at least 10 characters' },
  PASSWORD_TOO_LONG: { 'zh-CN': '密码最多 200 个字符', 'en-US': 'must have at most 200 characters' },
  PASSWORD_NEEDS_TWO_KINDS: {
    'zh-CN': '密码须包含字母、数字、符号中的至少两类',
    'en-US': 'must mix at least two of letters, digits and symbols',
  },
  PASSWORD_CONTAINS_USERNAME: { 'zh-CN': '密码不能包含用户名', 'en-US': 'must not contain the username' },
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
