import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, launchBrowser, login, newContext, screenshot, signedIn } from './browser';

interface Run {
  id: string;
  weekStart: string;
  state: 'running' | 'completed' | 'failed' | 'cancelled';
  counts: { total: number; completed: number; failed: number; cancelled: number };
  outlets: { outletCode: string; state: string; stepsDone: number; error: string | null }[];
}

const FINAL = ['completed', 'failed', 'cancelled'];

/** The Monday `weeks` weeks after this week's Monday (Beijing). */
function monday(weeks: number): string {
  const today = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * weeks);
  return d.toISOString().slice(0, 10);
}

/** No header cell of the visible tables is cut: its text fits its width. */
async function noClippedHeaders(page: Page): Promise<string[]> {
  return page.$$eval('.ant-table-thead th', (ths) =>
    ths
      .filter((th) => (th as unknown as { offsetParent: unknown }).offsetParent !== null && th.textContent)
      .filter((th) => th.scrollWidth > th.clientWidth + 1)
      .map((th) => th.textContent ?? ''),
  );
}

/**
 * 分行排班规划 and 后台任务: the demo branch planned for next week as one background job per
 * outlet (forecast → requirement → roster), its progress polled to a final state, a second start
 * answering the same run, cancel and retry, and the jobs in the admin list.
 */
describe('branch planning and background jobs pages', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // the admin's language is kept on the server: Chinese, whatever an earlier run left
    await (await apiSession(baseUrl, 'admin')).patch('/auth/me', { locale: 'zh-CN' });
    const context = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    page = await context.newPage();
    await login(page, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts a run for next week and follows each outlet to a final state', {
    timeout: 240_000,
  }, async () => {
    await page.goto('/planning');
    await page.getByTestId('planning-form').waitFor();
    const next = monday(1);
    expect(
      await page
        .locator('input[data-testid="planning-week"], [data-testid="planning-week"] input')
        .inputValue(),
    ).toContain(next);
    expect(await page.getByTestId('planning-branch').textContent()).toContain('昆明分行');
    await page.getByTestId('planning-start').click();
    await page.getByText(`已开始规划 ${next} 这一周`).waitFor();
    const card = page.getByTestId('planning-run');
    const rows = page.getByTestId('planning-outlets').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const runId = new URL(page.url()).searchParams.get('run')!;
    expect(runId).toBeTruthy();

    // a second start while it runs answers the same run
    const api = await apiSession(baseUrl, 'admin');
    const again = await api.post<Run>('/planning/runs', { weekStart: next });
    if (again.state === 'running') {
      expect(again.id).toBe(runId);
      await page.getByTestId('planning-start').click();
      await page
        .getByText(/这一周已有正在进行的规划|已开始规划/)
        .first()
        .waitFor();
      expect(new URL(page.url()).searchParams.get('run')).toBe(runId);
      await screenshot(page, 'planning-running-1366');
    }

    // the page polls on its own until every outlet has ended
    await expect
      .poll(() => card.getAttribute('data-state'), { timeout: 200_000, interval: 1000 })
      .toMatch(/^(completed|failed|cancelled)$/);
    const run = await api.get<Run>(`/planning/runs/${runId}`);
    for (const o of run.outlets) expect(FINAL).toContain(o.state);
    const states = await rows
      .locator('.ant-tag')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-state')).filter(Boolean));
    // the table shows 20 outlets a page (other specs add outlets to the branch): each row shown
    // has ended, and the page holds as many as it should
    expect(states).toHaveLength(Math.min(run.outlets.length, 20));
    for (const s of states) expect(FINAL).toContain(s);
    // a completed outlet went through its steps; a failed one says why in Chinese
    const done = run.outlets.find((o) => o.state === 'completed');
    if (done) expect(await page.getByTestId(`steps-${done.outletCode}`).getAttribute('data-done')).toBe('3');
    const failed = run.outlets.find((o) => o.state === 'failed');
    if (failed) {
      expect(failed.error).toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByTestId('outlet-error').first().textContent()).toBe(failed.error);
    }
    expect(await page.getByTestId('planning-history').textContent()).toContain(next);
    expect(await noClippedHeaders(page)).toEqual([]);
    await screenshot(page, 'planning-done-1366');

    // the past runs' .xlsx
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^排班规划批次-.*\.xlsx$/);
  });

  it('cancels a running run and retries its outlets', { timeout: 240_000 }, async () => {
    const week = monday(2);
    const api = await apiSession(baseUrl, 'admin');
    const started = await api.post<Run>('/planning/runs', { weekStart: week });
    await page.goto(`/planning?week=${week}&run=${started.id}`);
    const card = page.getByTestId('planning-run');
    await card.locator('tbody tr.ant-table-row').first().waitFor();
    if ((await card.getAttribute('data-state')) === 'running') {
      await page.getByTestId('planning-cancel').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await page.getByText('已取消未完成的网点').waitFor();
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).not.toBe('running');
      const cancelled = await api.get<Run>(`/planning/runs/${started.id}`);
      expect(cancelled.counts.cancelled).toBeGreaterThan(0);
      await screenshot(page, 'planning-cancelled-1366');
    }
    const before = await api.get<Run>(`/planning/runs/${started.id}`);
    if (before.counts.failed + before.counts.cancelled > 0) {
      await page.getByTestId('planning-retry').click();
      await page.getByText('已重新安排失败和已取消的网点').waitFor();
      await expect
        .poll(() => card.getAttribute('data-state'), { timeout: 200_000, interval: 1000 })
        .toMatch(/^(completed|failed)$/);
      const after = await api.get<Run>(`/planning/runs/${started.id}`);
      expect(after.counts.cancelled).toBe(0);
    }
  });

  it('lists the jobs for the admin, by state, with the .xlsx', async () => {
    await page.goto('/jobs');
    const rows = page.getByTestId('jobs-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    expect(await rows.first().textContent()).toContain('网点排班规划');
    expect(await page.getByTestId('jobs-info').textContent()).toContain('in-process');
    await page.getByTestId('jobs-state').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已完成' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('completed');
    await expect
      .poll(async () =>
        (await rows.locator('.ant-tag').evaluateAll((t) => t.map((e) => e.textContent))).join(','),
      )
      .toMatch(/^已完成(,已完成)*$/);
    expect(await rows.first().textContent()).toMatch(/3\/3 排班/);
    expect(await noClippedHeaders(page)).toEqual([]);
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await screenshot(page, 'jobs-1366');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^后台任务-.*\.xlsx$/);
  });

  it('is complete in English, and refused to an outlet head', async () => {
    const { context, page: en } = await signedIn(
      browser,
      baseUrl,
      { username: 'admin', password: 'liangdian-demo' },
      { viewport: { width: 1366, height: 900 }, locale: 'en-US' },
    );
    await en.goto('/planning');
    await en.getByText('Branch planning').first().waitFor();
    await en.getByTestId(`view-run-${await firstRunId(baseUrl)}`).click();
    await en.getByTestId('planning-outlets').waitFor();
    await en.getByText('Requirement').first().waitFor();
    // every label translated: no catalogue key shows
    expect(await en.locator('body').textContent()).not.toMatch(/planning\.\w|jobState\.|jobs\.\w/);
    await screenshot(en, 'planning-en-1366');
    await en.goto('/jobs');
    await en.getByText('Outlet planning').first().waitFor();
    await screenshot(en, 'jobs-en-1366');
    await context.close();
    await (await apiSession(baseUrl, 'admin')).patch('/auth/me', { locale: 'zh-CN' });

    const head = await newContext(browser, baseUrl, { width: 1366, height: 900 });
    const hp = await head.newPage();
    await login(hp, 'head.lsw');
    expect(await hp.locator('.ant-menu').textContent()).not.toContain('分行排班规划');
    await hp.goto('/jobs');
    await hp.getByTestId('refused').waitFor();
    await head.close();
  });
});

async function firstRunId(baseUrl: string): Promise<string> {
  const api = await apiSession(baseUrl, 'admin');
  const runs = await api.get<{ items: { id: string }[] }>('/planning/runs?page=1&pageSize=10');
  return runs.items[0]?.id ?? '';
}
