import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DEMO_PASSWORD,
  demoOutletId,
  launchBrowser,
  screenshot,
  signedIn,
  switchLanguage,
} from './browser';
import { dropdownClosed } from './helpers';

interface ModeFigures {
  receivedShare: number | null;
  escortedShare: number | null;
  misroutes: number;
  pulledMinutes: number;
  score: number;
}
interface Recommendation {
  weekday: number;
  source: 'forecast' | 'history' | 'default';
  calibrated: boolean;
  objectiveSource: 'outlet' | 'default';
  slots: {
    start: string;
    arrivalsPerHour: number;
    better: 'fixed' | 'rotating';
    fixed: ModeFigures;
    rotating: ModeFigures;
  }[];
  crossover: { arrivalsPerHour: number; bound: string | null } | null;
}

/** 螺蛳湾支行 (a demo pilot): the lobby manager asks for a recommendation for a Tuesday. */
describe('the mode trade-off on the plan page (螺蛳湾支行)', () => {
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

  async function recommendTuesday(page: Page): Promise<Recommendation> {
    await page.goto(`/lobby/${outletId}/plan`);
    // the day picked must have taken (a click while the dropdown still opens can miss; the run
    // would then simulate today's weekday)
    for (let attempt = 0; ; attempt++) {
      await page.getByTestId('rec-weekday').click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /周二|Tue/ })
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await dropdownClosed(page).catch(() => page.keyboard.press('Escape'));
      const picked = await page
        .getByTestId('rec-weekday')
        .getByText(/周二|Tue/)
        .waitFor({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (picked) break;
      if (attempt === 2) throw new Error('could not pick Tuesday');
    }
    const response = page.waitForResponse((r) => r.url().includes('/mode-plan/recommend'), {
      timeout: 90_000,
    });
    await page.getByTestId('rec-run').click();
    const answer = await response;
    expect(answer.status()).toBe(200);
    const rec = (await answer.json()) as Recommendation;
    expect(rec.weekday).toBe(1);
    await page.locator('[data-testid="rec-result"][data-weekday="1"]').waitFor();
    return rec;
  }

  it('shows fixed at the peak and rotating in the trough, with the figures, the crossover and the weights', async () => {
    const { context, page } = await signedIn(
      browser,
      baseUrl,
      { username: 'lobby.lsw', password: DEMO_PASSWORD },
      { viewport: { width: 1366, height: 900 } },
    );
    try {
      const rec = await recommendTuesday(page);
      // the demo's ten weeks of tickets: the forecast arrivals, the calibrated service and patience
      expect(rec.source).toBe('forecast');
      expect(rec.calibrated).toBe(true);
      const rates = rec.slots.map((s) => s.arrivalsPerHour);
      const peak = rates.indexOf(Math.max(...rates));
      const trough = rates.indexOf(Math.min(...rates));
      expect(rec.slots[peak]!.better).toBe('fixed');
      expect(rec.slots[trough]!.better).toBe('rotating');
      const rows = page.locator('[data-testid="rec-table"] tbody tr.ant-table-row');
      expect(await rows.count()).toBe(rec.slots.length);
      expect(await rows.nth(peak).getByTestId('rec-better').textContent()).toBe('固定作业');
      expect(await rows.nth(trough).getByTestId('rec-better').textContent()).toBe('循环补位');
      // the table carries both modes' figures: the peak row shows rotating's misroutes
      const peakText = (await rows.nth(peak).textContent()) ?? '';
      expect(peakText).toContain(rec.slots[peak]!.start);
      // the crossover sentence and the reasons in figures
      const cross = (await page.getByTestId('rec-crossover').textContent()) ?? '';
      expect(cross).toContain(
        `以当前人员，循环补位最多可承接每小时 ${rec.crossover!.arrivalsPerHour} 位客户`,
      );
      expect(cross).toContain(`高峰 ${rec.slots[peak]!.start} 固定作业更优`);
      expect(cross).toContain('走错队列');
      const weights = (await page.getByTestId('rec-objective').textContent()) ?? '';
      expect(weights).toContain('默认值');
      expect(weights).toContain('每人次走错队列 25');
      await page.getByTestId('rec-day').waitFor();
      await page.getByTestId('recommend-card').scrollIntoViewIfNeeded();
      await screenshot(page, 'lm01-recommend-trade-off');
      await page.getByTestId('rec-table').scrollIntoViewIfNeeded();
      await screenshot(page, 'lm02-recommend-table');

      // in English
      await switchLanguage(page, 'en-US');
      await page
        .getByText(
          `With today's staff, rotating backfill holds up to ${rec.crossover!.arrivalsPerHour} customers an hour`,
        )
        .waitFor();
      await page.getByText('per wrong-queue customer 25').waitFor();
      await page.getByTestId('recommend-card').scrollIntoViewIfNeeded();
      await screenshot(page, 'lm03-recommend-en');
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('lang-zh-CN').click();
    } finally {
      await context.close();
    }
  });

  it('the outlet head sets the weights in the settings; the recommendation uses them', async () => {
    const { context, page } = await signedIn(
      browser,
      baseUrl,
      { username: 'head.lsw', password: DEMO_PASSWORD },
      { viewport: { width: 1366, height: 900 } },
    );
    try {
      await page.goto(`/lobby/${outletId}/plan?tab=settings`);
      await page.getByTestId('settings-w-misroute').waitFor();
      await page.getByTestId('settings-w-misroute').fill('40');
      await page.getByTestId('settings-save').click();
      await page.locator('[data-testid="settings-save"]:disabled').waitFor();
      await screenshot(page, 'lm04-settings-weights');
      const head = await apiSession(baseUrl, 'head.lsw');
      const settings = await head.get<{ modeObjective: Record<string, number> | null }>(
        `/outlets/${outletId}/lobby/settings`,
      );
      expect(settings.modeObjective).toEqual({ misroute: 40 });
      const rec = await recommendTuesday(page);
      expect(rec.objectiveSource).toBe('outlet');
      expect((await page.getByTestId('rec-objective').textContent()) ?? '').toContain('每人次走错队列 40');
      // back to the defaults
      await page.goto(`/lobby/${outletId}/plan?tab=settings`);
      await page.getByTestId('settings-w-misroute').fill('');
      await page.getByTestId('settings-save').click();
      await page.locator('[data-testid="settings-save"]:disabled').waitFor();
      expect(
        (await head.get<{ modeObjective: unknown }>(`/outlets/${outletId}/lobby/settings`)).modeObjective,
      ).toBeNull();
    } finally {
      await context.close();
    }
  });
});
