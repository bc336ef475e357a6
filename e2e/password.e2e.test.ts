import { describe, expect, inject, it } from 'vitest';
import { apiSession, useBrowser, login, newContext, screenshot } from './browser';
import { makeOutlet, unique } from './factories';
import { modalOk } from './helpers';

describe('password change', () => {
  const browser = useBrowser();

  it('makes a new user change the password the admin gave before anything else', async () => {
    const baseUrl = inject('baseUrl');
    const admin = await apiSession(baseUrl, 'admin');
    const { outlet } = await makeOutlet(admin);
    const username = `new.${unique()}`.toLowerCase();
    await admin.post('/users', {
      username,
      displayName: '新同事',
      role: 'staff',
      outletId: outlet.id,
      password: 'given-by-admin-1',
    });

    const context = await newContext(browser(), baseUrl);
    const page = await context.newPage();
    await login(page, username, 'given-by-admin-1');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('首次登录或密码已被重置，请先修改密码。').waitFor();
    // forced: no way to close it without changing the password
    expect(await dialog.getByRole('button', { name: 'Close' }).count()).toBe(0);
    // nothing behind it asked the server for what it refuses until then: no error shown
    expect(await page.locator('.ant-message-error, .ant-notification-notice-error').count()).toBe(0);

    // a common password is refused with the server's reason on its field
    await dialog.getByLabel('当前密码').fill('given-by-admin-1');
    await dialog.getByLabel('新密码', { exact: true }).fill('password1234');
    await dialog.getByLabel('确认新密码').fill('password1234');
    await modalOk(dialog).click();
    await dialog.getByText(/过于常见或容易猜到/).waitFor();

    // the wrong current password is shown on its field
    await dialog.getByLabel('当前密码').fill('not-the-password-1');
    await dialog.getByLabel('新密码', { exact: true }).fill('my-own-secret-42');
    await dialog.getByLabel('确认新密码').fill('my-own-secret-42');
    await modalOk(dialog).click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await expect(dialog.locator('.ant-modal-footer .ant-btn-primary').textContent()).resolves.toMatch(
      /保\s*存/,
    );
    await screenshot(page, '45-password-forced-wrong-current');

    await dialog.getByLabel('当前密码').fill('given-by-admin-1');
    await modalOk(dialog).click();
    await page.getByText('密码已修改').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    const me = await apiSession(baseUrl, username, 'my-own-secret-42');
    const session = await me.get<{ user: { mustChangePassword: boolean } }>('/auth/me');
    expect(session.user.mustChangePassword).toBe(false);
    await expect(apiSession(baseUrl, username, 'given-by-admin-1')).rejects.toThrow(/401/);
    await context.close();
  });
});
