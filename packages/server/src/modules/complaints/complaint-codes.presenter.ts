import type { ComplaintCode, HolidayDay } from '@liangdian/shared/api';
import type { CodeRow, HolidayRow } from './complaint-codes.repository';

export const presentCode = (c: CodeRow): ComplaintCode => ({
  id: c.id,
  kind: c.kind as ComplaintCode['kind'],
  code: c.code,
  nameZh: c.name_zh,
  nameEn: c.name_en,
  sortOrder: c.sort_order,
  active: c.active === 1,
});

export const presentHoliday = (h: HolidayRow): HolidayDay => ({
  day: h.day,
  kind: h.kind as HolidayDay['kind'],
  name: h.name,
});
