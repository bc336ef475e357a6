import { describe, expect, inject, it } from 'vitest';
import { apiSession, useBrowser, login, newContext, screenshot } from './browser';
import { makeOutlet, makeUser } from './factories';

describe('outlet scope', () => {
  const browser = useBrowser();

  it("refuses an outlet head another outlet's page", async () => {
    const baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const mine = (await makeOutlet(admin, '本网点')).outlet;
    const other = (await makeOutlet(admin, '他网点')).outlet;
    const head = await makeUser(baseUrl, admin, 'outlet_head', mine.id);

    const context = await newContext(browser(), baseUrl);
    const page = await context.newPage();
    await login(page, head.username, head.password);
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('网点负责人');

    // the outlet head lands on their own outlet, with editing allowed
    await page.waitForURL(`**/outlets/${mine.id}`);
    await page.getByTestId('outlet-title').filter({ hasText: mine.name }).waitFor();
    await page.getByTestId('edit-outlet').waitFor();
    await screenshot(page, '30-head-own-outlet');

    // another outlet answers 404, shown as "does not exist or no access"
    await page.goto(`/outlets/${other.id}`);
    await page.getByTestId('not-found').waitFor();
    await expect(page.getByTestId('not-found').textContent()).resolves.toBe('网点不存在或您无权访问');
    await expect(page.getByText(other.name).count()).resolves.toBe(0);
    await screenshot(page, '31-head-other-outlet-refused');

    // the branch-only menu entries are absent
    await expect(page.getByRole('menuitem', { name: /用户|审计日志/ }).count()).resolves.toBe(0);
    // and their pages say at once that the role may not open them
    await page.goto('/users');
    await page.getByTestId('refused').waitFor();
    await expect(page.getByRole('heading', { name: '用户管理' }).count()).resolves.toBe(0);
    await context.close();
  });
});
