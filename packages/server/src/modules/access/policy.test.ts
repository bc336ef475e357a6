import { allows, staffPhoneVisibility } from '@liangdian/shared';
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
    expect(allows(a, 'outlet.edit', 'o1')).toBe(true);
    expect(allows(a, 'outlet.edit', 'o2')).toBe(false);
  });
  it('lets branch users see every outlet of their branch only', () => {
    const a = actor({ role: 'reviewer', outletId: null });
    expect(policy.seesOutlet(a, { id: 'o9', branch_id: 'b1' })).toBe(true);
    expect(policy.seesOutlet(a, { id: 'o9', branch_id: 'b2' })).toBe(false);
    expect(allows(a, 'outlet.edit', 'o9')).toBe(false);
  });
  it('never lets an outlet role act on another outlet, nor an outlet login without an outlet', () => {
    expect(allows(actor({ role: 'lobby_manager', outletId: 'o1' }), 'lobby.operate', 'o2')).toBe(false);
    expect(allows(actor({ role: 'lobby_manager', outletId: null }), 'lobby.operate', 'o1')).toBe(false);
    expect(allows(actor({ role: 'staff', outletId: 'o1' }), 'lobby.operate', 'o1')).toBe(false);
    expect(allows(actor({ role: 'staff', outletId: 'o1' }), 'lobby.answer', 'o1')).toBe(true);
    expect(allows(actor({ role: 'cp_officer', outletId: null }), 'lobby.configure', 'o7')).toBe(true);
  });
  it('hides personal data from consultants and masks it for most roles', () => {
    expect(staffPhoneVisibility(actor({ role: 'consultant', outletId: null }), 'o1')).toBe('hidden');
    expect(staffPhoneVisibility(actor({ role: 'lobby_manager' }), 'o1')).toBe('masked');
    expect(staffPhoneVisibility(actor({ role: 'outlet_head' }), 'o1')).toBe('clear');
    expect(staffPhoneVisibility(actor({ role: 'outlet_head' }), 'o2')).toBe('masked');
    expect(staffPhoneVisibility(actor({ role: 'admin', outletId: null }), 'o2')).toBe('clear');
  });
});
