import { rosterApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount, sendXlsxFile } from '../../http/route';
import { sheet } from '../../http/sheet';
import type { RosterService } from './roster.service';
import type { RosterRulesService } from './roster-rules.service';
import { rosterXlsx } from './roster.export';

const who = {
  header: { 'zh-CN': '员工', 'en-US': 'Staff' },
  value: (r: { staffName: string }) => r.staffName,
};
const leaveSheet = sheet<import('@liangdian/shared/api').StaffLeave>({
  title: { 'zh-CN': '请假与不可用', 'en-US': 'Leave and unavailability' },
  columns: [
    who,
    {
      header: { 'zh-CN': '类型', 'en-US': 'Kind' },
      value: (r, l) =>
        r.kind === 'leave' ? (l === 'zh-CN' ? '请假' : 'Leave') : l === 'zh-CN' ? '不可用' : 'Unavailable',
    },
    { header: { 'zh-CN': '开始日期', 'en-US': 'From' }, value: (r) => r.fromDay, kind: 'date' },
    { header: { 'zh-CN': '结束日期', 'en-US': 'To' }, value: (r) => r.toDay, kind: 'date' },
    {
      header: { 'zh-CN': '时段', 'en-US': 'Hours' },
      value: (r) => (r.fromTime ? `${r.fromTime}–${r.toTime}` : ''),
    },
    { header: { 'zh-CN': '备注', 'en-US': 'Note' }, value: (r) => r.note, width: 30 },
    { header: { 'zh-CN': '登记人', 'en-US': 'Recorded by' }, value: (r) => r.createdBy },
  ],
});
const WEEKDAY = { 'zh-CN': '一二三四五六日', 'en-US': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
const preferenceSheet = sheet<import('@liangdian/shared/api').StaffPreference>({
  title: { 'zh-CN': '排班意愿', 'en-US': 'Roster preferences' },
  columns: [
    who,
    {
      header: { 'zh-CN': '意愿', 'en-US': 'Preference' },
      value: (r, l) =>
        r.kind === 'wanted' ? (l === 'zh-CN' ? '希望' : 'Wanted') : l === 'zh-CN' ? '不希望' : 'Unwanted',
    },
    {
      header: { 'zh-CN': '星期', 'en-US': 'Weekday' },
      value: (r, l) =>
        r.weekday === null
          ? ''
          : l === 'zh-CN'
            ? `周${WEEKDAY['zh-CN'][r.weekday]}`
            : WEEKDAY['en-US'][r.weekday],
    },
    {
      header: { 'zh-CN': '班次', 'en-US': 'Shift' },
      value: (r) => (r.fromTime ? `${r.fromTime}–${r.toTime}` : ''),
    },
    { header: { 'zh-CN': '权重', 'en-US': 'Weight' }, value: (r) => r.weight, kind: 'int' },
  ],
});

export async function rosterRoutes(
  app: FastifyInstance,
  opts: { rosters: RosterService; rules: RosterRulesService },
) {
  const { rosters, rules } = opts;
  mount(app, rosterApi, {
    getBranchRosterRules: ({ actor }) => rules.getBranchRules(actor),
    putBranchRosterRules: ({ actor, body }) => rules.putBranchRules(actor, body),
    getRosterRules: ({ actor, params }) => rules.getRules(actor, params.outletId),
    putRosterRules: ({ actor, params, body }) => rules.putRules(actor, params.outletId, body),
    listLeave: {
      list: ({ actor, params, query }) => rules.listLeave(actor, params.outletId, query),
      sheet: leaveSheet,
    },
    createLeave: ({ actor, params, body }) => rules.createLeave(actor, params.outletId, body),
    updateLeave: ({ actor, params, body }) => rules.updateLeave(actor, params.outletId, params.id, body),
    deleteLeave: ({ actor, params }) => rules.deleteLeave(actor, params.outletId, params.id),
    listPreferences: {
      list: ({ actor, params, query }) => rules.listPreferences(actor, params.outletId, query),
      sheet: preferenceSheet,
    },
    createPreference: ({ actor, params, body }) => rules.createPreference(actor, params.outletId, body),
    deletePreference: ({ actor, params }) => rules.deletePreference(actor, params.outletId, params.id),
    listElastic: async ({ actor, params }) => ({ items: await rules.listElastic(actor, params.outletId) }),
    putElastic: ({ actor, params, body }) => rules.putElastic(actor, params.outletId, params.staffId, body),
    getRosterWeek: ({ actor, params }) => rosters.week(actor, params.outletId, params.week),
    rosterVersions: async ({ actor, params }) => ({
      items: await rosters.versions(actor, params.outletId, params.week),
    }),
    rosterVersion: ({ actor, params }) =>
      rosters.version(actor, params.outletId, params.week, params.version),
    solveRoster: ({ actor, params, body }) => rosters.solve(actor, params.outletId, params.week, body),
    solveRun: ({ actor, params }) => rosters.solveRun(actor, params.outletId, params.week, params.runId),
    cancelSolve: ({ actor, params }) => rosters.cancel(actor, params.outletId, params.week, params.runId),
    putShift: ({ actor, params, body }) => rosters.putShift(actor, params.outletId, params.week, body),
    publishRoster: ({ actor, params }) => rosters.publish(actor, params.outletId, params.week),
    exportRoster: async ({ actor, params, locale, reply }) => {
      const r = await rosters.newest(actor, params.outletId, params.week);
      const buf = await rosterXlsx(r, locale);
      const name = locale === 'zh-CN' ? '排班表' : 'roster';
      return sendXlsxFile(reply, `${r.outletName}-${name}-${r.week}-v${r.version}.xlsx`, buf);
    },
    myShifts: async ({ actor, query }) => ({ items: await rosters.myShifts(actor, query.from, query.days) }),
  });
}
