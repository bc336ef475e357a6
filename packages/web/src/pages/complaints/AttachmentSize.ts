/** A byte count for people: "812 B", "3.4 KB", "10 MB", with the locale's number format. */
export function formatBytes(n: number, formatNumber: (n: number) => string): string {
  if (n < 1024) return `${formatNumber(n)} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(Math.round(v * 10) / 10)} ${units[i]}`;
}
