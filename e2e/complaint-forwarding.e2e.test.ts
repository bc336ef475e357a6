import { addDays, beijingDate } from '@liangdian/engine/time';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiSession, screenshot, signedIn, useBrowser } from './browser';
import { type Api, makeComplaint, makeOutlet, type OwnOutlet, unique } from './factories';

/**
 * Art. 33: a complaint the regulator forwarded after its 7 working days is flagged in the register
 * and on the case; the statistics and the holiday calendar fit a 1366 px laptop.
 */
describe('the regulator’s forwarding (Art. 33)', () => {
  const baseUrl = inject('baseUrl');
  const browser = useBrowser();
  let admin: Api;
  let own: OwnOutlet;
  const LAPTOP = { width: 1366, height: 768 };

  beforeAll(async () => {
    admin = await apiSession(baseUrl, 'admin');
    own = await makeOutlet(admin, 'E2E转办支行');
  });

  it('flags a late forwarding in the list and on the case', async () => {
    const mark = unique();
    // received by the regulator on 2026-09-29 (Tue): due 2026-10-14 over 国庆 (10-10 Saturday a
    // make-up working day); forwarded 10-15, a day late. The bank registers it today.
    const today = beijingDate(new Date());
    const late = await makeComplaint(admin, own.outlet.id, {
      source: 'regulator',
      regulatorReceivedOn: '2026-09-29' < today ? '2026-09-29' : addDays(today, -20),
      forwardedOn: '2026-09-29' < today ? '2026-10-15' : addDays(today, -1),
      claim: `监管转办逾期${mark}`,
    });
    expect(late.forwardingLate).toBe(true);
    const onTime = await makeComplaint(admin, own.outlet.id, {
      source: 'regulator',
      regulatorReceivedOn: addDays(today, -2),
      forwardedOn: addDays(today, -1),
      claim: `监管转办按时${mark}`,
    });
    expect(onTime.forwardingLate).toBe(false);

    const { context, page } = await signedIn(
      browser(),
      baseUrl,
      { username: 'admin', password: 'liangdian-demo' },
      { viewport: LAPTOP },
    );
    await page.goto(`/complaints?q=${mark}`);
    const lateRow = page.locator('tr', { hasText: `监管转办逾期${mark}` });
    await lateRow.getByTestId('forwarding-badge').waitFor();
    expect(await lateRow.getByTestId('forwarding-badge').getAttribute('data-state')).toBe('late');
    expect(await lateRow.getByTestId('forwarding-badge').textContent()).toBe('转办逾期');
    const okRow = page.locator('tr', { hasText: `监管转办按时${mark}` });
    expect(await okRow.getByTestId('forwarding-badge').getAttribute('data-state')).toBe('on_time');

    // the filter keeps the late one only
    await page.goto(`/complaints?q=${mark}&forwarding=late`);
    await expect.poll(() => page.getByTestId('complaint-link').count(), { timeout: 10_000 }).toBe(1);
    await page.goto(`/complaints?outletId=${own.outlet.id}`);
    await page.getByTestId('forwarding-badge').first().waitFor();
    // nothing of the table cut off at 1366 px: the table fits its card, no horizontal scroll
    const overflow = await page
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    await screenshot(page, 'fwd-list-1366');
    expect(overflow).toBeLessThanOrEqual(1);

    await page.goto(`/complaints/${late.id}`);
    const due = page.getByTestId('forwarding-due');
    await due.waitFor();
    expect(await due.textContent()).toContain('转办逾期');
    await screenshot(page, 'fwd-case-1366');

    await page.goto('/complaint-stats');
    await page.locator('[data-testid="stat-forwarding"]:not(.ant-card-loading)').waitFor();
    await page.getByTestId('report-total').waitFor();
    await screenshot(page, 'fwd-stats-1366');

    await page.goto('/complaint-calendar?year=2024');
    await page.locator('tr', { hasText: '2024-02-18' }).waitFor();
    await screenshot(page, 'fwd-calendar-1366');
    await context.close();
  });
});
