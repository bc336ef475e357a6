import { describe, expect, inject, it } from 'vitest';
import { apiSession, useBrowser, login, newContext, screenshot } from './browser';
import { makeUser } from './factories';

describe('language switch', () => {
  const browser = useBrowser();

  it('switches to English and back, and remembers the choice', async () => {
    const baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '分行消保部' });
    const context = await newContext(browser(), baseUrl);
    const page = await context.newPage();
    await login(page, officer.username, officer.password);
    // an officer's day starts on the home page
    await page.waitForURL('**/home');
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.goto('/outlets');
    await page.getByRole('heading', { name: '网点管理' }).waitFor();

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await page.getByRole('heading', { name: 'Outlets' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en-US');
    await screenshot(page, '20-outlets-en');

    // persists across a reload (localStorage) ...
    await page.reload();
    await page.getByRole('heading', { name: 'Outlets' }).waitFor();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(
      'Consumer-protection officer',
    );

    // ... and on the server: a fresh browser profile gets English after logging in
    const other = await newContext(browser(), baseUrl);
    const page2 = await other.newPage();
    await login(page2, officer.username, officer.password);
    await page2.getByRole('heading', { name: 'Home' }).waitFor();
    await expect(page2.getByTestId('home-section-complaints').textContent()).resolves.toContain(
      'Complaints falling due',
    );
    await other.close();

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await page.getByRole('heading', { name: '网点管理' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '网点管理' }).waitFor();
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain('分行消保部');
    await context.close();
  });
});
