import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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
    await page.getByRole('link', { name: '螺蛳湾支行' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(ARTIFACTS, 'outlets-export.xlsx');
    await download.saveAs(file);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(expect.arrayContaining(['网点编号', '网点名称', '所属分行', '试点网点']));
    const codeCol = header.indexOf('网点编号') + 1;
    const nameCol = header.indexOf('网点名称') + 1;
    const pilotCol = header.indexOf('试点网点') + 1;
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      if (String(row.getCell(codeCol).value) === 'LSW') {
        found = true;
        expect(String(row.getCell(nameCol).value)).toBe('螺蛳湾支行');
        expect(String(row.getCell(pilotCol).value)).toBe('是');
      }
    });
    expect(found).toBe(true);
    expect(sheet.rowCount).toBeGreaterThanOrEqual(13);
    await context.close();
  });
});
