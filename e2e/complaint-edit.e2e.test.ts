import { readFileSync } from 'node:fs';
import { DAY_MS, toBeijingIso } from '@liangdian/engine/time';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';

interface ComplaintRow {
  id: string;
  no: string;
  claim: string;
}

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('回单：客户已签收，E2E 附件\n'),
  Buffer.alloc(3200, 0x20),
  Buffer.from('%%EOF\n'),
]);
const MARK = `E2E导入${Date.now().toString(36)}`;

/** "YYYY-MM-DD HH:mm" in Beijing time, `days` ago. */
function beijing(daysAgo: number): string {
  return toBeijingIso(Date.now() - daysAgo * DAY_MS)
    .slice(0, 16)
    .replace('T', ' ');
}

/** An import sheet with the template's Chinese headers; `badCause` puts an unknown cause in row 3. */
async function sheet(badCause: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('投诉导入');
  ws.addRow(['受理时间', '网点编号', '渠道', '业务类别', '投诉原因', '投诉人姓名', '投诉人电话', '诉求']);
  ws.addRow([
    beijing(2),
    'LSW',
    'branch_premises',
    'debit_card',
    'service_quality',
    '导入甲',
    '13800001111',
    `${MARK} 第一件`,
  ]);
  ws.addRow([
    beijing(1),
    'LSW',
    'branch_premises',
    '借记卡',
    badCause ? '不存在的原因' : '定价收费',
    '导入乙',
    '',
    `${MARK} 第二件`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('complaints: edit, attachments, import', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let complaint: ComplaintRow;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'));
    page = await context.newPage();
    const api = await apiSession(inject('baseUrl'), 'cpo');
    const outlets = await api.get<{ items: { id: string; code: string }[] }>('/outlets?q=LSW');
    const outletId = outlets.items.find((o) => o.code === 'LSW')?.id ?? '';
    complaint = await api.post<ComplaintRow>('/complaints', {
      outletId,
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      channel: 'branch_premises',
      category: 'debit_card',
      cause: 'service_quality',
      source: 'walk_in',
      complainantName: '司马相如',
      complainantPhone: '13911112222',
      peopleCount: 1,
      claim: '要求退还多收的年费',
      facts: '客户称借记卡年费被重复扣收',
    });
    await login(page, 'cpo');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('edits the claim and removes the phone; the masked name stays, and the history names the changes', async () => {
    await page.goto(`/complaints/${complaint.id}`);
    await page.getByTestId('edit-complaint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-edit-form').waitFor();
    await page.waitForTimeout(400); // the modal's zoom-in
    // personal data is not prefilled: the masked value is the placeholder, empty keeps it
    await expect(dialog.getByTestId('complainant-name').inputValue()).resolves.toBe('');
    await expect(dialog.getByTestId('complainant-name').getAttribute('placeholder')).resolves.toMatch(
      /^司\*+如$/,
    );
    await expect(dialog.getByTestId('complaint-claim').inputValue()).resolves.toBe('要求退还多收的年费');
    await dialog.getByTestId('complaint-claim').fill('要求退还重复扣收的年费并书面致歉');
    await dialog.getByTestId('clear-phone').check(); // the stored phone is removed
    await expect(dialog.getByTestId('complainant-phone').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'ce01-edit-modal');
    await dialog.getByTestId('complaint-form-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.ld-pre', { hasText: '要求退还重复扣收的年费并书面致歉' }).waitFor();
    await expect(page.getByTestId('complainant-name-value').textContent()).resolves.toMatch(/司\*+如/);
    const edited = page.getByTestId('event-edited-fields').first();
    await edited.waitFor();
    await expect(edited.textContent()).resolves.toBe('修改了：诉求、联系电话');
    await expect(page.getByTestId('complainant-phone-value').textContent()).resolves.toBe('—');
  });

  it('uploads several files with a drop zone, lists them and downloads the same bytes', async () => {
    const panel = page.getByTestId('attachments');
    await panel.getByTestId('attachment-limits').filter({ hasText: 'pdf' }).waitFor();
    await panel.locator('input[type=file]').setInputFiles([
      { name: '签收回单.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: '通话记录.txt', mimeType: 'text/plain', buffer: Buffer.from('客户来电记录：2026 年 11 月\n') },
    ]);
    await panel.getByTestId('attachment-name').filter({ hasText: '签收回单.pdf' }).waitFor();
    await panel.getByTestId('attachment-name').filter({ hasText: '通话记录.txt' }).waitFor();
    const row = panel.locator('tr', {
      has: page.getByTestId('attachment-name').filter({ hasText: '签收回单.pdf' }),
    });
    await expect(row.textContent()).resolves.toContain('消保部 李娟'); // the uploader
    const kb = (Math.round((PDF.length / 1024) * 10) / 10).toLocaleString('zh-CN');
    await expect(row.textContent()).resolves.toContain(`${kb} KB`); // locale number format
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('attachment-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('签收回单.pdf');
    const path = await download.path();
    expect(readFileSync(path).equals(PDF)).toBe(true);
  });

  it('refuses an oversized file, a wrong kind and a disguised file in plain words', async () => {
    const panel = page.getByTestId('attachments');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1_048_576, 0x20)]);
    await panel.locator('input[type=file]').setInputFiles([
      { name: '监控录像导出.pdf', mimeType: 'application/pdf', buffer: big },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') },
      { name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是图片') },
    ]);
    const errors = panel.getByTestId('attachment-error');
    await errors.filter({ hasText: '现场照片.jpg' }).waitFor(); // refused by the server (content sniffed)
    const text = (await errors.allTextContents()).join('\n');
    expect(text).toMatch(/“监控录像导出\.pdf”太大（11 MB），单个文件最大 10 MB/);
    expect(text).toContain('“setup.exe”不能上传：只接受');
    expect(text).toContain('“现场照片.jpg”不能上传：文件内容与扩展名不符');
    await expect(panel.getByTestId('attachment-name').count()).resolves.toBe(2); // nothing new stored
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'ce02-attachments');
  });

  it('imports an .xlsx: a bad row is reported with its number and nothing is imported; fixed, both rows are', async () => {
    const api = await apiSession(inject('baseUrl'), 'cpo');
    const count = async () =>
      (await api.get<{ total: number }>(`/complaints?q=${encodeURIComponent(MARK)}`)).total;
    await page.goto('/complaints');
    await page.getByTestId('import-complaints').click();
    const modal = page.getByTestId('import-modal');
    await modal.waitFor();
    await page.waitForTimeout(400);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      modal.getByTestId('import-template').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    await modal.locator('input[type=file]').setInputFiles({
      name: '投诉导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet(true),
    });
    await modal.getByTestId('import-file').filter({ hasText: '投诉导入.xlsx' }).waitFor();
    await page.getByTestId('import-submit').click();
    await modal.getByTestId('import-errors').waitFor();
    await expect(modal.getByTestId('import-error-row').allTextContents()).resolves.toEqual(['3']);
    await expect(modal.getByTestId('import-errors').textContent()).resolves.toContain('不存在的原因');
    await expect(modal.getByTestId('import-errors').textContent()).resolves.toContain('未导入任何数据');
    expect(await count()).toBe(0);
    await screenshot(page, 'ce03-import-errors');

    await modal.locator('input[type=file]').setInputFiles({
      name: '投诉导入-已修正.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet(false),
    });
    await modal.getByTestId('import-file').filter({ hasText: '已修正' }).waitFor();
    await page.getByTestId('import-submit').click();
    await modal.getByTestId('import-done').filter({ hasText: '已导入 2 件投诉' }).waitFor();
    expect(await count()).toBe(2);
    await page.getByTestId('import-close').click();
    await modal.waitFor({ state: 'hidden' });
    const search = page.locator(
      'input[data-testid="complaint-search"], [data-testid="complaint-search"] input',
    );
    await search.first().fill(MARK);
    await search.first().press('Enter');
    await expect.poll(async () => page.getByTestId('complaint-link').count(), { timeout: 10_000 }).toBe(2);
    await screenshot(page, 'ce04-imported');
  });

  it('shows no import to an outlet head, and the edit and attachments in English and on a portrait tablet', async () => {
    const ctx = await newContext(browser, inject('baseUrl'));
    const en = await ctx.newPage();
    await login(en, 'head.lsw');
    await en.goto('/complaints');
    await en.getByTestId('complaint-link').first().waitFor();
    await expect(en.getByTestId('import-complaints').count()).resolves.toBe(0);
    await en.getByTestId('lang-switch').click();
    await en.getByTestId('lang-en-US').click();
    await en.goto(`/complaints/${complaint.id}`);
    await en.getByTestId('attachments-title').filter({ hasText: 'Attachments' }).waitFor();
    await en.getByTestId('attachment-name').first().waitFor();
    await en.getByTestId('edit-complaint').click();
    await en.getByRole('dialog').getByTestId('complaint-edit-form').waitFor();
    await en.waitForTimeout(400);
    await screenshot(en, 'ce05-edit-en');
    await en.keyboard.press('Escape');
    await en.getByRole('dialog').waitFor({ state: 'hidden' });
    await en.setViewportSize({ width: 800, height: 1280 });
    await en.getByTestId('attachments').scrollIntoViewIfNeeded();
    await screenshot(en, 'ce06-attachments-portrait-en');
    // back to Chinese, which the server remembers for this user
    await en.getByTestId('lang-switch').click();
    await en.getByTestId('lang-zh-CN').click();
    await en.getByTestId('attachments-title').filter({ hasText: '附件' }).waitFor();
    await ctx.close();
  });
});
