import type { CalendarWarning } from '@liangdian/shared/api';

/** The server's calendar warnings of single entries, by day (a missing year has no day). */
export function warningsByDay(warnings: CalendarWarning[]): Map<string, CalendarWarning> {
  const m = new Map<string, CalendarWarning>();
  for (const w of warnings) if (w.day) m.set(w.day, w);
  return m;
}
