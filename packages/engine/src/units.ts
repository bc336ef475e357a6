/**
 * Branded units (style.md #9): minutes vs seconds, per-minute vs per-hour mix-ups become
 * compile errors. Constructors are plain functions; they cost nothing at run time.
 */
export type Minutes = number & { readonly __brand: 'Minutes' };
export type Seconds = number & { readonly __brand: 'Seconds' };
export type PerMinute = number & { readonly __brand: 'PerMinute' };
export type PerHour = number & { readonly __brand: 'PerHour' };

export const minutes = (n: number): Minutes => n as Minutes;
export const seconds = (n: number): Seconds => n as Seconds;
export const perMinute = (n: number): PerMinute => n as PerMinute;
export const perHour = (n: number): PerHour => n as PerHour;

export const secondsToMinutes = (s: Seconds): Minutes => (s / 60) as Minutes;
export const minutesToSeconds = (m: Minutes): Seconds => (m * 60) as Seconds;
export const perHourToPerMinute = (r: PerHour): PerMinute => (r / 60) as PerMinute;
export const perMinuteToPerHour = (r: PerMinute): PerHour => (r * 60) as PerHour;
