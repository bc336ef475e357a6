import { type MessageKey, useI18n } from '../../i18n/i18n';

/** Every half hour of a day, 00:00 … 24:00. */
export const HALF_HOURS = Array.from(
  { length: 49 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

export const weekKey = (outletId: string, week: string) => ['roster', outletId, week];

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmmOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A post's name: the fixed posts and zone kinds by name, any other id as it is. */
export function usePostName() {
  const { t } = useI18n();
  return (post: string) => {
    const key = `roster.post.${post}` as MessageKey;
    const s = t(key);
    return s === key ? post : s;
  };
}

export type PostName = (post: string) => string;
