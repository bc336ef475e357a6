import { STAFF_ROLES } from '@liangdian/shared';
import { LabourRules, type RosterRules, RosterWeights, type ShiftRule } from '@liangdian/shared/api';

/**
 * The rules an outlet gets when neither it nor its branch set any: the labour defaults of
 * domain.md "Working time" (8 h a day, 40 h a week, a full day off, overtime at most 1 h a day
 * and 36 h a month) with 11 h of rest between days, shifts on the half hour with a one-hour meal
 * break in 11:00–14:00 (lunch covered in turns, 错峰就餐), seven opening days (bank outlets open
 * every day in many cities), and the weights of the soft goals.
 */
const shift = (role: ShiftRule['role']): ShiftRule => ({
  role,
  shiftStarts: ['08:30', '09:00', '09:30', '10:00', '11:00', '12:00', '13:00'],
  shiftLengthsHours: [4, 6, 8, 9],
  mealBreak: { afterHours: 6, minutes: 60, window: ['11:00', '14:00'] },
});

export const DEFAULT_RULES: RosterRules = {
  labour: LabourRules.parse({}),
  shifts: STAFF_ROLES.map(shift),
  splitShiftsAllowed: false,
  hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
    weekday < 5
      ? { weekday, open: '09:00', close: '17:00', closed: false }
      : { weekday, open: '09:30', close: '16:00', closed: false },
  ),
  weights: RosterWeights.parse({}),
};

/** The stored document (labour_json holds the labour rules, the opening hours and the weights). */
export interface StoredLabour {
  labour: RosterRules['labour'];
  hours: RosterRules['hours'];
  weights: RosterRules['weights'];
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** 0 = Monday … 6 = Sunday of a `YYYY-MM-DD` day. */
export const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
