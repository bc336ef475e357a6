import type { BusinessType, Post, Zone } from '@liangdian/shared/api';
import { describe, expect, it } from 'vitest';
import { canTake, offerOrder, postBusinessTypes } from './postFit';

const zones = [
  { id: 'z-cash', kind: 'cash' },
  { id: 'z-sc', kind: 'super_counter' },
] as Zone[];
const types = [
  { code: 'cash', defaultZoneKind: 'cash', active: true },
  { code: 'pension', defaultZoneKind: 'cash', active: true },
  { code: 'gold', defaultZoneKind: 'cash', active: false },
  { code: 'super_counter', defaultZoneKind: 'super_counter', active: true },
] as BusinessType[];
const post = (id: string, kind: Post['kind'], zoneId: string | null = null) => ({ id, kind, zoneId }) as Post;
const cashPost = post('p-cash', 'zone', 'z-cash');
const welcome = post('p-w', 'welcome');
const person = (id: string, roles: string[], skills: string[]) => ({ id, roles, skills }) as never;

describe('who can take a post', () => {
  it('serves the business of its zone; the welcome post every business', () => {
    expect(postBusinessTypes(cashPost, zones, types)).toEqual(['cash', 'pension']);
    expect(postBusinessTypes(post('p-sc', 'super_counter'), [], types)).toEqual(['super_counter']);
    expect(postBusinessTypes(post('p-sc', 'super_counter', 'z-sc'), zones, types)).toEqual(['super_counter']);
    expect(postBusinessTypes(welcome, zones, types)).toBeNull();
    expect(postBusinessTypes(post('p-x', 'zone', 'gone'), zones, types)).toEqual([]);
  });

  it('by a skill of the post, or a lobby role for the welcome post', () => {
    expect(canTake(person('a', ['teller'], ['pension']), cashPost, ['cash', 'pension'])).toBe(true);
    expect(canTake(person('b', ['wealth_manager'], ['wealth']), cashPost, ['cash', 'pension'])).toBe(false);
    expect(canTake(person('c', ['lobby_service_manager'], []), welcome, null)).toBe(true);
    expect(canTake(person('d', ['teller'], ['cash']), welcome, null)).toBe(false);
  });

  it('offers those who can first, people at work before the others, the ones already there last', () => {
    const staff = [
      person('wealth', ['wealth_manager'], ['wealth']),
      person('t-off', ['teller'], ['cash']),
      person('t-here', ['teller'], ['cash']),
      person('t-work', ['teller'], ['pension']),
      person('am-work', ['account_manager'], ['loan']),
    ];
    const presence = [
      { staffId: 't-here', postId: 'p-cash' },
      { staffId: 't-work', postId: 'p-w' },
      { staffId: 'am-work', postId: 'p-w' },
    ];
    const { fit, others } = offerOrder(staff, cashPost, ['cash', 'pension'], presence);
    expect(fit.map((s: { id: string }) => s.id)).toEqual(['t-work', 't-off', 't-here']);
    expect(others.map((s: { id: string }) => s.id)).toEqual(['am-work', 'wealth']);
  });
});
