/**
 * Beijing time (Asia/Shanghai: UTC+8 all year, no daylight saving), the one module the server,
 * the CLI and the web app use for it. Every date and time a user enters or reads is Beijing
 * time whatever the zone of the host or the browser; instants travel as ISO-8601 with a zone.
 * Pure: nothing here reads the clock or the host's zone.
 */
export const TIME_ZONE = 'Asia/Shanghai';
export const BEIJING_OFFSET_MS = 8 * 60 * 60_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * 60_000;

/** A `YYYY-MM-DD` calendar date. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
/** An instant that names its zone: `Z` or `±hh:mm` (`2026-11-02T09:30:00+08:00`). */
const ZONED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks and brands a `YYYY-MM-DD` string (a real calendar date). */
export function isoDate(s: string): IsoDate {
  const m = DATE_RE.exec(s);
  if (!m) throw new RangeError(`not a date: ${s}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== s) throw new RangeError(`not a calendar date: ${s}`);
  return s as IsoDate;
}

export const isIsoDate = (s: string): boolean => {
  try {
    isoDate(s);
    return true;
  } catch {
    return false;
  }
};

/**
 * Epoch milliseconds of an instant. Strings must carry their zone: a zone-less
 * `2026-11-02T09:30` would be read in the host's zone, so two servers could disagree.
 */
export function instantMs(at: Date | string | number): number {
  let t: number;
  if (typeof at === 'number') t = at;
  else if (typeof at === 'string') {
    if (!ZONED_RE.test(at)) throw new RangeError(`not an instant with a zone: ${at}`);
    t = Date.parse(at);
  } else t = at.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`not an instant: ${String(at)}`);
  return t;
}

/** True when `s` is an ISO instant with a zone. */
export const isZonedInstant = (s: string): boolean => ZONED_RE.test(s) && Number.isFinite(Date.parse(s));

/** The Beijing calendar date of an instant: 2025-03-01T15:30Z (23:30 in Beijing) → 2025-03-01. */
export function beijingDate(at: Date | string | number): IsoDate {
  return new Date(instantMs(at) + BEIJING_OFFSET_MS).toISOString().slice(0, 10) as IsoDate;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10) as IsoDate;

export const addDays = (d: IsoDate | string, n: number): IsoDate => fromDayNumber(dayNumber(d) + n);
/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: IsoDate | string, b: IsoDate | string): number => dayNumber(b) - dayNumber(a);
/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export const weekday = (d: IsoDate | string): number => new Date(`${d}T00:00:00Z`).getUTCDay();

/** The first instant of a Beijing date, as epoch ms (2025-03-02 → 2025-03-01T16:00Z). */
export const beijingDayStartMs = (d: IsoDate | string): number => dayNumber(d) * DAY_MS - BEIJING_OFFSET_MS;
/** The first instant of a Beijing date, as ISO UTC. */
export const beijingStartOfDay = (d: IsoDate | string): string =>
  new Date(beijingDayStartMs(d)).toISOString();

/** The parts of an instant on a Beijing wall clock. */
export interface WallClock {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
  /** minutes since Beijing midnight */
  minuteOfDay: number;
  /** Monday = 0 … Sunday = 6 (the week of the mode plan and the roster) */
  weekdayMon0: number;
}

export function beijingWallClock(at: Date | string | number): WallClock {
  const d = new Date(instantMs(at) + BEIJING_OFFSET_MS);
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    date: d.toISOString().slice(0, 10) as IsoDate,
    hour,
    minute,
    second: d.getUTCSeconds(),
    minuteOfDay: hour * 60 + minute,
    weekdayMon0: (d.getUTCDay() + 6) % 7,
  };
}

/** The half-hour slot of the Beijing day (0 = 00:00–00:30 … 47) and the weekday, Monday = 0. */
export function beijingWeekSlot(at: Date | string | number): { weekday: number; slot: number } {
  const w = beijingWallClock(at);
  return { weekday: w.weekdayMon0, slot: Math.floor(w.minuteOfDay / 30) };
}

/**
 * The instant of a Beijing wall-clock time: (`2026-11-02`, `07:32`) → 2026-11-01T23:32:00.000Z.
 * What a user types into a date and time field means this, whatever the browser's zone.
 */
export function fromBeijingWallClock(date: string, time = '00:00'): string {
  return new Date(beijingMs(date, time)).toISOString();
}

/** As fromBeijingWallClock, in epoch ms. */
export function beijingMs(date: string, time = '00:00'): number {
  const d = DATE_RE.exec(date);
  const t = TIME_RE.exec(time);
  if (!d || !t) throw new RangeError(`not a Beijing date and time: ${date} ${time}`);
  isoDate(date);
  const [h, mi, s, ms] = [
    Number(t[1]),
    Number(t[2]),
    Number(t[3] ?? 0),
    Number((t[4] ?? '0').padEnd(3, '0')),
  ];
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`not a time of day: ${time}`);
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, mi, s, ms) - BEIJING_OFFSET_MS;
}

/** An instant as ISO-8601 in Beijing time with its offset: `2026-11-02T07:32:00.000+08:00`. */
export function toBeijingIso(at: Date | string | number): string {
  return `${new Date(instantMs(at) + BEIJING_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** `HH:mm` of an instant on the Beijing clock. */
export function beijingHhmm(at: Date | string | number): string {
  return new Date(instantMs(at) + BEIJING_OFFSET_MS).toISOString().slice(11, 16);
}

/** Today's Beijing date at `now`. */
export const beijingToday = (now: Date | number): IsoDate => beijingDate(now);

/** Natural days from Beijing today to `day` (negative: past). */
export const daysFromToday = (day: string, now: Date | number): number => daysBetween(beijingDate(now), day);

/**
 * A Beijing wall-clock time as a Date whose *UTC* fields read that time, for spreadsheet cells:
 * Excel has no zones, so a cell shows the Beijing time only when written this way.
 */
export function beijingWallDate(at: Date | string | number): Date {
  return new Date(instantMs(at) + BEIJING_OFFSET_MS);
}
