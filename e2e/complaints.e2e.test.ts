import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, beijingDate, fromBeijingWallClock } from '@liangdian/engine/time';
import { readSheet } from '../packages/server/src/test/xlsx';
import { ARTIFACTS, apiSession, screenshot, useBrowser, type Login, signedIn } from './browser';
import {
  type Api,
  advanceComplaint,
  DECISION,
  makeComplaint,
  makeOutlet,
  makeUser,
  type OwnOutlet,
  unique,
} from './factories';
import { cjk, modalOk, pickOption } from './helpers';

const NAME = '欧阳明轩';
const PHONE = '13987654321';
const ID_NO = '530102199001010578';
/** The complaint of the register form, as the API registers it for the tests that need one. */
const DEBIT_CARD_FEE = {
  category: 'debit_card',
  cause: 'service_quality',
  complainantName: NAME,
  complainantPhone: PHONE,
  complainantIdNumber: ID_NO,
  claim: '借记卡年费未提前告知，要求退还年费并道歉',
};
const FIRST_DECISION = {
  ...DECISION,
  factsVerified: '经调阅开卡协议及短信记录，开卡时未明确提示年费标准。',
  basis: '《商业银行服务价格管理办法》第二十二条',
  reasons: '我行未充分履行收费告知义务。',
  result: '退还 2025 年度借记卡年费 10 元，并向客户致歉。',
};
const REVIEW_DECISION = {
  ...DECISION,
  factsVerified: '复核：年费已退还，另补偿 20 元。',
  basis: '同原决定',
  reasons: '维持原决定并追加补偿。',
  result: '维持原决定，另补偿 20 元。',
};

/** Takes the step `action` through its modal and waits for the status it leads to. */
async function act(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  const direct = page.getByTestId(`action-${action}`).first();
  await direct.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('action-submit').waitFor();
  if (fill) await fill();
  await dialog.getByTestId('action-submit').click();
  await page.getByTestId('complaint-status').filter({ hasText: status }).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Waits until the charts have drawn their data and stopped moving: ECharts animates on a canvas,
 * so the pictures are compared until three in a row are the same.
 */
async function chartsSettled(page: Page) {
  const canvases = page.locator('.ld-chart canvas');
  await canvases.first().waitFor();
  const seen: string[] = [];
  await expect
    .poll(
      async () => {
        seen.push(
          (
            await canvases.evaluateAll((cs) =>
              cs.map((c) => (c as unknown as { toDataURL(): string }).toDataURL()),
            )
          ).join('|'),
        );
        const [a, b, c] = seen.slice(-3);
        return seen.length >= 3 && a === b && b === c;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
}

describe('complaints (谅点)', () => {
  const baseUrl = inject('baseUrl');
  const browser = useBrowser();
  let admin: Api;
  let own: OwnOutlet;
  let other: OwnOutlet;
  /** the branch's consumer-protection officer: registers, handles and unmasks complaints */
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerApi: Api;
  /** the own outlet's head */
  let head: Awaited<ReturnType<typeof makeUser>>;
  /** a consultant: reads complaints, never the complainant's personal data */
  let consultant: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, 'E2E投诉甲');
    other = await makeOutlet(admin, 'E2E投诉乙');
    officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '消保专员' });
    officerApi = await apiSession(baseUrl, officer.username, officer.password);
    head = await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id);
    consultant = await makeUser(baseUrl, admin, 'consultant');
  });

  /** A signed-in page of a new context (a landscape tablet in the run's zone unless told). */
  const signIn = (user: Login, opts?: Parameters<typeof signedIn>[3]) =>
    signedIn(browser(), baseUrl, user, opts);

  it('lists complaints with deadline badges and masked complainants', async () => {
    const mark = unique();
    const a = await makeComplaint(officerApi, own.outlet.id, {
      ...DEBIT_CARD_FEE,
      claim: `${DEBIT_CARD_FEE.claim}${mark}`,
    });
    const b = await makeComplaint(officerApi, own.outlet.id, {
      category: 'credit_card',
      cause: 'pricing_fees',
      complainantName: '司马相如',
      complainantPhone: '13911112222',
      claim: `信用卡分期手续费未说明${mark}`,
    });
    await advanceComplaint(officerApi, b, 'investigating');
    await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, {
        complainantName: '诸葛亮',
        complainantPhone: '13800001111',
        claim: `排队时间过长${mark}`,
      }),
      'closed',
    );
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints?q=${mark}`);
    await page.getByRole('heading', { name: '投诉台账' }).waitFor();
    await expect.poll(() => page.getByTestId('complaint-link').count()).toBe(3);
    await page.getByTestId('complaint-link').filter({ hasText: a.no }).waitFor();
    await page.getByTestId('deadline-badge').first().waitFor();
    const text = (await page.locator('.ant-table-tbody').textContent()) ?? '';
    expect(text).toMatch(/1\d\d\*{4}\d{4}/); // phones masked
    expect(text).toContain('139****4321');
    expect(text).not.toContain(PHONE);
    await screenshot(page, 'c01-complaint-list');
    await context.close();
  });

  it('registers a complaint through the form (20+ people warns of a major complaint)', async () => {
    const { context, page } = await signIn(officer);
    await page.goto('/complaints');
    await page.getByTestId('new-complaint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-form').waitFor();
    await pickOption(page, '网点', own.outlet.name, own.outlet.code);
    await pickOption(page, '业务类别', '借记卡');
    await pickOption(page, '投诉原因', '服务态度及服务质量');
    await dialog.getByTestId('complainant-name').fill(NAME);
    await dialog.getByTestId('complainant-phone').fill(PHONE);
    await dialog.getByTestId('complainant-id').fill(ID_NO);
    await dialog.getByTestId('people-count').fill('25');
    await dialog.getByTestId('major-warning').waitFor();
    await dialog.getByTestId('people-count').fill('1');
    await dialog.getByTestId('major-warning').waitFor({ state: 'detached' });
    await dialog.getByTestId('complaint-claim').fill(DEBIT_CARD_FEE.claim);
    await screenshot(page, 'c02-register-form');
    await modalOk(dialog).click();
    await page.waitForURL(/\/complaints\/[^/]+$/);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByTestId('complaint-no').waitFor();
    const complaintNo = ((await page.getByTestId('complaint-no').textContent()) ?? '').trim();
    expect(complaintNo).not.toBe('');
    await page.getByTestId('complaint-status').filter({ hasText: '已登记' }).waitFor();
    const badge = page.getByTestId('deadline-badge').first();
    await expect(badge.textContent()).resolves.toContain('剩 15 天');
    await expect(badge.getAttribute('data-state')).resolves.toBe('ok');
    // masked for the officer until unmasked
    await expect(page.getByTestId('complainant-phone-value').textContent()).resolves.toBe('139****4321');
    // registered at the outlet picked, as typed
    const saved = await officerApi.get<{ no: string; outletId: string; peopleCount: number; major: boolean }>(
      `/complaints/${id}`,
    );
    expect(saved).toMatchObject({ no: complaintNo, outletId: own.outlet.id, peopleCount: 1, major: false });
    await screenshot(page, 'c03-complaint-registered');
    await context.close();
  });

  it('shows the complainant masked, and unmasks them on request (audited)', async () => {
    const c = await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${c.id}`);
    await page.getByTestId('complainant-phone-value').filter({ hasText: '139****4321' }).waitFor();
    await page.getByTestId('unmask').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: cjk('查看明文') })
      .click();
    await page.getByTestId('complainant-phone-value').filter({ hasText: PHONE }).waitFor();
    await expect(page.getByTestId('complainant-name-value').textContent()).resolves.toContain(NAME);
    // who looked, at which complaint, is in the audit log
    const log = await admin.get<{ items: { action: string; entityId: string; actorName: string | null }[] }>(
      `/audit?action=unmask&entityType=complaint&pageSize=50`,
    );
    const entry = log.items.find((e) => e.entityId === c.id);
    expect(entry?.actorName).toBe(officer.username);
    await context.close();
  });

  it('takes the complaint through every stage to closed', async () => {
    const c = await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${c.id}`);
    await page.getByTestId('complaint-status').filter({ hasText: '已登记' }).waitFor();
    await act(page, 'acknowledge', '已安抚', async () => {
      await page.getByRole('dialog').getByTestId('action-comment').fill('已向客户致歉并说明处理流程');
    });
    await act(page, 'investigate', '调查中');
    await act(page, 'decide', '已决定', async () => {
      const d = page.getByRole('dialog');
      await d.getByTestId('decision-facts').fill(FIRST_DECISION.factsVerified);
      await d.getByTestId('decision-basis').fill(FIRST_DECISION.basis);
      await d.getByTestId('decision-reasons').fill(FIRST_DECISION.reasons);
      await d.getByTestId('decision-result').fill(FIRST_DECISION.result);
      await screenshot(page, 'c04-decide-modal');
    });
    await page.getByTestId('decision-card').waitFor();
    await act(page, 'inform', '已告知', async () => {
      await page.getByRole('dialog').getByTestId('inform-proof').fill('电话录音 REC-0001');
    });
    await act(page, 'follow_up', '已回访');
    await act(page, 'close', '已办结', async () => {
      await page.getByRole('dialog').getByTestId('close-root-cause').fill('开卡环节收费提示话术缺失');
    });
    await page.getByTestId('events').getByText('办结').first().waitFor();
    await expect(page.getByTestId('deadline-badge').first().getAttribute('data-state')).resolves.toBe('none');

    // a rectification task, due in two weeks on the Beijing calendar
    await page.getByTestId('add-task').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('task-title').fill('补充开卡收费提示话术');
    await dialog.getByTestId('task-owner').fill('王芳');
    const dueOn = addDays(beijingDate(Date.now()), 14);
    const dueInput = dialog.locator('.ant-picker input').first();
    await dueInput.click();
    await dueInput.fill(dueOn);
    await dueInput.press('Enter');
    await expect.poll(() => dueInput.inputValue()).toBe(dueOn);
    await modalOk(dialog).click();
    await page.getByRole('cell', { name: '补充开卡收费提示话术' }).waitFor();
    // shown as saved: the Beijing date typed (zh-CN writes it 2026/12/17)
    await page
      .getByRole('cell', { name: dueOn.replaceAll('-', '/') })
      .first()
      .waitFor();
    await page.getByTestId('task-toggle').first().click();
    await page
      .getByText(/已完成 /)
      .first()
      .waitFor();
    const saved = await officerApi.get<{ status: string; rootCause: string | null }>(`/complaints/${c.id}`);
    expect(saved).toMatchObject({ status: 'closed', rootCause: '开卡环节收费提示话术缺失' });
    await screenshot(page, 'c05-complaint-closed');
    await context.close();
  });

  it('refuses a transition from the wrong status with 409 shown in the modal', async () => {
    const c = await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE),
      'closed',
      { decide: FIRST_DECISION },
    );
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${c.id}`);
    await page.getByTestId('complaint-status').filter({ hasText: '已办结' }).waitFor();
    // the UI offers no wrong step, so call it as a stale page would: open request-review twice
    await page.getByTestId('more-actions').click();
    await page.getByTestId('action-request_review').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-comment').fill('客户认为退费金额不足');
    // a second tab requests the review first, through the API
    await officerApi.post(`/complaints/${c.id}/request-review`, { comment: '并发申请' });
    await dialog.getByTestId('action-submit').click();
    await dialog.getByTestId('action-conflict').waitFor();
    await screenshot(page, 'c06-conflict');
    await dialog.getByRole('button', { name: cjk('取消') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('complaint-status').filter({ hasText: '复核中' }).waitFor();
    await act(page, 'decide_review', '已决定', async () => {
      const d = page.getByRole('dialog');
      await d.getByTestId('decision-facts').fill(REVIEW_DECISION.factsVerified);
      await d.getByTestId('decision-basis').fill(REVIEW_DECISION.basis);
      await d.getByTestId('decision-reasons').fill(REVIEW_DECISION.reasons);
      await d.getByTestId('decision-result').fill(REVIEW_DECISION.result);
    });
    const saved = await officerApi.get<{ review: { result: string } | null }>(`/complaints/${c.id}`);
    expect(saved.review?.result).toBe(REVIEW_DECISION.result);
    await context.close();
  });

  it('opens the printable decision notice', async () => {
    const reviewed = await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE),
      'review',
      { decide: FIRST_DECISION },
    );
    await officerApi.post(`/complaints/${reviewed.id}/decide-review`, REVIEW_DECISION);
    const { context, page } = await signIn(officer);
    await page.goto(`/complaints/${reviewed.id}`);
    await page.getByTestId('open-notice').click();
    await page.waitForURL(/\/notice$/);
    const notice = page.getByTestId('decision-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(reviewed.no);
    expect(text).toContain('补偿 20 元');
    expect(text).toContain('申请调解');
    await page.evaluate(() => {
      const w = globalThis as unknown as { printed: boolean; print: () => void };
      w.printed = false;
      w.print = () => {
        w.printed = true;
      };
    });
    await page.getByTestId('print-notice').click();
    await expect(page.evaluate(() => (globalThis as unknown as { printed: boolean }).printed)).resolves.toBe(
      true,
    );
    await screenshot(page, 'c07-decision-notice');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.ld-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.ant-layout-sider').isVisible()).resolves.toBe(false);
    await screenshot(page, 'c08-decision-notice-print');
    await context.close();
  });

  it('turns the deadline badge orange then red as the browser clock moves', async () => {
    const c = await makeComplaint(officerApi, own.outlet.id, {
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      category: 'credit_card',
      cause: 'pricing_fees',
      complainantName: '测试时钟',
      claim: '时钟测试',
    });
    const due = c.deadline.dueOn ?? '';
    expect(due).not.toBe('');
    // A context of its own, as every test here: the frozen clock stays in it.
    const { context, page } = await signIn(officer);
    // two days before the due date (Beijing noon): orange
    await page.clock.setFixedTime(new Date(`${due}T12:00:00+08:00`).getTime() - 2 * 86_400_000);
    await page.goto(`/complaints/${c.id}`);
    const badge = page.getByTestId('deadline-badge').first();
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toContain('剩 2 天');
    await expect(badge.getAttribute('data-state')).resolves.toBe('soon');
    // three days after: red, overdue
    await page.clock.setFixedTime(new Date(`${due}T12:00:00+08:00`).getTime() + 3 * 86_400_000);
    await page.reload();
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toContain('已逾期 3 天');
    await expect(badge.getAttribute('data-state')).resolves.toBe('overdue');
    await screenshot(page, 'c09-deadline-overdue');
    await context.close();
  });

  it('shows statistics and the prevention pages', async () => {
    // the own outlet's complaints: two registered, one decided on time, one closed
    await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE);
    await makeComplaint(officerApi, own.outlet.id, { category: 'credit_card', cause: 'pricing_fees' });
    await advanceComplaint(officerApi, await makeComplaint(officerApi, own.outlet.id), 'decided');
    await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, { category: 'credit_card', cause: 'pricing_fees' }),
      'closed',
    );
    const { context, page } = await signIn(officer);
    await page.goto(`/complaint-stats?outletId=${own.outlet.id}`);
    await page.locator('[data-testid="stat-on-time"]:not(.ant-card-loading)').waitFor();
    await chartsSettled(page);
    await screenshot(page, 'c10-stats');
    await page.goto(`/complaint-prevention?outletId=${own.outlet.id}`);
    await page.getByTestId('risk-table').waitFor();
    await screenshot(page, 'c11-prevention');
    await context.close();
  });

  it('works on a portrait tablet', async () => {
    const mark = unique();
    const c = await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, {
        ...DEBIT_CARD_FEE,
        claim: `${DEBIT_CARD_FEE.claim}${mark}`,
      }),
      'informed',
      { decide: FIRST_DECISION },
    );
    await makeComplaint(officerApi, own.outlet.id, { claim: `排队时间过长${mark}` });
    const { context, page } = await signIn(officer, { viewport: { width: 800, height: 1280 } });
    await page.goto(`/complaints?q=${mark}`);
    await expect.poll(() => page.getByTestId('complaint-link').count()).toBe(2);
    await screenshot(page, 'c12-portrait-list');
    await page.getByTestId('complaint-link').filter({ hasText: c.no }).click();
    await page.waitForURL(`**/complaints/${c.id}`);
    await page.getByTestId('complaint-steps').waitFor();
    await page.getByTestId('complaint-status').filter({ hasText: '已告知' }).waitFor();
    await screenshot(page, 'c13-portrait-detail');
    await context.close();
  });

  it('shows consultants no personal data at all', async () => {
    const c = await advanceComplaint(
      officerApi,
      await makeComplaint(officerApi, own.outlet.id, DEBIT_CARD_FEE),
      'decided',
      { decide: FIRST_DECISION },
    );
    const { context, page: p } = await signIn(consultant);
    try {
      await p.goto(`/complaints?q=${encodeURIComponent(c.no)}`);
      await p.getByTestId('complaint-link').filter({ hasText: c.no }).waitFor();
      const forbidden = [NAME, '欧*轩', PHONE, '139****4321', '4321', ID_NO, '0578', '********'];
      const listText = (await p.locator('body').textContent()) ?? '';
      for (const f of forbidden) expect(listText).not.toContain(f);
      expect(listText).not.toMatch(/1\d\d\*{4}\d{4}/);
      await screenshot(p, 'c14-consultant-list');
      await p.getByTestId('complaint-link').filter({ hasText: c.no }).click();
      await p.getByTestId('complaint-steps').waitFor();
      await p.getByTestId('events').locator('.ant-timeline-item').first().waitFor();
      const detailText = (await p.locator('body').textContent()) ?? '';
      for (const f of forbidden) expect(detailText).not.toContain(f);
      await expect(p.getByTestId('unmask').count()).resolves.toBe(0);
      await expect(p.getByTestId('action-acknowledge').count()).resolves.toBe(0);
      await screenshot(p, 'c15-consultant-detail');
      await p.goto(`/complaints/${c.id}/notice`);
      await p.getByTestId('decision-notice').waitFor();
      const noticeText = (await p.locator('body').textContent()) ?? '';
      expect(noticeText).toContain(c.no);
      for (const f of forbidden) expect(noticeText).not.toContain(f);
    } finally {
      await context.close();
    }
  });

  it('registers a complaint received "07:32" as 07:32 Beijing time from a browser set to UTC', async () => {
    const { context, page } = await signIn(head, { timezoneId: 'UTC' });
    try {
      await expect(page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).resolves.toBe(
        'UTC',
      );
      await page.goto('/complaints');
      await page.getByTestId('new-complaint').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('complaint-form').waitFor();
      const receivedAt = dialog.locator('input#receivedAt');
      // the default is now on the Beijing clock, not the browser's
      await expect.poll(() => receivedAt.inputValue()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      const [day = '', time = ''] = (await receivedAt.inputValue()).split(' ');
      expect(Math.abs(Date.parse(fromBeijingWallClock(day, time)) - Date.now())).toBeLessThan(3 * 60_000);
      const yesterday = addDays(beijingDate(Date.now()), -1);
      await receivedAt.click();
      await receivedAt.fill(`${yesterday} 07:32`);
      await receivedAt.press('Enter');
      await expect.poll(() => receivedAt.inputValue()).toBe(`${yesterday} 07:32`);
      await pickOption(page, '业务类别', '借记卡');
      await pickOption(page, '投诉原因', '服务态度及服务质量');
      await dialog.getByTestId('complainant-name').fill('时区测试');
      await dialog.getByTestId('complaint-claim').fill('UTC 浏览器登记');
      await dialog.getByTestId('complaint-form-submit').click();
      await page.waitForURL(/\/complaints\/[^/]+$/);
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      const saved = await admin.get<{ receivedAt: string; receivedOn: string }>(`/complaints/${id}`);
      expect(saved.receivedAt).toBe(new Date(`${yesterday}T07:32:00+08:00`).toISOString());
      expect(saved.receivedOn).toBe(yesterday);
      // and the page, in UTC, shows it as 07:32 too
      await page.getByText(/07:32/).first().waitFor();
      await screenshot(page, 'c16-registered-from-utc');
    } finally {
      await context.close();
    }
  });

  it('downloads the register as the list shows it: names, Beijing dates, masked phones', async () => {
    const mark = `导出测试${unique()}`;
    const receivedOn = addDays(beijingDate(Date.now()), -2);
    await makeComplaint(admin, own.outlet.id, {
      receivedAt: `${receivedOn}T09:15:00+08:00`,
      complainantPhone: '13911112222',
      claim: mark,
    });
    const { context, page } = await signIn(head);
    try {
      await page.goto(`/complaints?q=${encodeURIComponent(mark)}`);
      await page.getByTestId('complaint-link').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-xlsx').click(),
      ]);
      const file = join(ARTIFACTS, 'complaints-export.xlsx');
      await download.saveAs(file);
      const sheet = await readSheet(readFileSync(file));
      expect(sheet.title).toBe('投诉台账');
      expect(sheet.filterLine).toContain(`关键词：${mark}`);
      expect(sheet.rows).toHaveLength(1);
      const cell = (h: string) => sheet.rows[0]![sheet.headers.indexOf(h)];
      expect(cell('网点')).toBe(own.outlet.name);
      expect(cell('业务类别')).toBe('借记卡');
      expect(cell('状态')).toBe('已登记');
      expect(cell('电话')).toBe('139****2222');
      // the Beijing wall clock, as Excel shows it (no zone in a cell)
      expect(cell('受理时间')).toEqual(new Date(`${receivedOn}T09:15:00Z`));
    } finally {
      await context.close();
    }
  });

  it("shows the not-found page at once for another outlet's decision notice", async () => {
    const theirs = await advanceComplaint(
      admin,
      await makeComplaint(admin, other.outlet.id, { claim: '乙网点的投诉' }),
      'decided',
    );
    const mine = await makeComplaint(admin, own.outlet.id, { claim: '甲网点的投诉' });
    const { context, page } = await signIn(head);
    try {
      for (const path of [`/complaints/${theirs.id}/notice`, `/complaints/${theirs.id}`]) {
        const started = Date.now();
        await page.goto(path);
        await page.getByTestId('not-found').waitFor({ timeout: 5_000 });
        expect(Date.now() - started).toBeLessThan(5_000);
        await expect(page.getByTestId('not-found').textContent()).resolves.toBe('该投诉不存在或您无权访问');
        await expect(page.getByText('乙网点的投诉').count()).resolves.toBe(0);
        await expect(page.locator('.ant-skeleton').count()).resolves.toBe(0);
      }
      await screenshot(page, 'c17-other-outlet-notice-refused');
      // the own complaint, not decided yet: no notice to print, said plainly
      await page.goto(`/complaints/${mine.id}/notice`);
      await page.getByTestId('notice-undecided').waitFor({ timeout: 5_000 });
    } finally {
      await context.close();
    }
  });
});
