import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  it('answers what it was given under the same key only', () => {
    const c = new AnswerCache(1_000_000);
    c.set('v1|a', Buffer.from('{"items":[1]}'));
    expect(c.get('v1|a')?.toString()).toBe('{"items":[1]}');
    expect(c.get('v2|a')).toBeUndefined();
    expect([c.hits, c.misses]).toEqual([1, 1]);
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const c = new AnswerCache(400);
    const answer = (ch: string) => Buffer.from(ch.repeat(100)); // 100 bytes each
    c.set('a', answer('a'));
    c.set('b', answer('b'));
    c.set('c', answer('c'));
    c.get('a'); // a is used again: b is now the oldest
    c.set('d', answer('d'));
    c.set('e', answer('e'));
    expect(c.usedBytes).toBeLessThanOrEqual(400);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual(answer('a'));
    expect(c.get('e')).toEqual(answer('e'));
  });

  it('does not keep an answer too big to share the space', () => {
    const c = new AnswerCache(400);
    c.set('big', Buffer.alloc(101));
    expect(c.get('big')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('replaces an answer under the same key without counting it twice', () => {
    const c = new AnswerCache(1000);
    c.set('a', Buffer.from('x'.repeat(10)));
    c.set('a', Buffer.from('y'.repeat(20)));
    expect(c.usedBytes).toBe(20);
    expect(c.get('a')?.toString()).toBe('y'.repeat(20));
  });
});
