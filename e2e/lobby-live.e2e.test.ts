import { beijingWallClock } from '@liangdian/engine/time';
import type { LobbyView, Post, Staff } from '@liangdian/shared/api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { type Api, makeOutlet, makeUser } from './factories';
import { cjk } from './helpers';

interface TicketEvent {
  eventId: string;
  ticket: string;
  businessType: string;
  kind: string;
  at: string;
  counter?: string;
  staffId?: string;
}

/** Minutes since midnight in Asia/Shanghai: events of the scene stay within today. */
const minutesIntoShanghaiDay = (now: number): number => beijingWallClock(now).minuteOfDay;

describe('the live lobby: big-screen board and tablet view', () => {
  const baseUrl = inject('baseUrl');
  const run = Date.now().toString(36);
  let browser: Browser;
  let head: Api;
  /** the people of the test's own outlet (no other spec touches its board) */
  let users: Record<'head' | 'lobby' | 'staff', { username: string; password: string }>;
  let outletId: string;
  let token: string;
  let posts: Post[];
  let staff: Staff[];
  let boardContext: BrowserContext;
  let board: Page;
  let tabletContext: BrowserContext;
  let tablet: Page;
  let seq = 0;

  const send = async (events: TicketEvent[]) => {
    const res = await fetch(`${baseUrl}/api/v1/outlets/${outletId}/ticket-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { accepted: number; rejected: number; results: unknown[] };
    expect(result.rejected, JSON.stringify(result.results)).toBe(0);
    return result;
  };
  const event = (ticket: string, businessType: string, kind: string, minutesAgo: number, extra = {}) => {
    const now = Date.now();
    const room = Math.max(0, minutesIntoShanghaiDay(now) - 1);
    return {
      eventId: `e2e-${run}-${++seq}`,
      ticket,
      businessType,
      kind,
      at: new Date(now - Math.min(minutesAgo, room) * 60_000).toISOString(),
      ...extra,
    };
  };
  const post = (kind: string) => {
    const p = posts.find((x) => x.kind === kind && x.active);
    if (!p) throw new Error(`no ${kind} post at the test's outlet`);
    return p;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    const own = await makeOutlet(admin, '量点测试支行');
    outletId = own.outlet.id;
    // four tellers serve the counters of the scene; a lobby service manager is the backup
    for (const [no, name, roles] of [
      ['4', '赵柜员', ['teller']],
      ['5', '钱柜员', ['teller']],
      ['6', '孙柜员', ['teller']],
      ['7', '周客服', ['lobby_service_manager']],
    ] as const)
      await admin.post(`/outlets/${outletId}/staff`, {
        employeeNo: `${own.outlet.code}${no}`,
        name,
        roles,
        skills: [],
      });
    users = {
      head: await makeUser(baseUrl, admin, 'outlet_head', outletId),
      lobby: await makeUser(baseUrl, admin, 'lobby_manager', outletId),
      staff: await makeUser(baseUrl, admin, 'staff', outletId),
    };
    head = await apiSession(baseUrl, users.head.username, users.head.password);
    token = (
      await head.post<{ token: string }>(`/outlets/${outletId}/machine-tokens`, { name: `E2E ${run}` })
    ).token;
    posts = (await head.get<{ items: Post[] }>(`/outlets/${outletId}/posts`)).items;
    staff = (await head.get<{ items: Staff[] }>(`/outlets/${outletId}/staff?active=true&pageSize=200`)).items;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a ticket issued by the machine on the board within one second', async () => {
    boardContext = await newContext(browser, baseUrl, { width: 1920, height: 1080 });
    board = await boardContext.newPage();
    await login(board, users.head.username, users.head.password);
    await board.goto(`/board/${outletId}`);
    await board.locator('[data-testid="board-connection"][data-connected="true"]').waitFor();
    await board.getByTestId('board-arrivals').waitFor();
    const before = Number(await board.getByTestId('board-arrivals').textContent());
    if (before === 0) {
      // a fresh demo outlet: the board before the day's first ticket
      await board.getByTestId('board-queues-empty').waitFor();
      await screenshot(board, 'lobby-board-empty');
    }

    // a function, not a string: the page's CSP refuses eval, which a string predicate needs as
    // soon as its first check fails (this project compiles without the DOM library, hence the cast)
    const shown = board.waitForFunction(
      (expected) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }
        ).document.querySelector('[data-testid="board-arrivals"]')?.textContent === expected,
      String(before + 1),
      { polling: 'raf', timeout: 5000 },
    );
    const result = await send([event(`A${run.slice(-3)}`, 'cash', 'issued', 0)]);
    const answered = performance.now();
    expect(result.accepted).toBe(1);
    await shown;
    const elapsed = performance.now() - answered;
    console.log(`[lobby-live] board updated ${elapsed.toFixed(0)} ms after the POST answered`);
    expect(elapsed).toBeLessThan(1000);
    await board.getByTestId('board-queue-cash').waitFor();
  });

  it('fills the board with a morning and fits 1920×1080 and 1280×720', async () => {
    const [s1, s2, s3, s4] = staff.filter((s) => s.roles.includes('teller'));
    await send([
      // served
      event('A001', 'cash', 'issued', 40),
      event('A001', 'cash', 'called', 34, { counter: '01', staffId: s1?.id }),
      event('A001', 'cash', 'ended', 28, { counter: '01', staffId: s1?.id }),
      event('B001', 'non_cash', 'issued', 38),
      event('B001', 'non_cash', 'called', 22, { counter: '03', staffId: s3?.id }),
      event('B001', 'non_cash', 'ended', 12, { counter: '03', staffId: s3?.id }),
      // serving now
      event('A002', 'cash', 'issued', 20),
      event('A002', 'cash', 'called', 9, { counter: '01', staffId: s1?.id }),
      event('A002', 'cash', 'serving', 8, { counter: '01', staffId: s1?.id }),
      event('B002', 'non_cash', 'issued', 16),
      event('B002', 'non_cash', 'called', 5, { counter: '03', staffId: s3?.id }),
      event('B002', 'non_cash', 'serving', 4, { counter: '03', staffId: s3?.id }),
      event('V001', 'wealth', 'issued', 14),
      event('V001', 'wealth', 'serving', 6, { counter: 'VIP', staffId: s2?.id }),
      event('A003', 'pension', 'issued', 12),
      event('A003', 'pension', 'called', 1, { counter: '02', staffId: s4?.id }),
      // left, no-show
      event('A004', 'cash', 'issued', 30),
      event('A004', 'cash', 'abandoned', 10),
      event('B003', 'non_cash', 'issued', 25),
      event('B003', 'non_cash', 'no_show', 7, { counter: '03' }),
      // waiting
      event('A005', 'cash', 'issued', 13),
      event('A006', 'cash', 'issued', 6),
      event('B004', 'non_cash', 'issued', 11),
      event('S001', 'super_counter', 'issued', 12),
      event('S002', 'super_counter', 'issued', 4),
      event('S003', 'super_counter', 'issued', 2),
      event('L001', 'loan', 'issued', 3),
    ]);
    await head.post(`/outlets/${outletId}/lobby/check-in`, { staffId: s1?.id, postId: post('zone').id });
    await board.getByTestId('board-counter-VIP').waitFor();
    await board.getByTestId('board-queue-super_counter').waitFor();
    // nothing may overflow the screen: the board never scrolls
    const overflow = (await board.evaluate(
      `(() => { const el = document.querySelector('[data-testid="lobby-board"]');
        return { sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth }; })()`,
    )) as { sh: number; ch: number; sw: number; cw: number };
    expect(overflow.sh).toBeLessThanOrEqual(overflow.ch);
    expect(overflow.sw).toBeLessThanOrEqual(overflow.cw);
    await screenshot(board, 'lobby-board-1920x1080');
    await board.setViewportSize({ width: 1280, height: 720 });
    await board.getByTestId('board-counter-VIP').waitFor();
    await screenshot(board, 'lobby-board-1280x720');
    await board.setViewportSize({ width: 1920, height: 1080 });
  });

  it('says so when the server refuses the stream, and comes back by itself', async () => {
    // (offline emulation does not cut an open stream: make the server's answer fail instead)
    await board.route('**/lobby/stream', (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"code":"UNAVAILABLE"}' }),
    );
    await board.reload();
    // the figures come from the plain GET the page asks after the refused stream ...
    await board.getByTestId('board-arrivals').waitFor();
    await expect(board.getByTestId('board-connection').getAttribute('data-connected')).resolves.toBe('false');
    await expect(board.getByTestId('board-connection').textContent()).resolves.toContain('正在重连');
    await screenshot(board, 'lobby-board-reconnecting');
    // ... and the stream is opened again, with a growing delay, until it works
    await board.unroute('**/lobby/stream');
    await board
      .locator('[data-testid="board-connection"][data-connected="true"]')
      .waitFor({ timeout: 20_000 });
  });

  it('prompts a backup on the tablet; acknowledging checks them in at the post', async () => {
    const superCounter = post('super_counter');
    const welcome = post('welcome');
    const backup = staff.find((s) => s.roles.includes('lobby_service_manager')) ?? staff[1]!;
    // the post is empty (check out whoever is there), the backup is at the welcome post
    const now = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    for (const p of now.presence.filter((x) => x.postId === superCounter.id))
      await head.post(`/outlets/${outletId}/lobby/check-out`, {
        staffId: p.staffId,
        postId: superCounter.id,
      });
    await head.post(`/outlets/${outletId}/lobby/check-in`, { staffId: backup.id, postId: welcome.id });
    // three customers wait for the super-counters (the scene above): a queue of 1 fires the rule
    await head.put(`/outlets/${outletId}/backfill-rules`, {
      rules: [{ postId: superCounter.id, backups: [{ staffId: backup.id }], triggers: { queueLength: 1 } }],
    });
    const view = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    const prompt = view.prompts.find((p) => p.staffId === backup.id && p.status === 'pending');
    expect(prompt, JSON.stringify(view.prompts)).toBeTruthy();

    tabletContext = await newContext(browser, baseUrl, { width: 1280, height: 800 });
    tablet = await tabletContext.newPage();
    await login(tablet, users.lobby.username, users.lobby.password);
    await tablet.goto(`/lobby/${outletId}`);
    const card = tablet.locator(`[data-testid="tablet-prompt"][data-prompt-id="${prompt!.id}"]`);
    await card.waitFor();
    await expect(card.getByTestId('tablet-prompt-text').textContent()).resolves.toContain(backup.name);
    await expect(card.getByTestId('tablet-prompt-text').textContent()).resolves.toContain(superCounter.name);
    await board.getByTestId('board-prompt').filter({ hasText: backup.name }).waitFor();
    await screenshot(board, 'lobby-board-prompt');
    await screenshot(tablet, 'lobby-tablet-landscape');

    await card.getByTestId('prompt-ack').click();
    await card.waitFor({ state: 'detached' });

    // the server recorded the answer, and the person is at the post
    const log = await head.get<{ items: { kind: string; data: { promptId?: string; answer?: string } }[] }>(
      `/outlets/${outletId}/lobby/log?kind=prompt_ack`,
    );
    expect(log.items.some((l) => l.data.promptId === prompt!.id && l.data.answer === 'ack')).toBe(true);
    const after = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    expect(after.prompts.find((p) => p.id === prompt!.id)?.status).toBe('acknowledged');
    expect(after.presence.find((p) => p.staffId === backup.id)?.postId).toBe(superCounter.id);
    await tablet.getByTestId(`tablet-post-${superCounter.id}`).filter({ hasText: backup.name }).waitFor();
    await board.getByTestId(`board-post-${superCounter.id}`).filter({ hasText: backup.name }).waitFor();
    await screenshot(tablet, 'lobby-tablet-after-ack');
  });

  it('checks a person in and out of a post with one tap each', async () => {
    const welcome = post('welcome');
    const person = staff.find((s) => s.roles.includes('wealth_manager')) ?? staff[2]!;
    const card = tablet.getByTestId(`tablet-post-${welcome.id}`);
    await card.getByTestId('check-in').click();
    const dialog = tablet.getByRole('dialog');
    await dialog.getByTestId(`check-in-${person.employeeNo}`).waitFor();
    await screenshot(tablet, 'lobby-tablet-check-in');
    await dialog.getByTestId(`check-in-${person.employeeNo}`).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByTestId('tablet-person').filter({ hasText: person.name }).waitFor();
    await board.getByTestId(`board-post-${welcome.id}`).filter({ hasText: person.name }).waitFor();
    let view = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    expect(view.presence.find((p) => p.staffId === person.id)?.postId).toBe(welcome.id);

    await card.getByTestId('tablet-person').filter({ hasText: person.name }).getByTestId('check-out').click();
    await card.getByTestId('tablet-person').filter({ hasText: person.name }).waitFor({ state: 'detached' });
    view = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    expect(view.presence.some((p) => p.staffId === person.id)).toBe(false);
  });

  it('overrides the mode from the tablet with a reason, and goes back to the plan', async () => {
    const before = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    const target = before.mode.mode === 'fixed' ? 'rotating' : 'fixed';
    const reason = `E2E 午间客流高峰 ${run}`;
    await tablet.getByTestId('mode-switch').click();
    const dialog = tablet.getByRole('dialog');
    // a reason is required
    await dialog.getByTestId('mode-submit').click();
    await dialog.locator('.ant-form-item-has-error').waitFor();
    await dialog.getByTestId('mode-reason').fill(reason);
    await screenshot(tablet, 'lobby-tablet-override');
    await dialog.getByTestId('mode-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await tablet.getByTestId('tablet-mode-override').waitFor();
    await expect(tablet.getByTestId('tablet-mode-reason').textContent()).resolves.toContain(reason);
    await board.getByTestId('board-mode-override').waitFor();
    const view = await head.get<LobbyView>(`/outlets/${outletId}/lobby`);
    expect(view.mode).toMatchObject({ mode: target, source: 'override', reason });

    await tablet.setViewportSize({ width: 800, height: 1280 });
    await tablet.getByTestId('tablet-mode').scrollIntoViewIfNeeded();
    await screenshot(tablet, 'lobby-tablet-portrait');
    await tablet.setViewportSize({ width: 1280, height: 800 });

    await tablet.getByTestId('mode-back').click();
    await dialog.getByTestId('mode-reason').fill('E2E 高峰已过');
    await dialog.getByRole('button', { name: cjk('确定') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await tablet.getByTestId('tablet-mode-override').waitFor({ state: 'detached' });
    await board.getByTestId('board-mode-override').waitFor({ state: 'detached' });
    expect((await head.get<LobbyView>(`/outlets/${outletId}/lobby`)).mode.source).toBe('plan');
  });

  it('shows staff the tablet view in English without the lobby manager’s buttons', async () => {
    const context = await newContext(browser, baseUrl, { width: 1280, height: 800 });
    const page = await context.newPage();
    await login(page, users.staff.username, users.staff.password);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await page.goto(`/lobby/${outletId}`);
    await page.getByText('Posts and check-ins').waitFor();
    await page.getByTestId('tablet-queue').waitFor();
    await expect(page.getByTestId('check-in').count()).resolves.toBe(0);
    await expect(page.getByTestId('mode-switch').count()).resolves.toBe(0);
    await screenshot(page, 'lobby-tablet-en');
    await page.goto(`/board/${outletId}`);
    await page.locator('[data-testid="board-connection"][data-connected="true"]').waitFor();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByText('Waiting by business').waitFor();
    await screenshot(page, 'lobby-board-en');
    await context.close();
  });
});
