import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, type OutletRow, screenshot } from './browser';
import { modalOk } from './helpers';

/**
 * 周排班: the demo outlet head of 螺蛳湾支行 opens next week, solves it (progress, then the status
 * and the coverage chart), edits a shift (one accepted, one refused with the broken rule named),
 * publishes and exports; a staff member of the outlet then sees their own shifts on the home page.
 */
describe('roster page', () => {
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

  it('solves next week, edits, refuses a broken rule, publishes and exports', async () => {
    await page.goto(`/lobby/${lsw.id}/roster`);
    await page.getByTestId('week-range').waitFor();
    await page.getByTestId('roster-solve').click();
    // the progress line while it runs (a week solved before shows its status all along: wait for the run)
    await page.getByTestId('roster-running').waitFor();
    await page.getByTestId('roster-running').waitFor({ state: 'hidden', timeout: 90_000 });
    await page.getByTestId('roster-solver-status').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('roster-solver-status').textContent()).toMatch(/最优|可行|时限/);
    await page.getByTestId('roster-coverage-chart').locator('canvas').first().waitFor();
    const rows = page.getByTestId('roster-row');
    expect(await rows.count()).toBeGreaterThan(3);
    await screenshot(page, 'roster-1366');

    // a working day of someone: a 12-hour shift breaks the daily hours — refused, the rule named
    const on = page.locator('td.ld-roster-on button.ld-roster-cell').first();
    const cellId = await on.locator('..').getAttribute('data-testid');
    await on.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    for (const [id, v] of [
      ['shift-start', '08:00'],
      ['shift-end', '21:00'],
    ] as const) {
      await dialog.getByTestId(id).click();
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    await modalOk(dialog).click();
    await dialog.getByTestId('shift-broken').waitFor();
    const said = (await dialog.getByTestId('shift-broken').textContent()) ?? '';
    expect(said).toMatch(/违反排班规则.*08:00–21:00/);
    await screenshot(page, 'roster-refused-1366');

    // the same day off instead: accepted, the cell says 休
    await dialog.getByTestId('shift-off').getByText('休息').click();
    await modalOk(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId(cellId!).textContent()).toContain('休');

    // publish: a published version in the list
    await page.getByTestId('roster-publish').click();
    await expect.poll(() => page.getByTestId('roster-status').textContent()).toContain('已发布');
    await expect.poll(() => page.getByTestId('roster-versions').textContent()).toContain('已发布');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('roster-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    expect(path ? statSync(path).size : 0).toBeGreaterThan(2000);
  });

  it('a staff member sees their own published shifts on the home page (390 px)', async () => {
    const context = await newContext(browser, baseUrl, { width: 390, height: 844 });
    const p = await context.newPage();
    await login(p, 'staff.lsw');
    await p.goto('/home');
    const section = p.getByTestId('home-section-my-shifts');
    await section.waitFor();
    await expect.poll(() => section.getByTestId('my-shift').count()).toBeGreaterThan(0);
    expect(await section.getByTestId('my-shift').first().textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    const box = (await section.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await section.scrollIntoViewIfNeeded();
    await screenshot(p, 'roster-home-390');
    await context.close();
  });
});
