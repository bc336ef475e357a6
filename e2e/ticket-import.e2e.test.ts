import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { makeOutlet, makeUser } from './factories';

/** A Shanghai date `days` before today, as YYYY-MM-DD. */
const daysAgo = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

/** A small ticket log: line 3 has a business type the bank does not have. */
function ticketLog(run: string) {
  const d = daysAgo(3);
  return [
    '票号,业务类型,事件,时间,窗口',
    `E${run}1,cash,取号,${d} 09:15:04,`,
    `E${run}2,黄金回购,取号,${d} 09:16:00,`,
    `E${run}1,现金业务,叫号,${d} 09:21:40,3`,
    `E${run}1,cash,办结,${d} 09:27:10,3`,
    `E${run}3,non_cash,取号,${d}T09:30:00+08:00,`,
  ].join('\r\n');
}

describe('ticket history import: upload, map, preview with a bad row, import the good rows', () => {
  const baseUrl = inject('baseUrl');
  const run = Date.now().toString(36).slice(-5).toUpperCase();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let outletId: string;
  let head: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    const admin = await apiSession(baseUrl, 'admin');
    outletId = (await makeOutlet(admin, '导入测试支行')).outlet.id;
    head = await makeUser(baseUrl, admin, 'outlet_head', outletId);
    context = await newContext(browser, baseUrl);
    page = await context.newPage();
    await login(page, head.username, head.password);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const upload = async (name: string, text: string) => {
    await page
      .locator('.ant-upload-drag input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') });
  };

  it('reports the broken row by its line and imports the good rows when asked', async () => {
    await page.goto(`/lobby/${outletId}/import`);
    await page.getByTestId('import-dropzone').waitFor();
    await page.getByTestId('import-rules').waitFor();
    await screenshot(page, 'ti01-upload');

    // 1 → 2: the columns are recognised from the Chinese headers.
    await upload(`jj-history-${run}.csv`, ticketLog(run));
    await page.getByTestId('import-map').waitFor();
    await expect(page.getByTestId('map-ticket').textContent()).resolves.toContain('票号');
    await expect(page.getByTestId('map-at').textContent()).resolves.toContain('时间');
    await screenshot(page, 'ti02-map');

    // 2 → 3: the preview shows 4 good rows and the bad line 3 with its message.
    await page.getByTestId('map-check').click();
    await page.getByTestId('import-preview').waitFor();
    await expect(page.getByTestId('stat-good').textContent()).resolves.toContain('4');
    await expect(page.getByTestId('stat-bad').textContent()).resolves.toContain('1');
    const errors = page.getByTestId('import-errors');
    const firstError = errors.locator('tbody tr.ant-table-row').first();
    await expect(firstError.locator('td').first().textContent()).resolves.toBe('3');
    await expect(firstError.textContent()).resolves.toContain('业务类型“黄金回购”不存在或已停用');
    await expect(page.getByTestId('import-has-errors').textContent()).resolves.toContain('1 行有错误');
    const report = page.waitForEvent('download');
    await page.getByTestId('import-error-report').click();
    expect((await report).suggestedFilename()).toMatch(/叫号记录导入错误.*\.xlsx$/);
    await expect(page.getByTestId('import-sample').locator('tbody tr.ant-table-row').count()).resolves.toBe(
      4,
    );
    // With a bad row there is no "import all": nothing goes in unless the user picks the good rows.
    await expect(page.getByTestId('import-commit').count()).resolves.toBe(0);
    await screenshot(page, 'ti03-preview');

    // 3 → 4: only the good rows, after a confirmation.
    await page.getByTestId('import-commit-good').click();
    await page.getByTestId('import-confirm').waitFor();
    await screenshot(page, 'ti04-confirm');
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain('新增 4 条叫号记录');
    const batches = page.getByTestId('import-batches');
    await batches.getByText(`jj-history-${run}.csv`).waitFor();
    await screenshot(page, 'ti05-result');

    // The same file again, in English: nothing new, four duplicates.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await page.getByTestId('import-again').click();
    await upload(`jj-history-${run}.csv`, ticketLog(run));
    await page.getByTestId('map-check').click();
    await page.getByTestId('import-preview').waitFor();
    await expect(page.getByTestId('import-errors').textContent()).resolves.toContain(
      'Business type “黄金回购” does not exist or is inactive',
    );
    await screenshot(page, 'ti06-preview-en');
    await page.getByTestId('import-commit-good').click();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').textContent()).resolves.toContain(
      '0 ticket events added; 4 imported before',
    );
    await screenshot(page, 'ti07-result-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
  });

  it('fits a portrait tablet', async () => {
    const tablet = await newContext(browser, baseUrl, { width: 800, height: 1280 });
    const p = await tablet.newPage();
    await login(p, head.username, head.password);
    await p.goto(`/lobby/${outletId}/import`);
    await p.getByTestId('import-dropzone').waitFor();
    await p.locator('.ant-upload-drag input[type=file]').setInputFiles({
      name: 'portrait.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ticketLog(`${run}P`), 'utf-8'),
    });
    await p.getByTestId('import-map').waitFor();
    await p.getByTestId('map-check').click();
    await p.getByTestId('import-preview').waitFor();
    await screenshot(p, 'ti08-preview-portrait');
    const overflow = await p.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    await tablet.close();
  });
});
