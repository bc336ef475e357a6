import { addDays, beijingDate } from '@liangdian/engine/time';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot } from './browser';
import { type Api, makeOutlet, makeUser, type OwnOutlet } from './factories';

/**
 * Where each role's day starts, and what their home page (工作台) lists: a complaint of the
 * test's own outlet due in two days, a rectification task assigned to its lobby manager; another
 * outlet's head sees neither. Back office at 1366×768, the lobby tablet at 1024×768.
 */
const BACK_OFFICE = { width: 1366, height: 768 };
const TABLET = { width: 1024, height: 768 };

interface Complaint {
  id: string;
  no: string;
  deadline: { dueOn: string | null; daysLeft: number | null };
}

describe('home page and landing per role', () => {
  let browser: Browser;
  let baseUrl: string;
  let admin: Api;
  let own: OwnOutlet;
  let other: OwnOutlet;
  let complaint: Complaint;
  let users: Record<'lobby' | 'head' | 'officer' | 'otherHead', { username: string; password: string }>;

  beforeAll(async () => {
    browser = await launchBrowser();
    baseUrl = inject('baseUrl');
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, '工作台测试支行');
    other = await makeOutlet(admin, '工作台对照支行');
    const lobbyStaff = own.staff.find((s) => s.roles.includes('lobby_manager'))!;
    const headStaff = await admin.post<{ id: string }>(`/outlets/${own.outlet.id}/staff`, {
      employeeNo: `${own.outlet.code}9`,
      name: '周行长',
      roles: ['outlet_head'],
    });
    const officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '测试消保专员' });
    users = {
      lobby: await makeUser(baseUrl, admin, 'lobby_manager', own.outlet.id, {
        displayName: lobbyStaff.name,
        staffId: lobbyStaff.id,
      }),
      head: await makeUser(baseUrl, admin, 'outlet_head', own.outlet.id, {
        displayName: '周行长',
        staffId: headStaff.id,
      }),
      officer,
      otherHead: await makeUser(baseUrl, admin, 'outlet_head', other.outlet.id, {
        displayName: '对照网点负责人',
      }),
    };
    // a complaint received 13 days ago at the own outlet (15 days to decide: due in 2), handled
    // by the officer, and a rectification task for the lobby manager due in 2 days
    const today = beijingDate(Date.now());
    const received = addDays(today, -13);
    complaint = await admin.post<Complaint>('/complaints', {
      outletId: own.outlet.id,
      receivedAt: `${received}T10:00:00+08:00`,
      channel: 'branch_premises',
      category: 'debit_card',
      cause: 'service_quality',
      source: 'walk_in',
      complainantName: '柯文静',
      claim: '等候时间过长',
      handlerId: officer.id,
    });
    await admin.post(`/complaints/${complaint.id}/tasks`, {
      title: '调整叫号机分流规则',
      owner: lobbyStaff.name,
      ownerStaffId: lobbyStaff.id,
      dueOn: addDays(today, 2),
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signIn = async (who: keyof typeof users, viewport: { width: number; height: number }) => {
    const context = await newContext(browser, baseUrl, viewport);
    const page = await context.newPage();
    await login(page, users[who].username, users[who].password);
    return page;
  };

  /** Opens the home page through its menu entry, a real link. */
  const openHome = async (page: Page) => {
    const link = page.locator('.ant-layout-sider a[href="/home"]');
    await expect(link.textContent()).resolves.toBe('工作台');
    await link.click();
    await page.mouse.move(700, 700); // no menu tooltip over the page in the screenshots
    await page.waitForURL('**/home');
    await page.getByTestId('home-title').waitFor();
    await page.getByTestId('home-section-complaints').waitFor();
  };

  /** The task of this spec's own outlet (a server used before holds others of the same title). */
  const ownTask = (page: Page) =>
    page
      .getByTestId('home-task')
      .filter({ hasText: '调整叫号机分流规则' })
      .filter({ hasText: own.outlet.name });
  const complaintRow = (page: Page) => page.getByTestId('home-complaint').filter({ hasText: complaint.no });

  it('lists the demo logins on the login page by role and outlet name, in the reader’s language', async () => {
    const context = await newContext(browser, baseUrl, BACK_OFFICE);
    const page = await context.newPage();
    await page.goto('/login');
    const table = page.getByTestId('demo-logins');
    const head = table.getByRole('row').filter({ hasText: 'head.lsw' });
    await expect(head.textContent()).resolves.toBe('head.lsw网点负责人螺蛳湾支行');
    await expect(table.getByRole('row').filter({ hasText: 'cpo' }).textContent()).resolves.toBe(
      'cpo分行消保部全分行',
    );
    await screenshot(page, 'home-00-login-demo-logins');
    // a click fills the username in
    await head.click();
    await expect(page.getByTestId('login-username').inputValue()).resolves.toBe('head.lsw');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en-US').click();
    await expect(head.textContent()).resolves.toBe('head.lswOutlet head螺蛳湾支行');
    await expect(table.getByRole('row').filter({ hasText: 'cpo' }).textContent()).resolves.toBe(
      'cpoConsumer-protection officerWhole branch',
    );
    await context.close();
  });

  it('the deadline is two days away (the premise of what follows)', () => {
    expect(complaint.deadline.daysLeft).toBeGreaterThanOrEqual(0);
    expect(complaint.deadline.daysLeft).toBeLessThanOrEqual(3);
  });

  it('lands the lobby manager on the tablet view of their outlet; their home lists their work', async () => {
    const page = await signIn('lobby', TABLET);
    await page.waitForURL(`**/lobby/${own.outlet.id}`);
    await page.getByTestId('tablet-posts').waitFor();
    await page.getByRole('heading', { name: own.outlet.name }).first().waitFor();
    await screenshot(page, 'home-01-lobby-landing-tablet');

    await openHome(page);
    const row = complaintRow(page);
    await row.waitFor();
    await expect(row.locator('a').getAttribute('href')).resolves.toBe(`/complaints/${complaint.id}`);
    await expect(row.getByTestId('home-due').textContent()).resolves.toBe(
      complaint.deadline.daysLeft === 0 ? '今天到期' : `剩 ${complaint.deadline.daysLeft} 天`,
    );
    const task = ownTask(page);
    await task.waitFor();
    await expect(task.textContent()).resolves.toContain('我处理');
    await expect(task.locator('a').getAttribute('href')).resolves.toBe(`/complaints/${complaint.id}`);
    // counts per section, and an empty section says so
    await expect(
      page.getByTestId('home-section-tasks').getByTestId('home-count').textContent(),
    ).resolves.toBe('1');
    await expect(
      page.getByTestId('home-section-prompts').getByTestId('home-empty').textContent(),
    ).resolves.toBe('没有等待响应的补位提示');
    await expect(page.getByTestId('home-not-linked').count()).resolves.toBe(0);
    await screenshot(page, 'home-02-lobby-home-tablet');

    // a row is a link to the thing
    await row.locator('a').click();
    await page.waitForURL(`**/complaints/${complaint.id}`);
    await page.context().close();
  });

  it('lands the outlet head on their outlet; their home lists the outlet’s complaint and task', async () => {
    const page = await signIn('head', BACK_OFFICE);
    await page.waitForURL(`**/outlets/${own.outlet.id}`);
    await page.getByTestId('outlet-title').filter({ hasText: own.outlet.name }).waitFor();
    await screenshot(page, 'home-03-head-landing');

    await openHome(page);
    await complaintRow(page).waitFor();
    await expect(complaintRow(page).textContent()).resolves.toContain('测试消保专员');
    await ownTask(page).waitFor();
    await expect(page.getByTestId('home-greeting').textContent()).resolves.toContain('周行长');
    await screenshot(page, 'home-04-head-home');
    await page.context().close();
  });

  it('lands the officer on the home page, their own complaint first', async () => {
    const page = await signIn('officer', BACK_OFFICE);
    await page.waitForURL('**/home');
    await page.getByTestId('home-section-complaints').waitFor();
    const first = page.getByTestId('home-complaint').first();
    await expect(first.textContent()).resolves.toContain(complaint.no);
    await expect(first.textContent()).resolves.toContain('我处理');
    // the branch's tasks that fall due, the officer's view of them
    await ownTask(page).waitFor();
    await expect(page.getByTestId('home-section-prompts').count()).resolves.toBe(0);
    // "view all" goes to the complaint list by deadline
    await expect(
      page
        .getByTestId('home-section-complaints')
        .getByRole('link', { name: '查看全部' })
        .getAttribute('href'),
    ).resolves.toBe('/complaints?sort=dueOn');
    await screenshot(page, 'home-05-officer-home');

    // menu entries are links: Ctrl+click opens the page in a new tab and leaves this one alone
    const [opened] = await Promise.all([
      page.context().waitForEvent('page'),
      page.locator('.ant-layout-sider a[href="/outlets"]').click({ modifiers: ['Control'] }),
    ]);
    await opened.waitForURL('**/outlets');
    await opened.getByRole('heading', { name: '网点管理' }).waitFor();
    // a same-tab navigation would have happened on the click, long before the new tab loaded
    expect(new URL(page.url()).pathname).toBe('/home');
    // so are the outlet tabs
    await opened.goto(`/outlets/${own.outlet.id}`);
    const [staffTab] = await Promise.all([
      opened.context().waitForEvent('page'),
      opened.getByTestId('tab-staff').click({ button: 'middle' }),
    ]);
    await staffTab.waitForURL(`**/outlets/${own.outlet.id}/staff`);
    expect(new URL(opened.url()).pathname).toBe(`/outlets/${own.outlet.id}`);
    await page.context().close();
  });

  it('shows another outlet’s head none of it, and says why nothing reaches an unlinked login', async () => {
    const page = await signIn('otherHead', BACK_OFFICE);
    await page.waitForURL(`**/outlets/${other.outlet.id}`);
    await openHome(page);
    await expect(
      page.getByTestId('home-section-complaints').getByTestId('home-empty').textContent(),
    ).resolves.toBe('3 天内没有到期或逾期的投诉');
    await expect(complaintRow(page).count()).resolves.toBe(0);
    await expect(page.getByTestId('home-task').count()).resolves.toBe(0);
    await page.getByTestId('home-not-linked').waitFor();
    await screenshot(page, 'home-06-other-head-home');

    // a page that does not exist says so at once, with the menu still there
    await page.goto('/complaints/00000000-0000-0000-0000-000000000000/nothing-here');
    await page.getByTestId('not-found').waitFor();
    await page.locator('.ant-layout-sider a[href="/home"]').waitFor();
    await page.context().close();
  });
});
