import { addDays, beijingDate, fromBeijingWallClock } from '@liangdian/engine/time';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, screenshot, signedIn } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet } from './factories';
import { pickOption } from './helpers';

/**
 * Every date and time a user enters is read as Beijing time, and every one shown is Beijing time,
 * whatever zone the browser is in: a clerk's laptop left on UTC, a consultant abroad. Each zone
 * below is one the bank has met; Kolkata's half-hour offset catches arithmetic in whole hours.
 * (The whole E2E run can also be made in another zone: `E2E_TIMEZONE=UTC npm run test:e2e`.)
 */
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata'] as const;

describe.each(ZONES)('Beijing time from a browser in %s', (zone) => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let admin: Api;
  let own: OwnOutlet;
  let head: { username: string; password: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, '时区测试支行');
    head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function inZone(): Promise<Page> {
    const { page } = await signedIn(browser, baseUrl, head, {
      viewport: { width: 1366, height: 768 },
      timezoneId: zone,
    });
    // (Chromium names Kolkata by its old name)
    const own = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect([zone, 'Asia/Calcutta']).toContain(own);
    return page;
  }

  it('registers a complaint received "07:32" as 07:32 Beijing time and shows it so', async () => {
    const page = await inZone();
    const yesterday = addDays(beijingDate(Date.now()), -1);
    await page.goto('/complaints');
    await page.getByTestId('new-complaint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-form').waitFor();
    const receivedAt = dialog.locator('input#receivedAt');
    // the default is now on the Beijing clock, not the browser's
    const [day = '', time = ''] = (await receivedAt.inputValue()).split(' ');
    expect(Math.abs(Date.parse(fromBeijingWallClock(day, time)) - Date.now())).toBeLessThan(3 * 60_000);
    await receivedAt.click();
    await receivedAt.fill(`${yesterday} 07:32`);
    await receivedAt.press('Enter');
    await pickOption(page, '业务类别', '借记卡');
    await pickOption(page, '投诉原因', '服务态度及服务质量');
    await dialog.getByTestId('complainant-name').fill('时区测试');
    await dialog.getByTestId('complaint-claim').fill(`${zone} 浏览器登记`);
    await dialog.getByTestId('complaint-form-submit').click();
    await page.waitForURL(/\/complaints\/[^/]+$/);

    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await admin.get<{ receivedAt: string; receivedOn: string; no: string }>(
      `/complaints/${id}`,
    );
    expect(saved.receivedAt).toBe(new Date(`${yesterday}T07:32:00+08:00`).toISOString());
    expect(saved.receivedOn).toBe(yesterday);
    const shown = yesterday.replaceAll('-', '/'); // zh-CN writes dates 2026/12/02
    await page.getByText(`${shown} 07:32`).first().waitFor();
    // the register lists it on its Beijing day
    await page.goto(`/complaints?q=${encodeURIComponent(saved.no)}`);
    const row = page.locator('.ant-table-row', { hasText: saved.no });
    await expect(row.textContent()).resolves.toContain(shown);
    await screenshot(page, `tz-complaint-${zone.replace('/', '-')}`);
    await page.context().close();
  });

  it("opens the day replay on Beijing's today when the browser's own date is still yesterday", async () => {
    // 01:30 in Beijing on the day before today: in every zone above the browser's calendar still
    // shows the day before that (UTC 17:30, New York 12:30, Kolkata 23:00)
    const beijingDay = addDays(beijingDate(Date.now()), -1);
    const instant = new Date(`${beijingDay}T01:30:00+08:00`);
    const page = await inZone();
    await page.clock.setFixedTime(instant);
    const browserDay = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(browserDay).toBe(addDays(beijingDay, -1));

    const replay = page.waitForRequest((r) => r.url().includes('/lobby/replay'));
    await page.goto(`/lobby/${own.outlet.id}/replay`);
    await page.getByTestId('replay-date').waitFor();
    // the page asks for Beijing's day and shows it
    expect(new URL((await replay).url()).searchParams.get('date')).toBe(beijingDay);
    const picker = page.getByTestId('replay-date').locator('xpath=self::input | .//input').first();
    await expect(picker.inputValue()).resolves.toBe(beijingDay);
    await page.context().close();
  });
});
