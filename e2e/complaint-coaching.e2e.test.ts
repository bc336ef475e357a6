import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, screenshot, type Login, signedIn } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet, unique } from './factories';
import { cjk, pickInDropdown, pickOption } from './helpers';

const BODY_V1 = '非常抱歉给您带来不便，补卡需要三个工作日，我会每天跟进进度并电话告知您。';
const BODY_V2 = '非常抱歉给您带来不便，补卡需要三个工作日，我已为您申请加急，办好后第一时间短信通知您。';
const QUESTIONS = [
  { question: '理财产品会亏损吗？', answer: '理财非存款，产品有风险，我们会按您的风险等级推荐。' },
  { question: '提前赎回有费用吗？', answer: '视产品而定，购买前会逐项告知。' },
  { question: '收益什么时候到账？', answer: '到期后一至三个工作日内到账。' },
];

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

/** A script of this test's own (its scenario and title carry a unique mark). */
async function makeScript(api: Api, body = BODY_V1) {
  const mark = unique();
  const script = {
    stage: 'acknowledge',
    scenario: `客户办理挂失后补卡延迟${mark}`,
    title: `补卡延迟致歉${mark}`,
    body,
  };
  await api.post('/complaint-scripts', script);
  return script;
}

describe('complaint coaching: scripts, drills, ten questions', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let admin: Api;
  let own: OwnOutlet;
  /** the branch's consumer-protection officer, who keeps the scripts and records drills */
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerApi: Api;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, '带教测试支行');
    officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '消保专员' });
    officerApi = await apiSession(baseUrl, officer.username, officer.password);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signIn = (user: Login, opts?: Parameters<typeof signedIn>[3]) =>
    signedIn(browser, baseUrl, user, opts);

  /** The outlet's wealth-line ten questions, as this test wants them. */
  const putQuestions = () =>
    admin.put(`/outlets/${own.outlet.id}/ten-questions/wealth`, { questions: QUESTIONS });

  /** A drill at the own outlet with the first two staff members, for the history views. */
  async function makeDrill() {
    const script = await makeScript(officerApi);
    await officerApi.post('/complaint-drills', {
      outletId: own.outlet.id,
      heldOn: '2026-11-20',
      scenario: script.scenario,
      evaluator: '消保专员',
      participants: [own.staff[0]!.id, own.staff[1]!.id],
      rubric: [
        { item: '安抚', score: 18, max: 20 },
        { item: '核实', score: 15, max: 20 },
      ],
    });
    return script;
  }

  it('adds a script, edits it into version 2, finds it by a Chinese substring and compares versions', async () => {
    const mark = unique();
    const scenario = `客户办理挂失后补卡延迟${mark}`;
    const title = `补卡延迟致歉${mark}`;
    const { context, page } = await signIn(officer);
    await page.goto('/complaint-scripts');
    await page.getByRole('heading', { name: '话术库' }).waitFor();
    await screenshot(page, 'cc01-scripts');

    await page.getByTestId('script-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('script-form').waitFor();
    await pickOption(page, '环节', '致歉安抚');
    await dialog.getByTestId('script-scenario').locator('input').fill(scenario);
    await dialog.getByTestId('script-title').fill(title);
    await dialog.getByTestId('script-body').fill(BODY_V1);
    await dialog.getByTestId('script-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // a Chinese substring from the middle of the scenario finds it (no word breaks in Chinese)
    const search = page.getByTestId('script-search').locator('input');
    await search.fill(`挂失后补卡延迟${mark}`.slice(2));
    await search.press('Enter');
    const row = page.locator('.ant-table-row', { hasText: title });
    await row.waitFor();
    await expect(row.getByTestId('script-version').textContent()).resolves.toBe('v1');
    await expect(page.locator('mark.ld-hit').first().textContent()).resolves.toBe(
      `挂失后补卡延迟${mark}`.slice(2),
    );

    await row.getByTestId('script-edit').click();
    await dialog.getByTestId('script-form').waitFor();
    await expect(dialog.textContent()).resolves.toContain('v2');
    await dialog.getByTestId('script-body').fill(BODY_V2);
    await screenshot(page, 'cc02a-script-edit');
    await dialog.getByTestId('script-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('script-version').textContent(), { timeout: 5_000 }).toBe('v2');

    // a phrase only in version 2 finds it too, with the mark: this script alone
    await search.fill(`补卡延迟致歉${mark}`);
    await search.press('Enter');
    await page.locator('.ant-table-row', { hasText: title }).waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await exportXlsx(page)).toBeGreaterThan(1000); // the filtered list as .xlsx
    await screenshot(page, 'cc02-scripts-search');

    await page.locator('.ant-table-row', { hasText: title }).getByTestId('script-open').click();
    const drawer = page.getByTestId('script-drawer');
    await drawer.getByTestId('script-version-1').waitFor();
    await expect(drawer.getByTestId('script-version-body').textContent()).resolves.toBe(BODY_V2);
    await drawer.getByTestId('script-version-1').click();
    await drawer.locator('del.ld-diff-del').first().waitFor();
    const inserted = (await drawer.locator('ins.ld-diff-ins').allTextContents()).join('');
    expect(inserted).toContain('申请加急');
    expect(inserted).not.toContain('非常抱歉'); // the unchanged start is not marked
    await screenshot(page, 'cc03-script-versions');
    await page.getByTestId('script-view-mode').getByText('原文').click();
    await expect(drawer.getByTestId('script-version-body').textContent()).resolves.toBe(BODY_V1);
    await context.close();
  });

  it('records a drill and finds it in the participant’s drill history', async () => {
    const script = await makeScript(officerApi);
    const [a, b] = own.staff;
    const { context, page } = await signIn(officer);
    await page.goto('/complaint-drills');
    await page.getByRole('heading', { name: '投诉带教' }).waitFor();
    await page.getByTestId('drill-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drill-form').waitFor();
    await pickOption(page, '网点', own.outlet.name, own.outlet.code);
    await dialog.getByTestId('drill-script').click();
    await page.keyboard.type(script.title.slice(0, 4));
    await pickInDropdown(page, script.title);
    await expect(dialog.getByTestId('drill-scenario').inputValue()).resolves.toContain(script.scenario);
    await dialog.getByTestId('drill-participants').click();
    await pickInDropdown(page, a!.name);
    await pickInDropdown(page, b!.name);
    await dialog.getByTestId('drill-evaluator').click(); // closes the dropdown (Escape would close the dialog)
    const scores = [18, 16, 15, 17, 14];
    for (const [i, v] of scores.entries()) await dialog.getByTestId(`rubric-score-${i}`).fill(String(v));
    await expect.poll(() => dialog.getByTestId('drill-total').textContent()).toContain('80 / 100');
    await dialog.getByTestId('drill-comments').fill('安抚到位，核实环节可更主动地调取交易明细。');
    await screenshot(page, 'cc04-drill-form');
    await dialog.getByTestId('drill-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    // the participant's tag filters the list to their drills: the history card and its trend
    const row = page.locator('.ant-table-row', { hasText: script.scenario }).first();
    await row.waitFor();
    await row.getByTestId('drill-participants-cell').getByText(a!.name, { exact: true }).click();
    const history = page.getByTestId('drill-history');
    await history.waitFor();
    await expect(history.textContent()).resolves.toContain(a!.name);
    await history.getByTestId('drill-trend').waitFor();
    await page.locator('.ant-table-row', { hasText: script.scenario }).first().waitFor();
    expect(new URL(page.url()).searchParams.get('staffId')).toBe(a!.id);
    expect(await exportXlsx(page)).toBeGreaterThan(1000);
    await page
      .locator('.ant-table-row', { hasText: script.scenario })
      .first()
      .locator('.ant-table-row-expand-icon')
      .click();
    await page.getByTestId('drill-rubric').first().waitFor();
    await screenshot(page, 'cc05-drill-history');
    await context.close();
  });

  it('refuses an eleventh question, keeps a new order after saving, prints the card', async () => {
    await putQuestions();
    const head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id);
    const { context, page: p } = await signIn(head);
    await p.goto('/ten-questions?line=wealth');
    await p.getByTestId('tq-editor').waitFor();
    // an outlet head works on their own outlet: no outlet picker
    await expect(p.getByTestId('tq-outlet').textContent()).resolves.toBe(own.outlet.name);
    const questions = p.getByTestId('tq-question');
    await questions.first().waitFor();
    const before = await questions.evaluateAll((els) =>
      els.map((e) => (e as unknown as { value: string }).value),
    );
    expect(before).toEqual(QUESTIONS.map((q) => q.question));

    // fill the list up to ten, then the eleventh is refused with a message
    for (let n = before.length; n < 10; n++) await p.getByTestId('tq-add').click();
    await expect(questions.count()).resolves.toBe(10);
    await p.getByTestId('tq-add').click();
    await p.getByTestId('tq-full').waitFor();
    await expect(questions.count()).resolves.toBe(10);
    await screenshot(p, 'cc06-ten-questions-full');
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
    await screenshot(p, 'cc07-ten-questions');

    // the printable card, in the new order
    await p.getByTestId('tq-print').click();
    await p.getByTestId('tq-card').waitFor();
    await expect(p.getByTestId('tq-card-outlet').textContent()).resolves.toBe(own.outlet.name);
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
    await screenshot(p, 'cc08-ten-questions-card');
    await p.emulateMedia({ media: 'print' });
    await expect(p.locator('.ld-header').isVisible()).resolves.toBe(false);
    await expect(p.locator('.ant-layout-sider').isVisible()).resolves.toBe(false);
    await expect(p.getByTestId('tq-card-print').isVisible()).resolves.toBe(false);
    await screenshot(p, 'cc09-ten-questions-card-print');
    await p.emulateMedia({ media: 'screen' });
    await p.getByTestId('tq-card-layout').getByText('A5 一页两张').click();
    await expect(p.locator('.ld-tq-card').count()).resolves.toBe(2);
    await p.emulateMedia({ media: 'print' });
    await screenshot(p, 'cc10-ten-questions-card-a5-print');
    await p.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('runs a quiz for a staff member and shows the recorded result', async () => {
    await putQuestions();
    const target = own.staff[2]!;
    const { context, page } = await signIn(officer);
    await page.goto(`/ten-questions?outletId=${own.outlet.id}&line=wealth&tab=quiz`);
    await page.getByTestId('quiz-panel').waitFor();
    await page.getByTestId('quiz-staff').click();
    await pickInDropdown(page, target.name);
    await page.getByTestId('quiz-draw').click();
    const items = page.getByTestId('quiz-question');
    await items.first().waitFor();
    const n = await items.count();
    expect(n).toBe(QUESTIONS.length);
    await expect(page.getByTestId('quiz-record').isDisabled()).resolves.toBe(true);
    for (let i = 0; i < n; i++)
      await items
        .nth(i)
        .getByTestId(i === 0 ? 'quiz-wrong' : 'quiz-right')
        .click();
    await screenshot(page, 'cc11-quiz');
    await page.getByTestId('quiz-record').click();
    await page.getByTestId('quiz-result').waitFor();
    await expect(page.getByTestId('quiz-result').textContent()).resolves.toContain(`答对 ${n - 1} / ${n} 题`);

    await screenshot(page, 'cc11b-quiz-recorded');
    await page.getByRole('tab', { name: '测验记录' }).click();
    const row = page
      .getByTestId('quiz-results-table')
      .locator('.ant-table-row', { hasText: target.name })
      .first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`答对 ${n - 1} / ${n} 题`);
    await expect(row.textContent()).resolves.toContain('理财业务');
    expect(await exportXlsx(page)).toBeGreaterThan(1000);
    await screenshot(page, 'cc12-quiz-results');
    await context.close();
  });

  it('shows a staff member the lists without the editing controls the server would refuse', async () => {
    await putQuestions();
    await makeDrill();
    const staff = await makeUser(baseUrl, admin, 'staff', own.outlet.id);
    const { context, page: p } = await signIn(staff);
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
    await expect(p.getByTestId('tq-item').count()).resolves.toBe(QUESTIONS.length);
    await context.close();
  });

  it('reads well in English and on a portrait tablet', async () => {
    await putQuestions();
    const script = await makeDrill();
    const [first] = own.staff;
    const outletId = own.outlet.id;
    const history = `/complaint-drills?outletId=${outletId}&staffId=${first!.id}&staffName=${encodeURIComponent(first!.name)}`;
    const consultant = await makeUser(baseUrl, admin, 'consultant');
    const en = await signIn(consultant, { locale: 'en-US' });
    const p = en.page;
    await p.goto(`/complaint-scripts?q=${encodeURIComponent(script.title)}`);
    await p.getByRole('heading', { name: 'Scripts' }).waitFor();
    await p.getByTestId('script-open').first().waitFor();
    await screenshot(p, 'cc13-scripts-en');
    await p.goto(`/ten-questions?outletId=${outletId}&line=wealth`);
    await p.getByTestId('tq-question').first().waitFor();
    await screenshot(p, 'cc14-ten-questions-en');
    await p.goto(history);
    await p.getByTestId('drill-trend').waitFor();
    await screenshot(p, 'cc15-drills-en');
    await p.goto(`/ten-questions/${outletId}/wealth/card`);
    await p.getByTestId('tq-card').waitFor();
    await screenshot(p, 'cc16-card-en');
    await en.context.close();

    const portrait = await signIn(officer, { viewport: { width: 800, height: 1280 } });
    const q = portrait.page;
    await q.goto('/complaint-scripts');
    await q.getByTestId('script-open').first().waitFor();
    await screenshot(q, 'cc17-scripts-portrait');
    await q.goto(history);
    await q.getByTestId('drill-trend').waitFor();
    await screenshot(q, 'cc18-drills-portrait');
    await q.goto(`/ten-questions?outletId=${outletId}&line=wealth`);
    await q.getByTestId('tq-question').first().waitFor();
    await screenshot(q, 'cc19-ten-questions-portrait');
    await q.goto(`/ten-questions?outletId=${outletId}&line=wealth&tab=results`);
    await q.getByTestId('quiz-results-table').waitFor();
    await screenshot(q, 'cc20-quiz-results-portrait');
    await q.goto(`/ten-questions/${outletId}/wealth/card`);
    await q.getByTestId('tq-card').waitFor();
    await screenshot(q, 'cc21-card-portrait');
    await portrait.context.close();
  });
});
