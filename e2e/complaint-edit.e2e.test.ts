import { readFileSync } from 'node:fs';
import { DAY_MS, toBeijingIso } from '@liangdian/engine/time';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, screenshot, useBrowser, type Login, signedIn } from './browser';
import {
  type Api,
  attachFiles,
  makeComplaint,
  makeOutlet,
  makeUser,
  type OwnOutlet,
  unique,
} from './factories';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('回单：客户已签收，E2E 附件\n'),
  Buffer.alloc(3200, 0x20),
  Buffer.from('%%EOF\n'),
]);
const TXT = Buffer.from('客户来电记录：2026 年 11 月\n');
/** the two files of the drop-zone test, attached through the API by the tests that need them */
const FILES = [
  { name: '签收回单.pdf', mimeType: 'application/pdf', buffer: PDF },
  { name: '通话记录.txt', mimeType: 'text/plain', buffer: TXT },
];
/** The complaint every test here edits or attaches to (each registers its own). */
const COMPLAINT = {
  complainantName: '司马相如',
  complainantPhone: '13911112222',
  claim: '要求退还多收的年费',
  facts: '客户称借记卡年费被重复扣收',
};

/** "YYYY-MM-DD HH:mm" in Beijing time, `days` ago. */
function beijing(daysAgo: number): string {
  return toBeijingIso(Date.now() - daysAgo * DAY_MS)
    .slice(0, 16)
    .replace('T', ' ');
}

/**
 * An import sheet with the template's Chinese headers, two complaints of `outletCode` whose claims
 * carry `mark`; `badCause` puts an unknown cause in row 3.
 */
async function sheet(outletCode: string, mark: string, badCause: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('投诉导入');
  ws.addRow(['受理时间', '网点编号', '渠道', '业务类别', '投诉原因', '投诉人姓名', '投诉人电话', '诉求']);
  ws.addRow([
    beijing(2),
    outletCode,
    'branch_premises',
    'debit_card',
    'service_quality',
    '导入甲',
    '13800001111',
    `${mark} 第一件`,
  ]);
  ws.addRow([
    beijing(1),
    outletCode,
    'branch_premises',
    '借记卡',
    badCause ? '不存在的原因' : '定价收费',
    '导入乙',
    '',
    `${mark} 第二件`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('complaints: edit, attachments, import', () => {
  const baseUrl = inject('baseUrl');
  const browser = useBrowser();
  let admin: Api;
  let own: OwnOutlet;
  /** the branch's consumer-protection officer: edits, attaches and imports */
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerApi: Api;

  beforeAll(async () => {
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, 'E2E投诉编辑');
    officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '消保专员' });
    officerApi = await apiSession(baseUrl, officer.username, officer.password);
  });

  /** A signed-in page of a new context (a landscape tablet in the run's zone). */
  const signIn = (user: Login) => signedIn(browser(), baseUrl, user);

  it('edits the claim and removes the phone; the masked name stays, and the history names the changes', async () => {
    const complaint = await makeComplaint(officerApi, own.outlet.id, COMPLAINT);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${complaint.id}`);
    await page.getByTestId('edit-complaint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-edit-form').waitFor();
    // personal data is not prefilled: the masked value is the placeholder, empty keeps it
    await expect.poll(() => dialog.getByTestId('complaint-claim').inputValue()).toBe('要求退还多收的年费');
    await expect(dialog.getByTestId('complainant-name').inputValue()).resolves.toBe('');
    await expect(dialog.getByTestId('complainant-name').getAttribute('placeholder')).resolves.toMatch(
      /^司\*+如$/,
    );
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
    const saved = await officerApi.get<{ claim: string; complainantPhone: string | null; facts: string }>(
      `/complaints/${complaint.id}`,
    );
    expect(saved).toMatchObject({
      claim: '要求退还重复扣收的年费并书面致歉',
      complainantPhone: null,
      facts: COMPLAINT.facts, // left out of the edit: kept
    });
    await context.close();
  });

  it('uploads several files with a drop zone, lists them and downloads the same bytes', async () => {
    const complaint = await makeComplaint(officerApi, own.outlet.id, COMPLAINT);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${complaint.id}`);
    const panel = page.getByTestId('attachments');
    await panel.getByTestId('attachment-limits').filter({ hasText: 'pdf' }).waitFor();
    await panel.locator('input[type=file]').setInputFiles(FILES);
    await panel.getByTestId('attachment-name').filter({ hasText: '签收回单.pdf' }).waitFor();
    await panel.getByTestId('attachment-name').filter({ hasText: '通话记录.txt' }).waitFor();
    const row = panel.locator('tr', {
      has: page.getByTestId('attachment-name').filter({ hasText: '签收回单.pdf' }),
    });
    await expect(row.textContent()).resolves.toContain('消保专员'); // the uploader
    const kb = (Math.round((PDF.length / 1024) * 10) / 10).toLocaleString('zh-CN');
    await expect(row.textContent()).resolves.toContain(`${kb} KB`); // locale number format
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('attachment-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('签收回单.pdf');
    const path = await download.path();
    expect(readFileSync(path).equals(PDF)).toBe(true);
    await context.close();
  });

  it('refuses an oversized file, a wrong kind and a disguised file in plain words', async () => {
    const complaint = await makeComplaint(officerApi, own.outlet.id, COMPLAINT);
    await attachFiles(baseUrl, officer, complaint.id, FILES);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${complaint.id}`);
    const panel = page.getByTestId('attachments');
    await panel.getByTestId('attachment-limits').filter({ hasText: 'pdf' }).waitFor();
    await expect.poll(() => panel.getByTestId('attachment-name').count()).toBe(2);
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
    const stored = await officerApi.get<{ items: unknown[] }>(`/complaints/${complaint.id}/attachments`);
    expect(stored.items).toHaveLength(2);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'ce02-attachments');
    await context.close();
  });

  it('imports an .xlsx: a bad row is reported with its number and nothing is imported; fixed, both rows are', async () => {
    const mark = `E2E导入${unique()}`;
    const count = async () =>
      (await officerApi.get<{ total: number }>(`/complaints?q=${encodeURIComponent(mark)}`)).total;
    const { context, page } = await signIn(officer);
    await page.goto('/complaints');
    await page.getByTestId('import-complaints').click();
    const modal = page.getByTestId('import-modal');
    await modal.waitFor();
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      modal.getByTestId('import-template').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    await modal.locator('input[type=file]').setInputFiles({
      name: '投诉导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet(own.outlet.code, mark, true),
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
      buffer: await sheet(own.outlet.code, mark, false),
    });
    await modal.getByTestId('import-file').filter({ hasText: '已修正' }).waitFor();
    await page.getByTestId('import-submit').click();
    await modal.getByTestId('import-done').filter({ hasText: '已导入 2 件投诉' }).waitFor();
    expect(await count()).toBe(2);
    const imported = await officerApi.get<{ items: { outletId: string }[] }>(
      `/complaints?q=${encodeURIComponent(mark)}`,
    );
    expect(imported.items.map((c) => c.outletId)).toEqual([own.outlet.id, own.outlet.id]);
    await page.getByTestId('import-close').click();
    await modal.waitFor({ state: 'hidden' });
    const search = page.locator(
      'input[data-testid="complaint-search"], [data-testid="complaint-search"] input',
    );
    await search.first().fill(mark);
    await search.first().press('Enter');
    await expect.poll(async () => page.getByTestId('complaint-link').count(), { timeout: 10_000 }).toBe(2);
    await screenshot(page, 'ce04-imported');
    await context.close();
  });

  it('shows no import to an outlet head, and the edit and attachments in English and on a portrait tablet', async () => {
    const complaint = await makeComplaint(officerApi, own.outlet.id, COMPLAINT);
    await attachFiles(baseUrl, officer, complaint.id, FILES);
    // a head of their own: the language chosen here is remembered for them
    const head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id);
    const { context, page: en } = await signIn(head);
    await en.goto('/complaints');
    await en.getByTestId('complaint-link').first().waitFor();
    await expect(en.getByTestId('import-complaints').count()).resolves.toBe(0);
    await en.getByTestId('lang-switch').click();
    await en.getByTestId('lang-en-US').click();
    await en.goto(`/complaints/${complaint.id}`);
    await en.getByTestId('attachments-title').filter({ hasText: 'Attachments' }).waitFor();
    await expect.poll(() => en.getByTestId('attachment-name').count()).toBe(2);
    await en.getByTestId('edit-complaint').click();
    const dialog = en.getByRole('dialog');
    await dialog.getByTestId('complaint-edit-form').waitFor();
    await expect.poll(() => dialog.getByTestId('complaint-claim').inputValue()).toBe(COMPLAINT.claim);
    await screenshot(en, 'ce05-edit-en');
    await en.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await en.setViewportSize({ width: 800, height: 1280 });
    await en.getByTestId('attachments').scrollIntoViewIfNeeded();
    await screenshot(en, 'ce06-attachments-portrait-en');
    // back to Chinese, which the server remembers for this user
    await en.getByTestId('lang-switch').click();
    await en.getByTestId('lang-zh-CN').click();
    await en.getByTestId('attachments-title').filter({ hasText: '附件' }).waitFor();
    const me = await apiSession(baseUrl, head.username, head.password);
    await expect
      .poll(async () => (await me.get<{ user: { locale: string } }>('/auth/me')).user.locale)
      .toBe('zh-CN');
    await context.close();
  });
});
