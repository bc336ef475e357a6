import type { PreferenceCreate, RosterRules, StaffPreference } from '@liangdian/shared/api';

/**
 * The pure parts of the roster settings pages (rules, leave, preferences): the half-hour grid,
 * the form shape of the rules and back, server error paths as form fields, the month filter,
 * half days, and the preference grid's cells and what saving it sends.
 */
export type SettingsSection = 'rules' | 'leave' | 'preferences';

/** 00:00 … 24:00 on the half hour. */
export const HALF_HOURS = Array.from(
  { length: 49 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);
export const HALF_HOUR_OPTIONS = HALF_HOURS.map((v) => ({ value: v, label: v }));
/** Shift lengths the rules may allow: 1 to 12 hours on the half hour. */
export const SHIFT_LENGTHS = Array.from({ length: 23 }, (_, i) => 1 + i / 2);

// ---------------------------------------------------------------- rules as a form
export interface MealBreakForm {
  on: boolean;
  afterHours: number | null;
  minutes: number | null;
  from: string | null;
  to: string | null;
}
export type ShiftForm = Omit<RosterRules['shifts'][number], 'mealBreak'> & { mealBreak: MealBreakForm };
export type RulesForm = Omit<RosterRules, 'shifts'> & { shifts: ShiftForm[] };

/** The rules as the form holds them: a meal break is a switch with its fields (kept when off). */
export function rulesToForm(r: RosterRules): RulesForm {
  return {
    ...r,
    shifts: r.shifts.map((s) => ({
      ...s,
      shiftStarts: [...s.shiftStarts].sort(),
      shiftLengthsHours: [...s.shiftLengthsHours].sort((a, b) => a - b),
      mealBreak: s.mealBreak
        ? {
            on: true,
            afterHours: s.mealBreak.afterHours,
            minutes: s.mealBreak.minutes,
            from: s.mealBreak.window[0],
            to: s.mealBreak.window[1],
          }
        : { on: false, afterHours: 6, minutes: 60, from: '11:00', to: '14:00' },
    })),
  };
}

/** The form's values as the rules the API takes (a switched-off meal break is none). */
export function formToRules(f: RulesForm): RosterRules {
  return {
    ...f,
    shifts: f.shifts.map(({ mealBreak: b, ...s }) => ({
      ...s,
      mealBreak: b.on
        ? {
            afterHours: b.afterHours ?? 0,
            minutes: b.minutes ?? 0,
            window: [b.from ?? '', b.to ?? ''] as [string, string],
          }
        : null,
    })),
  };
}

/**
 * The form field a server error names: `body.labour.maxHoursPerDay` → ['labour', 'maxHoursPerDay'],
 * numbers as list indexes; a meal break's window is its two fields (the end, unless the start is named).
 */
export function fieldPath(field: string): (string | number)[] {
  const parts = field.split('.');
  if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
  const path: (string | number)[] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const w = path.indexOf('window');
  if (w > 0 && path[w - 1] === 'mealBreak') return [...path.slice(0, w), path[w + 1] === 0 ? 'from' : 'to'];
  return path;
}

/**
 * A server field message without the field's code name in front (`minRestHours：不能大于 24` →
 * `不能大于 24`): the form shows it under the field, whose label says which one.
 */
export function plainMessage(message: string): string {
  return message.replace(/^[A-Za-z][\w.]*\s*[：:]\s*/, '');
}

// ---------------------------------------------------------------- leave
/** The first and last day of a month `YYYY-MM`, for the leave list's filter (leave overlapping it). */
export function monthRange(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Whole days, a morning, an afternoon, or hours: how a leave record's day is taken. */
export type LeaveSpan = 'day' | 'am' | 'pm' | 'hours';
const SPANS: Record<'am' | 'pm', [string, string]> = { am: ['00:00', '12:00'], pm: ['12:00', '24:00'] };
export function spanOf(fromTime: string | null, toTime: string | null): LeaveSpan {
  if (fromTime === null || toTime === null) return 'day';
  if (fromTime === SPANS.am[0] && toTime === SPANS.am[1]) return 'am';
  if (fromTime === SPANS.pm[0] && toTime === SPANS.pm[1]) return 'pm';
  return 'hours';
}
/** The hours a span sends (`hours`: the ones the user picked). */
export function spanTimes(
  span: LeaveSpan,
  picked: { fromTime?: string | null; toTime?: string | null },
): { fromTime: string | null; toTime: string | null } {
  if (span === 'day') return { fromTime: null, toTime: null };
  if (span === 'hours') return { fromTime: picked.fromTime ?? null, toTime: picked.toTime ?? null };
  return { fromTime: SPANS[span][0], toTime: SPANS[span][1] };
}
/** The number of calendar days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

// ---------------------------------------------------------------- the preference grid
export type DayWish = 'wanted' | 'unwanted' | 'neutral';
const cellKey = (staffId: string, weekday: number) => `${staffId}:${weekday}`;

/** A person's wish for a whole weekday: the preferences with a weekday and no shift. */
export function isDayPreference(p: StaffPreference): boolean {
  return p.weekday !== null && p.fromTime === null;
}

/** The grid's cells (person × weekday) from the preferences: the newest day preference wins. */
export function gridOf(prefs: StaffPreference[]): Map<string, { wish: DayWish; ids: string[] }> {
  const cells = new Map<string, { wish: DayWish; ids: string[] }>();
  const newestFirst = [...prefs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  for (const p of newestFirst) {
    if (!isDayPreference(p)) continue;
    const k = cellKey(p.staffId, p.weekday!);
    const c = cells.get(k);
    if (c) c.ids.push(p.id);
    else cells.set(k, { wish: p.kind, ids: [p.id] });
  }
  return cells;
}

export function wishAt(grid: Map<string, { wish: DayWish }>, staffId: string, weekday: number): DayWish {
  return grid.get(cellKey(staffId, weekday))?.wish ?? 'neutral';
}

/** The next wish of a cell when clicked: neutral → wanted → unwanted → neutral. */
export function nextWish(w: DayWish): DayWish {
  return w === 'neutral' ? 'wanted' : w === 'wanted' ? 'unwanted' : 'neutral';
}

/**
 * What saving the grid sends: for each changed cell, its old day preferences removed and the new
 * wish (unless neutral) recorded. `draft` holds the changed cells only (`staffId:weekday` → wish).
 */
export function gridChanges(
  grid: Map<string, { wish: DayWish; ids: string[] }>,
  draft: Map<string, DayWish>,
): { deletes: string[]; creates: PreferenceCreate[] } {
  const deletes: string[] = [];
  const creates: PreferenceCreate[] = [];
  for (const [k, wish] of draft) {
    const before = grid.get(k);
    if ((before?.wish ?? 'neutral') === wish && (before?.ids.length ?? 0) <= 1) continue;
    deletes.push(...(before?.ids ?? []));
    if (wish === 'neutral') continue;
    const [staffId, weekday] = k.split(':') as [string, string];
    creates.push({ staffId, kind: wish, weekday: Number(weekday), fromTime: null, toTime: null, weight: 1 });
  }
  return { deletes, creates };
}
export { cellKey };
