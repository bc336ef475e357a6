import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';

/** The mode plan page's calibration tab on the demo outlet LSW (its ten weeks of demo tickets). */
describe('calibration and backtest on the mode plan page', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let outletId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    const { items } = await admin.get<{ items: { id: string; code: string }[] }>('/outlets?q=LSW');
    outletId = items.find((o) => o.code === 'LSW')!.id;
  });
  afterAll(() => browser?.close());

  it('shows the backtest against the goal and the fitted inputs, in Chinese', {
    timeout: 90_000,
  }, async () => {
    const ctx = await newContext(browser, baseUrl, { width: 1366, height: 1400 });
    const page = await ctx.newPage();
    await login(page, 'lobby.lsw');
    await page.goto(`/lobby/${outletId}/plan?tab=calibration`);
    await page.getByTestId('calibration').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('tab', { name: '校准与回测' }).isVisible()).toBe(true);
    expect(await page.getByTestId('calib-overall').textContent()).toContain('平均等候');
    expect(await page.getByTestId('calib-table').locator('tbody tr').count()).toBeGreaterThan(10);
    for (const id of [
      'calib-chart-backtest',
      'calib-chart-arrivals',
      'calib-chart-patience',
      'calib-chart-counters',
    ])
      expect(await page.getByTestId(id).isVisible()).toBe(true);
    await screenshot(page, 'lobby-calibration-1366');
    await ctx.close();
  });
});
