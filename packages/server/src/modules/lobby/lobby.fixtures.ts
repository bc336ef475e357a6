import { expect } from 'vitest';
import { newId } from '../../lib/ids';
import type { Client, makeBranchWithOutlets, TestApp } from '../../test/harness';
import * as org from '../org/org.repository';

/** What the lobby's integration tests share: ticket events, a machine token, an outlet's floor. */
export type Cast = Awaited<ReturnType<typeof makeBranchWithOutlets>>;

/** 09:00 in Shanghai on the harness clock's day (Monday 2026-11-02). */
export const at = (hhmm: string) => `2026-11-02T${hhmm}:00+08:00`;
let n = 0;
export const ev = (ticket: string, kind: string, hhmm: string, over: Record<string, unknown> = {}) => ({
  eventId: `ev-${++n}`,
  ticket,
  businessType: 'cash',
  kind,
  at: at(hhmm),
  ...over,
});

export async function makeToken(c: Client, outletId: string) {
  const res = await c.post(`/api/v1/outlets/${outletId}/machine-tokens`, { name: '叫号机 1' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; token: string; prefix: string };
}

export const send = (
  t: TestApp,
  outletId: string,
  token: string | null,
  events: unknown[],
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/outlets/${outletId}/ticket-events`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    payload: { events },
  });

export async function makeFloor(t: TestApp, outletId: string) {
  const now = t.clock.now().toISOString();
  const zoneId = newId();
  await org.insertZone(t.database.db, {
    id: zoneId,
    outlet_id: outletId,
    kind: 'cash',
    name: '现金区',
    capacity: 3,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  const post = async (kind: string, name: string, zone: string | null) => {
    const id = newId();
    await org.insertPost(t.database.db, {
      id,
      outlet_id: outletId,
      kind,
      name,
      zone_id: zone,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const cashPost = await post('zone', '高柜位', zoneId);
  const welcomePost = await post('welcome', '迎宾位', null);
  const person = async (name: string, role: string, home: string) => {
    const id = newId();
    await org.insertStaff(t.database.db, {
      id,
      outlet_id: outletId,
      employee_no: `E${id.slice(-8)}`,
      name,
      roles: JSON.stringify([role]),
      skills: '["cash"]',
      phone_enc: null,
      home_post_id: home,
      active: 1,
      created_at: now,
      updated_at: now,
    });
    return id;
  };
  const wang = await person('王芳', 'teller', welcomePost);
  const li = await person('李强', 'teller', welcomePost);
  const zhao = await person('赵磊', 'teller', cashPost);
  return { cashPost, welcomePost, wang, li, zhao };
}
