import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';

describe('session cache', () => {
  it('serves an entry for its time to live only', () => {
    const c = new SessionCache<string>(1000);
    c.set('a', 'x', 0);
    expect(c.get('a', 999)).toBe('x');
    expect(c.get('a', 1001)).toBeUndefined();
  });
  it('drops the oldest entry when full', () => {
    const c = new SessionCache<number>(1000, 2);
    c.set('a', 1, 0);
    c.set('b', 2, 0);
    c.set('c', 3, 0);
    expect(c.get('a', 1)).toBeUndefined();
    expect(c.get('c', 1)).toBe(3);
  });
  it('forgets everything on clear, and an entry from the future (clock set back)', () => {
    const c = new SessionCache<number>(1000);
    c.set('a', 1, 500);
    expect(c.get('a', 100)).toBeUndefined();
    c.set('b', 1, 0);
    c.clear();
    expect(c.get('b', 1)).toBeUndefined();
  });
});
