import { statSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, type OutletRow, screenshot } from './browser';
import { cjk } from './helpers';

/** A suffix so that a rerun against the same server finds its own rows. */
const RUN = Date.now().toString(36).slice(-5);
const SCENARIO = `客户办理挂失后补卡延迟${RUN}`;
const TITLE = `补卡延迟致歉${RUN}`;
const BODY_V1 = '非常抱歉给您带来不便，补卡需要三个工作日，我会每天跟进进度并电话告知您。';
const BODY_V2 = '非常抱歉给您带来不便，补卡需要三个工作日，我已为您申请加急，办好后第一时间短信通知您。';

interface Staff {
  id: string;
  name: string;
}

/** Waits until no table is loading and its fade-out is over, for a clean screenshot. */
async function settled(page: Page, name: string) {
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.waitForTimeout(400);
  await screenshot(page, name);
}

/** Clicks the page's export button and returns the size of the .xlsx it downloads. */
async function exportXlsx(page: Page): Promise<number> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-xlsx').first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const path = await download.path();
  return path ? statSync(path).size : 0;
}

/** Picks an option of a Select in the open dialog by its label, and checks it took (the modal may still be animating in). */
async function choose(page: Page, label: string, option: string) {
  const item = page
    .getByRole('dialog')
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) });
  for (let i = 0; i < 4; i++) {
    await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
    await pickInDropdown(page, option, 5_000).catch(() => undefined);
    await page.waitForTimeout(150);
    if (((await item.locator('.ant-select').first().textContent()) ?? '').includes(option)) return;
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

/** Picks an option of an open antd Select dropdown by its text. */
async function pickInDropdown(page: Page, text: string, timeout = 30_000) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click({ timeout });
}

describe('complaint coaching: scripts, drills, ten questions', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let lsw = '';
  let staff: Staff[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'));
    page = await context.newPage();
    const api = await apiSession(inject('baseUrl'), 'cpo');
    const outlets = await api.get<{ items: OutletRow[] }>('/outlets?q=LSW');
    lsw = outlets.items.find((o) => o.code === 'LSW')?.id ?? '';
    staff = (await api.get<{ items: Staff[] }>(`/outlets/${lsw}/staff?pageSize=100&active=true`)).items;
    expect(lsw).not.toBe('');
    expect(staff.length).toBeGreaterThan(2);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a script, edits it into version 2, finds it by a Chinese substring and compares versions', async () => {
    await login(page, 'cpo');
    await page.goto('/complaint-scripts');
    await page.getByRole('heading', { name: '话术库' }).waitFor();
    await page.getByTestId('script-open').first().waitFor();
    await settled(page, 'cc01-scripts');

    await page.getByTestId('script-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('script-form').waitFor();
    await page.waitForTimeout(300); // the modal's zoom-in
    await choose(page, '环节', '致歉安抚');
    await dialog.getByTestId('script-scenario').locator('input').fill(SCENARIO);
    await dialog.getByTestId('script-title').fill(TITLE);
    await dialog.getByTestId('script-body').fill(BODY_V1);
    await dialog.getByTestId('script-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // a Chinese substring from the middle of the scenario finds it (no word breaks in Chinese)
    await page.getByTestId('script-search').locator('input').fill('挂失后补卡');
    await page.getByTestId('script-search').locator('input').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: TITLE });
    await row.waitFor();
    await expect(row.getByTestId('script-version').textContent()).resolves.toBe('v1');
    await expect(page.locator('mark.ld-hit').first().textContent()).resolves.toBe('挂失后补卡');

    await row.getByTestId('script-edit').click();
    await dialog.getByTestId('script-form').waitFor();
    await expect(dialog.textContent()).resolves.toContain('v2');
    await dialog.getByTestId('script-body').fill(BODY_V2);
    await settled(page, 'cc02a-script-edit');
    await dialog.getByTestId('script-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('script-version').textContent(), { timeout: 5_000 }).toBe('v2');

    // a phrase only in version 2 finds it too
    await page.getByTestId('script-search').locator('input').fill('申请加急');
    await page.getByTestId('script-search').locator('input').press('Enter');
    await page.locator('.ant-table-row', { hasText: TITLE }).waitFor();
    await expect(page.locator('.ant-table-row').count()).resolves.toBe(1);
    expect(await exportXlsx(page)).toBeGreaterThan(1000); // the filtered list as .xlsx
    await settled(page, 'cc02-scripts-search');

    await page.locator('.ant-table-row', { hasText: TITLE }).getByTestId('script-open').click();
    const drawer = page.getByTestId('script-drawer');
    await drawer.getByTestId('script-version-1').waitFor();
    await expect(drawer.getByTestId('script-version-body').textContent()).resolves.toBe(BODY_V2);
    await drawer.getByTestId('script-version-1').click();
    await drawer.locator('del.ld-diff-del').first().waitFor();
    const inserted = (await drawer.locator('ins.ld-diff-ins').allTextContents()).join('');
    expect(inserted).toContain('申请加急');
    expect(inserted).not.toContain('非常抱歉'); // the unchanged start is not marked
    await settled(page, 'cc03-script-versions');
    await page.getByTestId('script-view-mode').getByText('原文').click();
    await expect(drawer.getByTestId('script-version-body').textContent()).resolves.toBe(BODY_V1);
    await page.keyboard.press('Escape');
  });

  it('records a drill and finds it in the participant’s drill history', async () => {
    const [a, b] = staff;
    await page.goto('/complaint-drills');
    await page.getByRole('heading', { name: '投诉带教' }).waitFor();
    await page.getByTestId('drill-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drill-form').waitFor();
    await page.waitForTimeout(300);
    await choose(page, '网点', '螺蛳湾支行');
    await dialog.getByTestId('drill-script').click();
    await page.keyboard.type(TITLE.slice(0, 4));
    await pickInDropdown(page, TITLE);
    await expect(dialog.getByTestId('drill-scenario').inputValue()).resolves.toContain(SCENARIO);
    await dialog.getByTestId('drill-participants').click();
    await pickInDropdown(page, a!.name);
    await pickInDropdown(page, b!.name);
    await dialog.getByTestId('drill-evaluator').click(); // closes the dropdown (Escape would close the dialog)
    const scores = [18, 16, 15, 17, 14];
    for (const [i, v] of scores.entries()) await dialog.getByTestId(`rubric-score-${i}`).fill(String(v));
    await expect.poll(() => dialog.getByTestId('drill-total').textContent()).toContain('80 / 100');
    await dialog.getByTestId('drill-comments').fill('安抚到位，核实环节可更主动地调取交易明细。');
    await settled(page, 'cc04-drill-form');
    await dialog.getByTestId('drill-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // the participant's tag filters the list to their drills: the history card and its trend
    const row = page.locator('.ant-table-row', { hasText: SCENARIO }).first();
    await row.waitFor();
    await row.getByTestId('drill-participants-cell').getByText(a!.name, { exact: true }).click();
    const history = page.getByTestId('drill-history');
    await history.waitFor();
    await expect(history.textContent()).resolves.toContain(a!.name);
    await history.getByTestId('drill-trend').waitFor();
    await page.locator('.ant-table-row', { hasText: SCENARIO }).first().waitFor();
    expect(new URL(page.url()).searchParams.get('staffId')).toBe(a!.id);
    expect(await exportXlsx(page)).toBeGreaterThan(1000);
    await page
      .locator('.ant-table-row', { hasText: SCENARIO })
      .first()
      .locator('.ant-table-row-expand-icon')
      .click();
    await page.getByTestId('drill-rubric').first().waitFor();
    await settled(page, 'cc05-drill-history');
  });

  it('refuses an eleventh question, keeps a new order after saving, prints the card', async () => {
    const head = await context.browser()!.newContext({
      baseURL: inject('baseUrl'),
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const p = await head.newPage();
    await login(p, 'head.lsw');
    await p.goto('/ten-questions?line=wealth');
    await p.getByTestId('tq-editor').waitFor();
    // an outlet head works on their own outlet: no outlet picker
    await expect(p.getByTestId('tq-outlet').textContent()).resolves.toBe('螺蛳湾支行');
    const questions = p.getByTestId('tq-question');
    await questions.first().waitFor();
    const before = await questions.evaluateAll((els) =>
      els.map((e) => (e as unknown as { value: string }).value),
    );
    expect(before.length).toBeGreaterThanOrEqual(2);

    // fill the list up to ten, then the eleventh is refused with a message
    for (let n = before.length; n < 10; n++) await p.getByTestId('tq-add').click();
    await expect(questions.count()).resolves.toBe(10);
    await p.getByTestId('tq-add').click();
    await p.getByTestId('tq-full').waitFor();
    await expect(questions.count()).resolves.toBe(10);
    await settled(p, 'cc06-ten-questions-full');
    await p.getByTestId('tq-discard').click();
    await p
      .locator('.ant-popconfirm')
      .getByRole('button', { name: cjk('确定') })
      .click();
    await expect.poll(() => questions.count()).toBe(before.length);

    // move the second question to the top, save, reload: the order is kept
    await p.getByTestId('tq-up').nth(1).click();
    await p.getByTestId('tq-save').click();
    await p.getByTestId('tq-dirty').waitFor({ state: 'hidden' });
    await p.reload();
    await questions.first().waitFor();
    const after = await questions.evaluateAll((els) =>
      els.map((e) => (e as unknown as { value: string }).value),
    );
    expect(after).toEqual([before[1], before[0], ...before.slice(2)]);
    await settled(p, 'cc07-ten-questions');

    // the printable card, in the new order
    await p.getByTestId('tq-print').click();
    await p.getByTestId('tq-card').waitFor();
    await expect(p.getByTestId('tq-card-outlet').textContent()).resolves.toBe('螺蛳湾支行');
    const card = await p.getByTestId('tq-card-item').allTextContents();
    expect(card[0]).toContain(before[1]);
    expect(card[1]).toContain(before[0]);
    await p.evaluate(() => {
      (globalThis as unknown as { printed: boolean }).printed = false;
      (globalThis as unknown as { print: () => void }).print = () => {
        (globalThis as unknown as { printed: boolean }).printed = true;
      };
    });
    await p.getByTestId('tq-card-print').click();
    await expect(p.evaluate(() => (globalThis as unknown as { printed: boolean }).printed)).resolves.toBe(
      true,
    );
    await settled(p, 'cc08-ten-questions-card');
    await p.emulateMedia({ media: 'print' });
    await expect(p.locator('.ld-header').isVisible()).resolves.toBe(false);
    await expect(p.locator('.ant-layout-sider').isVisible()).resolves.toBe(false);
    await expect(p.getByTestId('tq-card-print').isVisible()).resolves.toBe(false);
    await settled(p, 'cc09-ten-questions-card-print');
    await p.emulateMedia({ media: 'screen' });
    await p.getByTestId('tq-card-layout').getByText('A5 一页两张').click();
    await expect(p.locator('.ld-tq-card').count()).resolves.toBe(2);
    await p.emulateMedia({ media: 'print' });
    await settled(p, 'cc10-ten-questions-card-a5-print');
    await p.emulateMedia({ media: 'screen' });
    await head.close();
  });

  it('runs a quiz for a staff member and shows the recorded result', async () => {
    const target = staff[2]!;
    await page.goto(`/ten-questions?outletId=${lsw}&line=wealth&tab=quiz`);
    await page.getByTestId('quiz-panel').waitFor();
    await page.getByTestId('quiz-staff').click();
    await pickInDropdown(page, target.name);
    await page.getByTestId('quiz-draw').click();
    const items = page.getByTestId('quiz-question');
    await items.first().waitFor();
    const n = await items.count();
    expect(n).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('quiz-record').isDisabled()).resolves.toBe(true);
    for (let i = 0; i < n; i++)
      await items
        .nth(i)
        .getByTestId(i === 0 ? 'quiz-wrong' : 'quiz-right')
        .click();
    await settled(page, 'cc11-quiz');
    await page.getByTestId('quiz-record').click();
    await page.getByTestId('quiz-result').waitFor();
    await expect(page.getByTestId('quiz-result').textContent()).resolves.toContain(`答对 ${n - 1} / ${n} 题`);

    await settled(page, 'cc11b-quiz-recorded');
    await page.getByRole('tab', { name: '测验记录' }).click();
    const row = page
      .getByTestId('quiz-results-table')
      .locator('.ant-table-row', { hasText: target.name })
      .first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`答对 ${n - 1} / ${n} 题`);
    await expect(row.textContent()).resolves.toContain('理财业务');
    expect(await exportXlsx(page)).toBeGreaterThan(1000);
    await settled(page, 'cc12-quiz-results');
  });

  it('shows a staff member the lists without the editing controls the server would refuse', async () => {
    const ctx = await newContext(browser, inject('baseUrl'));
    const p = await ctx.newPage();
    await login(p, 'staff.lsw');
    await p.goto('/complaint-scripts');
    await p.getByTestId('script-open').first().waitFor();
    await expect(p.getByTestId('script-new').count()).resolves.toBe(0);
    await expect(p.getByTestId('script-edit').count()).resolves.toBe(0);
    await p.goto('/complaint-drills');
    await p.getByTestId('drill-table').waitFor();
    await expect(p.getByTestId('drill-new').count()).resolves.toBe(0);
    await p.goto('/ten-questions?line=wealth');
    await p.getByTestId('tq-editor').waitFor();
    await expect(p.getByTestId('tq-save').count()).resolves.toBe(0);
    await expect(p.getByTestId('tq-question').count()).resolves.toBe(0); // read as text, not inputs
    await expect(p.getByTestId('tq-item').count()).resolves.toBeGreaterThan(0);
    await ctx.close();
  });

  it('reads well in English and on a portrait tablet', async () => {
    const en = await browser.newContext({
      baseURL: inject('baseUrl'),
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const p = await en.newPage();
    await p.addInitScript(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('liangdian.locale', 'en-US'),
    );
    await login(p, 'consultant');
    await p.goto(`/complaint-scripts?q=${encodeURIComponent('挂失')}`);
    await p
      .getByRole('heading', { name: 'Scripts' })
      .waitFor()
      .catch(() => undefined);
    await p.getByTestId('script-open').first().waitFor();
    await settled(p, 'cc13-scripts-en');
    await p.goto(`/ten-questions?outletId=${lsw}&line=wealth`);
    await p.getByTestId('tq-question').first().waitFor();
    await settled(p, 'cc14-ten-questions-en');
    await p.goto(
      `/complaint-drills?outletId=${lsw}&staffId=${staff[0]!.id}&staffName=${encodeURIComponent(staff[0]!.name)}`,
    );
    await p.getByTestId('drill-trend').waitFor();
    await settled(p, 'cc15-drills-en');
    await p.goto(`/ten-questions/${lsw}/wealth/card`);
    await p.getByTestId('tq-card').waitFor();
    await settled(p, 'cc16-card-en');
    await en.close();

    const portrait = await newContext(browser, inject('baseUrl'), { width: 800, height: 1280 });
    const q = await portrait.newPage();
    await login(q, 'cpo');
    await q.goto('/complaint-scripts');
    await q.getByTestId('script-open').first().waitFor();
    await settled(q, 'cc17-scripts-portrait');
    await q.goto(
      `/complaint-drills?outletId=${lsw}&staffId=${staff[0]!.id}&staffName=${encodeURIComponent(staff[0]!.name)}`,
    );
    await q.getByTestId('drill-trend').waitFor();
    await settled(q, 'cc18-drills-portrait');
    await q.goto(`/ten-questions?outletId=${lsw}&line=wealth`);
    await q.getByTestId('tq-question').first().waitFor();
    await settled(q, 'cc19-ten-questions-portrait');
    await q.goto(`/ten-questions?outletId=${lsw}&line=wealth&tab=results`);
    await q.getByTestId('quiz-results-table').waitFor();
    await settled(q, 'cc20-quiz-results-portrait');
    await q.goto(`/ten-questions/${lsw}/wealth/card`);
    await q.getByTestId('tq-card').waitFor();
    await settled(q, 'cc21-card-portrait');
    await portrait.close();
  });
});
