import { addDays, beijingDate } from '@liangdian/engine/time';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { makeComplaint, makeOutlet, makeUser } from './factories';

/**
 * Reminders that fire when the date moves: the server runs with TEST_CLOCK=true (global-setup.ts),
 * so an admin can set its injected date (PUT /api/v1/test/clock), which also runs the reminders'
 * tick. A complaint due in 5 days is not in its outlet head's bell; three days on (2 days left) it
 * is. The date is put back to the wall clock afterwards.
 */
const BACK_OFFICE = { width: 1366, height: 768 };
const DAY_MS = 86_400_000;

describe('complaint reminders follow the injected date', () => {
  let browser: Browser;
  let baseUrl: string;
  let head: { username: string; password: string };
  let complaint: { id: string; no: string; deadline: { daysLeft: number | null } };
  const today = beijingDate(Date.now());

  /** Sets the server's date (a new admin session each time: a jump of days ends the old ones). */
  const setClock = async (at: string | null) => {
    const admin = await apiSession(baseUrl, 'admin');
    return admin.put<{ now: string; reminders: { scope: string | null; created: number } }>('/test/clock', {
      at,
    });
  };
  const openBell = async (page: Page) => {
    await page.getByTestId('notifications-bell').click();
    const panel = page.getByTestId('notifications-panel');
    await panel.waitFor();
    await panel.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return panel;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const own = await makeOutlet(admin, '提醒测试支行');
    head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id, { displayName: '提醒测试行长' });
    // received ten days ago: the 15-day deadline is 5 days away
    complaint = await makeComplaint(admin, own.outlet.id, {
      receivedAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
    });
  });

  afterAll(async () => {
    await setClock(null).catch(() => undefined);
    await browser?.close();
  });

  it('shows nothing for a case due in 5 days, and the reminder once the date moves 3 days', async () => {
    expect(complaint.deadline.daysLeft).toBe(5);
    // this morning, after 08:00 Beijing: the morning's reminders have run
    const morning = await setClock(`${today}T09:00:00+08:00`);
    expect(beijingDate(morning.now)).toBe(today);

    const context = await newContext(browser, baseUrl, BACK_OFFICE);
    const page = await context.newPage();
    await login(page, head.username, head.password);
    const before = await openBell(page);
    await expect.poll(() => before.textContent()).toContain('暂无通知');
    expect(await before.textContent()).not.toContain(complaint.no);

    // three days on, 09:00: two days left, the morning's run tells the outlet head
    const later = await setClock(`${addDays(today, 3)}T09:00:00+08:00`);
    expect(later.reminders.scope).toBe('window');
    expect(later.reminders.created).toBeGreaterThan(0);
    await login(page, head.username, head.password); // the jump ended the session
    const after = await openBell(page);
    const item = after.getByTestId('notification-text').filter({ hasText: complaint.no });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toBe(`投诉 ${complaint.no} 剩 2 天到期`);
    expect(await page.getByTestId('notifications-bell').locator('.ant-badge-count').textContent()).toBe('1');
    await screenshot(page, 'complaint-reminders-bell');
    await context.close();
  });
});
