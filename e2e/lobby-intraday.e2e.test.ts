import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, demoOutletId, launchBrowser, screenshot, signedIn } from './browser';

/** 螺蛳湾支行: the lobby manager's page shows today's forecast against the live tickets. */
describe('the intraday panel on the lobby page (螺蛳湾支行)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let outletId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    outletId = await demoOutletId(baseUrl, '螺蛳湾支行');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("charts today's forecast, the tickets issued and the waits against the limit", async () => {
    const { context, page } = await signedIn(
      browser,
      baseUrl,
      { username: 'lobby.lsw', password: DEMO_PASSWORD },
      { viewport: { width: 1366, height: 900 } },
    );
    try {
      const response = page.waitForResponse((r) => r.url().includes('/lobby/intraday'), { timeout: 60_000 });
      await page.goto(`/lobby/${outletId}`);
      const answer = await response;
      expect(answer.status()).toBe(200);
      const r = (await answer.json()) as { forecastAvailable: boolean; slots: { forecast: number | null }[] };
      expect(r.forecastAvailable).toBe(true);
      expect(r.slots.length).toBeGreaterThan(0);
      const panel = page.getByTestId('lobby-intraday');
      await panel.waitFor({ timeout: 30_000 });
      expect(await panel.textContent()).toContain('今日客流跟踪');
      await page.getByTestId('intraday-chart').waitFor();
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'li01-lobby-intraday');
    } finally {
      await context.close();
    }
  });
});
