import { describe, expect, it } from 'vitest';
import { decisionDeadline } from '@liangdian/engine';
import { testConfig } from '../../config';
import { createFieldCipher } from '../../lib/crypto';
import { argon2Hasher } from '../../lib/passwords';
import { login, makeTestApp } from '../../test/harness';
import { loadDemo } from '../demo/demo.service';
import { complainantIndexOf } from './complainant-index';
import { COMPLAINT_NO } from './complaint-case';
import { beijingMinutes, OPENING_MINUTES } from './complaints.demo-cases';

const MAIN_LINE = ['register', 'acknowledge', 'investigate', 'decide', 'inform', 'follow_up', 'close'];

describe('demo complaints tell the truth', () => {
  it('carry their whole history by real users, in opening hours, numbered in the one format', async () => {
    const t = await makeTestApp();
    try {
      const key = testConfig().secretKey;
      await loadDemo({
        db: t.database.db,
        dialect: t.database.dialect,
        clock: t.clock,
        hasher: argon2Hasher,
        cipher: createFieldCipher(key),
        index: complainantIndexOf(key),
        password: 'liangdian-demo',
        historyWeeks: 0,
      });
      const db = t.database.db;
      const complaints = await db.selectFrom('complaints').selectAll().execute();
      const events = await db
        .selectFrom('complaint_events')
        .selectAll()
        .orderBy('at')
        .orderBy('id')
        .execute();
      const notices = await db.selectFrom('complaint_notices').selectAll().execute();
      const users = new Map(
        (await db.selectFrom('users').select(['id', 'role', 'outlet_id', 'display_name']).execute()).map(
          (u) => [u.id, u],
        ),
      );
      expect(complaints.length).toBeGreaterThanOrEqual(50);
      const closed = complaints.filter((c) => c.status === 'closed');
      expect(closed.length).toBeGreaterThan(10);
      for (const c of complaints) {
        expect(c.no).toMatch(COMPLAINT_NO);
        expect(c.no.slice(2, 10)).toBe(c.received_on.replace(/-/g, ''));
        const history = events.filter((e) => e.complaint_id === c.id);
        const main = history.filter((e) => MAIN_LINE.includes(e.action)).map((e) => e.action);
        // every step of the main line up to the status, in order, each after the one before
        expect(main).toEqual(MAIN_LINE.slice(0, main.length));
        expect(history.at(-1)!.to_status).toBe(c.status);
        if (c.status === 'closed') expect(main).toEqual(MAIN_LINE);
        expect(history[0]!.at).toBe(c.received_at);
        for (let i = 1; i < history.length; i++) {
          expect(history[i]!.at >= history[i - 1]!.at).toBe(true);
          expect(history[i]!.from_status).toBe(history[i - 1]!.to_status);
          // work on the case happens in opening hours
          const m = beijingMinutes(Date.parse(history[i]!.at));
          expect(m).toBeGreaterThanOrEqual(OPENING_MINUTES.from);
          expect(m).toBeLessThan(OPENING_MINUTES.to);
        }
        for (const e of history) {
          const u = users.get(e.actor_id ?? '');
          expect(u, `${c.no} ${e.action}`).toBeDefined();
          expect(e.actor_name).toBe(u!.display_name);
          if (u!.outlet_id) expect(u!.outlet_id).toBe(c.outlet_id);
        }
        if (c.handler_id) {
          const h = users.get(c.handler_id)!;
          expect(['outlet_head', 'cp_officer']).toContain(h.role);
          expect(history.find((e) => e.action === 'investigate')!.data_json).toContain(h.id);
        }
        // walk-ins are received when the outlet is open
        if (c.source === 'walk_in') {
          const m = beijingMinutes(Date.parse(c.received_at));
          expect(m).toBeGreaterThanOrEqual(OPENING_MINUTES.from);
          expect(m).toBeLessThan(OPENING_MINUTES.to);
        }
        // the notice of an informed decision, with the inform time
        const inform = history.find((e) => e.action === 'inform');
        const notice = notices.find((n) => n.complaint_id === c.id && n.kind === 'decision');
        expect(!!notice).toBe(!!inform);
        if (inform) expect(notice!.informed_at).toBe(inform.at);
        // the deadline columns as the engine computes them
        const pauses = await db
          .selectFrom('complaint_pauses')
          .selectAll()
          .where('complaint_id', '=', c.id)
          .execute();
        const d = decisionDeadline({
          receivedAt: c.received_at,
          extensionLevel: c.extension_level as 0 | 1 | 2,
          pauses: pauses.map((p) => ({ kind: p.kind as 'appraisal', from: p.started_at, to: p.ended_at })),
          decidedAt: c.decided_at,
          informedAt: c.informed_at,
        });
        const bit = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
        expect(c.decision_due_on).toBe(d.dueDate);
        expect([c.on_time, c.decision_on_time, c.inform_on_time]).toEqual([
          bit(d.onTime),
          bit(d.decisionOnTime),
          bit(d.informOnTime),
        ]);
        expect(c.informed_at).toBe(inform?.at ?? null);
        if (c.decided_at) expect(history.find((e) => e.action === 'decide')!.at).toBe(c.decided_at);
        if (c.closed_at) expect(history.find((e) => e.action === 'close')!.at).toBe(c.closed_at);
      }
      // Art. 18 missed both ways somewhere in the demo: decided late, and decided in time but told late
      expect(complaints.some((c) => c.decision_on_time === 0)).toBe(true);
      expect(complaints.some((c) => c.decision_on_time === 1 && c.inform_on_time === 0)).toBe(true);
      // through the regulator: received by it a few working days before the bank, one forwarded late
      const regulator = complaints.filter((c) => c.source === 'regulator');
      expect(regulator.length).toBeGreaterThanOrEqual(3);
      for (const c of regulator) {
        expect(c.forwarded_on).toBe(c.received_on);
        expect(c.regulator_received_on! < c.received_on).toBe(true);
      }
      const calendarDays = (c: (typeof regulator)[number]) =>
        (Date.parse(c.received_on) - Date.parse(c.regulator_received_on!)) / 86_400_000;
      expect(regulator.some((c) => calendarDays(c) >= 11)).toBe(true);
      // some late, some extended, some paused: the statistics have something to say
      expect(complaints.some((c) => c.on_time === 0)).toBe(true);
      expect(complaints.some((c) => c.extension_level === 1)).toBe(true);
      expect(events.some((e) => e.action === 'pause')).toBe(true);
      // and they are found by the complainant's data
      const admin = await login(t, 'admin', 'liangdian-demo');
      const [first] = (await admin.get('/api/v1/complaints?pageSize=1')).json().items;
      const clear = (await admin.post(`/api/v1/complaints/${first.id}/unmask`, { reason: 'test' })).json();
      const found = (await admin.get(`/api/v1/complaints?complainant=${clear.complainantPhone}`)).json();
      expect(found.items.map((i: { id: string }) => i.id)).toContain(first.id);
    } finally {
      await t.close();
    }
  });
});
