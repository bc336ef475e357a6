import { complainantIndexOf } from '../complaints/complainant-index';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../lib/crypto';
import { argon2Hasher } from '../../lib/passwords';
import { login, makeTestApp } from '../../test/harness';
import { hasData, loadDemo } from './demo.service';

type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/** The demo branch into the test app's empty database. */
const load = (t: TestApp, historyWeeks = 0) =>
  loadDemo({
    db: t.database.db,
    dialect: t.database.dialect,
    clock: t.clock,
    hasher: argon2Hasher,
    cipher: createFieldCipher(Buffer.alloc(32, 7)),
    index: complainantIndexOf(Buffer.alloc(32, 7)),
    password: 'liangdian-demo',
    historyWeeks,
  });

describe('demo branch', () => {
  it('loads 昆明分行 with the pilot outlets, 8–15 staff each and a login per role', async () => {
    const t = await makeTestApp();
    try {
      expect(await hasData(t.database.db)).toBe(false);
      const summary = await load(t, 2);
      expect(summary.outlets).toBe(12);
      expect(await hasData(t.database.db)).toBe(true);
      const admin = await login(t, 'admin', 'liangdian-demo');
      const pilots = (await admin.get('/api/v1/outlets?pilot=true')).json();
      expect(pilots.items.map((o: { name: string }) => o.name).sort()).toEqual(
        ['城北支行', '螺蛳湾支行', '金江支行'].sort(),
      );
      const all = (await admin.get('/api/v1/outlets?pageSize=50')).json();
      for (const o of all.items) {
        expect(o.staffCount).toBeGreaterThanOrEqual(8);
        expect(o.staffCount).toBeLessThanOrEqual(15);
        expect(o.zoneCount).toBeGreaterThanOrEqual(5);
      }
      const roles = new Set(
        (await admin.get('/api/v1/users')).json().items.map((u: { role: string }) => u.role),
      );
      expect([...roles].sort()).toEqual([
        'admin',
        'consultant',
        'cp_officer',
        'lobby_manager',
        'outlet_head',
        'reviewer',
        'staff',
      ]);
      // two weeks of ticket history for every named outlet, ending yesterday, holidays closed
      const days = await t.database.db
        .selectFrom('ticket_events')
        .innerJoin('outlets', 'outlets.id', 'ticket_events.outlet_id')
        .select(['outlets.code', 'ticket_events.day'])
        .where('ticket_events.kind', '=', 'issued')
        .groupBy(['outlets.code', 'ticket_events.day'])
        .execute();
      const today = t.clock.now().toISOString().slice(0, 10);
      expect(new Set(days.map((d) => d.code)).size).toBe(12);
      for (const d of days) expect(d.day < today || d.day === today).toBe(true);
      expect(days.filter((d) => d.code === 'LSW').length).toBeGreaterThanOrEqual(10);
      const meta = (await t.app.inject({ url: '/api/v1/meta' })).json();
      expect(meta.demo).toBe(true);
      // the login page lists the demo logins with their roles and outlets (no passwords)
      expect(meta.demoLogins).toHaveLength(8);
      expect(meta.demoLogins.slice(3, 5)).toEqual([
        { username: 'head.lsw', role: 'outlet_head', outletName: '螺蛳湾支行' },
        { username: 'lobby.lsw', role: 'lobby_manager', outletName: '螺蛳湾支行' },
      ]);
      expect(meta.demoLogins[0]).toEqual({ username: 'admin', role: 'admin', outletName: null });
      expect(JSON.stringify(meta)).not.toContain('liangdian-demo');
      // outlet logins are the logins of staff records of their outlet, in a matching post
      const lsw = all.items.find((o: { code: string }) => o.code === 'LSW');
      const staff = (await admin.get(`/api/v1/outlets/${lsw.id}/staff?pageSize=50`)).json().items;
      const byLogin = (u: string) => staff.find((s: { username: string | null }) => s.username === u);
      expect(byLogin('head.lsw')).toMatchObject({ name: '王芳', roles: ['outlet_head'] });
      expect(byLogin('lobby.lsw')).toMatchObject({ name: '赵敏', roles: ['lobby_manager'] });
      expect(byLogin('staff.lsw')).toMatchObject({ name: '陈杰', roles: ['teller'] });
      const users = (await admin.get('/api/v1/users?pageSize=50')).json().items;
      expect(users.find((u: { username: string }) => u.username === 'head.jj')).toMatchObject({
        outletName: '金江支行',
        staffName: '刘洋',
      });
      expect(
        users
          .filter((u: { staffId: string | null }) => u.staffId)
          .map((u: { username: string }) => u.username)
          .sort(),
      ).toEqual(['head.jj', 'head.lsw', 'lobby.lsw', 'staff.lsw']);
      expect((await admin.get('/api/v1/audit/verify')).json().ok).toBe(true);
      const head = await login(t, 'head.lsw', 'liangdian-demo');
      expect((await head.get('/api/v1/outlets')).json().items[0].name).toBe('螺蛳湾支行');
    } finally {
      await t.close();
    }
  });

  it('gives the named outlets backfill rules, so that a prompt happens once people are checked in', async () => {
    const t = await makeTestApp();
    try {
      await load(t);
      const head = await login(t, 'head.lsw', 'liangdian-demo');
      const lsw = (await head.get('/api/v1/outlets')).json().items[0];
      const posts = (await head.get(`/api/v1/outlets/${lsw.id}/posts`)).json().items as {
        id: string;
        kind: string;
        name: string;
      }[];
      const rules = (await head.get(`/api/v1/outlets/${lsw.id}/backfill-rules`)).json().rules as {
        postId: string;
        backups: { role?: string }[];
        triggers: Record<string, unknown>;
      }[];
      expect(rules).toHaveLength(5);
      // every rule covers a post of the outlet, each post once, with backups by role and a trigger
      expect(new Set(rules.map((r) => r.postId)).size).toBe(5);
      for (const r of rules) {
        expect(posts.map((p) => p.id)).toContain(r.postId);
        expect(r.backups.length).toBeGreaterThan(0);
        expect(Object.keys(r.triggers).length).toBeGreaterThan(0);
      }
      const superCounter = posts.find((p) => p.kind === 'super_counter')!;
      const welcome = posts.find((p) => p.kind === 'welcome')!;
      expect(rules.find((r) => r.postId === superCounter.id)?.triggers).toMatchObject({ postEmpty: true });

      // the lobby service manager holds the welcome post; the super-counter post is empty
      const staff = (await head.get(`/api/v1/outlets/${lsw.id}/staff?pageSize=50`)).json().items as {
        id: string;
        name: string;
        roles: string[];
      }[];
      const lsm = staff.find((s) => s.roles.includes('lobby_service_manager'))!;
      const lobby = await login(t, 'lobby.lsw', 'liangdian-demo');
      const checkIn = await lobby.post(`/api/v1/outlets/${lsw.id}/lobby/check-in`, {
        staffId: lsm.id,
        postId: welcome.id,
      });
      expect(checkIn.statusCode).toBe(200);
      await t.app.services.lobby.tick();
      const view = (await lobby.get(`/api/v1/outlets/${lsw.id}/lobby`)).json();
      const prompt = view.prompts.find((p: { staffId: string; status: string }) => p.staffId === lsm.id);
      expect(prompt, JSON.stringify(view.prompts)).toMatchObject({
        postId: superCounter.id,
        status: 'pending',
      });
      // the other outlets of the branch too
      const admin = await login(t, 'admin', 'liangdian-demo');
      const jj = (await admin.get('/api/v1/outlets?pageSize=50'))
        .json()
        .items.find((o: { code: string }) => o.code === 'JJ');
      expect((await admin.get(`/api/v1/outlets/${jj.id}/backfill-rules`)).json().rules).toHaveLength(5);
    } finally {
      await t.close();
    }
  });
});
