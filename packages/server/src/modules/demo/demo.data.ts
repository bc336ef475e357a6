/** The demo branch: 昆明分行 with the seed article's three pilot outlets and nine more. */
export const DEMO_BANK = '华夏银行';
export const DEMO_BRANCH = { code: 'KM', name: '昆明分行' };

export const DEMO_OUTLETS: { code: string; name: string; address: string; pilot: boolean }[] = [
  { code: 'LSW', name: '螺蛳湾支行', address: '昆明市官渡区螺蛳湾国际商贸城', pilot: true },
  { code: 'JJ', name: '金江支行', address: '昆明市盘龙区金江路', pilot: true },
  { code: 'CB', name: '城北支行', address: '昆明市五华区北京路北段', pilot: true },
  { code: 'XS', name: '西山支行', address: '昆明市西山区滇池路', pilot: false },
  { code: 'WH', name: '五华支行', address: '昆明市五华区人民中路', pilot: false },
  { code: 'GD', name: '官渡支行', address: '昆明市官渡区春城路', pilot: false },
  { code: 'PL', name: '盘龙支行', address: '昆明市盘龙区白塔路', pilot: false },
  { code: 'CG', name: '呈贡支行', address: '昆明市呈贡区彩云南路', pilot: false },
  { code: 'BJL', name: '北京路支行', address: '昆明市盘龙区北京路', pilot: false },
  { code: 'DCL', name: '滇池路支行', address: '昆明市西山区滇池路南段', pilot: false },
  { code: 'GX', name: '高新支行', address: '昆明市高新区科医路', pilot: false },
  { code: 'JK', name: '经开区支行', address: '昆明市经开区信息产业基地', pilot: false },
];

/** The catalogue of business types with their default zones. */
export const DEMO_BUSINESS_TYPES = [
  { code: 'cash', nameZh: '现金业务', nameEn: 'Cash', defaultZoneKind: 'cash' },
  { code: 'non_cash', nameZh: '非现金业务', nameEn: 'Non-cash', defaultZoneKind: 'non_cash' },
  { code: 'super_counter', nameZh: '超柜业务', nameEn: 'Super-counter', defaultZoneKind: 'super_counter' },
  { code: 'wealth', nameZh: '理财业务', nameEn: 'Wealth management', defaultZoneKind: 'wealth' },
  { code: 'account_opening', nameZh: '开户', nameEn: 'Account opening', defaultZoneKind: 'non_cash' },
  { code: 'loan', nameZh: '贷款业务', nameEn: 'Loans', defaultZoneKind: 'non_cash' },
  { code: 'pension', nameZh: '养老金业务', nameEn: 'Pensions', defaultZoneKind: 'cash' },
  { code: 'self_service', nameZh: '自助业务', nameEn: 'Self-service', defaultZoneKind: 'self_service' },
] as const;

/** Zones of a typical outlet: kind, name, capacity (counters, machines, desks). */
export const DEMO_ZONES = [
  { kind: 'guidance', name: '咨询引导区', capacity: 1 },
  { kind: 'waiting', name: '等候区', capacity: 24 },
  { kind: 'cash', name: '现金区', capacity: 2 },
  { kind: 'non_cash', name: '非现金区', capacity: 2 },
  { kind: 'super_counter', name: '超柜区', capacity: 3 },
  { kind: 'self_service', name: '自助区', capacity: 4 },
  { kind: 'wealth', name: '理财区', capacity: 2 },
  { kind: 'public_education', name: '公众教育区', capacity: 1 },
] as const;

/** Staff make-up: the head, the lobby, then counters and advisers (role, skills). */
export const DEMO_STAFF_PLAN: { roles: string[]; skills: string[] }[] = [
  { roles: ['outlet_head'], skills: ['wealth', 'loan'] },
  { roles: ['lobby_manager'], skills: ['super_counter', 'account_opening', 'self_service'] },
  { roles: ['lobby_service_manager'], skills: ['super_counter', 'self_service', 'non_cash'] },
  { roles: ['teller'], skills: ['cash', 'pension', 'non_cash'] },
  { roles: ['teller'], skills: ['cash', 'pension'] },
  { roles: ['teller'], skills: ['non_cash', 'account_opening', 'super_counter'] },
  { roles: ['wealth_manager'], skills: ['wealth', 'account_opening'] },
  { roles: ['account_manager'], skills: ['loan', 'account_opening'] },
  { roles: ['deputy_head'], skills: ['non_cash', 'loan', 'wealth'] },
  { roles: ['teller'], skills: ['cash', 'non_cash'] },
  { roles: ['wealth_manager'], skills: ['wealth'] },
  { roles: ['account_manager'], skills: ['loan'] },
  { roles: ['teller'], skills: ['cash', 'pension', 'super_counter'] },
  { roles: ['lobby_service_manager'], skills: ['super_counter', 'self_service'] },
  { roles: ['teller'], skills: ['non_cash', 'cash'] },
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯婷雪琳晨欣怡佳琪思源子涵雨轩梓萱一诺';

/**
 * One login per role; outlet users belong to 螺蛳湾支行 (LSW), plus the head of 金江支行 (JJ).
 * Outlet logins are the logins of staff records of their outlet: `staff` is the index in
 * DEMO_STAFF_PLAN of the record (the head, the lobby manager, a teller), renamed to `person`.
 */
export const DEMO_LOGINS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', outlet: null },
  { username: 'cpo', displayName: '消保部 李娟', role: 'cp_officer', outlet: null },
  { username: 'reviewer', displayName: '运营管理部 张磊', role: 'reviewer', outlet: null },
  {
    username: 'head.lsw',
    displayName: '螺蛳湾支行 王芳',
    role: 'outlet_head',
    outlet: 'LSW',
    staff: 0,
    person: '王芳',
  },
  {
    username: 'lobby.lsw',
    displayName: '螺蛳湾支行 赵敏',
    role: 'lobby_manager',
    outlet: 'LSW',
    staff: 1,
    person: '赵敏',
  },
  {
    username: 'staff.lsw',
    displayName: '螺蛳湾支行 陈杰',
    role: 'staff',
    outlet: 'LSW',
    staff: 3,
    person: '陈杰',
  },
  {
    username: 'head.jj',
    displayName: '金江支行 刘洋',
    role: 'outlet_head',
    outlet: 'JJ',
    staff: 0,
    person: '刘洋',
  },
  { username: 'consultant', displayName: '项目组顾问 周超', role: 'consultant', outlet: null },
] as const;

/**
 * The backfill rules (补位制度) of each named demo outlet, by the home post they cover (the demo's
 * posts: welcome, super_counter, cash, non_cash, wealth): who steps in, in order, and when. A
 * backup is prompted only when checked in elsewhere, so the rules fire once the lobby manager has
 * checked people in on the tablet.
 */
export const DEMO_BACKFILL_RULES: {
  post: 'welcome' | 'super_counter' | 'cash' | 'non_cash' | 'wealth';
  backups: { role: string }[];
  triggers: { postEmpty?: boolean; queueLength?: number; oldestWaitMinutes?: number };
}[] = [
  // the welcome post is never left empty
  {
    post: 'welcome',
    backups: [{ role: 'lobby_manager' }, { role: 'lobby_service_manager' }],
    triggers: { postEmpty: true },
  },
  {
    post: 'super_counter',
    backups: [{ role: 'lobby_service_manager' }, { role: 'teller' }],
    triggers: { postEmpty: true, queueLength: 4, oldestWaitMinutes: 10 },
  },
  { post: 'cash', backups: [{ role: 'teller' }], triggers: { queueLength: 6, oldestWaitMinutes: 15 } },
  {
    post: 'non_cash',
    backups: [{ role: 'teller' }, { role: 'account_manager' }],
    triggers: { queueLength: 5, oldestWaitMinutes: 15 },
  },
  {
    post: 'wealth',
    backups: [{ role: 'wealth_manager' }, { role: 'account_manager' }],
    triggers: { queueLength: 3, oldestWaitMinutes: 12 },
  },
];

/**
 * The demo outlets' traffic (the shape the demo's ticket history is generated with, not what the
 * calibration assumes): arrivals per hour at the busiest half hour of an ordinary workday, the
 * opening hours, and the share of each business type. Other outlets (generated ones) get
 * `DEMO_TRAFFIC_DEFAULT`.
 */
export interface DemoTraffic {
  /** arrivals per hour, all business types, at the workday's busiest half hour */
  peakPerHour: number;
  open: string;
  close: string;
}
export const DEMO_TRAFFIC: Record<string, DemoTraffic> = {
  LSW: { peakPerHour: 53, open: '09:00', close: '17:00' },
  JJ: { peakPerHour: 44, open: '08:30', close: '17:00' },
  CB: { peakPerHour: 36, open: '09:00', close: '17:00' },
  XS: { peakPerHour: 30, open: '09:00', close: '17:00' },
  WH: { peakPerHour: 34, open: '09:00', close: '17:00' },
  GD: { peakPerHour: 28, open: '09:00', close: '17:00' },
  PL: { peakPerHour: 26, open: '09:00', close: '17:00' },
  CG: { peakPerHour: 22, open: '09:00', close: '17:00' },
  BJL: { peakPerHour: 32, open: '09:00', close: '17:00' },
  DCL: { peakPerHour: 20, open: '09:00', close: '17:00' },
  GX: { peakPerHour: 24, open: '09:00', close: '17:00' },
  JK: { peakPerHour: 18, open: '09:00', close: '17:00' },
};
export const DEMO_TRAFFIC_DEFAULT: DemoTraffic = { peakPerHour: 24, open: '09:00', close: '17:00' };

/**
 * The workday's shape: share of the peak per half hour from 09:00 to 17:00 (the morning rush,
 * the lunch trough, the afternoon's second peak); outlets opening earlier start at 0.4.
 */
export const DEMO_DAY_SHAPE = [
  0.55, 0.85, 1.0, 0.95, 0.78, 0.55, 0.36, 0.3, 0.42, 0.62, 0.74, 0.78, 0.7, 0.55, 0.4, 0.28,
];

/** Share of the arrivals per business type on an ordinary day (pension days add pension customers). */
export const DEMO_TYPE_MIX: Record<string, number> = {
  cash: 0.26,
  non_cash: 0.15,
  super_counter: 0.26,
  wealth: 0.07,
  account_opening: 0.04,
  loan: 0.03,
  pension: 0.09,
  self_service: 0.1,
};
