import { describe, expect, it } from 'vitest';
import {
  type BackfillRule,
  evaluateRules,
  type OpenPrompt,
  renderPrompt,
  type RuleContext,
} from './prompt.rules';

const posts = new Map([
  ['p-super', { id: 'p-super', name: '超柜位', areaName: '超柜区', businessTypes: ['card'] }],
  ['p-low', { id: 'p-low', name: '低柜位', areaName: '非现金区', businessTypes: ['transfer'] }],
]);
const staff = [
  { id: 's1', name: '王芳', roles: ['teller'], homePostId: 'p-low' },
  { id: 's2', name: '李强', roles: ['teller'], homePostId: 'p-low' },
  { id: 's3', name: '赵磊', roles: ['wealth_manager'], homePostId: null },
];
const rule: BackfillRule = {
  id: 'r1',
  postId: 'p-super',
  backups: [{ staffId: 's1' }, { role: 'teller' }],
  triggers: { queueLength: 5, oldestWaitMinutes: 10 },
};
const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  now: 1_000_000,
  rules: [rule],
  posts,
  staff,
  presence: new Map([
    ['s1', 'p-low'],
    ['s2', 'p-low'],
  ]),
  waitingByType: new Map([['card', { waiting: 6, oldestWaitMinutes: 12.4 }]]),
  open: new Map(),
  tried: new Map(),
  ...over,
});
const open = (over: Partial<OpenPrompt>): OpenPrompt => ({
  id: 'q1',
  ruleId: 'r1',
  activationId: 'q1',
  staffId: 's1',
  postId: 'p-super',
  attempt: 1,
  status: 'pending',
  expiresAt: 1_000_000 + 60_000,
  ...over,
});

describe('backfill rules', () => {
  it('prompts the first present backup when the queue trigger holds', () => {
    const actions = evaluateRules(ctx());
    expect(actions).toEqual([
      {
        type: 'prompt',
        ruleId: 'r1',
        postId: 'p-super',
        staffId: 's1',
        activationId: null,
        attempt: 1,
        previousId: null,
        reason: { trigger: 'queue_length', waiting: 6, oldestWaitMinutes: 12 },
      },
    ]);
    expect(
      renderPrompt('王芳', posts.get('p-super')!, {
        trigger: 'queue_length',
        waiting: 6,
        oldestWaitMinutes: 12,
      })['en-US'],
    ).toBe('王芳 → 超柜位: 超柜区 6 waiting, oldest 12 min');
  });

  it('does nothing while the trigger does not hold, or a prompt is pending', () => {
    expect(
      evaluateRules(ctx({ waitingByType: new Map([['card', { waiting: 2, oldestWaitMinutes: 3 }]]) })),
    ).toEqual([]);
    expect(evaluateRules(ctx({ open: new Map([['r1', open({})]]) }))).toEqual([]);
  });

  it('escalates an unanswered prompt to the next backup after its time-out', () => {
    const actions = evaluateRules(
      ctx({
        now: 1_000_000 + 61_000,
        open: new Map([['r1', open({})]]),
        tried: new Map([['q1', new Set(['s1'])]]),
      }),
    );
    expect(actions[0]).toEqual({ type: 'expire', promptId: 'q1' });
    expect(actions[1]).toMatchObject({
      type: 'prompt',
      staffId: 's2',
      activationId: 'q1',
      attempt: 2,
      previousId: 'q1',
    });
  });

  it('skips absent people and people already at the post; stays open when nobody is left', () => {
    const presence = new Map([['s1', 'p-super']]);
    expect(evaluateRules(ctx({ presence }))).toEqual([]);
  });

  it('sends the backup home when the trigger clears, cancels a pending prompt', () => {
    const calm = new Map([['card', { waiting: 1, oldestWaitMinutes: 1 }]]);
    expect(
      evaluateRules(ctx({ waitingByType: calm, open: new Map([['r1', open({ status: 'acknowledged' })]]) })),
    ).toEqual([{ type: 'return', promptId: 'q1', ruleId: 'r1', staffId: 's1', postId: 'p-super' }]);
    expect(evaluateRules(ctx({ waitingByType: calm, open: new Map([['r1', open({})]]) }))).toEqual([
      { type: 'cancel', promptId: 'q1' },
    ]);
    expect(
      evaluateRules(ctx({ waitingByType: calm, open: new Map([['r1', open({ status: 'declined' })]]) })),
    ).toEqual([{ type: 'close', promptId: 'q1' }]);
  });

  it('fires on an empty post', () => {
    const r: BackfillRule = {
      id: 'r2',
      postId: 'p-super',
      backups: [{ role: 'teller' }],
      triggers: { postEmpty: true },
    };
    const a = evaluateRules(ctx({ rules: [r], waitingByType: new Map() }));
    expect(a).toMatchObject([{ type: 'prompt', staffId: 's1', reason: { trigger: 'post_empty' } }]);
  });
});
