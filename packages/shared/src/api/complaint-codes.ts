import { z } from 'zod';
import { CALENDAR_WARNINGS, CODE_KINDS, HOLIDAY_KINDS } from '../complaints';
import { PAGE_SIZE_MAX } from '../org';
import { BoolQuery, itemsOf, PageQuery } from './common';
import {
  CalendarDate,
  ComplaintCodeField,
  complaintEndpoints as e,
  RecordParams,
  required,
} from './complaint-fields';
import { names } from './fields';

/**
 * The JR/T 0169 code tables of complaints (channel, category, cause) and the official holiday
 * calendar that the working-day deadlines count on (法定节假日 and 调休).
 */
export const ComplaintCode = z.object({
  id: z.string(),
  kind: z.enum(CODE_KINDS),
  code: z.string(),
  ...names,
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const HolidayDay = z.object({ day: z.string(), kind: z.enum(HOLIDAY_KINDS), name: z.string() });
export type ComplaintCode = z.infer<typeof ComplaintCode>;
export type HolidayDay = z.infer<typeof HolidayDay>;

export const CodeCreate = z
  .object({
    kind: z.enum(CODE_KINDS),
    code: ComplaintCodeField,
    nameZh: required(60),
    nameEn: required(100),
    sortOrder: z.number().int().default(0),
  })
  .strict();
export const CodePatch = CodeCreate.omit({ kind: true, code: true })
  .extend({ active: z.boolean() })
  .partial()
  .strict();
export const CodeListQuery = z.object({ kind: z.enum(CODE_KINDS).optional(), active: BoolQuery.optional() });
/** A page of the calendar: a year's entries (about 35) fit the default page. */
export const HolidayListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(100),
});
/**
 * An entry of the calendar that looks wrong, or a year it lacks — a warning, not a refusal:
 * HOLIDAY_ON_WEEKEND (a Saturday or Sunday marked as a holiday on its own: it is a day off
 * already), WORKDAY_ON_WEEKDAY (a make-up working day on Monday–Friday: it is a working day
 * already), YEAR_MISSING (a year with complaints, this year or the coming one, without entries).
 */
export const CalendarWarning = z.object({
  code: z.enum(CALENDAR_WARNINGS),
  /** the entry's day; null for a missing year */
  day: z.string().nullable(),
  year: z.number().int(),
});
export type CalendarWarning = z.infer<typeof CalendarWarning>;
export const HolidayPut = z
  .object({
    year: z.number().int().min(2000).max(2100),
    days: z
      .array(z.object({ day: CalendarDate, kind: z.enum(HOLIDAY_KINDS), name: required(40) }).strict())
      .max(200),
  })
  .strict();
export type CodeCreate = z.infer<typeof CodeCreate>;
export type CodePatch = z.infer<typeof CodePatch>;
export type HolidayPut = z.infer<typeof HolidayPut>;

export const complaintCodesApi = {
  listCodes: e.get('/complaint-codes', 'JR/T 0169 code tables: channel, category, cause', {
    query: CodeListQuery,
    response: itemsOf(ComplaintCode),
  }),
  createCode: e.create('/complaint-codes', 'Add a code (admin)', {
    body: CodeCreate,
    response: ComplaintCode,
  }),
  updateCode: e.patch('/complaint-codes/:id', 'Edit or deactivate a code (admin)', {
    params: RecordParams,
    body: CodePatch,
    response: ComplaintCode,
  }),
  listHolidays: e.pagedList(
    '/holiday-calendar',
    'Official holidays and make-up working days (调休), paged by day',
    HolidayDay,
    { query: HolidayListQuery },
  ),
  listHolidayWarnings: e.get(
    '/holiday-calendar/warnings',
    'Calendar entries that look wrong, and years without entries (warnings, not refusals)',
    { response: itemsOf(CalendarWarning) },
  ),
  putHolidayYear: e.put('/holiday-calendar', 'Replace one year of the calendar (admin)', {
    body: HolidayPut,
    response: itemsOf(HolidayDay),
  }),
} as const;
