import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, screenshot, signedIn, useBrowser } from './browser';
import { type Api, makeComplaint, makeOutlet, makeUser, type OwnOutlet } from './factories';

describe('complaints: search by the complainant', () => {
  const baseUrl = inject('baseUrl');
  const browser = useBrowser();
  let admin: Api;
  let own: OwnOutlet;

  beforeAll(async () => {
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, 'E2E投诉检索');
  });

  it('finds exactly the complaint whose phone is typed in the list’s search box, written with +86 and spaces', async () => {
    // a phone of this run only: 139 + 8 random digits
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const phone = `139${digits}`;
    const complaint = await makeComplaint(admin, own.outlet.id, {
      complainantName: '欧阳检索',
      complainantPhone: phone,
      claim: '要求说明检索测试的扣费原因',
    });
    await makeComplaint(admin, own.outlet.id, {
      complainantName: '欧阳检索',
      complainantPhone: '13700000000',
    });
    const officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '消保检索员' });
    const { context, page } = await signedIn(browser(), baseUrl, officer, {
      viewport: { width: 1366, height: 768 },
    });
    await page.goto('/complaints');
    const box = page.getByTestId('complainant-search').locator('input');
    await expect(box.getAttribute('placeholder')).resolves.toBe('姓名 / 手机号 / 身份证号 / 手机尾号');
    await box.fill(`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    await box.press('Enter');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(complaint.no);
    // the page's address does not carry the phone
    expect(page.url()).not.toContain(digits);
    await screenshot(page, 'cs01-complaint-search-1366');
    await context.close();
  });
});
