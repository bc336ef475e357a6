import type { HolidayDay } from '@liangdian/shared/api';
import { label, sheet } from '../../http/sheet';

const WEEKDAYS = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  'en-US': ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
} as const;

/** The official calendar as .xlsx: day, weekday, kind and name, under the year filtered on. */
export const holidaySheet = sheet<HolidayDay>({
  title: label('法定节假日与调休', 'Holidays and make-up working days'),
  filters: { year: { label: label('年份', 'Year') } },
  columns: [
    { header: label('日期', 'Day'), value: (d) => d.day, kind: 'date' },
    {
      header: label('星期', 'Weekday'),
      value: (d, l) => WEEKDAYS[l][new Date(`${d.day}T00:00:00Z`).getUTCDay()],
      width: 8,
    },
    {
      header: label('类型', 'Kind'),
      value: (d, l) =>
        d.kind === 'holiday'
          ? l === 'zh-CN'
            ? '放假'
            : 'Holiday'
          : l === 'zh-CN'
            ? '调休上班'
            : 'Make-up workday',
      width: 12,
    },
    { header: label('名称', 'Name'), value: (d) => d.name, width: 20 },
  ],
});
