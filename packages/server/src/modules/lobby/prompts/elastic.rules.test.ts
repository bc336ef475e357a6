import { describe, expect, it } from 'vitest';
import {
  type ElasticContext,
  type ElasticZone,
  elasticHolds,
  evaluateElastic,
  type OpenElastic,
  renderElastic,
} from './elastic.rules';

const cash: ElasticZone = {
  id: 'z-cash',
  name: '现金区',
  capacity: 3,
  postId: 'p-cash',
  postIds: ['p-cash'],
  businessTypes: ['cash', 'pension'],
};
const wealth: ElasticZone = {
  id: 'z-wealth',
  name: '理财区',
  capacity: 1,
  postId: 'p-wealth',
  postIds: ['p-wealth'],
  businessTypes: ['wealth'],
};
const staff = [
  { id: 's1', name: '王芳', skills: ['cash'] },
  { id: 's2', name: '李强', skills: ['pension', 'non_cash'] },
  { id: 's3', name: '赵磊', skills: ['wealth'] },
  { id: 's4', name: '陈静', skills: ['cash'] },
];
const ctx = (over: Partial<ElasticContext> = {}): ElasticContext => ({
  now: 1_000_000,
  slotStart: '13:00',
  slotEnd: '13:30',
  thresholds: { enabled: true, surgeShare: 0.3, minArrivals: 5 },
  targetWaitMinutes: 15,
  zones: [cash],
  arrivalsByType: new Map([
    ['cash', 20],
    ['pension', 4],
  ]),
  forecastByType: new Map([
    ['cash', 12],
    ['pension', 3],
  ]),
  waitingByType: new Map([['cash', { waiting: 7, oldestWaitMinutes: 18.6 }]]),
  presence: new Map([['s4', 'p-cash']]),
  serving: new Set(['s4']),
  onShift: new Set(['s1', 's2', 's3', 's4']),
  staff,
  engaged: new Set(),
  open: new Map(),
  tried: new Map(),
  ...over,
});
const open = (over: Partial<OpenElastic> = {}): OpenElastic => ({
  id: 'e1',
  zoneId: 'z-cash',
  activationId: 'e1',
  staffId: 's1',
  attempt: 1,
  status: 'pending',
  expiresAt: 1_000_000 + 60_000,
  ...over,
});
const prompts = (c: ElasticContext) =>
  evaluateElastic(c).flatMap((a) => (a.type === 'prompt' ? [`${a.zoneId}:${a.staffId ?? a.nobody}`] : []));

describe('elastic window: when it fires', () => {
  it('fires on arrivals above the forecast and a long wait, with a closed counter, and says why', () => {
    const r = elasticHolds(cash, ctx());
    expect(r).toEqual({
      slot: '13:00–13:30',
      zoneName: '现金区',
      arrivals: 24,
      forecast: 15,
      gap: 0.6,
      waiting: 7,
      oldestWaitMinutes: 18,
      targetWaitMinutes: 15,
      surge: true,
      overWait: true,
      openCounters: 1,
      capacity: 3,
    });
    expect(renderElastic('王芳', null, r!)['zh-CN']).toBe(
      '13:00–13:30 现金区 实到 24 人，预测 15 人（+60%），最长等候 18 分钟 > 15 分钟，已开 1/3 个窗口：请 王芳 开启弹性窗口',
    );
    expect(renderElastic('王芳', null, r!)['en-US']).toBe(
      '13:00–13:30 现金区: 24 arrived, forecast 15 (+60%), longest wait 18 min > 15 min, 1/3 counters open: 王芳, please open an elastic window',
    );
  });

  it('fires on the surge alone, and on the wait alone (also without a forecast)', () => {
    const shortWait = new Map([['cash', { waiting: 3, oldestWaitMinutes: 4 }]]);
    expect(elasticHolds(cash, ctx({ waitingByType: shortWait }))).toMatchObject({
      surge: true,
      overWait: false,
    });
    const asForecast = new Map([['cash', 20]]);
    expect(elasticHolds(cash, ctx({ forecastByType: asForecast }))).toMatchObject({
      surge: false,
      overWait: true,
    });
    expect(elasticHolds(cash, ctx({ forecastByType: null }))).toMatchObject({
      forecast: null,
      gap: null,
      overWait: true,
    });
  });

  it('does not fire at +30 % exactly, below the minimum of customers, with every counter open or nobody waiting', () => {
    const shortWait = new Map([['cash', { waiting: 3, oldestWaitMinutes: 4 }]]);
    const at30 = ctx({
      waitingByType: shortWait,
      arrivalsByType: new Map([['cash', 13]]),
      forecastByType: new Map([['cash', 10]]),
    });
    expect(elasticHolds(cash, at30)).toBeNull();
    const few = ctx({
      waitingByType: shortWait,
      arrivalsByType: new Map([['cash', 4]]),
      forecastByType: new Map([['cash', 1]]),
    });
    expect(elasticHolds(cash, few)).toBeNull();
    const allOpen = new Map([
      ['s4', 'p-cash'],
      ['s1', 'p-cash'],
      ['s2', 'p-cash'],
    ]);
    expect(elasticHolds(cash, ctx({ presence: allOpen }))).toBeNull();
    expect(elasticHolds(cash, ctx({ waitingByType: new Map() }))).toBeNull();
    expect(evaluateElastic(ctx({ thresholds: { enabled: false, surgeShare: 0.3, minArrivals: 5 } }))).toEqual(
      [],
    );
  });
});

describe('elastic window: whom it asks', () => {
  it('asks the first on shift with the skill who serves no counter, those checked in elsewhere first', () => {
    expect(evaluateElastic(ctx())[0]).toEqual({
      type: 'prompt',
      zoneId: 'z-cash',
      postId: 'p-cash',
      staffId: 's1',
      nobody: null,
      activationId: null,
      attempt: 1,
      previousId: null,
      reason: elasticHolds(cash, ctx()),
    });
    // 李强 is at the welcome post: in the lobby, so before 王芳 (not checked in)
    const atWelcome = new Map([
      ['s4', 'p-cash'],
      ['s2', 'p-welcome'],
    ]);
    expect(prompts(ctx({ presence: atWelcome }))).toEqual(['z-cash:s2']);
    // not on shift, engaged by a backfill prompt, or without the skill: not asked
    expect(prompts(ctx({ onShift: new Set(['s2', 's3']) }))).toEqual(['z-cash:s2']);
    expect(prompts(ctx({ engaged: new Set(['s1']) }))).toEqual(['z-cash:s2']);
    expect(prompts(ctx({ onShift: new Set(['s3', 's4']) }))).toEqual(['z-cash:nobody_free']);
  });

  it('passes to the next on decline or time-out, then tells the lobby manager when nobody is left', () => {
    const declined = ctx({ open: new Map([['z-cash', open({ status: 'declined' })]]) });
    expect(evaluateElastic(declined)).toMatchObject([
      { type: 'prompt', staffId: 's2', activationId: 'e1', attempt: 2, previousId: 'e1' },
    ]);
    const timedOut = ctx({ now: 1_000_000 + 60_000, open: new Map([['z-cash', open()]]) });
    expect(evaluateElastic(timedOut)).toMatchObject([
      { type: 'expire', promptId: 'e1' },
      { type: 'prompt', staffId: 's2', attempt: 2 },
    ]);
    const allTried = ctx({
      open: new Map([['z-cash', open({ id: 'e2', staffId: 's2', status: 'declined', attempt: 2 })]]),
      tried: new Map([['e1', new Set(['s1', 's2'])]]),
    });
    expect(evaluateElastic(allTried)).toMatchObject([
      { type: 'prompt', staffId: null, nobody: 'nobody_free', attempt: 3, previousId: 'e2' },
    ]);
  });

  it('names nobody without a published roster, and says so', () => {
    const [a] = evaluateElastic(ctx({ onShift: null }));
    expect(a).toMatchObject({ type: 'prompt', staffId: null, nobody: 'no_roster' });
    if (a?.type !== 'prompt') throw new Error('no prompt');
    expect(renderElastic(null, a.nobody, a.reason)['zh-CN']).toContain('今日无已发布排班，无法指定当班人员');
    expect(renderElastic(null, a.nobody, a.reason)['en-US']).toContain('no roster is published for today');
  });
});

describe('elastic window: one per zone, cleared', () => {
  it('keeps one open prompt per zone, and one person for one zone', () => {
    expect(evaluateElastic(ctx({ open: new Map([['z-cash', open()]]) }))).toEqual([]);
    expect(evaluateElastic(ctx({ open: new Map([['z-cash', open({ status: 'acknowledged' })]]) }))).toEqual(
      [],
    );
    expect(
      evaluateElastic(ctx({ open: new Map([['z-cash', open({ staffId: null, status: 'done' })]]) })),
    ).toEqual([]);
    // 王芳 knows cash and wealth: asked for the first zone only
    const both = ctx({
      zones: [cash, wealth],
      staff: [{ id: 's1', name: '王芳', skills: ['cash', 'wealth'] }],
      onShift: new Set(['s1']),
      waitingByType: new Map([
        ['cash', { waiting: 7, oldestWaitMinutes: 18 }],
        ['wealth', { waiting: 2, oldestWaitMinutes: 20 }],
      ]),
    });
    expect(prompts(both)).toEqual(['z-cash:s1', 'z-wealth:nobody_free']);
  });

  it('withdraws a pending prompt and closes an answered one when the condition clears', () => {
    const cleared = { waitingByType: new Map() };
    expect(evaluateElastic(ctx({ ...cleared, open: new Map([['z-cash', open()]]) }))).toEqual([
      { type: 'cancel', promptId: 'e1' },
    ]);
    expect(
      evaluateElastic(ctx({ ...cleared, open: new Map([['z-cash', open({ status: 'acknowledged' })]]) })),
    ).toEqual([{ type: 'close', promptId: 'e1' }]);
    // the counter opened by the acknowledgement fills the zone: the chain closes
    const full = new Map([
      ['s4', 'p-cash'],
      ['s1', 'p-cash'],
      ['s2', 'p-cash'],
    ]);
    expect(
      evaluateElastic(ctx({ presence: full, open: new Map([['z-cash', open({ status: 'acknowledged' })]]) })),
    ).toEqual([{ type: 'close', promptId: 'e1' }]);
    // a zone gone since: closed
    expect(evaluateElastic(ctx({ zones: [], open: new Map([['z-cash', open()]]) }))).toEqual([
      { type: 'cancel', promptId: 'e1' },
    ]);
  });
});
