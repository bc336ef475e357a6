import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, type OutletRow, screenshot } from './browser';
import { makeOutlet, makeUser } from './factories';

interface Forecast {
  used: 'poisson' | 'seasonalNaive';
  businessTypes: string[];
  backtest: { scores: { model: string; wape: number | null }[] };
}

/**
 * 客流预测 on the mode plan page: 螺蛳湾支行's demo tickets, charted by day with the forecast and
 * its band, zoomed to the half hours of a clicked day, filtered by business type; the backtest of
 * both models and the choice; an outlet without tickets gets the clerk's message.
 */
describe('lobby arrivals forecast page', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let lsw: OutletRow;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    const outlets = await admin.get<{ items: OutletRow[] }>('/outlets?pageSize=100');
    lsw = outlets.items.find((o) => o.code === 'LSW')!;
    const context = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    page = await context.newPage();
    await login(page, 'head.lsw');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts history, forecast and band; shows both models with the one used and why', async () => {
    const api = await apiSession(baseUrl, 'head.lsw');
    const f = await api.get<Forecast>(`/outlets/${lsw.id}/lobby/forecast?weeks=4`);
    expect(f.used).toBe('poisson');
    await page.goto(`/lobby/${lsw.id}/plan?tab=forecast`);
    const wrap = page.getByTestId('forecast-chart-wrap');
    await wrap.waitFor();
    await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
    expect(await wrap.getAttribute('data-view')).toBe('day');
    const rows = page.getByTestId('forecast-scores').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(1).textContent()).toContain('采用');
    expect(await rows.nth(1).textContent()).toContain('泊松回归');
    expect(await rows.nth(0).textContent()).toMatch(/\d+\.\d%/);
    expect(await page.getByTestId('forecast-reason').textContent()).toMatch(
      /采用泊松回归：回测中它的 WAPE 比季节性朴素法低 \d+\.\d%/,
    );
    await screenshot(page, 'lobby-forecast-1366');

    // a business type: fewer customers on the same days
    const dayPoints = Number(await wrap.getAttribute('data-points'));
    await page.getByTestId('forecast-type').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '现金业务' })
      .first()
      .click();
    await page.getByTestId('forecast-type').getByText('现金业务').waitFor();
    expect(Number(await wrap.getAttribute('data-points'))).toBe(dayPoints);

    // a click on a day of the chart opens its half hours
    const box = (await page.getByTestId('forecast-chart').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await expect.poll(() => wrap.getAttribute('data-view')).toBe('slot');
    expect(Number(await wrap.getAttribute('data-points'))).toBeGreaterThan(dayPoints * 10);
    await screenshot(page, 'lobby-forecast-halfhours-1366');
  });

  it('says in words when an outlet has too little history', async () => {
    const admin = await apiSession(baseUrl, 'admin');
    const own = await makeOutlet(admin, '预测空白支行');
    const head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id);
    const context = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    const p = await context.newPage();
    await login(p, head.username, head.password);
    await p.goto(`/lobby/${own.outlet.id}/plan?tab=forecast`);
    const alert = p.getByTestId('forecast-too-little');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('客流预测至少需要 21 天的取号历史');
    await context.close();
  });

  it('keeps the pension days and paydays in the lobby settings', async () => {
    await page.goto(`/lobby/${lsw.id}/plan?tab=settings`);
    const pension = page.getByTestId('settings-pensionDays');
    await pension.waitFor();
    for (const d of ['1 日', '5 日']) expect(await pension.textContent()).toContain(d);
    expect(await page.getByTestId('settings-paydays').textContent()).toContain('25 日');
  });
});
