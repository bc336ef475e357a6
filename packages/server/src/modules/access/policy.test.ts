import { describe, expect, it } from 'vitest';
import { type Actor, policy } from './policy';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  role: 'staff',
  branchId: 'b1',
  outletId: 'o1',
  staffId: null,
  locale: 'zh-CN',
  ip: '127.0.0.1',
  ...over,
});

describe('access policy', () => {
  it('keeps an outlet user inside their outlet', () => {
    const a = actor({ role: 'outlet_head', outletId: 'o1' });
    expect(policy.seesOutlet(a, { id: 'o1', branch_id: 'b1' })).toBe(true);
    expect(policy.seesOutlet(a, { id: 'o2', branch_id: 'b1' })).toBe(false);
    expect(policy.editsOutlet(a, 'o1')).toBe(true);
    expect(policy.editsOutlet(a, 'o2')).toBe(false);
  });
  it('lets branch users see every outlet of their branch only', () => {
    const a = actor({ role: 'reviewer', outletId: null });
    expect(policy.seesOutlet(a, { id: 'o9', branch_id: 'b1' })).toBe(true);
    expect(policy.seesOutlet(a, { id: 'o9', branch_id: 'b2' })).toBe(false);
    expect(policy.editsOutlet(a, 'o9')).toBe(false);
  });
  it('hides personal data from consultants and masks it for most roles', () => {
    expect(policy.personalData(actor({ role: 'consultant', outletId: null }), 'o1')).toBe('hidden');
    expect(policy.personalData(actor({ role: 'lobby_manager' }), 'o1')).toBe('masked');
    expect(policy.personalData(actor({ role: 'outlet_head' }), 'o1')).toBe('clear');
    expect(policy.personalData(actor({ role: 'outlet_head' }), 'o2')).toBe('masked');
    expect(policy.personalData(actor({ role: 'admin', outletId: null }), 'o2')).toBe('clear');
  });
});
