import type { Roster, RosterShift, RosterWeek, ShiftPut } from '@liangdian/shared/api';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { weekKey } from './rosterShared';

/** A refused drag: the rule the server named, and which shift went back. */
export interface Refused {
  text: string;
  shiftId: string;
}

const bodyOf = (s: RosterShift, end = s.end): NonNullable<ShiftPut['shift']> => ({
  start: s.start,
  end,
  post: s.post,
  breakStart: s.breakStart,
  breakEnd: s.breakEnd,
});

/**
 * The grid's drags as edits: the shift is shown at its new place at once, the edit sent through
 * `PUT …/shifts` (the server checks the rules); the server's roster (its coverage and predicted
 * service level) replaces it when accepted, and when refused (422 ROSTER_RULE_BROKEN) the shift
 * goes back and the broken rule is shown in the server's words.
 */
export function useShiftEdit(outletId: string, week: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const showError = useApiErrorMessage();
  const [refused, setRefused] = useState<Refused | null>(null);
  const [busy, setBusy] = useState(false);
  const key = weekKey(outletId, week);

  const send = async (body: ShiftPut, shown: (r: Roster) => Roster, shiftId: string) => {
    const before = queryClient.getQueryData<RosterWeek>(key);
    if (!before?.current) return;
    setRefused(null);
    setBusy(true);
    queryClient.setQueryData<RosterWeek>(key, { ...before, current: shown(before.current) });
    try {
      const saved = await api.put('/outlets/:outletId/rosters/:week/shifts', {
        params: { outletId, week },
        body,
      });
      queryClient.setQueryData<RosterWeek>(key, { ...before, current: saved });
      void queryClient.invalidateQueries({ queryKey: [...key, 'versions'] });
      message.success(t('roster.shiftSaved'));
    } catch (e) {
      queryClient.setQueryData<RosterWeek>(key, before);
      if (e instanceof ApiError && e.code === 'ROSTER_RULE_BROKEN')
        setRefused({ text: String(e.problem.title ?? e.detail), shiftId });
      else showError(e);
    } finally {
      setBusy(false);
    }
  };

  /** Moves a shift to another day or person (their day must be free). */
  const move = (s: RosterShift, to: { staffId: string; day: string }) =>
    send(
      { staffId: to.staffId, day: to.day, shift: bodyOf(s), from: { staffId: s.staffId, day: s.day } },
      (r) => ({
        ...r,
        shifts: r.shifts.map((x) => (x.id === s.id ? { ...x, staffId: to.staffId, day: to.day } : x)),
      }),
      s.id,
    );

  /** Shortens or lengthens a shift to a new end. */
  const resize = (s: RosterShift, end: string) =>
    send(
      { staffId: s.staffId, day: s.day, shift: bodyOf(s, end) },
      (r) => ({ ...r, shifts: r.shifts.map((x) => (x.id === s.id ? { ...x, end } : x)) }),
      s.id,
    );

  return { move, resize, refused, busy, clearRefused: () => setRefused(null) };
}
