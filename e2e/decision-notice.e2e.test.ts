import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, screenshot, signedIn } from './browser';
import { advanceComplaint, makeComplaint, makeOutlet, makeUser } from './factories';

/**
 * The decision notice with the complainant's real name: the officer chooses 显示实名并打印, gives
 * the reason (an audited unmask), sees the full name on the page, and the PDF link answers a PDF;
 * an outlet head's notice says that it prints masked. Back office at 1366×768.
 */
const BACK_OFFICE = { width: 1366, height: 768 };

describe('decision notice: real name as the officer, and the PDF', () => {
  let browser: Browser;
  let baseUrl: string;
  let officer: { username: string; password: string };
  let head: { username: string; password: string };
  let complaintId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const own = await makeOutlet(admin, '告知书测试支行');
    officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '告知书消保' });
    head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id, { displayName: '告知书行长' });
    const c = await makeComplaint(admin, own.outlet.id, { complainantName: '欧阳明远' });
    complaintId = (await advanceComplaint(admin, c, 'informed')).id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('prints the real name for the officer after the reason, and links a PDF', async () => {
    const { context, page } = await signedIn(browser, baseUrl, officer, { viewport: BACK_OFFICE });
    // printing opens no dialog here: count the calls instead
    await page.addInitScript(() => {
      const w = globalThis as unknown as { print: () => void; __printed: number };
      w.__printed = 0;
      w.print = () => {
        w.__printed++;
      };
    });
    await page.goto(`/complaints/${complaintId}/notice`);
    const salute = page.getByTestId('notice-salute');
    await expect.poll(() => salute.textContent()).toBe('尊敬的 欧**远：');
    expect(await page.getByTestId('notice-name-state').textContent()).toContain('显示实名并打印');

    await page.getByTestId('notice-clear').click();
    const ok = page.getByTestId('notice-clear-ok');
    expect(await ok.isDisabled()).toBe(true); // the reason is required
    await page.getByTestId('notice-clear-reason').fill('打印告知书邮寄投诉人');
    await ok.click();
    await expect.poll(() => salute.textContent()).toBe('尊敬的 欧阳明远：');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { __printed: number }).__printed))
      .toBe(1);
    expect(await page.getByTestId('notice-name-state').textContent()).toContain('审计');
    await screenshot(page, 'decision-notice-clear');

    const href = await page.getByTestId('notice-pdf').getAttribute('href');
    expect(href).toContain('decision-notice.pdf?clear=true');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('tells an outlet head that the name prints masked', async () => {
    const { context, page } = await signedIn(browser, baseUrl, head, { viewport: BACK_OFFICE });
    await page.goto(`/complaints/${complaintId}/notice`);
    await expect.poll(() => page.getByTestId('notice-salute').textContent()).toBe('尊敬的 欧**远：');
    expect(await page.getByTestId('notice-clear').count()).toBe(0);
    expect(await page.getByTestId('notice-name-state').textContent()).toContain('脱敏');
    const pdf = await page.request.get(`/api/v1/complaints/${complaintId}/decision-notice.pdf`);
    expect(pdf.status()).toBe(200);
    await context.close();
  });
});
