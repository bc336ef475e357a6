import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../lib/crypto';
import { argon2Hasher } from '../../lib/passwords';
import { login, makeTestApp } from '../../test/harness';
import { hasData, loadDemo } from './demo.service';

describe('demo branch', () => {
  it('loads 昆明分行 with the pilot outlets, 8–15 staff each and a login per role', async () => {
    const t = await makeTestApp();
    try {
      expect(await hasData(t.database.db)).toBe(false);
      const summary = await loadDemo({
        db: t.database.db,
        dialect: t.database.dialect,
        clock: t.clock,
        hasher: argon2Hasher,
        cipher: createFieldCipher(Buffer.alloc(32, 7)),
        password: 'liangdian-demo',
      });
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
      expect((await t.app.inject({ url: '/api/v1/meta' })).json().demo).toBe(true);
      expect((await admin.get('/api/v1/audit/verify')).json().ok).toBe(true);
      const head = await login(t, 'head.lsw', 'liangdian-demo');
      expect((await head.get('/api/v1/outlets')).json().items[0].name).toBe('螺蛳湾支行');
    } finally {
      await t.close();
    }
  });
});
