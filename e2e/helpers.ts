import type { Page } from 'playwright-core';

/** antd puts a space between two CJK characters in buttons ("保 存"): match with or without it. */
export function cjk(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);
}

/** Opens an antd Select (by its form label) and picks an option by its visible text. */
export async function pickOption(page: Page, label: string, option: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}
