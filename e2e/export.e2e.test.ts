import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readSheet } from '../packages/server/src/test/xlsx';
import { ARTIFACTS, apiSession, useBrowser, login, newContext } from './browser';
import { makeOutlet, makeUser } from './factories';

describe('outlet list export', () => {
  const browser = useBrowser();

  it('downloads an .xlsx with localised headers and the outlets the list shows', async () => {
    const baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const { outlet } = await makeOutlet(admin, '导出测试支行');
    await admin.patch(`/outlets/${outlet.id}`, { pilot: true });
    const me = await makeUser(baseUrl, admin, 'admin');
    const context = await newContext(browser(), baseUrl);
    const page = await context.newPage();
    await login(page, me.username, me.password);
    await page.goto('/outlets');
    await page.locator('.ant-table-row').first().waitFor();

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
    const row = sheet.rows.find((r) => r[sheet.headers.indexOf('网点编号')] === outlet.code);
    expect(row?.[sheet.headers.indexOf('网点名称')]).toBe(outlet.name);
    expect(row?.[sheet.headers.indexOf('试点网点')]).toBe('是');
    // every outlet, not the page on screen
    const { total } = await admin.get<{ total: number }>('/outlets?pageSize=1');
    expect(sheet.rows.length).toBe(total);
    await context.close();
  });
});
