import { beijingDate } from '@liangdian/engine/time';
import type { Complaint, Post } from '@liangdian/shared/api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DEMO_PASSWORD,
  launchBrowser,
  type Login,
  screenshot,
  settled,
  signedIn,
} from './browser';
import {
  advanceComplaint,
  type Api,
  DECISION,
  makeComplaint,
  makeOutlet,
  makeUser,
  type OwnOutlet,
  unique,
} from './factories';

/**
 * Script from data: every free-text field a user can write holds markup that runs script when a
 * page reads it as HTML — an <img> whose onerror raises a dialog naming the field. Then every
 * page that shows those fields is opened, its charts hovered, its tooltips, drawers, expanded rows
 * and print views opened. The test fails on any dialog (script ran), any Content-Security-Policy
 * violation (script was stopped only by the policy: the data was still read as HTML), and any
 * element the markup would have made. Each page must also show the markup as text, so a page
 * that shows nothing cannot pass.
 */
const run = unique();
/** Markup that calls alert('<field>') when read as HTML; short enough for a 40-character field. */
const tag = (field: string) => `<img src=x onerror=alert('${field}')>`;
/** For names: a word before the markup (what a user would type). */
const named = (field: string, word = '名') => `${word}${tag(field)}`;
/** For long text: every way markup can run, and the characters HTML escapes. */
const long = (field: string) =>
  `${tag(field)}<script>alert('${field}-script')</script><svg/onload=alert('${field}-svg')>"'&{a|b} ${field}`;
/** What every page must show as text: the markup, as characters. */
const SHOWN = "onerror=alert('";

const ADMIN: Login = { username: 'admin', password: DEMO_PASSWORD };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface Finding {
  page: string;
  what: string;
}

/** Listens on a page for what the test fails on. */
async function watch(page: Page, findings: Finding[], where: () => string): Promise<void> {
  page.on('dialog', async (d) => {
    findings.push({ page: where(), what: `dialog: ${d.message()}` });
    await d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()))
      findings.push({ page: where(), what: m.text().slice(0, 300) });
  });
  page.on('pageerror', (e) => findings.push({ page: where(), what: `page error: ${e.message}` }));
  // the browser's own report of each thing the policy stopped
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' +
      e.sourceFile + ':' + e.lineNumber))`);
}

/** Moves the mouse over every chart of the page, left to right, as a user reading it would. */
async function hoverCharts(page: Page): Promise<number> {
  const charts = page.locator('.ld-chart');
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const box = await charts.nth(i).boundingBox();
    if (!box) continue;
    for (let x = 0.05; x < 1; x += 0.06) {
      await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.5);
      await page.waitForTimeout(30);
    }
  }
  await page.mouse.move(1, 1);
  return n;
}

/** Hovers what opens a tooltip (antd's ellipsis and title tooltips, icons with hints). */
async function hoverTooltips(page: Page): Promise<void> {
  const targets = page.locator(
    '.ant-typography-ellipsis, .ant-table-cell-ellipsis, [aria-describedby], .anticon-question-circle',
  );
  const n = Math.min(await targets.count(), 12);
  for (let i = 0; i < n; i++) {
    await targets
      .nth(i)
      .hover({ timeout: 2000 })
      .catch(() => undefined);
    await page.waitForTimeout(120);
  }
}

/** Elements the markup would have made, had a page read it as HTML. */
const injected = (page: Page) =>
  page.evaluate<number>(
    `document.querySelectorAll('img[src="x"], svg[onload], [onerror], #root script').length`,
  );

describe('script from data: user text stays text on every page', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let admin: Api;
  let own: OwnOutlet;
  let complaint: Complaint;
  let lobbyUser: Login;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(baseUrl, 'admin');
    // -------- the organisation
    own = await makeOutlet(admin, named('outlet', '网点'));
    const outletId = own.outlet.id;
    const base = `/outlets/${outletId}`;
    await admin.patch(base, { address: long('address') });
    const [cash, wealth] = own.zones;
    await admin.patch(`${base}/zones/${cash!.id}`, { name: named('zone', '现金') });
    await admin.patch(`${base}/zones/${wealth!.id}`, { name: named('zone2', '理财') });
    const zonePost = own.posts.find((p) => p.kind === 'zone')!;
    await admin.patch(`${base}/posts/${zonePost.id}`, { name: named('post', '站') });
    const [lobbyStaff, teller, adviser] = own.staff;
    await admin.patch(`${base}/staff/${lobbyStaff!.id}`, { name: named('staff1', '张') });
    await admin.patch(`${base}/staff/${teller!.id}`, { name: named('staff2', '李') });
    await admin.patch(`${base}/staff/${adviser!.id}`, { name: named('staff3', '王') });
    await admin.post('/business-types', {
      code: `x${run}`.toLowerCase(),
      nameZh: named('bt', '业务'),
      nameEn: named('bt-en', 'Biz'),
      defaultZoneKind: 'cash',
    });
    await admin.post('/complaint-codes', {
      kind: 'cause',
      code: `x${run}`.toLowerCase(),
      nameZh: named('cause', '原因'),
      nameEn: named('cause-en', 'Cause'),
    });
    lobbyUser = await makeUser(baseUrl, admin, 'lobby_manager', outletId, {
      displayName: named('user', '大堂'),
      staffId: lobbyStaff!.id,
    });

    // -------- a complaint through its process, with a task and an attachment
    complaint = await makeComplaint(admin, outletId, {
      complainantName: named('cname', '范'),
      claim: long('claim'),
      facts: long('facts'),
      cause: `x${run}`.toLowerCase(),
      staffId: teller!.id,
    });
    complaint = await advanceComplaint(admin, complaint, 'informed', {
      acknowledge: { comment: long('ack') },
      decide: {
        ...DECISION,
        factsVerified: long('facts-verified'),
        basis: long('basis'),
        reasons: long('reasons'),
        result: long('result'),
      },
      inform: {
        method: 'phone',
        proof: long('proof'),
        comment: long('inform'),
      },
    });
    await admin.post(`/complaints/${complaint.id}/tasks`, {
      title: long('task'),
      owner: named('owner', '责任人'),
      dueOn: beijingDate(new Date(Date.now() + 7 * 86_400_000)),
    });
    await admin.upload(`/complaints/${complaint.id}/attachments`, {
      name: `${tag('file')}.png`,
      mimeType: 'image/png',
      buffer: PNG,
    });

    // -------- coaching
    await admin.post('/complaint-scripts', {
      stage: 'acknowledge',
      scenario: named('sscen', '场景'),
      title: long('stitle').slice(0, 200),
      body: long('sbody'),
    });
    await admin.post('/complaint-drills', {
      outletId,
      heldOn: beijingDate(new Date()),
      scenario: long('drill'),
      evaluator: named('evaluator', '评'),
      participants: [teller!.id],
      rubric: [{ item: named('rubric', '项'), score: 3, max: 5 }],
      comments: long('comments'),
    });
    await admin.put(`${base}/ten-questions/wealth`, {
      questions: [{ question: long('question'), answer: long('answer') }],
    });

    // -------- the lobby: a token, tickets with counters, a mode change with its reason, a check-in
    const token = (
      await admin.post<{ token: string }>(`${base}/machine-tokens`, { name: named('token', '机') })
    ).token;
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const events = [
      { eventId: `x-${run}-1`, ticket: tag('tk1'), businessType: 'cash', kind: 'issued', at: at(3) },
      { eventId: `x-${run}-2`, ticket: tag('tk2'), businessType: 'cash', kind: 'issued', at: at(2) },
      {
        eventId: `x-${run}-3`,
        ticket: tag('tk2'),
        businessType: 'cash',
        kind: 'called',
        at: at(1),
        counter: tag('ctr'),
      },
    ];
    const res = await fetch(`${baseUrl}/api/v1${base}/ticket-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    const posts = (await admin.get<{ items: Post[] }>(`${base}/posts`)).items;
    const welcome = posts.find((p) => p.kind === 'welcome')!;
    await admin.post(`${base}/lobby/check-in`, { staffId: lobbyStaff!.id, postId: welcome.id });
    await admin.post(`${base}/lobby/mode`, { mode: 'fixed', reason: long('mode') });
    const yesterday = beijingDate(new Date(Date.now() - 86_400_000));
    const csv = ['票号,业务类型,事件,时间,窗口', `"${tag('imp')}",cash,issued,${yesterday} 09:00,`].join(
      '\n',
    );
    await admin.upload(
      `${base}/ticket-import/commit`,
      { name: `${tag('csv')}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') },
      { skipInvalid: 'true' },
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Opens each page as `user`, does what a reader of it does, and collects what the test fails
   * on. `shows: false` for a page that only draws (a chart whose text is on the canvas).
   */
  async function visit(
    user: Login,
    viewport: { width: number; height: number },
    pages: { name: string; url: string; act?: (p: Page) => Promise<void>; shows?: boolean }[],
  ) {
    const { context, page } = await signedIn(browser, baseUrl, user, { viewport });
    const findings: Finding[] = [];
    let where = 'login';
    await watch(page, findings, () => where);
    const silent: string[] = [];
    let charts = 0;
    for (const p of pages) {
      where = p.name;
      await page.goto(p.url);
      await settled(page, 8000);
      await p.act?.(page);
      await settled(page, 8000);
      await hoverTooltips(page);
      charts += await hoverCharts(page);
      const made = await injected(page);
      if (made) findings.push({ page: p.name, what: `${made} element(s) made from data` });
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows, not its hidden text
      if (p.shows !== false && !(await page.locator('body').innerText()).includes(SHOWN)) silent.push(p.name);
      await screenshot(page, `xss-${p.name}`);
    }
    await context.close();
    return { findings, silent, charts };
  }

  it('the back office shows every field as text, charts and print views included', async () => {
    const o = own.outlet.id;
    const c = complaint.id;
    const teller = own.staff[1]!.id;
    const { findings, silent, charts } = await visit(ADMIN, { width: 1366, height: 900 }, [
      { name: 'home', url: '/home', shows: false },
      { name: 'outlets', url: `/outlets?q=${encodeURIComponent(own.outlet.code)}` },
      { name: 'outlet', url: `/outlets/${o}` },
      { name: 'zones', url: `/outlets/${o}/zones` },
      { name: 'posts', url: `/outlets/${o}/posts` },
      { name: 'staff', url: `/outlets/${o}/staff` },
      { name: 'machines', url: `/outlets/${o}/machines` },
      { name: 'business-types', url: '/business-types?pageSize=100' },
      { name: 'users', url: `/users?q=${encodeURIComponent(lobbyUser.username)}` },
      {
        name: 'audit',
        url: `/audit?outletId=${o}`,
        act: async (p) => {
          const expand = p.locator('.ant-table-row-expand-icon-collapsed');
          for (let i = 0; i < Math.min(await expand.count(), 5); i++) await expand.nth(i).click();
        },
      },
      { name: 'complaints', url: `/complaints?outletId=${o}` },
      { name: 'complaint', url: `/complaints/${c}` },
      { name: 'decision-notice', url: `/complaints/${c}/notice` },
      { name: 'complaint-stats', url: `/complaint-stats?outletId=${o}` },
      { name: 'prevention', url: `/complaint-prevention?outletId=${o}`, shows: false },
      {
        name: 'scripts',
        url: `/complaint-scripts?q=${encodeURIComponent(named('sscen', '场景'))}`,
        act: async (p) => {
          await p.getByTestId('script-open').first().click();
          await p.getByTestId('script-drawer').waitFor();
        },
      },
      { name: 'drills', url: `/complaint-drills?staffId=${teller}` },
      { name: 'ten-questions', url: `/ten-questions?outletId=${o}&line=wealth` },
      { name: 'ten-questions-card', url: `/ten-questions/${o}/wealth/card` },
      { name: 'lobby', url: '/lobby', shows: false },
      { name: 'replay', url: `/lobby/${o}/replay`, shows: false },
      { name: 'mode-plan', url: `/lobby/${o}/plan`, shows: false },
      { name: 'ticket-import', url: `/lobby/${o}/import` },
    ]);
    expect(charts, 'the statistics, drill and replay charts were hovered').toBeGreaterThanOrEqual(3);
    expect(findings).toEqual([]);
    expect(silent, 'pages that did not show the stored text').toEqual([]);
  }, 300_000);

  it('the lobby tablet and the hall board show names, tickets and reasons as text', async () => {
    const o = own.outlet.id;
    const tablet = await visit(lobbyUser, { width: 1024, height: 768 }, [
      { name: 'tablet', url: `/lobby/${o}` },
    ]);
    const board = await visit(ADMIN, { width: 1920, height: 1080 }, [{ name: 'board', url: `/board/${o}` }]);
    expect([...tablet.findings, ...board.findings]).toEqual([]);
    expect([...tablet.silent, ...board.silent]).toEqual([]);
  }, 120_000);
});
