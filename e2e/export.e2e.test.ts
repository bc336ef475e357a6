import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readSheet } from '../packages/server/src/test/xlsx';
import { ARTIFACTS, launchBrowser, login, newContext } from './browser';

describe('outlet list export', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('downloads an .xlsx with localised headers and the demo outlets', async () => {
    const context = await newContext(browser, inject('baseUrl'));
    const page = await context.newPage();
    await login(page, 'admin');
    await page.goto('/outlets');
    await page.getByRole('link', { name: '螺蛳湾支行' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(ARTIFACTS, 'outlets-export.xlsx');
    await download.saveAs(file);

    const sheet = await readSheet(readFileSync(file));
    expect(sheet.title).toBe('网点列表');
    expect(sheet.filterLine).toContain('筛选条件：全部');
    expect(sheet.headers).toEqual(expect.arrayContaining(['网点编号', '网点名称', '所属分行', '试点网点']));
    const row = sheet.rows.find((r) => r[sheet.headers.indexOf('网点编号')] === 'LSW');
    expect(row?.[sheet.headers.indexOf('网点名称')]).toBe('螺蛳湾支行');
    expect(row?.[sheet.headers.indexOf('试点网点')]).toBe('是');
    expect(sheet.rows.length).toBeGreaterThanOrEqual(12);
    await context.close();
  });
});
