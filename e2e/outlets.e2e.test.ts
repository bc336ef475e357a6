import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newContext, screenshot } from './browser';
import { cjk, pickOption } from './helpers';

describe('admin manages outlets and staff', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const code = `E2E${Date.now().toString(36).toUpperCase().slice(-5)}`;
  const name = `测试支行${code}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'));
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs in as admin and sees the outlet list with the demo tag', async () => {
    await login(page, 'admin');
    // an admin's day starts on the home page; the menu entry is a real link
    await page.waitForURL('**/home');
    const menuLink = page.locator('.ant-layout-sider a[href="/outlets"]');
    await expect(menuLink.textContent()).resolves.toBe('网点');
    await menuLink.click();
    await page.waitForURL('**/outlets');
    await page.getByRole('heading', { name: '网点管理' }).waitFor();
    await page.getByRole('link', { name: '螺蛳湾支行' }).waitFor();
    await expect(page.getByTestId('demo-tag').first().textContent()).resolves.toContain('演示数据');
    await screenshot(page, '01-outlet-list');
  });

  it('creates an outlet through the modal', async () => {
    await page.getByTestId('new-outlet').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('outlet-code').fill(code);
    await dialog.getByTestId('outlet-name').fill(name);
    await dialog.getByLabel('地址').fill('昆明市五华区测试路 1 号');
    await screenshot(page, '02-outlet-create-modal');
    await dialog.getByRole('button', { name: cjk('保存') }).click();
    await page.waitForURL(/\/outlets\/[^/]+$/);
    await page.getByTestId('outlet-title').filter({ hasText: name }).waitFor();
    await screenshot(page, '03-outlet-overview');
  });

  it('refuses a duplicate outlet code on the code field', async () => {
    await page.goto('/outlets');
    await page.getByTestId('new-outlet').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('outlet-code').fill('LSW');
    await dialog.getByTestId('outlet-name').fill('重复编号支行');
    await dialog.getByRole('button', { name: cjk('保存') }).click();
    await dialog
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('outlet-code') })
      .waitFor();
    await screenshot(page, '04-outlet-duplicate-code');
    await dialog.getByRole('button', { name: cjk('取消') }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('adds a zone and a staff member to the new outlet', async () => {
    await page.getByTestId('outlet-search').locator('input').fill(code);
    await page.getByTestId('outlet-search').locator('input').press('Enter');
    await page.getByRole('link', { name }).click();
    // tabs are links: their address says which tab is open
    const zonesTab = page.getByTestId('tab-zones');
    await expect(zonesTab.getAttribute('href')).resolves.toMatch(/^\/outlets\/[^/]+\/zones$/);
    await page.getByRole('tab', { name: '功能分区' }).click();
    await page.waitForURL(/\/outlets\/[^/]+\/zones$/);
    await page.getByRole('button', { name: /新建功能区/ }).click();
    await pickOption(page, '分区类型', '现金区');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: cjk('保存') })
      .click();
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
    await dialog.getByRole('button', { name: cjk('保存') }).click();
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
    await loginDialog.getByRole('button', { name: cjk('保存') }).click();
    await page.getByText(`已为 李晓梅 开通账号 ${code.toLowerCase()}-001`).waitFor();
    await row.getByText(`${code.toLowerCase()}-001`, { exact: true }).waitFor();
    await expect(row.getByTestId('staff-create-login').count()).resolves.toBe(0);
    await loginDialog.waitFor({ state: 'hidden' });
    await screenshot(page, '07c-staff-with-login');
  });

  it('shows the other admin pages', async () => {
    await page.goto('/business-types');
    await page.getByRole('heading', { name: '业务类型' }).waitFor();
    await screenshot(page, '08-business-types');
    await page.goto('/users');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('cell', { name: 'head.lsw' }).waitFor();
    // the demo's outlet logins are linked to their staff records
    await expect(
      page.getByRole('row').filter({ hasText: 'head.lsw' }).getByTestId('user-staff').textContent(),
    ).resolves.toBe('王芳');
    await screenshot(page, '09-users');
    // the login made from the staff list links back to the staff record
    await page.goto(`/users?q=${code.toLowerCase()}`);
    const staffLink = page
      .getByRole('row')
      .filter({ hasText: `${code.toLowerCase()}-001` })
      .getByTestId('user-staff');
    await expect(staffLink.textContent()).resolves.toBe('李晓梅');
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
    await page.goto('/outlets');
    await page.getByRole('link', { name: '螺蛳湾支行' }).waitFor();
    await expect(page.locator('.ant-layout-sider').count()).resolves.toBe(0);
    await screenshot(page, '11-portrait-outlets');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('.ant-drawer-open').getByRole('menuitem', { name: '业务类型' }).waitFor();
    await page.waitForTimeout(500); // let the slide-in animation finish before the screenshot
    await screenshot(page, '12-portrait-drawer');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
