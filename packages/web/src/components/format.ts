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
