import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, beijingDate, fromBeijingWallClock } from '@liangdian/engine/time';
import type { Complaint } from '@liangdian/shared/api';
import { apiSession, screenshot, signedIn, useBrowser } from './browser';
import { type Api, DECISION, makeComplaint, makeOutlet, makeUser } from './factories';

/** The Beijing date `n` days from today. */
const day = (n: number) => addDays(beijingDate(Date.now()), n);

/** Types a Beijing date and time into the step's "when it happened" picker. */
async function setStepTime(page: Page, value: string) {
  const input = page.getByRole('dialog').getByTestId('action-at');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

describe('complaints: steps recorded as they happened', () => {
  const baseUrl = inject('baseUrl');
  const browser = useBrowser();
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerApi: Api;
  let outletId: string;

  beforeAll(async () => {
    const admin = await apiSession(baseUrl, 'admin');
    outletId = (await makeOutlet(admin, 'E2E补录')).outlet.id;
    officer = await makeUser(baseUrl, admin, 'cp_officer', null, { displayName: '补录专员' });
    officerApi = await apiSession(baseUrl, officer.username, officer.password);
  });

  it('records a decision dated three days ago: the on-time figure and the review window follow it', async () => {
    // received five days ago, investigated four days ago
    let c = await makeComplaint(officerApi, outletId, {
      receivedAt: fromBeijingWallClock(day(-5), '09:30'),
    });
    for (const [step, at] of [
      ['acknowledge', fromBeijingWallClock(day(-5), '10:00')],
      ['investigate', fromBeijingWallClock(day(-4), '10:00')],
    ] as const)
      c = await officerApi.post<Complaint>(`/complaints/${c.id}/${step}`, { comment: '', at });

    const { context, page } = await signedIn(browser(), baseUrl, officer, {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(`/complaints/${c.id}`);
    await page.getByTestId('complaint-status').filter({ hasText: '调查中' }).waitFor();

    // a time before the investigation is refused in the form, with the time it may not precede
    await page.getByTestId('action-decide').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('decision-facts').fill(DECISION.factsVerified);
    await dialog.getByTestId('decision-basis').fill(DECISION.basis);
    await dialog.getByTestId('decision-reasons').fill(DECISION.reasons);
    await dialog.getByTestId('decision-result').fill(DECISION.result);
    await setStepTime(page, `${day(-5)} 08:00`);
    await dialog.getByTestId('action-submit').click();
    await dialog.getByText(`不能早于投诉受理时间（${day(-5)} 09:30）`).waitFor();
    await setStepTime(page, `${day(-3)} 16:00`);
    await screenshot(page, 'ct01-decide-dated');
    await dialog.getByTestId('action-submit').click();
    await page.getByTestId('complaint-status').filter({ hasText: '已决定' }).first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // decided in time, the deadline runs on until the complainant is told
    await page.getByTestId('art18').filter({ hasText: '已按时决定，待告知' }).waitFor();

    await page.getByTestId('action-inform').first().click();
    await dialog.getByTestId('inform-proof').fill('挂号信 XA0001');
    await setStepTime(page, `${day(-2)} 11:00`);
    await dialog.getByTestId('action-submit').click();
    await page.getByTestId('complaint-status').filter({ hasText: '已告知' }).first().waitFor();

    // on time: 2 days from the receipt to the decision; the review window from the telling
    await page.getByTestId('art18').filter({ hasText: '按时决定并告知 · 按时（2 天）' }).waitFor();
    const saved = await officerApi.get<Complaint>(`/complaints/${c.id}`);
    expect(saved).toMatchObject({
      decidedAt: fromBeijingWallClock(day(-3), '16:00'),
      informedAt: fromBeijingWallClock(day(-2), '11:00'),
      onTime: true,
      daysToDecision: 2,
      reviewRequestBy: day(28),
    });
    const reviewBy = day(28).replaceAll('-', '/');
    await page.getByText(reviewBy).first().waitFor();
    // the history says when each step happened and that it was recorded later
    await expect(page.getByTestId('event-recorded-at').count()).resolves.toBeGreaterThanOrEqual(2);
    await screenshot(page, 'ct02-decided-three-days-ago');
    await context.close();
  });
});
