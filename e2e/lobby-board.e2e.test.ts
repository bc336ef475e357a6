import type { LobbyView, Staff } from '@liangdian/shared/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet } from './factories';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/**
 * The hall board's "now serving" table and its calls, and the tablet at 1024×768, on an outlet of
 * the test's own: twelve tickets at twelve counters, more than a 1920×1080 board can list.
 */
describe('the hall board: every row it claims, counters by name, calls announced; the tablet above the fold', () => {
  const baseUrl = inject('baseUrl');
  const run = Date.now().toString(36);
  let browser: Browser;
  let own: OwnOutlet;
  let head: Api;
  let users: Record<'head' | 'lobby', { username: string; password: string }>;
  let token: string;
  let board: Page;
  let seq = 0;
  const SERVING = 12;

  const send = async (events: object[]) => {
    const res = await fetch(`${baseUrl}/api/v1/outlets/${own.outlet.id}/ticket-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { rejected: number; results: unknown[] };
    expect(out.rejected, JSON.stringify(out.results)).toBe(0);
  };
  /** an event `secondsAgo` back (a few seconds: the scene stays within today) */
  const ev = (ticket: string, businessType: string, kind: string, secondsAgo: number, extra = {}) => ({
    eventId: `e2e-board-${run}-${++seq}`,
    ticket,
    businessType,
    kind,
    at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    ...extra,
  });

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, '叫号屏测试支行');
    users = {
      head: await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id),
      lobby: await makeUser(baseUrl, admin, 'lobby_manager', own.outlet.id),
    };
    head = await apiSession(baseUrl, users.head.username, users.head.password);
    token = (
      await head.post<{ token: string }>(`/outlets/${own.outlet.id}/machine-tokens`, {
        name: `E2E board ${run}`,
      })
    ).token;
    // twelve tickets called at counters 1–12, three customers waiting
    const types = ['cash', 'non_cash', 'wealth', 'pension'];
    const scene: object[] = [];
    for (let i = 1; i <= SERVING; i++) {
      const ticket = `A${String(i).padStart(3, '0')}`;
      const type = types[i % types.length]!;
      scene.push(ev(ticket, type, 'issued', 200 - i));
      scene.push(ev(ticket, type, 'called', 100 - i, { counter: String(i) }));
      if (i % 2) scene.push(ev(ticket, type, 'serving', 90 - i, { counter: String(i) }));
    }
    for (const t of ['B001', 'B002', 'B003']) scene.push(ev(t, 'cash', 'issued', 30));
    await send(scene);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists at 1920×1080 only rows wholly inside the panel, with headers, and counts the rest', async () => {
    const context = await newContext(browser, baseUrl, { width: 1920, height: 1080 });
    board = await context.newPage();
    await login(board, users.head.username, users.head.password);
    await board.goto(`/board/${own.outlet.id}`);
    await board.locator('[data-testid="board-connection"][data-connected="true"]').waitFor();
    const panel = board.getByTestId('board-serving');
    await panel.locator('tbody tr').first().waitFor();
    // the browser may refuse sound before a tap: then the board asks for one
    const unlock = board.getByTestId('board-unlock');
    if (await unlock.isVisible()) {
      await expect(unlock.textContent()).resolves.toContain('点击开启语音叫号');
      await screenshot(board, 'lobby-board-unlock');
      await board.getByTestId('board-unlock-button').click();
      await unlock.waitFor({ state: 'detached' });
    }

    await expect(panel.locator('th').allTextContents()).resolves.toEqual([
      '票号',
      '窗口',
      '业务',
      '柜员',
      '叫号时间',
    ]);
    const view = await head.get<LobbyView>(`/outlets/${own.outlet.id}/lobby`);
    expect(view.countersServing).toHaveLength(SERVING);
    const rows = panel.locator('tbody tr');
    const shown = await rows.count();
    const panelBox = (await panel.boundingBox())!;
    for (let i = 0; i < shown; i++) {
      const box = (await rows.nth(i).boundingBox())!;
      expect(
        inside(box, panelBox),
        `row ${i + 1} ${JSON.stringify(box)} in ${JSON.stringify(panelBox)}`,
      ).toBe(true);
    }
    // no cell cut short (business names of up to five characters, staff names of three)
    const cut = (await board.evaluate(
      `[...document.querySelectorAll('[data-testid="board-serving"] :is(th, td)')]
        .filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent)`,
    )) as string[];
    expect(cut).toEqual([]);
    // what does not fit is counted, and only that
    const more = board.getByTestId('board-serving-more');
    if (shown < SERVING) {
      await expect(more.textContent()).resolves.toBe(`另有 ${SERVING - shown} 项`);
      expect(inside((await more.boundingBox())!, panelBox)).toBe(true);
    } else await expect(more.count()).resolves.toBe(0);
    expect(shown).toBeGreaterThanOrEqual(6);
    // counters by their names, each once
    const counters = await panel.locator('tbody td.lb-counter').allTextContents();
    expect(new Set(counters).size).toBe(counters.length);
    expect(counters.every((c) => /^\d+ 号窗口$/.test(c))).toBe(true);
    // the newest first
    const newest = [...view.countersServing].sort((a, b) => Date.parse(b.since) - Date.parse(a.since))[0]!;
    await expect(rows.first().getAttribute('data-ticket')).resolves.toBe(newest.ticket);
    // nothing scrolls
    const overflow = (await board.evaluate(
      `(() => { const el = document.querySelector('[data-testid="lobby-board"]');
        return { sh: el.scrollHeight, ch: el.clientHeight }; })()`,
    )) as { sh: number; ch: number };
    expect(overflow.sh).toBeLessThanOrEqual(overflow.ch);
    await screenshot(board, 'lobby-board-serving-1920x1080');

    // at 1280×720 the same holds
    await board.setViewportSize({ width: 1280, height: 720 });
    await board.waitForTimeout(300);
    const small = (await panel.boundingBox())!;
    const shownSmall = await rows.count();
    for (let i = 0; i < shownSmall; i++) expect(inside((await rows.nth(i).boundingBox())!, small)).toBe(true);
    if (shownSmall < SERVING)
      await expect(more.textContent()).resolves.toBe(`另有 ${SERVING - shownSmall} 项`);
    await screenshot(board, 'lobby-board-serving-1280x720');
    await board.setViewportSize({ width: 1920, height: 1080 });
  });

  it('highlights a newly called ticket and calls it aloud, in Chinese', async () => {
    await send([ev('C033', 'cash', 'issued', 20), ev('C033', 'cash', 'called', 0, { counter: '13' })]);
    const row = board.locator('[data-testid="board-counter-13"][data-new="true"]');
    await row.waitFor();
    await expect(row.getAttribute('data-ticket')).resolves.toBe('C033');
    await expect(row.locator('td.lb-counter').textContent()).resolves.toBe('13 号窗口');
    // the chime, then the words (what is said is marked on the board)
    await board
      .locator('[data-testid="lobby-board"][data-last-call="请 C033 号到 13 号窗口"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    await screenshot(board, 'lobby-board-new-call');
  });

  it('switches the voice calls off and remembers it on this screen', async () => {
    const toggle = board.getByTestId('board-announce-toggle');
    await expect(toggle.textContent()).resolves.toBe('语音叫号：开');
    await toggle.click();
    await expect(toggle.textContent()).resolves.toBe('语音叫号：关');
    await board.reload();
    await board.locator('[data-testid="board-connection"][data-connected="true"]').waitFor();
    await expect(board.getByTestId('board-announce-toggle').textContent()).resolves.toBe('语音叫号：关');
    // off: no tap asked for, and a new call is lit but not said
    await expect(board.getByTestId('board-unlock').count()).resolves.toBe(0);
    await send([ev('C034', 'cash', 'issued', 10), ev('C034', 'cash', 'called', 0, { counter: '14' })]);
    await board.locator('[data-testid="board-counter-14"][data-new="true"]').waitFor();
    await board.waitForTimeout(1500);
    await expect(board.getByTestId('lobby-board').getAttribute('data-last-call')).resolves.toBeNull();
    await board.getByTestId('board-announce-toggle').click();
    await expect(board.getByTestId('board-announce-toggle').textContent()).resolves.toBe('语音叫号：开');
  });

  it('puts the queue summary above the fold at 1024×768, and offers first who can take a post', async () => {
    const context = await newContext(browser, baseUrl, { width: 1024, height: 768 });
    const tablet = await context.newPage();
    await login(tablet, users.lobby.username, users.lobby.password);
    await tablet.goto(`/lobby/${own.outlet.id}`);
    const summary = tablet.getByTestId('tablet-queue');
    await tablet.getByTestId('tablet-queue-cash').waitFor();
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await expect(tablet.getByTestId('tablet-waiting').textContent()).resolves.toBe('3');
    await screenshot(tablet, 'lobby-tablet-1024x768');

    // the cash zone's post: the teller with the cash skill first, the wealth manager among the others
    const cashPost = own.posts.find((p) => p.kind === 'zone' && p.zoneId === own.zones[0]!.id)!;
    const teller = own.staff.find((s: Staff) => s.roles.includes('teller'))!;
    const wealth = own.staff.find((s: Staff) => s.roles.includes('wealth_manager'))!;
    await tablet.getByTestId(`tablet-post-${cashPost.id}`).getByTestId('check-in').click();
    const dialog = tablet.getByRole('dialog');
    await dialog.getByTestId('check-in-fit').getByTestId(`check-in-${teller.employeeNo}`).waitFor();
    await dialog.getByTestId('check-in-others').getByTestId(`check-in-${wealth.employeeNo}`).waitFor();
    await screenshot(tablet, 'lobby-tablet-check-in-1024x768');
    await context.close();
  });
});
