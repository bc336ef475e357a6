import { expect } from 'vitest';
import type { Client } from './harness';

// Request bodies the complaint suites register and decide complaints with.

/** A complaint as the registration form sends it: 张三丰's walk-in about a debit card, 2 Nov 2026. */
export const complaintBody = (outletId: string, over: Record<string, unknown> = {}) => ({
  outletId,
  receivedAt: '2026-11-02T08:30:00+08:00',
  channel: 'branch_premises',
  category: 'debit_card',
  cause: 'service_quality',
  source: 'walk_in',
  complainantName: '张三丰',
  complainantPhone: '13812341234',
  complainantIdNumber: '530102199001011234',
  claim: '柜员态度差，要求道歉',
  facts: '客户办理借记卡挂失时等候过久',
  ...over,
});

/** A decision on complaintBody's complaint, every field the decide step needs. */
export const decisionBody = {
  factsVerified: '经调取监控，柜员未按规范作业',
  basis: '《银行业保险业消费投诉处理管理办法》第十九条',
  reasons: '服务态度不符合规范',
  result: '向客户道歉并对柜员进行培训',
};

/** The fee complaint the statistics suites count: 王五 asks for a fee back, 28 Oct 2026. */
export const feeComplaintBody = (outletId: string, over: Record<string, unknown> = {}) => ({
  outletId,
  receivedAt: '2026-10-28T10:00:00+08:00',
  channel: 'branch_premises',
  category: 'debit_card',
  cause: 'service_quality',
  source: 'walk_in',
  complainantName: '王五',
  complainantPhone: '13900001111',
  claim: '要求退还手续费',
  ...over,
});

/** A decision on feeComplaintBody's complaint. */
export const feeDecisionBody = {
  factsVerified: '属实',
  basis: '第十九条',
  reasons: '收费未公示',
  result: '退还手续费',
};

/** Registers a complaint as `client` (complaintBody unless told), checks the 201, answers its id. */
export async function registerComplaint(
  client: Client,
  outletId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await client.post('/api/v1/complaints', complaintBody(outletId, over));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
