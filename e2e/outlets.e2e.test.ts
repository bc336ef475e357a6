import type { Outlet } from '@liangdian/shared/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet, unique } from './factories';
import { cjk, modalOk, pickOption } from './helpers';

describe('admin manages outlets and staff', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let admin: Api;
  /** an administrator of this spec's own, and an outlet it made */
  let me: Awaited<ReturnType<typeof makeUser>>;
  let own: OwnOutlet;
  /** the page of the test that runs: a fresh context, signed in as `me` */
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(baseUrl, 'admin');
    me = await makeUser(baseUrl, admin, 'admin', null, { displayName: '网点管理员' });
    own = await makeOutlet(admin, '网点管理测试支行');
  });
  beforeEach(async () => {
    page = await (await newContext(browser, baseUrl)).newPage();
  });
  afterEach(async () => {
    await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Finds an outlet in the list by its code and opens it. */
  async function openOutlet(outlet: Pick<Outlet, 'code' | 'name'>) {
    await page.goto('/outlets');
    await page.getByTestId('outlet-search').locator('input').fill(outlet.code);
    await page.getByTestId('outlet-search').locator('input').press('Enter');
    await page.getByRole('link', { name: outlet.name }).click();
  }

  it('logs in as admin and sees the outlet list with the demo tag', async () => {
    await login(page, me.username, me.password);
    // an admin's day starts on the home page; the menu entry is a real link
    await page.waitForURL('**/home');
    const menuLink = page.locator('.ant-layout-sider a[href="/outlets"]');
    await expect(menuLink.textContent()).resolves.toBe('网点');
    await menuLink.click();
    await page.waitForURL('**/outlets');
    await page.getByRole('heading', { name: '网点管理' }).waitFor();
    // the server started on demo data: its outlets carry the tag
    await expect(page.getByTestId('demo-tag').first().textContent()).resolves.toContain('演示数据');
    await screenshot(page, '01-outlet-list');
    await page.getByTestId('outlet-search').locator('input').fill(own.outlet.code);
    await page.getByTestId('outlet-search').locator('input').press('Enter');
    await page.getByRole('link', { name: own.outlet.name }).waitFor();
  });

  it('creates an outlet through the modal', async () => {
    const code = `E2E${unique()}`;
    const name = `测试支行${code}`;
    await login(page, me.username, me.password);
    await page.goto('/outlets');
    await page.getByTestId('new-outlet').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('outlet-code').fill(code);
    await dialog.getByTestId('outlet-name').fill(name);
    await dialog.getByLabel('地址').fill('昆明市五华区测试路 1 号');
    await screenshot(page, '02-outlet-create-modal');
    await modalOk(dialog).click();
    await page.waitForURL(/\/outlets\/[^/]+$/);
    await page.getByTestId('outlet-title').filter({ hasText: name }).waitFor();
    await screenshot(page, '03-outlet-overview');
  });

  it('refuses a duplicate outlet code on the code field', async () => {
    await login(page, me.username, me.password);
    await page.goto('/outlets');
    await page.getByTestId('new-outlet').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('outlet-code').fill(own.outlet.code);
    await dialog.getByTestId('outlet-name').fill('重复编号支行');
    await modalOk(dialog).click();
    await dialog
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('outlet-code') })
      .waitFor();
    await screenshot(page, '04-outlet-duplicate-code');
    await dialog.getByRole('button', { name: cjk('取消') }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('adds a zone and a staff member to a new outlet', async () => {
    // a bare outlet: no zones and no staff yet
    const branches = await admin.get<{ items: { id: string }[] }>('/branches');
    const code = `E2E${unique()}`;
    const bare = await admin.post<Outlet>('/outlets', {
      branchId: branches.items[0]!.id,
      code,
      name: `新开支行${code.slice(-4)}`,
    });
    await login(page, me.username, me.password);
    await openOutlet(bare);
    // tabs are links: their address says which tab is open
    const zonesTab = page.getByTestId('tab-zones');
    await expect(zonesTab.getAttribute('href')).resolves.toMatch(/^\/outlets\/[^/]+\/zones$/);
    await page.getByRole('tab', { name: '功能分区' }).click();
    await page.waitForURL(/\/outlets\/[^/]+\/zones$/);
    await page.getByRole('button', { name: /新建功能区/ }).click();
    await pickOption(page, '分区类型', '现金区');
    await modalOk(page.getByRole('dialog')).click();
    await page.getByRole('cell', { name: '现金区' }).first().waitFor();
    await screenshot(page, '05-outlet-zones');

    await page.getByRole('tab', { name: '员工' }).click();
    await page.waitForURL(/\/outlets\/[^/]+\/staff$/);
    await page.getByTestId('new-staff').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('staff-employee-no').fill(`${code}-001`);
    await dialog.getByTestId('staff-name').fill('李晓梅');
    await pickOption(page, '岗位', '柜员');
    await dialog.locator('.ant-modal-title').click();
    await dialog.getByLabel('手机号').fill('13812345678');
    await screenshot(page, '06-staff-create-modal');
    await modalOk(dialog).click();
    await page.getByRole('cell', { name: '李晓梅' }).waitFor();
    // admins see the phone unmasked or masked, never the input box's raw form elsewhere
    const row = page.getByRole('row').filter({ hasText: '李晓梅' });
    await expect(row.textContent()).resolves.toContain('柜员');
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, '07-outlet-staff');

    // the admin gives the new staff member a login from the staff list (role: staff by default)
    await row.getByTestId('staff-create-login').click();
    const loginDialog = page.getByRole('dialog');
    await expect(loginDialog.getByTestId('staff-login-username').inputValue()).resolves.toBe(
      `${code.toLowerCase()}-001`,
    );
    await expect(loginDialog.getByTestId('staff-login-role').textContent()).resolves.toContain('员工');
    await loginDialog.getByTestId('staff-login-password').fill('first-pass-2024');
    await screenshot(page, '07b-staff-create-login');
    await modalOk(loginDialog).click();
    await page.getByText(`已为 李晓梅 开通账号 ${code.toLowerCase()}-001`).waitFor();
    await row.getByText(`${code.toLowerCase()}-001`, { exact: true }).waitFor();
    await expect(row.getByTestId('staff-create-login').count()).resolves.toBe(0);
    await loginDialog.waitFor({ state: 'hidden' });
    await screenshot(page, '07c-staff-with-login');
  });

  it('shows the other admin pages', async () => {
    // a login linked to a staff record of the own outlet
    const teller = own.staff[1]!;
    const linked = await makeUser(baseUrl, admin, 'staff', own.outlet.id, { staffId: teller.id });
    await login(page, me.username, me.password);
    await page.goto('/business-types');
    await page.getByRole('heading', { name: '业务类型' }).waitFor();
    await screenshot(page, '08-business-types');
    await page.goto('/users');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('cell', { name: me.username }).first().waitFor();
    await screenshot(page, '09-users');
    // the login links back to the staff record
    await page.goto(`/users?q=${linked.username}`);
    const staffLink = page.getByRole('row').filter({ hasText: linked.username }).getByTestId('user-staff');
    await expect(staffLink.textContent()).resolves.toBe(teller.name);
    await expect(staffLink.getAttribute('href')).resolves.toMatch(/^\/outlets\/[^/]+\/staff\?q=/);
    await page.goto('/audit');
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page
      .locator('button.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')
      .first()
      .click();
    await page.getByTestId('audit-diff').first().waitFor();
    await page.getByTestId('verify-chain').click();
    await page.getByTestId('verify-result').waitFor();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toContain('日志链完整');
    await screenshot(page, '10-audit');
  });

  it('collapses the menu into a drawer on a portrait tablet', async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await login(page, me.username, me.password);
    await page.goto('/outlets');
    await page.locator('.ant-table-row').first().waitFor();
    await expect(page.locator('.ant-layout-sider').count()).resolves.toBe(0);
    await screenshot(page, '11-portrait-outlets');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '业务类型' }).waitFor();
    await screenshot(page, '12-portrait-drawer'); // animations finished by the screenshot
  });
});
