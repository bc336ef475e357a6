import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, screenshot, type Login, signedIn } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet } from './factories';
import { dropdownClosed, scrollSettled } from './helpers';

type Mode = 'fixed' | 'rotating';
interface Recommendation {
  weekday: number;
  source: 'history' | 'default';
  slots: { start: string; better: Mode }[];
  suggestedDay: Mode[];
}
interface Rule {
  id: string;
  postId: string;
  backups: { staffId?: string; role?: string }[];
  triggers: { postEmpty?: boolean; queueLength?: number; oldestWaitMinutes?: number };
}

/** Minutes since midnight in Asia/Shanghai: the events posted stay within today. */
function minutesIntoShanghaiDay(now: number): number {
  const d = new Date(now + 8 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** Picks an option of an antd Select found by test id. */
async function pick(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

describe('lobby set-up: mode plan with recommend, backfill rules, machine tokens, replay', () => {
  const baseUrl = inject('baseUrl');
  const run = Date.now().toString(36);
  let browser: Browser;
  let own: OwnOutlet;
  let outletId: string;
  let headUser: Awaited<ReturnType<typeof makeUser>>;
  let head: Api;
  /** the page of the test that runs: a fresh context signed in as the outlet head */
  let page: Page;

  const ticketEvents = (token: string, events: unknown[]) =>
    fetch(`${baseUrl}/api/v1/outlets/${outletId}/ticket-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });

  /** A backfill rule through the API: the super counter backed by the teller. */
  async function addRule() {
    const { rules } = await head.get<{ rules: Rule[] }>(`/outlets/${outletId}/backfill-rules`);
    const post = own.posts.find((p) => p.kind === 'super_counter')!;
    await head.put(`/outlets/${outletId}/backfill-rules`, {
      rules: [
        ...rules,
        { postId: post.id, backups: [{ staffId: own.staff[1]!.id }], triggers: { postEmpty: true } },
      ],
    });
  }

  const signIn = async (user: Login, viewport?: { width: number; height: number }) =>
    (await signedIn(browser, baseUrl, user, { viewport })).page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, '大堂设置测试支行');
    outletId = own.outlet.id;
    headUser = await makeUser(baseUrl, admin, 'outlet_head', outletId);
    head = await apiSession(baseUrl, headUser.username, headUser.password);
  });
  beforeEach(async () => {
    page = await signIn(headUser);
  });
  afterEach(async () => {
    await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('paints the grid, recommends a weekday, applies the edited suggestion and saves it', async () => {
    const before = await head.get<{ days: Mode[][] }>(`/outlets/${outletId}/mode-plan`);
    await page.goto(`/lobby/${outletId}/plan`);
    await page.getByTestId('plan-grid').waitFor();
    await screenshot(page, 'ls01-mode-plan');

    // Click toggles Monday 10:00; Shift+click paints 10:00–11:59 with that mode.
    const cell = page.getByTestId('plan-cell-0-20');
    const was = (await cell.getAttribute('data-mode')) as Mode;
    const painted: Mode = was === 'fixed' ? 'rotating' : 'fixed';
    await cell.click();
    await expect(cell.getAttribute('data-mode')).resolves.toBe(painted);
    await page.keyboard.down('Shift');
    await page.getByTestId('plan-cell-0-23').click();
    await page.keyboard.up('Shift');
    for (const s of [21, 22, 23])
      await expect(page.getByTestId(`plan-cell-0-${s}`).getAttribute('data-mode')).resolves.toBe(painted);
    await page.getByTestId('plan-dirty').waitFor();

    // Recommend Wednesday.
    await pick(page, 'rec-weekday', '周三');
    const response = page.waitForResponse((r) => r.url().includes('/mode-plan/recommend'), {
      timeout: 90_000,
    });
    // The answer is held until the button has shown it is busy: a fast answer would end that state
    // before a look at it, and the test would race the server.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/mode-plan/recommend', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('rec-run').click();
    await page.locator('[data-testid="rec-run"]:disabled').waitFor();
    release();
    const rec = (await (await response).json()) as Recommendation;
    await page.unroute('**/mode-plan/recommend');
    expect(rec.weekday).toBe(2);
    expect(rec.suggestedDay).toHaveLength(48);
    await page.locator('[data-testid="rec-result"][data-weekday="2"]').waitFor();
    await page.locator('[data-testid="rec-chart-wait"] canvas').waitFor();
    await page.locator('[data-testid="rec-chart-level"] canvas').waitFor();
    const source = (await page.getByTestId('rec-source').textContent()) ?? '';
    expect(source).toContain(rec.source === 'history' ? '近四周的叫号记录' : '默认模型');
    expect(await page.locator('[data-testid="rec-table"] tbody tr.ant-table-row').count()).toBe(
      rec.slots.length,
    );
    // the trade-off: the crossover sentence, the weights used, the whole day's row
    expect((await page.getByTestId('rec-crossover').textContent()) ?? '').toContain('以当前人员');
    expect((await page.getByTestId('rec-objective').textContent()) ?? '').toContain('每人次走错队列');
    await page.getByTestId('rec-day').waitFor();
    await page.getByTestId('recommend-card').scrollIntoViewIfNeeded();
    await screenshot(page, 'ls02-recommend');

    // The user overrides the first half hour (09:00) before applying.
    const expected = [...rec.suggestedDay];
    const first: Mode = expected[18] === 'fixed' ? 'rotating' : 'fixed';
    expected[18] = first;
    await page
      .getByTestId('rec-choice-0')
      .getByText(first === 'fixed' ? '固定作业' : '循环补位')
      .click();
    await page.getByTestId('rec-apply').click();
    await page.getByTestId('plan-applied').waitFor();
    await expect(page.getByTestId('plan-cell-2-18').getAttribute('data-mode')).resolves.toBe(first);
    await scrollSettled(page); // the smooth scroll up to the grid
    await screenshot(page, 'ls03-plan-applied');
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-dirty').waitFor({ state: 'detached' });

    const after = await head.get<{ days: Mode[][] }>(`/outlets/${outletId}/mode-plan`);
    expect(after.days[2]).toEqual(expected);
    expect(after.days[0]?.slice(20, 24)).toEqual([painted, painted, painted, painted]);
    for (const w of [1, 3, 4, 5, 6]) expect(after.days[w]).toEqual(before.days[w]);
  });

  it('saves a backfill rule and reads it back', async () => {
    const target = own.posts.find((p) => p.kind === 'super_counter')!;
    const backup = own.staff[1]!;
    const before = (await head.get<{ rules: Rule[] }>(`/outlets/${outletId}/backfill-rules`)).rules;

    await page.goto(`/lobby/${outletId}/plan?tab=rules`);
    await page.getByTestId('backfill-rules').waitFor();
    await page.getByTestId('rule-add').click();
    const i = before.length;
    const rule = page.getByTestId(`rule-${i}`);
    await rule.waitFor();
    // Without a trigger the form refuses to save.
    await rule.getByTestId(`rule-${i}-post-empty`).click();
    await pick(page, `rule-${i}-post`, target.name);
    await pick(page, `rule-${i}-backup-0-staff`, backup.name);
    await page.getByTestId('rules-save').click();
    await rule.getByText('请至少设置一个触发条件').waitFor();
    // Queue ≥ 3 or nobody at the post; a second backup by role.
    await rule.getByTestId(`rule-${i}-post-empty`).click();
    await rule.getByTestId(`rule-${i}-queue`).fill('3');
    await rule.getByTestId(`rule-${i}-add-backup`).click();
    const second = rule.getByTestId(`rule-${i}-backup-1`);
    await second.getByText('按岗位角色').click();
    await second.locator('.ant-select').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '大堂经理' })
      .first()
      .click();
    await dropdownClosed(page);
    await screenshot(page, 'ls04-backfill-rule');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-dirty').waitFor({ state: 'detached' });

    const saved = (await head.get<{ rules: Rule[] }>(`/outlets/${outletId}/backfill-rules`)).rules;
    expect(saved).toHaveLength(before.length + 1);
    const r = saved[i];
    expect(r?.postId).toBe(target.id);
    expect(r?.triggers).toEqual({ postEmpty: true, queueLength: 3 });
    expect(r?.backups).toEqual([{ staffId: backup.id }, { role: 'lobby_manager' }]);

    // Read back into the form after a reload.
    await page.reload();
    await page.getByTestId(`rule-${i}`).waitFor();
    await expect(page.getByTestId(`rule-${i}-queue`).inputValue()).resolves.toBe('3');
    await expect(page.getByTestId(`rule-${i}`).textContent()).resolves.toContain(backup.name);
  });

  it('changes the lobby settings', async () => {
    await page.goto(`/lobby/${outletId}/plan?tab=settings`);
    await page.getByTestId('lobby-settings').waitFor();
    await page.getByTestId('settings-level').fill('85');
    await page.getByTestId('settings-timeout').fill('90');
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存').first().waitFor();
    const s = await head.get<{ serviceLevelTarget: number; promptTimeoutSeconds: number }>(
      `/outlets/${outletId}/lobby/settings`,
    );
    expect(s.serviceLevelTarget).toBeCloseTo(0.85);
    expect(s.promptTimeoutSeconds).toBe(90);
    await screenshot(page, 'ls05-lobby-settings');
  });

  it('creates a machine token shown once, and revokes it (the machine then gets 401)', async () => {
    const name = `一楼叫号机 ${run}`;
    await page.goto(`/outlets/${outletId}/machines`);
    await page.getByTestId('token-table').waitFor();
    await page.getByTestId('token-new').click();
    await page.getByTestId('token-name').fill(name);
    await page.getByTestId('token-create').click();
    const value = page.getByTestId('token-value');
    await value.waitFor();
    const token = ((await value.textContent()) ?? '').trim();
    expect(token).toMatch(/^ldm_/);
    await page.getByText('令牌只显示这一次').waitFor();
    await screenshot(page, 'ls06-token-once');
    await page.getByTestId('token-done').click();
    await value.waitFor({ state: 'detached' });
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    expect((await page.content()).includes(token)).toBe(false);
    await expect(row.textContent()).resolves.toContain(token.slice(0, 8));

    const at = new Date(Date.now() - Math.min(2, minutesIntoShanghaiDay(Date.now())) * 60_000).toISOString();
    const ok = await ticketEvents(token, [
      { eventId: `tok-${run}-1`, ticket: 'A901', businessType: 'cash', kind: 'issued', at },
    ]);
    expect(ok.status).toBe(200);
    await page.reload();
    await page.locator('tr', { hasText: name }).filter({ hasNotText: '从未使用' }).waitFor();
    await screenshot(page, 'ls07-tokens');

    await row.getByTestId('token-revoke').click();
    await page.getByTestId('token-revoke-ok').click();
    await row.getByText('已吊销').first().waitFor();
    const denied = await ticketEvents(token, [
      { eventId: `tok-${run}-2`, ticket: 'A902', businessType: 'cash', kind: 'issued', at },
    ]);
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { code: string }).code).toBe('MACHINE_TOKEN_INVALID');
  });

  it('draws the day replay after events are posted, with the log and an empty day', async () => {
    // today's log is to show a plan change and a rule change
    const plan = await head.get<{ days: Mode[][] }>(`/outlets/${outletId}/mode-plan`);
    plan.days[0]![20] = plan.days[0]![20] === 'fixed' ? 'rotating' : 'fixed';
    await head.put(`/outlets/${outletId}/mode-plan`, plan);
    await addRule();
    const { token } = await head.post<{ token: string }>(`/outlets/${outletId}/machine-tokens`, {
      name: `replay ${run}`,
    });
    const now = Date.now();
    const room = Math.max(0, minutesIntoShanghaiDay(now) - 1);
    const at = (minutesAgo: number) => new Date(now - Math.min(minutesAgo, room) * 60_000).toISOString();
    const events: unknown[] = [];
    for (let i = 0; i < 24; i++) {
      const ticket = `R${String(i).padStart(3, '0')}`;
      const issued = 90 - i * 3;
      events.push({
        eventId: `rp-${run}-${i}-i`,
        ticket,
        businessType: i % 3 ? 'cash' : 'non_cash',
        kind: 'issued',
        at: at(issued),
      });
      if (i < 16)
        events.push({
          eventId: `rp-${run}-${i}-c`,
          ticket,
          businessType: i % 3 ? 'cash' : 'non_cash',
          kind: 'called',
          counter: '1',
          at: at(issued - 4 - (i % 5)),
        });
    }
    const res = await ticketEvents(token, events);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rejected: number }).rejected).toBe(0);

    await page.goto(`/lobby/${outletId}/replay`);
    await page.locator('[data-testid="replay-chart"] canvas').waitFor();
    await page.getByText('到达客户').waitFor();
    const stat = page.locator('.ant-statistic', { hasText: '到达客户' });
    const arrivals = Number(
      ((await stat.locator('.ant-statistic-content').textContent()) ?? '0').replace(/\D/g, ''),
    );
    expect(arrivals).toBeGreaterThanOrEqual(24);
    // Today's log has the plan and rule changes.
    const log = page.getByTestId('lobby-log');
    await log.getByText('计划变更').first().waitFor();
    await log.getByText('规则变更').first().waitFor();
    await screenshot(page, 'ls08-replay');

    await page.getByTestId('log-kind').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '计划变更' })
      .click();
    await page.waitForURL(/kind=plan_changed/);
    await log.getByText('规则变更').first().waitFor({ state: 'detached' });
    await log.getByText('计划变更').first().waitFor();

    await page.goto(`/lobby/${outletId}/replay?date=2026-01-05&step=1`);
    await page.getByTestId('replay-empty').waitFor();
    await screenshot(page, 'ls09-replay-empty');
  });

  it('is readable in English and on a portrait tablet; the lobby manager sees the plan read-only', async () => {
    await addRule();
    await head.post(`/outlets/${outletId}/machine-tokens`, { name: `二楼叫号机 ${run}` });
    const admin = await apiSession(baseUrl, 'admin');
    const lobbyUser = await makeUser(baseUrl, admin, 'lobby_manager', outletId);
    await page.goto(`/lobby/${outletId}/plan`);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await page.getByTestId('plan-grid').waitFor();
    await page.getByTestId('rec-run').filter({ hasText: 'Run' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'ls10-mode-plan-en');
    await page.goto(`/lobby/${outletId}/replay`);
    await page.locator('[data-testid="replay-chart"] canvas').waitFor();
    await screenshot(page, 'ls11-replay-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await page.getByText('到达客户').waitFor();

    const p = await signIn(lobbyUser, { width: 800, height: 1280 });
    await p.goto(`/lobby/${outletId}/plan`);
    await p.getByTestId('plan-grid').waitFor();
    await p.getByText('您可以查看，但只有网点负责人').first().waitFor();
    await expect(p.getByTestId('plan-save').count()).resolves.toBe(0);
    await expect(p.getByTestId('plan-cell-0-20').isDisabled()).resolves.toBe(true);
    await expect(p.getByTestId('rec-run').isEnabled()).resolves.toBe(true);
    await screenshot(p, 'ls12-mode-plan-portrait');
    await p.goto(`/lobby/${outletId}/replay`);
    await p.locator('[data-testid="replay-chart"] canvas').waitFor();
    await screenshot(p, 'ls13-replay-portrait');
    await p.goto(`/outlets/${outletId}/machines`);
    await p.getByTestId('tokens-no-access').waitFor();
    await p.context().close();

    const h = await signIn(headUser, { width: 800, height: 1280 });
    await h.goto(`/outlets/${outletId}/machines`);
    await h.locator('[data-testid="token-table"] tr.ant-table-row').first().waitFor();
    await screenshot(h, 'ls14-tokens-portrait');
    await h.goto(`/lobby/${outletId}/plan?tab=rules`);
    await h.getByTestId('rule-0').waitFor();
    await screenshot(h, 'ls15-rules-portrait');
    await h.context().close();
  });
});
