import { describe, expect, inject, it } from 'vitest';
import { apiSession, useBrowser, newContext, screenshot } from './browser';
import { makeUser } from './factories';

describe('account lockout', () => {
  const browser = useBrowser();

  it('holds up an address after five wrong passwords, then tells the owner once unlocked', async () => {
    // a login of its own: locking a shared one would refuse it to every other spec
    const baseUrl = inject('baseUrl');
    const me = await makeUser(baseUrl, await apiSession(baseUrl, 'admin'), 'consultant');
    const context = await newContext(browser(), baseUrl);
    const page = await context.newPage();
    await page.goto('/login');
    const error = page.getByTestId('login-error');

    const attempt = async (password: string) => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByTestId('login-username').fill(me.username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      const res = await answered;
      await error.waitFor();
      return { status: res.status(), text: (await error.textContent()) ?? '' };
    };

    for (let i = 1; i <= 4; i++) {
      const r = await attempt(`wrong-password-${i}`);
      expect(r.status).toBe(401);
      expect(r.text).toContain('用户名或密码错误');
    }
    const fifth = await attempt('wrong-password-5');
    expect(fifth.status).toBe(423);
    await screenshot(page, '40-login-wrong-password');

    // held up from this address: even the right password is not checked
    const sixth = await attempt(me.password);
    expect(sixth.status).toBe(423);
    expect(sixth.text).toMatch(/暂停登录该账户至 \d{2}:\d{2}/);
    await expect(page.getByTestId('user-menu').count()).resolves.toBe(0);
    await screenshot(page, '41-login-locked');

    // an admin unlocks; the owner signs in and is told, once, of the wrong passwords
    const admin = await apiSession(baseUrl, 'admin');
    await admin.post(`/users/${me.id}/unlock`);
    await page.getByTestId('login-username').fill(me.username);
    await page.getByTestId('login-password').fill(me.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    const notice = page.getByTestId('sign-in-notice');
    await expect(notice.textContent()).resolves.toContain('密码输错 5 次');
    await screenshot(page, '42-login-notice');
    await context.close();
  });
});
