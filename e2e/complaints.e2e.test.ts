import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, beijingDate, fromBeijingWallClock } from '@liangdian/engine/time';
import { readSheet } from '../packages/server/src/test/xlsx';
import { ARTIFACTS, apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet } from './factories';
import { cjk, pickOption } from './helpers';

const NAME = '欧阳明轩';
const PHONE = '13987654321';
const ID_NO = '530102199001010578';

interface ComplaintRow {
  id: string;
  no: string;
  outletId: string;
  status: string;
  deadline: { dueOn: string | null };
}

/** Picks an option of a Select in the open dialog and checks it took (the modal may still be animating in). */
async function choose(page: Page, label: string, option: string) {
  const item = page
    .getByRole('dialog')
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) });
  for (let i = 0; i < 4; i++) {
    await pickOption(page, label, option);
    await page.waitForTimeout(150);
    const shown = (await item.locator('.ant-select').first().textContent()) ?? '';
    if (shown.includes(option)) return;
    await page.keyboard.press('Escape').catch(() => undefined);
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

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

describe('complaints (谅点)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let complaintNo = '';
  let complaintUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'));
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists complaints with deadline badges and masked complainants', async () => {
    await login(page, 'cpo');
    await page.goto('/complaints');
    await page.getByRole('heading', { name: '投诉台账' }).waitFor();
    await page.getByTestId('complaint-link').first().waitFor();
    await page.getByTestId('deadline-badge').first().waitFor();
    const text = (await page.locator('.ant-table-tbody').textContent()) ?? '';
    expect(text).toMatch(/1\d\d\*{4}\d{4}/); // phones masked
    await screenshot(page, 'c01-complaint-list');
  });

  it('registers a complaint through the form (20+ people warns of a major complaint)', async () => {
    await page.getByTestId('new-complaint').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('complaint-form').waitFor();
    await page.waitForTimeout(400); // the modal's zoom-in
    await choose(page, '网点', '螺蛳湾支行');
    await choose(page, '业务类别', '借记卡');
    await choose(page, '投诉原因', '服务态度及服务质量');
    await dialog.getByTestId('complainant-name').fill(NAME);
    await dialog.getByTestId('complainant-phone').fill(PHONE);
    await dialog.getByTestId('complainant-id').fill(ID_NO);
    await dialog.getByTestId('people-count').fill('25');
    await dialog.getByTestId('major-warning').waitFor();
    await dialog.getByTestId('people-count').fill('1');
    await dialog.getByTestId('major-warning').waitFor({ state: 'detached' });
    await dialog.getByTestId('complaint-claim').fill('借记卡年费未提前告知，要求退还年费并道歉');
    await screenshot(page, 'c02-register-form');
    await dialog.getByRole('button', { name: cjk('登记') }).click();
    await page.waitForURL(/\/complaints\/[^/]+$/);
    complaintUrl = new URL(page.url()).pathname;
    complaintNo = ((await page.getByTestId('complaint-no').textContent()) ?? '').trim();
    expect(complaintNo).not.toBe('');
    await page.getByTestId('complaint-status').filter({ hasText: '已登记' }).waitFor();
    const badge = page.getByTestId('deadline-badge').first();
    await expect(badge.textContent()).resolves.toContain('剩 15 天');
    await expect(badge.getAttribute('data-state')).resolves.toBe('ok');
    // masked for the officer until unmasked
    await expect(page.getByTestId('complainant-phone-value').textContent()).resolves.toBe('139****4321');
    await screenshot(page, 'c03-complaint-registered');
  });

  it('shows a 409 clearly and unmasks the complainant (audited)', async () => {
    await page.getByTestId('unmask').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: cjk('查看明文') })
      .click();
    await page.getByTestId('complainant-phone-value').filter({ hasText: PHONE }).waitFor();
    await expect(page.getByTestId('complainant-name-value').textContent()).resolves.toContain(NAME);
  });

  it('takes the complaint through every stage to closed', async () => {
    await act(page, 'acknowledge', '已安抚', async () => {
      await page.getByRole('dialog').getByTestId('action-comment').fill('已向客户致歉并说明处理流程');
    });
    await act(page, 'investigate', '调查中');
    await act(page, 'decide', '已决定', async () => {
      const d = page.getByRole('dialog');
      await d.getByTestId('decision-facts').fill('经调阅开卡协议及短信记录，开卡时未明确提示年费标准。');
      await d.getByTestId('decision-basis').fill('《商业银行服务价格管理办法》第二十二条');
      await d.getByTestId('decision-reasons').fill('我行未充分履行收费告知义务。');
      await d.getByTestId('decision-result').fill('退还 2025 年度借记卡年费 10 元，并向客户致歉。');
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

    // a rectification task
    await page.getByTestId('add-task').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('task-title').fill('补充开卡收费提示话术');
    await dialog.getByTestId('task-owner').fill('王芳');
    const dueOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() + 14 * 86_400_000),
    );
    const dueInput = dialog.locator('.ant-picker input').first();
    await dueInput.click();
    await dueInput.fill(dueOn);
    await dueInput.press('Enter');
    await dialog.getByRole('button', { name: cjk('保存') }).click();
    await page.getByRole('cell', { name: '补充开卡收费提示话术' }).waitFor();
    await page.getByTestId('task-toggle').first().click();
    await page
      .getByText(/已完成 /)
      .first()
      .waitFor();
    await screenshot(page, 'c05-complaint-closed');
  });

  it('refuses a transition from the wrong status with 409 shown in the modal', async () => {
    // the UI offers no wrong step, so call it as a stale page would: open request-review twice
    await page.getByTestId('more-actions').click();
    await page.getByTestId('action-request_review').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('action-comment').fill('客户认为退费金额不足');
    // a second tab closes the review window first: request the review through the API
    const api = await apiSession(inject('baseUrl'), 'admin');
    const id = complaintUrl.split('/').pop() ?? '';
    await api.post(`/complaints/${id}/request-review`, { comment: '并发申请' });
    await dialog.getByTestId('action-submit').click();
    await dialog.getByTestId('action-conflict').waitFor();
    await screenshot(page, 'c06-conflict');
    await dialog.getByRole('button', { name: cjk('取消') }).click();
    await page.reload();
    await page.getByTestId('complaint-status').filter({ hasText: '复核中' }).waitFor();
    await act(page, 'decide_review', '已决定', async () => {
      const d = page.getByRole('dialog');
      await d.getByTestId('decision-facts').fill('复核：年费已退还，另补偿 20 元。');
      await d.getByTestId('decision-basis').fill('同原决定');
      await d.getByTestId('decision-reasons').fill('维持原决定并追加补偿。');
      await d.getByTestId('decision-result').fill('维持原决定，另补偿 20 元。');
    });
  });

  it('opens the printable decision notice', async () => {
    await page.getByTestId('open-notice').click();
    await page.waitForURL(/\/notice$/);
    const notice = page.getByTestId('decision-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(complaintNo);
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
    await page.emulateMedia({ media: 'screen' });
  });

  it('turns the deadline badge orange then red as the browser clock moves', async () => {
    const api = await apiSession(inject('baseUrl'), 'cpo');
    const outlets = await api.get<{ items: { id: string; code: string }[] }>('/outlets?q=LSW');
    const outletId = outlets.items.find((o) => o.code === 'LSW')?.id ?? '';
    const c = await api.post<ComplaintRow>('/complaints', {
      outletId,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      channel: 'branch_premises',
      category: 'credit_card',
      cause: 'pricing_fees',
      source: 'walk_in',
      complainantName: '测试时钟',
      peopleCount: 1,
      claim: '时钟测试',
    });
    const due = c.deadline.dueOn ?? '';
    expect(due).not.toBe('');
    // A context of its own: a frozen clock would also freeze animations on the pages after this.
    const ctx = await newContext(browser, inject('baseUrl'));
    const page = await ctx.newPage();
    await login(page, 'cpo');
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
    await ctx.close();
  });

  it('shows statistics and the prevention pages', async () => {
    await page.goto('/complaint-stats');
    await page.getByTestId('stat-on-time').waitFor();
    await page.locator('.ld-chart canvas').first().waitFor();
    await page.waitForTimeout(1500);
    await screenshot(page, 'c10-stats');
    await page.goto('/complaint-prevention');
    await page.getByTestId('risk-table').waitFor();
    await screenshot(page, 'c11-prevention');
  });

  it('works on a portrait tablet', async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto('/complaints');
    await page.getByTestId('complaint-link').first().waitFor();
    await screenshot(page, 'c12-portrait-list');
    await page.goto(complaintUrl);
    await page.getByTestId('complaint-steps').waitFor();
    await screenshot(page, 'c13-portrait-detail');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows consultants no personal data at all', async () => {
    const ctx = await newContext(browser, inject('baseUrl'));
    const p = await ctx.newPage();
    try {
      await login(p, 'consultant');
      await p.goto(`/complaints?q=${encodeURIComponent(complaintNo)}`);
      await p.getByTestId('complaint-link').filter({ hasText: complaintNo }).waitFor();
      const forbidden = [NAME, '欧*轩', PHONE, '139****4321', '4321', ID_NO, '0578', '********'];
      const listText = (await p.locator('body').textContent()) ?? '';
      for (const f of forbidden) expect(listText).not.toContain(f);
      expect(listText).not.toMatch(/1\d\d\*{4}\d{4}/);
      await screenshot(p, 'c14-consultant-list');
      await p.getByTestId('complaint-link').filter({ hasText: complaintNo }).click();
      await p.getByTestId('complaint-steps').waitFor();
      await p.getByTestId('events').locator('.ant-timeline-item').first().waitFor();
      const detailText = (await p.locator('body').textContent()) ?? '';
      for (const f of forbidden) expect(detailText).not.toContain(f);
      await expect(p.getByTestId('unmask').count()).resolves.toBe(0);
      await expect(p.getByTestId('action-acknowledge').count()).resolves.toBe(0);
      await screenshot(p, 'c15-consultant-detail');
      await p.goto(`${new URL(p.url()).pathname}/notice`);
      await p.getByTestId('decision-notice').waitFor();
      const noticeText = (await p.locator('body').textContent()) ?? '';
      for (const f of forbidden) expect(noticeText).not.toContain(f);
    } finally {
      await ctx.close();
    }
  });
});

describe('complaints: Beijing time and scope, on an outlet of their own', () => {
  let browser: Browser;
  let admin: Api;
  let own: OwnOutlet;
  let other: OwnOutlet;
  let head: { username: string; password: string };
  const baseUrl = () => inject('baseUrl');
  const complaintOf = (outletId: string, claim: string) => ({
    outletId,
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    channel: 'branch_premises',
    category: 'debit_card',
    cause: 'service_quality',
    source: 'walk_in',
    complainantName: '范测试',
    peopleCount: 1,
    claim,
  });

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(baseUrl(), 'admin');
    own = await makeOutlet(admin, 'E2E投诉甲');
    other = await makeOutlet(admin, 'E2E投诉乙');
    head = await makeUser(baseUrl(), admin, 'outlet_head', own.outlet.id);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers a complaint received "07:32" as 07:32 Beijing time from a browser set to UTC', async () => {
    const ctx = await newContext(browser, baseUrl(), undefined, 'UTC');
    const page = await ctx.newPage();
    try {
      await login(page, head.username, head.password);
      await expect(page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).resolves.toBe(
        'UTC',
      );
      await page.goto('/complaints');
      await page.getByTestId('new-complaint').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('complaint-form').waitFor();
      await page.waitForTimeout(400); // the modal's zoom-in
      const receivedAt = dialog.locator('input#receivedAt');
      // the default is now on the Beijing clock, not the browser's
      const shown = await receivedAt.inputValue();
      const [day = '', time = ''] = shown.split(' ');
      expect(Math.abs(Date.parse(fromBeijingWallClock(day, time)) - Date.now())).toBeLessThan(3 * 60_000);
      const yesterday = addDays(beijingDate(Date.now()), -1);
      await receivedAt.click();
      await receivedAt.fill(`${yesterday} 07:32`);
      await receivedAt.press('Enter');
      await choose(page, '业务类别', '借记卡');
      await choose(page, '投诉原因', '服务态度及服务质量');
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
      await ctx.close();
    }
  });

  it('downloads the register as the list shows it: names, Beijing dates, masked phones', async () => {
    await admin.post('/complaints', {
      ...complaintOf(own.outlet.id, '导出测试'),
      receivedAt: `${addDays(beijingDate(Date.now()), -2)}T09:15:00+08:00`,
      complainantPhone: '13911112222',
    });
    const ctx = await newContext(browser, baseUrl());
    const page = await ctx.newPage();
    try {
      await login(page, head.username, head.password);
      await page.goto('/complaints?q=导出测试');
      await page.getByTestId('complaint-link').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-xlsx').click(),
      ]);
      const file = join(ARTIFACTS, 'complaints-export.xlsx');
      await download.saveAs(file);
      const sheet = await readSheet(readFileSync(file));
      expect(sheet.title).toBe('投诉台账');
      expect(sheet.filterLine).toContain('关键词：导出测试');
      expect(sheet.rows).toHaveLength(1);
      const cell = (h: string) => sheet.rows[0]![sheet.headers.indexOf(h)];
      expect(cell('网点')).toBe(own.outlet.name);
      expect(cell('业务类别')).toBe('借记卡');
      expect(cell('状态')).toBe('已登记');
      expect(cell('电话')).toBe('139****2222');
      expect(cell('受理时间')).toEqual(new Date(`${addDays(beijingDate(Date.now()), -2)}T09:15:00Z`));
    } finally {
      await ctx.close();
    }
  });

  it("shows the not-found page at once for another outlet's decision notice", async () => {
    const theirs = await admin.post<ComplaintRow>(
      '/complaints',
      complaintOf(other.outlet.id, '乙网点的投诉'),
    );
    await admin.post(`/complaints/${theirs.id}/acknowledge`, {});
    await admin.post(`/complaints/${theirs.id}/investigate`, {});
    await admin.post(`/complaints/${theirs.id}/decide`, {
      factsVerified: '核实属实',
      basis: '服务规范',
      reasons: '服务不到位',
      result: '致歉',
    });
    const mine = await admin.post<ComplaintRow>('/complaints', complaintOf(own.outlet.id, '甲网点的投诉'));
    const ctx = await newContext(browser, baseUrl());
    const page = await ctx.newPage();
    try {
      await login(page, head.username, head.password);
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
      await ctx.close();
    }
  });
});
