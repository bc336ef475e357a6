import type { Locator, Page } from 'playwright-core';

/** antd puts a space between two CJK characters in buttons ("保 存"): match with or without it. */
export function cjk(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);
}

/**
 * Opens an antd Select (by its form label, in the open dialog) and picks an option by its visible
 * text; with `search`, types it first (selects that search the server list only what matches).
 * Checks that the choice took: a click while the modal is still zooming in can miss.
 */
export async function pickOption(page: Page, label: string, option: string, search?: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  const field = dialog.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await dialog.getByLabel(label, { exact: true }).click();
    if (search) await dialog.getByLabel(label, { exact: true }).fill(search);
    await pickInDropdown(page, option, 5_000).catch(() => undefined);
    const picked = await field
      .locator('.ant-select-content, .ant-select-selector')
      .first()
      .getByText(option)
      .first()
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (picked) return;
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

/** Picks an option of the open antd Select dropdown by its text. */
export async function pickInDropdown(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click({ timeout });
}

/**
 * The confirm button of an antd modal, found by its place (the primary button of the footer) once
 * it is not loading. Not by its name: after a failed save antd leaves the spinner icon in the
 * button, so its accessible name stays "loading 保 存" although the button is idle again.
 */
export function modalOk(dialog: Locator): Locator {
  return dialog.locator('.ant-modal-footer .ant-btn-primary:not(.ant-btn-loading)');
}

/** Waits until no Select dropdown is open (it closes with a short motion). */
export async function dropdownClosed(page: Page): Promise<void> {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .first()
    .waitFor({ state: 'hidden' });
}

/** Waits until a smooth scroll has come to rest: two reads of the scroll position a frame apart agree. */
export async function scrollSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const g = globalThis as unknown as { scrollY: number; requestAnimationFrame(f: () => void): void };
        const y = g.scrollY;
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(g.scrollY === y)));
      }),
  );
}
