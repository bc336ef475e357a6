import { decisionDeadline, type ExtensionLevel, type PauseKind } from '@liangdian/engine';
import { addDays, BEIJING_OFFSET_MS, beijingDate, DAY_MS, MINUTE_MS, weekday } from '@liangdian/engine/time';
import { PENDING_DECISION } from '@liangdian/shared';
import type { DB } from '../../db/types';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import type { ComplainantIndex, IndexEntry } from './complainant-index';
import { drawComplaintNo, onTimeColumns } from './complaint-case';
import { NO_PERSONAL_COLUMNS, personalColumns } from './complaints.presenter';

/**
 * The complaints of the demo branch as they happened: each one walked through the process step by
 * step (register → acknowledge → investigate → [pause/resume | extend] → decide → assess → inform →
 * follow-up → close), every step by a demo user whose role may take it, at a plausible time after
 * the step before (outlet work in opening hours), until the step would lie after "now". Its
 * status is the last step taken; its deadline columns come from the engine (decisionDeadline),
 * as the server computes them; the notice of its decision is recorded with its inform time.
 * Some came through the regulator (Art. 33), one of them forwarded late.
 */

/** A demo login the complaints are handled by. */
export interface DemoUser {
  id: string;
  role: string;
  outlet_id: string | null;
  display_name: string;
}

export interface DemoCase {
  row: DB['complaints'];
  events: DB['complaint_events'][];
  notices: DB['complaint_notices'][];
  pauses: DB['complaint_pauses'][];
  index: IndexEntry[];
}

/** Opening hours of the outlets (Beijing time), in minutes of the day: 09:00–17:00. */
export const OPENING_MINUTES = { from: 9 * 60, to: 17 * 60 } as const;
const H = 60 * MINUTE_MS;

/** Minutes since Beijing midnight of an instant. */
export const beijingMinutes = (ms: number) =>
  Math.floor(((((ms + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);

const CLAIMS: Record<string, string[]> = {
  walk_in: ['排队等候时间过长，要求改进服务', '柜员态度生硬，要求道歉', '自助设备吞卡，要求尽快取回'],
  phone: ['借记卡年费未提前告知，要求退费', '营销电话过多，要求停止'],
  online: ['手机银行转账失败但已扣款', '贷款提前还款违约金不合理'],
  regulator: ['理财产品风险揭示不充分，要求赔偿损失', '信用卡分期手续费未如实告知，要求退还'],
};
const CHANNEL_OF: Record<string, string[]> = {
  walk_in: ['branch_premises', 'branch_premises', 'self_service'],
  phone: ['phone_banking'],
  online: ['mobile_banking'],
  regulator: ['branch_premises', 'mobile_banking'],
};
/** the code lists and names the demo's complaints (and the generated ones) draw from */
export const CATEGORIES = [
  'debit_card',
  'credit_card',
  'loan',
  'payment_settlement',
  'rmb_savings',
  'agency',
  'wealth_management',
  'personal_info',
];
export const CAUSES = [
  'service_quality',
  'service_quality',
  'pricing_fees',
  'disclosure',
  'marketing',
  'rules_process',
  'contract_terms',
];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];
/** points by responsibility and severity (accountability_rules as seeded by 0002) */
const POINTS: Record<string, Record<string, number>> = {
  full: { general: 3, serious: 6 },
  partial: { general: 1, serious: 3 },
  none: { general: 0, serious: 0 },
};

/** An ID number of Kunming with a right check character (GB 11643, ISO 7064 MOD 11-2). */
function idNumber(rand: () => number): string {
  const birth = `${1955 + Math.floor(rand() * 45)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const body = `530102${birth}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** `date` minus `n` working days (Monday to Friday; the demo ignores public holidays). */
function workingDaysBefore(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

export interface DemoCaseOptions {
  branchId: string;
  outletIds: string[];
  users: DemoUser[];
  cipher: FieldCipher;
  index: ComplainantIndex;
  /** ISO instant; complaints are received over the `spanDays` before it */
  now: string;
  spanDays?: number;
}

/** `count` demo complaints with their whole history (see the file's comment). */
export function demoCases(rand: () => number, count: number, o: DemoCaseOptions): DemoCase[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + rand() * (b - a);
  const nowMs = Date.parse(o.now);
  const span = o.spanDays ?? 120;
  const cpo = o.users.find((u) => u.role === 'cp_officer') ?? o.users.find((u) => u.role === 'admin')!;
  const numbers = new Set<string>();
  const hex6 = () =>
    Math.floor(rand() * 0x1000000)
      .toString(16)
      .padStart(6, '0');

  /** an instant moved into opening hours: before 09:00 to that morning, after 17:00 to the next */
  const opening = (ms: number) => {
    const m = beijingMinutes(ms);
    const midnight = ms - m * MINUTE_MS - (ms % MINUTE_MS);
    const morning = (day: number) => day + (OPENING_MINUTES.from + Math.floor(rand() * 60)) * MINUTE_MS;
    if (m < OPENING_MINUTES.from) return morning(midnight);
    if (m >= OPENING_MINUTES.to) return morning(midnight + DAY_MS);
    return ms;
  };

  const iso = (ms: number) => new Date(ms).toISOString();
  const cases: DemoCase[] = [];
  let regulatorCases = 0;
  for (let i = 0; i < count; i++) {
    const outletId = o.outletIds[i % o.outletIds.length]!;
    const head = o.users.find((u) => u.role === 'outlet_head' && u.outlet_id === outletId);
    const lobby = o.users.find((u) => u.role === 'lobby_manager' && u.outlet_id === outletId);
    const handler = head ?? cpo;
    const front = lobby ?? handler;
    // every seventh came through the regulator; the first of those was forwarded late
    const source = i % 7 === 3 ? 'regulator' : pick(['walk_in', 'walk_in', 'walk_in', 'phone', 'online']);
    const onSite = source === 'walk_in';

    // receipt: walk-ins and the regulator's forwarding in opening hours (the latter on a working day)
    const back = (i + rand()) / count;
    let day = beijingDate(nowMs - Math.floor(back * span * DAY_MS) - DAY_MS);
    if (source === 'regulator') while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, -1);
    const minutes =
      onSite || source === 'regulator' ? between(9 * 60, 16 * 60 + 30) : between(8 * 60, 21 * 60 + 30);
    const receivedMs = Date.parse(`${day}T00:00:00+08:00`) + Math.floor(minutes) * MINUTE_MS;
    const receivedAt = new Date(receivedMs).toISOString();
    const receivedOn = beijingDate(receivedAt);
    let no: string;
    do no = drawComplaintNo(receivedOn, hex6);
    while (numbers.has(no));
    numbers.add(no);
    const regulator =
      source === 'regulator'
        ? {
            regulator_received_on: workingDaysBefore(
              receivedOn,
              regulatorCases++ === 0 ? 9 : 2 + Math.floor(rand() * 3),
            ),
            forwarded_on: receivedOn,
          }
        : { regulator_received_on: null, forwarded_on: null };

    const id = newId(receivedMs);
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : '');
    const phone = `1${pick(['38', '39', '58', '87'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    const idNo = rand() < 0.4 ? idNumber(rand) : null;

    // ---- the steps, each after the one before, until "now"
    const events: DB['complaint_events'][] = [];
    const notices: DB['complaint_notices'][] = [];
    const pauses: DB['complaint_pauses'][] = [];
    let status = 'registered';
    let last = receivedMs;
    const step = (
      action: string,
      actor: DemoUser,
      atMs: number,
      to: string,
      data: object | null = null,
      comment = '',
    ): boolean => {
      // the receipt is when it was; the work on it happens in opening hours
      const at = action === 'register' ? atMs : opening(atMs);
      if (at > nowMs - 10 * MINUTE_MS) return false;
      events.push({
        id: newId(at),
        complaint_id: id,
        at: new Date(at).toISOString(),
        // the demo's steps were recorded as they happened
        recorded_at: new Date(at).toISOString(),
        actor_id: actor.id,
        actor_name: actor.display_name,
        action,
        from_status: action === 'register' ? null : status,
        to_status: to,
        comment,
        data_json: data ? JSON.stringify(data) : null,
      });
      status = to;
      last = at;
      return true;
    };
    const registrar = onSite ? front : cpo;
    step('register', registrar, receivedMs, 'registered', { source });
    let extensionLevel: ExtensionLevel = 0;
    let extensionReason: string | null = null;
    let handlerId: string | null = null;
    let decidedAt: string | null = null;
    let informedAt: string | null = null;
    let decision: string | null = null;
    let assessed: { responsibility: string; severity: string; points: number } | null = null as {
      responsibility: string;
      severity: string;
      points: number;
    } | null;
    let closedAt: string | null = null;
    const variant = rand();
    const late = variant < 0.08; // decided after the 15 days, without an extension
    const extended = !late && variant > 0.9;
    const paused = !late && !extended && variant > 0.8; // an external appraisal (Art. 18)
    // decided in time but told after the deadline (Art. 18 missed on the telling)
    const toldLate = !late && !extended && !paused && variant >= 0.08 && variant < 0.12;
    const walk = () => {
      if (!step('acknowledge', onSite ? front : registrar, last + between(5, 30) * MINUTE_MS, 'acknowledged'))
        return;
      if (
        !step('investigate', handler, last + between(4, 40) * H, 'investigating', { handlerId: handler.id })
      )
        return;
      handlerId = handler.id;
      if (paused) {
        const pause = { kind: 'appraisal', reason: '委托第三方鉴定交易凭证' };
        if (!step('pause', handler, last + between(2, 4) * DAY_MS, 'investigating', pause)) return;
        pauses.push({ id: newId(last), complaint_id: id, ...pause, started_at: iso(last), ended_at: null });
        if (!step('resume', handler, last + between(3, 6) * DAY_MS, 'investigating')) return;
        pauses[0]!.ended_at = iso(last);
      }
      if (extended) {
        const reason = '涉及多个部门核实，情况复杂';
        const at = receivedMs + between(10, 12) * DAY_MS;
        if (!step('extend', handler, at, 'investigating', { level: 1, reason, approvedBy: null })) return;
        extensionLevel = 1;
        extensionReason = reason;
      }
      const decideAt = late
        ? receivedMs + between(17, 19) * DAY_MS
        : extended
          ? receivedMs + between(18, 26) * DAY_MS
          : last + between(2, 9) * DAY_MS;
      const remedies = ['review', 'mediation', 'arbitration', 'litigation'];
      if (!step('decide', handler, decideAt, 'decided', { remedies })) return;
      decidedAt = iso(last);
      decision = JSON.stringify({
        factsVerified: '经调取监控和业务凭证，情况属实',
        basis: '《银行业保险业消费投诉处理管理办法》第十九条',
        reasons: '服务不符合规范',
        result: '向客户致歉并整改',
        remedies,
        decidedBy: handler.display_name,
        decidedAt,
      });
      const responsibility = pick(['full', 'partial', 'none', 'none']);
      const severity = pick(['general', 'general', 'serious']);
      const points = POINTS[responsibility]![severity]!;
      if (!step('assess', cpo, last + between(1, 20) * H, 'decided', { responsibility, severity, points }))
        return;
      assessed = { responsibility, severity, points };
      const method = onSite ? pick(['in_person', 'phone']) : pick(['phone', 'sms', 'letter']);
      const informAt = toldLate
        ? Math.max(last, receivedMs + between(16, 17) * DAY_MS)
        : opening(last + between(1, 20) * H);
      if (!step('inform', front, informAt, 'informed', { method, informedAt: iso(informAt) })) return;
      notices.push({
        id: newId(last),
        complaint_id: id,
        kind: 'decision',
        method,
        informed_at: iso(last),
        proof: method === 'letter' ? '挂号信回执' : method === 'sms' ? '短信发送记录' : '通话录音',
        recorded_by: front.id,
        created_at: iso(last),
      });
      informedAt = iso(last);
      const satisfaction = pick(['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied']);
      if (!step('follow_up', front, last + between(2, 5) * DAY_MS, 'follow_up', { satisfaction })) return;
      if (!step('close', handler, last + between(1, 3) * DAY_MS, 'closed')) return;
      closedAt = iso(last);
    };
    walk();

    // ---- the deadline columns as the server computes them (complaint-case.ts deadlineColumns)
    const d = decisionDeadline({
      receivedAt,
      restarts: [receivedAt],
      extensionLevel,
      pauses: pauses.map((p) => ({ kind: p.kind as PauseKind, from: p.started_at, to: p.ended_at })),
      decidedAt,
      informedAt,
    });
    const initial = decisionDeadline({ receivedAt }).dueDate;
    const pending = (PENDING_DECISION as readonly string[]).includes(status);
    const a = assessed;
    const row: DB['complaints'] = {
      id,
      no,
      branch_id: o.branchId,
      outlet_id: outletId,
      received_at: receivedAt,
      received_on: receivedOn,
      channel_code: pick(CHANNEL_OF[source]!),
      category_code: pick(CATEGORIES),
      cause_code: pick(CAUSES),
      source,
      ...regulator,
      ...NO_PERSONAL_COLUMNS,
      ...personalColumns(o.cipher, {
        complainantName: name,
        complainantPhone: phone,
        complainantIdNumber: idNo,
      }),
      staff_id: null,
      handler_id: handlerId,
      people_count: 1,
      major: 0,
      emergency_json: null,
      claim: pick(CLAIMS[source]!),
      facts: '',
      status,
      clock_start_at: receivedAt,
      extension_level: extensionLevel,
      extension_reason: extensionReason,
      paused_since: pauses.find((p) => !p.ended_at)?.started_at ?? null,
      paused_days: d.pausedDays,
      decision_due_on: d.dueDate ?? (d.paused ? null : initial),
      // the deadline runs until the complainant is told (Art. 18)
      due_on: pending || (status === 'decided' && !informedAt) ? d.dueDate : null,
      decided_at: decidedAt,
      decided_on: d.decidedDate,
      informed_at: informedAt,
      ...onTimeColumns(d),
      days_to_decision: d.daysToDecision,
      decision_json: decision,
      review_requested_at: null,
      review_due_on: null,
      review_json: null,
      merged_into_id: null,
      withdrawn_at: null,
      closed_at: closedAt,
      root_cause: closedAt ? '业务流程告知不到位' : null,
      responsibility: a?.responsibility ?? null,
      severity: a?.severity ?? null,
      responsible_staff_id: null,
      points: a?.points ?? null,
      created_by: registrar.id,
      created_at: receivedAt,
      updated_at: iso(last),
    };
    cases.push({
      row,
      events,
      notices,
      pauses,
      index: o.index.entries(id, { name, phone, idNumber: idNo }),
    });
  }
  return cases;
}
