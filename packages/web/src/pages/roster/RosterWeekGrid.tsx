import type { Roster, RosterShift } from '@liangdian/shared/api';
import { useMemo, useRef, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { hhmmOf, minutesOf, type PostName } from './rosterShared';

/** Pixels of a drag on a shift's end handle per half hour. */
export const PX_PER_HALF_HOUR = 12;

export interface GridTarget {
  staffId: string;
  day: string;
  shift: RosterShift | null;
}

/**
 * The week grid, people × days (time, post, meal break, 休). Editable: a click (or Enter) on a cell
 * opens the shift editor; a shift dragged onto a free day of the same or another person moves it
 * there; its end handle dragged sideways shortens or lengthens it on the half-hour grid
 * (PX_PER_HALF_HOUR a half hour).
 */
export function RosterWeekGrid({
  roster: r,
  days,
  editable,
  onEdit,
  onMove,
  onResize,
  postName,
  busy = false,
}: {
  roster: Roster;
  days: string[];
  editable: boolean;
  onEdit: (x: GridTarget) => void;
  onMove: (shift: RosterShift, to: { staffId: string; day: string }) => void;
  onResize: (shift: RosterShift, end: string) => void;
  postName: PostName;
  /** an edit is on its way to the server (data-busy, for tests and styles) */
  busy?: boolean;
}) {
  const { t } = useI18n();
  const byCell = useMemo(() => new Map(r.shifts.map((s) => [`${s.staffId}|${s.day}`, s])), [r.shifts]);
  const [dragged, setDragged] = useState<RosterShift | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [resizing, setResizing] = useState<{ shift: RosterShift; end: string } | null>(null);
  const startX = useRef(0);

  const endFor = (s: RosterShift, dx: number) => {
    const steps = Math.round(dx / PX_PER_HALF_HOUR);
    const m = Math.min(24 * 60, Math.max(minutesOf(s.start) + 30, minutesOf(s.end) + steps * 30));
    return hhmmOf(m);
  };

  return (
    <div className="ld-roster-grid-wrap">
      <table className="ld-roster-grid" data-testid="roster-grid" data-busy={busy ? 'true' : 'false'}>
        <thead>
          <tr>
            <th>{t('roster.person')}</th>
            {days.map((d, i) => (
              <th key={d}>
                {t(`lobby.setup.weekday.${i}` as MessageKey)} {d.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.staff.map((p) => (
            <tr key={p.id} data-testid="roster-row">
              <th scope="row">{p.name}</th>
              {days.map((d) => {
                const s = byCell.get(`${p.id}|${d}`) ?? null;
                const cellKey = `${p.id}|${d}`;
                const end = resizing && s && resizing.shift.id === s.id ? resizing.end : s?.end;
                const content = s ? (
                  <>
                    <div className="ld-roster-time">
                      {s.start}–{end}
                    </div>
                    <div>{postName(s.post)}</div>
                    {s.breakStart ? (
                      <div className="ld-muted">
                        {t('roster.break', { from: s.breakStart, to: s.breakEnd ?? '' })}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="ld-muted">{t('roster.off')}</span>
                );
                // a shift may be dropped on a free day only (a drop never overwrites a shift)
                const droppable = editable && !s;
                const classes = [
                  s ? 'ld-roster-on' : 'ld-roster-offcell',
                  droppable && dragged && over === cellKey ? 'ld-roster-drop' : '',
                  dragged && s && dragged.id === s.id ? 'ld-roster-dragging' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td
                    key={d}
                    className={classes}
                    data-testid={`cell-${p.id}-${d}`}
                    onDragOver={(e) => {
                      if (!droppable) return;
                      e.preventDefault();
                      e.dataTransfer.dropEffect = 'move';
                      if (over !== cellKey) setOver(cellKey);
                    }}
                    onDragLeave={() => setOver((o) => (o === cellKey ? null : o))}
                    onDrop={(e) => {
                      if (!droppable) return;
                      e.preventDefault();
                      const id = e.dataTransfer.getData('text/plain');
                      const shift = dragged ?? r.shifts.find((x) => x.id === id);
                      if (!shift) return;
                      setDragged(null);
                      setOver(null);
                      onMove(shift, { staffId: p.id, day: d });
                    }}
                  >
                    {editable ? (
                      <button
                        type="button"
                        className="ld-roster-cell"
                        draggable={s !== null}
                        aria-label={s ? t('roster.dragHint', { name: p.name, day: d }) : undefined}
                        onDragStart={(e) => {
                          if (!s || resizing) {
                            e.preventDefault();
                            return;
                          }
                          e.dataTransfer.effectAllowed = 'move';
                          e.dataTransfer.setData('text/plain', s.id);
                          setDragged(s);
                        }}
                        onDragEnd={() => {
                          setDragged(null);
                          setOver(null);
                        }}
                        onClick={() => onEdit({ staffId: p.id, day: d, shift: s })}
                      >
                        {content}
                      </button>
                    ) : (
                      content
                    )}
                    {editable && s ? (
                      <span
                        className="ld-roster-resize"
                        data-testid={`resize-${p.id}-${d}`}
                        title={t('roster.resizeHint')}
                        draggable={false}
                        onPointerDown={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          e.currentTarget.setPointerCapture(e.pointerId);
                          startX.current = e.clientX;
                          setResizing({ shift: s, end: s.end });
                        }}
                        onPointerMove={(e) => {
                          if (!resizing || resizing.shift.id !== s.id) return;
                          const next = endFor(s, e.clientX - startX.current);
                          if (next !== resizing.end) setResizing({ shift: s, end: next });
                        }}
                        onPointerUp={(e) => {
                          if (!resizing || resizing.shift.id !== s.id) return;
                          const next = endFor(s, e.clientX - startX.current);
                          setResizing(null);
                          if (next !== s.end) onResize(s, next);
                        }}
                        onPointerCancel={() => setResizing(null)}
                      />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
