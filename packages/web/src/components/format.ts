/**
 * How the app writes a share (0…1) as a percentage — one way on every page, as the .xlsx exports
 * do (`0.0%`): one decimal, the locale's digits and sign, "—" when there is nothing to show.
 * Pages read it as `formatPercent` from useI18n().
 */
export const PERCENT_DECIMALS = 1;

export function percentFormatter(locale: string, decimals = PERCENT_DECIMALS) {
  const f = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (share: number | null | undefined): string =>
    share === null || share === undefined || Number.isNaN(share) ? '—' : f.format(share);
}

/** A share from a count of a total (null when the total is 0). */
export const shareOf = (n: number, total: number): number | null => (total ? n / total : null);

/** A figure with a fixed number of decimals in the locale's digits ("6.20", not "6.2"); "—" when absent. */
export function fixedFormatter(locale: string, decimals: number) {
  const f = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (v: number | null | undefined): string =>
    v === null || v === undefined || Number.isNaN(v) ? '—' : f.format(v);
}
