import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, demoOutletId, launchBrowser, login, newContext, screenshot } from './browser';
import { cjk, modalOk, pickOption } from './helpers';

/**
 * 排班规则, 请假与不可排, 排班偏好: the head of 金江支行 (not the outlet the roster spec solves)
 * changes a rule and finds it after a reload, has a bad value refused with the field named,
 * restores the defaults; records leave for a person and finds it in the month's list, changes it;
 * sets a day preference in the grid and a shift preference. The lobby manager of 螺蛳湾支行 sees
 * the rules read-only.
 */
describe('roster settings pages', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let jj: string;
  let person: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    jj = await demoOutletId(baseUrl, '金江支行');
    const head = await apiSession(baseUrl, 'head.jj');
    // the pages in Chinese, whatever language an earlier run left the head's account in
    await head.patch('/auth/me', { locale: 'zh-CN' });
    const staff = await head.get<{ items: { staffName: string }[] }>(`/outlets/${jj}/staff-elastic`);
    person = staff.items[1]!.staffName;
    const context = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    page = await context.newPage();
    await login(page, 'head.jj');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rest = () => page.getByLabel('两天之间最短休息', { exact: true });
  /** the field's number (an input on the half hour shows 12.0) */
  const restHours = async () => {
    const v = await rest().inputValue();
    return v === '' ? null : Number(v);
  };
  const save = () => page.getByTestId('rules-save').click();

  it('keeps a changed rule after a reload, refuses a bad value with the field named, restores the defaults', async () => {
    await page.goto(`/lobby/${jj}/roster/rules`);
    await page.getByTestId('rules-source').waitFor();
    await expect.poll(() => rest().inputValue()).not.toBe('');
    await rest().fill('12');
    await save();
    await page.getByText('排班规则已保存').waitFor();
    await page.reload();
    await page.getByTestId('rules-source').waitFor();
    await expect.poll(restHours, { timeout: 15_000 }).toBe(12);
    expect(await page.getByTestId('rules-source').textContent()).toContain('本网点自定规则');
    // the domain default is shown beside the field, and what the weights mean
    const restItem = page.locator('.ant-form-item').filter({ has: rest() });
    expect(await restItem.textContent()).toContain('默认：11 小时');
    expect(await page.getByText('某岗位某半小时每缺 1 人计一次').count()).toBe(1);
    // each role's shifts under its name, with the defaults of the role
    const teller = page.getByTestId('rule-role-teller');
    expect(await teller.locator('h5').textContent()).toBe('柜员');
    expect(await teller.textContent()).toContain('默认：08:30、09:00');
    await screenshot(page, 'roster-rules-1366');

    // 30 hours of rest: refused by the server, the field says why and the message names it
    await rest().fill('30');
    await save();
    await expect
      .poll(() => restItem.locator('.ant-form-item-explain-error').textContent())
      .toContain('不能大于 24');
    await page.getByText(/未保存，请修改：两天之间最短休息/).waitFor();
    await screenshot(page, 'roster-rules-refused-1366');
    await page.reload();
    await expect.poll(restHours, { timeout: 15_000 }).toBe(12);

    // restore defaults, saved: back to 11
    await page.getByTestId('rules-restore').click();
    await expect.poll(restHours, { timeout: 15_000 }).toBe(11);
    await save();
    await page.getByText('排班规则已保存').waitFor();
    await page.reload();
    await expect.poll(restHours, { timeout: 15_000 }).toBe(11);
  });

  it('records leave for a person, lists it in its month, changes it', async () => {
    const note = `年假 e2e ${Date.now()}`;
    await page.goto(`/lobby/${jj}/roster/leave?month=2027-01`);
    await page.getByTestId('leave-table').waitFor();
    await page.getByTestId('leave-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await pickOption(page, '人员', person, person);
    const days = dialog.locator('.ant-picker-range input');
    await days.first().click();
    await days.first().fill('2027-01-11');
    await page.keyboard.press('Enter');
    await days.nth(1).fill('2027-01-12');
    await page.keyboard.press('Enter');
    await dialog.getByText('上午', { exact: true }).click();
    await dialog.getByTestId('leave-form-note').fill(note);
    await modalOk(dialog).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('leave-table').locator('tr', { hasText: note });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(person);
    expect(text).toContain('请假');
    expect(text).toContain('上午');
    expect(text).toContain('2 天');
    await screenshot(page, 'roster-leave-1366');

    // another month does not list it
    await page.goto(`/lobby/${jj}/roster/leave?month=2027-03`);
    await page.getByTestId('leave-table').waitFor();
    await expect.poll(() => page.getByTestId('leave-table').locator('tr', { hasText: note }).count()).toBe(0);

    // changed: a whole day of unavailability
    await page.goto(`/lobby/${jj}/roster/leave?month=2027-01`);
    await row.waitFor();
    await row.getByTestId('leave-edit').click();
    await dialog.waitFor();
    await dialog.getByText('不可排班', { exact: true }).click();
    await dialog.getByText('全天', { exact: true }).click();
    await modalOk(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('不可排班');
    expect(await row.textContent()).toContain('全天');
  });

  it('sets a day preference in the grid and a shift preference', async () => {
    await page.goto(`/lobby/${jj}/roster/preferences`);
    const row = page.locator(`[data-testid="pref-row"][data-name="${person}"]`);
    await row.waitFor();
    const saturday = row.getByTestId('pref-cell-5');
    // whatever an earlier run left: click until it says "wants the day off"
    for (let i = 0; i < 3 && (await saturday.getAttribute('data-wish')) !== 'unwanted'; i++)
      await saturday.click();
    expect(await saturday.getAttribute('data-wish')).toBe('unwanted');
    const pending = await page.getByTestId('pref-save').isEnabled();
    if (pending) {
      await page.getByTestId('pref-save').click();
      await page.getByText('排班偏好已保存').waitFor();
    }
    await page.reload();
    await row.waitFor();
    await expect.poll(() => saturday.getAttribute('data-wish')).toBe('unwanted');
    expect(await saturday.textContent()).toMatch(cjk('想休息'));

    // a second run on the same data: the person's 13:00–17:00 preference is deleted first (the
    // server refuses the same preference twice)
    const shift = page.getByTestId('pref-shift-table').locator('tr', { hasText: person });
    const existing = shift.filter({ hasText: '13:00–17:00' });
    while ((await existing.count()) > 0) {
      const before = await existing.count();
      await existing.first().getByTestId('pref-delete').click();
      await page.locator('.ant-popconfirm').getByRole('button').last().click();
      await expect.poll(() => existing.count()).toBeLessThan(before);
    }
    await page.getByTestId('pref-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await pickOption(page, '人员', person, person);
    await pickOption(page, '从', '13:00', '13:00');
    await pickOption(page, '到', '17:00', '17:00');
    await modalOk(dialog).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => shift.filter({ hasText: '13:00–17:00' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'roster-preferences-1366');
  });

  it('shows the rules read-only to the lobby manager', async () => {
    const context = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    const p = await context.newPage();
    await login(p, 'lobby.lsw');
    const lsw = await demoOutletId(baseUrl, '螺蛳湾支行');
    await p.goto(`/lobby/${lsw}/roster/rules`);
    await p.getByTestId('rules-source').waitFor();
    expect(await p.getByTestId('rules-source').textContent()).toContain('只读');
    expect(await p.getByTestId('rules-save').count()).toBe(0);
    expect(await p.getByLabel('两天之间最短休息', { exact: true }).isDisabled()).toBe(true);
    // the back-link to the roster
    await p.getByTestId('roster-back').click();
    await p.waitForURL(`**/lobby/${lsw}/roster`);
    await context.close();
  });
});
