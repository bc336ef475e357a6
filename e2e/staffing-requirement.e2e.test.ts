import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, demoOutletId, launchBrowser, screenshot, signedIn } from './browser';

/** 螺蛳湾支行 (a demo pilot): the outlet head opens the staffing requirement of this week. */
describe('the staffing requirement tab (螺蛳湾支行)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let outletId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    outletId = await demoOutletId(baseUrl, '螺蛳湾支行');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows Erlang against the simulated people per half hour, the differences marked, in zh and en', async () => {
    const { context, page } = await signedIn(
      browser,
      baseUrl,
      { username: 'head.lsw', password: DEMO_PASSWORD },
      { viewport: { width: 1366, height: 900 } },
    );
    try {
      const response = page.waitForResponse((r) => r.url().includes('/staffing/requirement'), {
        timeout: 120_000,
      });
      await page.goto(`/lobby/${outletId}/staffing?day=1`);
      const answer = await response;
      expect(answer.status()).toBe(200);
      const r = (await answer.json()) as {
        days: {
          source: string;
          differences: number;
          slots: { start: string; welcome: { simulated: number }; zones: { differs: boolean }[] }[];
        }[];
        zones: { name: string }[];
      };
      expect(r.days).toHaveLength(7);
      const tue = r.days[1]!;
      expect(tue.source).toBe('forecast');
      await page.getByTestId('staffing-table').waitFor({ timeout: 30_000 });
      const rows = page.locator('[data-testid="staffing-table"] tbody tr.ant-table-row');
      expect(await rows.count()).toBe(tue.slots.length);
      expect(await rows.first().textContent()).toContain(tue.slots[0]!.start);
      // the header names the zones and both fixed posts
      const head = (await page.locator('[data-testid="staffing-table"] thead').textContent()) ?? '';
      expect(head).toContain('迎宾位');
      for (const z of r.zones) expect(head).toContain(z.name);
      // the cells where the two answers differ are marked, as many as the answer says
      const differing = tue.slots.reduce((a, s) => a + s.zones.filter((z) => z.differs).length, 0);
      const marked = await page.locator('[data-testid="staffing-table"] td[data-differs="true"]').count();
      expect(marked).toBeGreaterThanOrEqual(differing);
      await page.getByTestId('staffing-chart').waitFor();
      await screenshot(page, 'sr01-staffing-requirement');
      await page.getByTestId('staffing-table').scrollIntoViewIfNeeded();
      await screenshot(page, 'sr02-staffing-table');

      // the export downloads an .xlsx
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.getByTestId('export-xlsx').click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

      // in English
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('lang-en-US').click();
      await page.getByText('Welcome post').first().waitFor();
      await page.getByText('Erlang / simulated').first().waitFor();
      await screenshot(page, 'sr03-staffing-requirement-en');
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('lang-zh-CN').click();
    } finally {
      await context.close();
    }
  });
});
