/**
 * ECharts puts what a tooltip `formatter` function returns into the page as HTML; user data
 * (a drill's scenario, an outlet's name) must stay text. Build such tooltips from these helpers.
 * String templates (`'{b}: {c}'`) and the default tooltips are escaped by ECharts itself.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` with the characters HTML gives a meaning to escaped. */
export const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Lines of text for a tooltip: each escaped, one per line. */
export const tooltipLines = (...lines: unknown[]): string => lines.map(escapeHtml).join('<br/>');
