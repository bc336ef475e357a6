import type { LobbyMode } from '@liangdian/shared';
import { CopyOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, Modal } from 'antd';
import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { MODE_COLOR, slotLabel, WEEKDAYS } from './PlanApi';

export const weekdayKey = (w: number) => `lobby.setup.weekday.${w}` as MessageKey;

/** A coloured swatch and the mode's name, for legends. */
export function ModeSwatch({ mode }: { mode: LobbyMode }) {
  const { t } = useI18n();
  return (
    <span className="ld-nowrap" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 14,
          height: 14,
          borderRadius: 3,
          background: MODE_COLOR[mode],
        }}
      />
      {t(`lobby.setup.mode.${mode}` as MessageKey)}
    </span>
  );
}

interface Anchor {
  weekday: number;
  slot: number;
}

/**
 * The weekly mode plan: weekdays × half hours from `from` to `to` (slot numbers). Click toggles a
 * half hour, dragging paints the mode the first cell took, Shift+click paints from the last
 * clicked cell of that day; each day can be copied to others or filled at once.
 */
export function PlanGrid({
  days,
  onChange,
  editable,
  from,
  to,
  highlight,
  today,
}: {
  days: LobbyMode[][];
  onChange: (days: LobbyMode[][]) => void;
  editable: boolean;
  from: number;
  to: number;
  highlight?: number | null;
  /** today's weekday, marked beside its name */
  today?: number;
}) {
  const { t } = useI18n();
  const painting = useRef<LobbyMode | null>(null);
  const anchor = useRef<Anchor | null>(null);
  const latest = useRef(days);
  latest.current = days;
  const [copyFrom, setCopyFrom] = useState<number | null>(null);
  const [copyTo, setCopyTo] = useState<number[]>([]);
  const slots = Array.from({ length: to - from }, (_, i) => from + i);

  useEffect(() => {
    const stop = () => {
      painting.current = null;
    };
    window.addEventListener('pointerup', stop);
    window.addEventListener('pointercancel', stop);
    return () => {
      window.removeEventListener('pointerup', stop);
      window.removeEventListener('pointercancel', stop);
    };
  }, []);

  const paint = (cells: Anchor[], mode: LobbyMode) => {
    const cur = latest.current;
    if (cells.every((c) => cur[c.weekday]?.[c.slot] === mode)) return;
    const next = cur.map((d) => [...d]);
    for (const c of cells) {
      const day = next[c.weekday];
      if (day) day[c.slot] = mode;
    }
    latest.current = next;
    onChange(next);
  };

  const cellAt = (x: number, y: number): Anchor | null => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-plan-cell]');
    if (!el) return null;
    return { weekday: Number(el.dataset.weekday), slot: Number(el.dataset.slot) };
  };

  const onDown = (e: PointerEvent<HTMLButtonElement>, weekday: number, slot: number) => {
    if (!editable || e.button !== 0) return;
    e.preventDefault();
    const cur = latest.current[weekday]?.[slot] ?? 'fixed';
    const a = anchor.current;
    if (e.shiftKey && a && a.weekday === weekday) {
      const mode = latest.current[weekday]?.[a.slot] ?? 'fixed';
      const [lo, hi] = a.slot < slot ? [a.slot, slot] : [slot, a.slot];
      paint(
        Array.from({ length: hi - lo + 1 }, (_, i) => ({ weekday, slot: lo + i })),
        mode,
      );
      return;
    }
    const mode: LobbyMode = cur === 'fixed' ? 'rotating' : 'fixed';
    painting.current = mode;
    anchor.current = { weekday, slot };
    paint([{ weekday, slot }], mode);
  };

  const onMove = (e: PointerEvent<HTMLTableElement>) => {
    const mode = painting.current;
    if (!mode) return;
    const c = cellAt(e.clientX, e.clientY);
    if (c) paint([c], mode);
  };

  const fill = (weekday: number, mode: LobbyMode) =>
    paint(
      slots.map((slot) => ({ weekday, slot })),
      mode,
    );

  const cellTitle = (w: number, s: number, mode: LobbyMode) =>
    `${t(weekdayKey(w))} ${slotLabel(s)}–${slotLabel(s + 1)} · ${t(`lobby.setup.mode.${mode}` as MessageKey)}`;

  return (
    <div style={{ overflowX: 'auto' }}>
      <table
        aria-label={t('lobby.setup.plan.title')}
        data-testid="plan-grid"
        onPointerMove={onMove}
        style={{
          width: '100%',
          minWidth: slots.length > 24 ? slots.length * 20 + 110 : undefined,
          tableLayout: 'fixed',
          borderCollapse: 'separate',
          borderSpacing: 2,
          userSelect: 'none',
        }}
      >
        <thead>
          <tr>
            <th style={{ width: 72 }} />
            {slots.map((s) =>
              s % 2 === 0 || s === from ? (
                <th
                  key={s}
                  colSpan={s % 2 === 0 && s + 1 < to ? 2 : 1}
                  className="ld-muted"
                  style={{ fontSize: 11, fontWeight: 400, textAlign: 'left', whiteSpace: 'nowrap' }}
                >
                  {s % 2 === 0 ? slotLabel(s) : ''}
                </th>
              ) : null,
            )}
            {editable ? <th style={{ width: 36 }} /> : null}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((w) => (
            <tr key={w}>
              <th
                scope="row"
                style={{
                  textAlign: 'left',
                  fontWeight: highlight === w ? 600 : 400,
                  color: highlight === w ? '#b8322f' : undefined,
                  whiteSpace: 'nowrap',
                }}
              >
                {t(weekdayKey(w))}
                {today === w ? (
                  <span className="ld-muted" style={{ fontSize: 11, fontWeight: 400, marginLeft: 4 }}>
                    {t('lobby.setup.plan.today')}
                  </span>
                ) : null}
              </th>
              {slots.map((s) => {
                const mode = days[w]?.[s] ?? 'fixed';
                return (
                  <td key={s} style={{ padding: 0 }}>
                    <button
                      type="button"
                      data-plan-cell
                      data-weekday={w}
                      data-slot={s}
                      data-mode={mode}
                      data-testid={`plan-cell-${w}-${s}`}
                      aria-label={cellTitle(w, s, mode)}
                      aria-pressed={mode === 'rotating'}
                      title={cellTitle(w, s, mode)}
                      disabled={!editable}
                      onPointerDown={(e) => onDown(e, w, s)}
                      onClick={(e) => {
                        // keyboard (Enter / Space): the pointer already painted on pointer-down
                        if (e.detail === 0 && editable)
                          paint([{ weekday: w, slot: s }], mode === 'fixed' ? 'rotating' : 'fixed');
                      }}
                      style={{
                        display: 'block',
                        width: '100%',
                        height: 30,
                        padding: 0,
                        border: 'none',
                        borderRadius: 3,
                        background: MODE_COLOR[mode],
                        opacity: mode === 'fixed' ? 0.85 : 1,
                        cursor: editable ? 'pointer' : 'default',
                        touchAction: editable ? 'none' : undefined,
                        boxShadow: highlight === w ? 'inset 0 0 0 1px rgba(255, 255, 255, 0.5)' : undefined,
                      }}
                    />
                  </td>
                );
              })}
              {editable ? (
                <td style={{ padding: 0, textAlign: 'center' }}>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'copy', icon: <CopyOutlined />, label: t('lobby.setup.plan.copyDay') },
                        { key: 'fixed', label: t('lobby.setup.plan.fillFixed') },
                        { key: 'rotating', label: t('lobby.setup.plan.fillRotating') },
                      ],
                      onClick: ({ key }) => {
                        if (key === 'copy') {
                          setCopyFrom(w);
                          setCopyTo([]);
                        } else fill(w, key as LobbyMode);
                      },
                    }}
                  >
                    <Button
                      type="text"
                      size="small"
                      icon={<MoreOutlined />}
                      aria-label={t('lobby.setup.plan.dayActions', { day: t(weekdayKey(w)) })}
                      data-testid={`plan-day-actions-${w}`}
                    />
                  </Dropdown>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <Modal
        open={copyFrom !== null}
        title={t('lobby.setup.plan.copyTitle', { day: copyFrom === null ? '' : t(weekdayKey(copyFrom)) })}
        okText={t('lobby.setup.plan.copyOk')}
        okButtonProps={{ disabled: copyTo.length === 0, 'data-testid': 'plan-copy-ok' }}
        onCancel={() => setCopyFrom(null)}
        onOk={() => {
          if (copyFrom === null) return;
          const src = latest.current[copyFrom] ?? [];
          const next = latest.current.map((d, i) => (copyTo.includes(i) ? [...src] : d));
          latest.current = next;
          onChange(next);
          setCopyFrom(null);
        }}
        destroyOnHidden
      >
        <p className="ld-muted">{t('lobby.setup.plan.copyHint')}</p>
        <Checkbox.Group
          value={copyTo}
          onChange={(v) => setCopyTo(v as number[])}
          options={WEEKDAYS.filter((w) => w !== copyFrom).map((w) => ({ value: w, label: t(weekdayKey(w)) }))}
          data-testid="plan-copy-targets"
        />
      </Modal>
    </div>
  );
}
