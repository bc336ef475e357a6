import { NO_PERSONAL_COLUMNS, personalColumns } from './complaints.presenter';
import { decisionDeadline } from '@liangdian/engine';
import { addDays, beijingDate, DAY_MS } from '@liangdian/engine/time';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { FieldCipher } from '../../lib/crypto';
import { newId } from '../../lib/ids';
import { seededRandom as rng } from '../../lib/seeded-random';
import * as coaching from '../coaching/coaching.repository';
import * as meta from '../meta/meta.repository';
import type { ComplainantIndex, IndexEntry } from './complainant-index';
import * as indexRepo from './complainant-index.repository';
import { INDEX_KEY_META } from './complainant-index.service';
import { drawComplaintNo, onTimeColumns } from './complaint-case';
import { CATEGORIES, CAUSES, type DemoUser, demoCases, GIVEN, SURNAMES } from './complaints.demo-cases';
import * as repo from './complaints.repository';
import * as scale from './complaints.scale.repository';

const CHANNELS = [
  'branch_premises',
  'branch_premises',
  'branch_premises',
  'self_service',
  'mobile_banking',
  'phone_banking',
];
const SOURCES = ['walk_in', 'walk_in', 'phone', 'online', 'regulator'];
const CLAIMS = [
  '排队等候时间过长，要求改进服务',
  '柜员态度生硬，要求道歉',
  '借记卡年费未提前告知，要求退费',
  '理财产品风险揭示不充分，要求赔偿损失',
  '自助设备吞卡，要求尽快取回',
  '贷款提前还款违约金不合理',
  '手机银行转账失败但已扣款',
  '营销电话过多，要求停止',
];

export interface DemoComplaintOptions {
  branchId: string;
  outletIds: string[];
  cipher: FieldCipher;
  /** the blind index of the complainants' data (complainant-index.ts), written with the rows */
  index: ComplainantIndex;
  /** ISO instant; complaints are spread over the year before it */
  now: string;
  seed?: number;
  createdBy?: string | null;
  onProgress?: (done: number, total: number) => void;
}

/**
 * One generated complaint row in a plausible state for its age, for scale tests (`demo
 * --complaints N`, the bench): a row without its history. The demo branch's own complaints are
 * complaints.demo-cases.ts, with every step.
 */
function makeRow(
  rand: () => number,
  o: DemoComplaintOptions,
  spanDays: number,
  /** where in the span (0 oldest … 1 newest); random when not given */
  at?: number,
): { row: DB['complaints']; index: IndexEntry[] } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const nowMs = Date.parse(o.now);
  const back = at === undefined ? rand() : 1 - at;
  const receivedAt = new Date(nowMs - Math.floor(back * spanDays * DAY_MS) - 3_600_000).toISOString();
  const receivedOn = beijingDate(receivedAt);
  const ageDays = (nowMs - Date.parse(receivedAt)) / DAY_MS;
  const decided = ageDays > 20 || (ageDays > 3 && rand() < 0.6);
  const decidedAt = decided
    ? new Date(
        Date.parse(receivedAt) + Math.floor((3 + rand() * (rand() < 0.1 ? 20 : 11)) * DAY_MS),
      ).toISOString()
    : null;
  const decidedCapped = decidedAt && Date.parse(decidedAt) > nowMs ? o.now : decidedAt;
  const status = decidedCapped
    ? ageDays > 25
      ? 'closed'
      : pick(['decided', 'informed', 'follow_up'])
    : pick(['registered', 'acknowledged', 'investigating']);
  const informedAt = decidedCapped && status !== 'decided' ? decidedCapped : null;
  const d = decisionDeadline({ receivedAt, decidedAt: decidedCapped, informedAt });
  const people = rand() < 0.01 ? 20 + Math.floor(rand() * 30) : 1;
  const id = newId(Date.parse(receivedAt));
  const phone = `1${pick(['38', '39', '58', '87'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
  const responsibility = decidedCapped ? pick(['full', 'partial', 'none', 'none']) : null;
  const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : '');
  const source = pick(SOURCES);
  const row: DB['complaints'] = {
    id,
    no: drawComplaintNo(receivedOn, () =>
      Math.floor(rand() * 0x1000000)
        .toString(16)
        .padStart(6, '0'),
    ),
    branch_id: o.branchId,
    outlet_id: o.outletIds[Math.floor(rand() * o.outletIds.length)]!,
    received_at: receivedAt,
    received_on: receivedOn,
    channel_code: pick(CHANNELS),
    category_code: pick(CATEGORIES),
    cause_code: pick(CAUSES),
    source,
    // forwarded by the regulator on the day the bank received it, a few days after the regulator
    regulator_received_on: source === 'regulator' ? addDays(receivedOn, -3) : null,
    forwarded_on: source === 'regulator' ? receivedOn : null,
    ...NO_PERSONAL_COLUMNS,
    ...personalColumns(o.cipher, { complainantName: name, complainantPhone: phone }),
    staff_id: null,
    handler_id: null,
    people_count: people,
    major: people >= 20 ? 1 : 0,
    emergency_json: null,
    claim: pick(CLAIMS),
    facts: '',
    status,
    clock_start_at: receivedAt,
    extension_level: 0,
    extension_reason: null,
    paused_since: null,
    paused_days: 0,
    decision_due_on: d.dueDate,
    due_on: informedAt ? null : d.dueDate,
    decided_at: decidedCapped,
    decided_on: d.decidedDate,
    informed_at: informedAt,
    ...onTimeColumns(d),
    days_to_decision: d.daysToDecision,
    decision_json: decidedCapped
      ? JSON.stringify({
          factsVerified: '经核实情况属实',
          basis: '《银行业保险业消费投诉处理管理办法》',
          reasons: '服务不符合规范',
          result: '向客户致歉并整改',
          remedies: ['review', 'mediation', 'arbitration', 'litigation'],
          decidedBy: 'demo',
          decidedAt: decidedCapped,
        })
      : null,
    review_requested_at: null,
    review_due_on: null,
    review_json: null,
    merged_into_id: null,
    withdrawn_at: null,
    closed_at: status === 'closed' ? decidedCapped : null,
    root_cause: null,
    responsibility,
    severity: responsibility ? pick(['general', 'general', 'serious']) : null,
    responsible_staff_id: null,
    points: responsibility === 'full' ? 3 : responsibility === 'partial' ? 1 : responsibility ? 0 : null,
    created_by: o.createdBy ?? null,
    created_at: receivedAt,
    updated_at: decidedCapped ?? receivedAt,
  };
  return { row, index: o.index.entries(id, { name, phone, idNumber: null }) };
}

/**
 * Generates `n` complaints spread over the year before `now` (for `liangdian demo --complaints N`
 * and `npm run bench:complaints`). They are made oldest first, so that the time-ordered ids and
 * the date indexes grow at their end instead of splitting pages all over; 20,000 complaints a
 * transaction (multi-row inserts, the daily statistics added once per transaction).
 */
export async function generateDemoComplaints(
  db: Kysely<DB>,
  n: number,
  o: DemoComplaintOptions,
): Promise<number> {
  const rand = rng(o.seed ?? 20261102);
  const batch = 20_000;
  const drawn = new Set<string>();
  await scale.inBulkTransactions(db, async (transaction) => {
    for (let start = 0; start < n; start += batch) {
      const made: ReturnType<typeof makeRow>[] = [];
      for (let i = start; i < Math.min(n, start + batch); i++)
        made.push(makeRow(rand, o, 365, (i + rand()) / n));
      const rows = made.map((m) => m.row);
      await transaction(async (trx) => {
        // numbers in the one format: drawn again while taken (by this load or by stored ones)
        let open = rows;
        while (open.length) {
          for (const r of open) {
            while (drawn.has(r.no)) r.no = drawComplaintNo(r.received_on);
            drawn.add(r.no);
          }
          const taken = await scale.takenNos(
            trx,
            open.map((r) => r.no),
          );
          open = open.filter((r) => taken.has(r.no));
          for (const r of open) r.no = drawComplaintNo(r.received_on);
        }
        await scale.insertComplaints(trx, rows);
        await indexRepo.putEntries(
          trx,
          made.flatMap((m) => m.index),
        );
      });
      o.onProgress?.(Math.min(n, start + batch), n);
    }
  });
  await scale.analyze(db);
  return n;
}

const DEMO_SCRIPTS: { stage: string; scenario: string; title: string; body: string }[] = [
  {
    stage: 'receive',
    scenario: '客户情绪激动到网点投诉',
    title: '首问接待',
    body: '您好，我是大堂经理××，请您先到这边坐下慢慢说，您反映的问题我会全程跟进，一定给您一个答复。',
  },
  {
    stage: 'acknowledge',
    scenario: '客户排队等候过久',
    title: '致歉安抚',
    body: '非常抱歉让您久等了，今天办理业务的客户较多，我先帮您看看能否通过智能柜台快速办理。',
  },
  {
    stage: 'investigate',
    scenario: '客户质疑收费',
    title: '核实收费',
    body: '我理解您的疑问，我现在调取您的交易明细和收费标准，核实清楚后第一时间向您说明。',
  },
  {
    stage: 'inform',
    scenario: '告知处理决定',
    title: '告知与救济途径',
    body: '经核实，处理结果如下……如您对处理结果有异议，可在收到决定之日起30日内申请复核，也可申请调解、仲裁或诉讼。',
  },
  {
    stage: 'follow_up',
    scenario: '办结后回访',
    title: '回访话术',
    body: '您好，我是××银行××支行，就您前几天反映的问题做个回访，请问问题是否已经解决？您对处理结果是否满意？',
  },
];

const DEMO_TEN_QUESTIONS: { line: string; items: [string, string][] }[] = [
  {
    line: 'wealth',
    items: [
      ['理财产品保本吗？', '理财产品不保本，过往业绩不代表未来表现，请根据风险测评结果选择。'],
      ['风险测评多久做一次？', '风险承受能力评估有效期一般为一年，到期需重新评估。'],
      ['理财产品可以提前赎回吗？', '以产品说明书为准，封闭式产品在封闭期内不能赎回。'],
      ['购买理财需要双录吗？', '在营业网点购买理财产品须按规定进行录音录像。'],
    ],
  },
  {
    line: 'cash',
    items: [
      ['大额取现需要预约吗？', '单笔5万元以上取现建议提前一天预约。'],
      ['残损人民币可以兑换吗？', '按《中国人民银行残缺污损人民币兑换办法》免费兑换。'],
      ['代他人取款需要什么材料？', '需携带存款人和代理人的有效身份证件。'],
    ],
  },
];

/**
 * Demo content of the complaints module inside the demo loader's transaction: scripts, the ten
 * questions of the pilot outlets and a few dozen complaints in every state.
 */
export async function loadComplaintsDemo(
  trx: Q,
  o: {
    branchId: string;
    outletIds: string[];
    pilotOutletIds: string[];
    /** the demo logins: the complaints' steps are theirs */
    users: DemoUser[];
    cipher: FieldCipher;
    index: ComplainantIndex;
    now: string;
  },
) {
  for (const s of DEMO_SCRIPTS) {
    const id = newId();
    await coaching.insertScript(trx, {
      id,
      ...s,
      version: 1,
      active: 1,
      created_at: o.now,
      updated_at: o.now,
    });
    await coaching.insertScriptVersion(trx, {
      id: newId(),
      script_id: id,
      version: 1,
      ...s,
      created_by: 'demo',
      created_at: o.now,
    });
  }
  for (const outletId of o.pilotOutletIds) {
    for (const tq of DEMO_TEN_QUESTIONS) {
      await coaching.replaceQuestions(
        trx,
        outletId,
        tq.line,
        tq.items.map(([question, answer], i) => ({
          id: newId(),
          outlet_id: outletId,
          business_line: tq.line,
          position: i + 1,
          question,
          answer,
          created_at: o.now,
          updated_at: o.now,
        })),
      );
    }
  }
  // the complaints of the pilot outlets, each with its whole history (complaints.demo-cases.ts)
  const cases = demoCases(rng(20241001), 60, {
    ...o,
    outletIds: o.pilotOutletIds.length ? o.pilotOutletIds : o.outletIds,
  });
  const rows = cases.map((c) => c.row);
  await scale.insertComplaints(trx, rows);
  await repo.insertEvents(
    trx,
    cases.flatMap((c) => c.events),
  );
  for (const c of cases) {
    for (const p of c.pauses) await repo.insertPause(trx, p);
    for (const n of c.notices) await repo.insertNotice(trx, n);
  }
  await indexRepo.putEntries(
    trx,
    cases.flatMap((c) => c.index),
  );
  await meta.set(trx, INDEX_KEY_META, o.index.fingerprint);
  return {
    complaints: rows.length,
    scripts: DEMO_SCRIPTS.length,
    dueSoonFrom: beijingDate(o.now),
  };
}
