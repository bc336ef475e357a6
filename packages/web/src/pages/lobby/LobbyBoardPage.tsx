import type { LobbyView } from '@liangdian/shared/api';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { TIME_ZONE, useI18n } from '../../i18n/i18n';
import { ANNOUNCE_KEY, announceStored, BoardSound, counterLabel, newCalls } from './announcer';
import { useLobbyDirectory } from './BoardDirectory';
import { rowsThatFit, servingOrder } from './boardRows';
import './lobby-board.css';
import { promptText, useLobbyStream, useNow, waitNow } from './useLobbyStream';

/**
 * What fits on one screen without scrolling (16:9); the rest is counted ("另有 3 项"). The serving
 * table shows as many rows as its panel holds, measured (see useRowsThatFit).
 */
const MAX_QUEUES = 8;
const MAX_POSTS = 8;
const MAX_PROMPTS = 3;

function useClockFormat() {
  const { locale } = useI18n();
  return useMemo(
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    [locale],
  );
}

function Kpi({
  label,
  value,
  unit,
  note,
  tone,
  testId,
}: {
  label: string;
  value: string;
  unit?: string;
  note?: string;
  tone?: 'good' | 'bad';
  testId: string;
}) {
  return (
    <div className={`lb-kpi${tone ? ` lb-kpi-${tone}` : ''}`}>
      <div className="lb-kpi-label">{label}</div>
      <div className="lb-kpi-value" data-testid={testId}>
        {value}
        {unit ? <span className="lb-kpi-unit">{unit}</span> : null}
      </div>
      {note ? <div className="lb-kpi-note">{note}</div> : null}
    </div>
  );
}

function More({ n }: { n: number }) {
  const { t } = useI18n();
  return n > 0 ? <div className="lb-more">{t('lobby.live.board.more', { n })}</div> : null;
}

type Directory = ReturnType<typeof useLobbyDirectory>;

/** How long a newly called ticket stays highlighted. */
const FRESH_MS = 15_000;

/**
 * The rows of the serving table that fit in its box, measured on every resize of the box (the
 * rows have one fixed height: see .lb-serving tbody tr); the last row height measured is kept
 * for when no row is shown.
 */
function useRowsThatFit(total: number) {
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const rowHeight = useRef(0);
  const [fit, setFit] = useState<number | null>(null);
  const measure = useCallback(() => {
    if (!box) return;
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const row = box.querySelector('tbody tr')?.getBoundingClientRect().height ?? 0;
    if (row > 0) rowHeight.current = row;
    setFit(rowHeight.current > 0 ? rowsThatFit(box.clientHeight, head, rowHeight.current, total) : null);
  }, [box, total]);
  useLayoutEffect(measure, [measure]);
  useEffect(() => {
    if (!box || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, [box, measure]);
  return { box: setBox, shown: Math.min(fit ?? total, total) };
}

function ServingPanel({
  view,
  dir,
  fresh,
}: {
  view: LobbyView;
  dir: Directory;
  /** counter + ticket of the calls made in the last seconds */
  fresh: ReadonlySet<string>;
}) {
  const { t, locale, formatTime } = useI18n();
  const rows = servingOrder(view.countersServing);
  const { box, shown } = useRowsThatFit(rows.length);
  const more = rows.length - shown;
  return (
    <section className="lb-panel lb-counters" data-testid="board-serving">
      <div className="lb-panel-head">
        <h2 className="lb-panel-title">{t('lobby.live.board.servingTitle')}</h2>
        {more > 0 ? (
          <span className="lb-more lb-more-head" data-testid="board-serving-more">
            {t('lobby.live.board.more', { n: more })}
          </span>
        ) : null}
      </div>
      {rows.length ? (
        <div className="lb-serving" ref={box}>
          <table className="lb-table">
            <thead>
              <tr>
                <th className="lb-ticket-col">{t('lobby.live.board.col.ticket')}</th>
                <th className="lb-counter-col">{t('lobby.live.board.col.counter')}</th>
                <th className="lb-business-col">{t('lobby.live.board.col.business')}</th>
                <th className="lb-staff-col">{t('lobby.live.board.col.staff')}</th>
                <th className="lb-since-col">{t('lobby.live.board.col.since')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((c) => {
                const key = `${c.counter}\u0000${c.ticket}`;
                const isNew = fresh.has(key);
                return (
                  <tr
                    key={key}
                    className={isNew ? 'lb-row-new' : undefined}
                    data-testid={`board-counter-${c.counter}`}
                    data-ticket={c.ticket}
                    data-new={isNew ? 'true' : undefined}
                  >
                    <td className="lb-ticket">{c.ticket}</td>
                    <td className="lb-counter">{counterLabel(c.counter, locale)}</td>
                    <td className="lb-business">{dir.businessName(c.businessType)}</td>
                    <td className="lb-staff">
                      {dir.staffName(c.staffId) ??
                        (c.status === 'called' ? t('lobby.live.board.called') : '')}
                    </td>
                    <td className="lb-since">{formatTime(c.since)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="lb-empty">{t('lobby.live.board.noServing')}</div>
      )}
    </section>
  );
}

function Board({
  view,
  lastUpdate,
  now,
  dir,
  fresh,
}: {
  view: LobbyView;
  lastUpdate: Date | null;
  now: number;
  dir: Directory;
  fresh: ReadonlySet<string>;
}) {
  const { t, locale, formatNumber, formatPercent } = useI18n();
  const minutes = (m: number) => formatNumber(Math.floor(m));

  const queues = [...view.waitingByType].sort(
    (a, b) => b.waiting - a.waiting || a.businessType.localeCompare(b.businessType),
  );
  const shownQueues = queues.slice(0, MAX_QUEUES);
  const byPost = new Map<string, string[]>();
  for (const p of view.presence) byPost.set(p.postId, [...(byPost.get(p.postId) ?? []), p.staffName]);
  // Every active post, staffed or not (an empty post is what the lobby manager must see);
  // a post checked in but since deactivated still shows with its people.
  const posts = [
    ...dir.posts.map((p) => ({ id: p.id, name: p.name, people: byPost.get(p.id) ?? [] })),
    ...view.presence
      .filter(
        (p, i, all) =>
          !dir.posts.some((d) => d.id === p.postId) && all.findIndex((q) => q.postId === p.postId) === i,
      )
      .map((p) => ({ id: p.postId, name: p.postName, people: byPost.get(p.postId) ?? [] })),
  ];
  const prompts = view.prompts.filter((p) => p.status === 'pending');

  const sl = view.serviceLevel;
  const noEvents = view.events === 0;

  return (
    <>
      <section className="lb-kpis">
        <Kpi
          label={t('lobby.live.kpi.waiting')}
          value={formatNumber(view.waiting)}
          testId="board-waiting-total"
        />
        <Kpi
          label={t('lobby.live.kpi.arrivals')}
          value={formatNumber(view.arrivals)}
          testId="board-arrivals"
        />
        <Kpi label={t('lobby.live.kpi.served')} value={formatNumber(view.served)} testId="board-served" />
        <Kpi
          label={t('lobby.live.kpi.meanWait')}
          value={view.meanWaitMinutes === null ? '—' : formatNumber(view.meanWaitMinutes)}
          unit={view.meanWaitMinutes === null ? undefined : t('lobby.live.unit.min')}
          testId="board-mean-wait"
        />
        <Kpi
          label={t('lobby.live.kpi.serviceLevel')}
          value={formatPercent(sl)}
          note={t('lobby.live.kpi.target', {
            pct: formatPercent(view.serviceLevelTarget),
            min: formatNumber(view.targetWaitMinutes),
          })}
          tone={view.meetsTarget === null ? undefined : view.meetsTarget ? 'good' : 'bad'}
          testId="board-service-level"
        />
        <Kpi
          label={t('lobby.live.kpi.leftNoShow')}
          value={`${formatNumber(view.abandoned)} / ${formatNumber(view.noShow)}`}
          note={t('lobby.live.kpi.leftNoShowNote')}
          testId="board-left"
        />
      </section>

      <div className="lb-col lb-col-left">
        <section className="lb-panel lb-waiting">
          <h2 className="lb-panel-title">{t('lobby.live.board.waitingTitle')}</h2>
          {shownQueues.length ? (
            <div className={`lb-queues lb-queues-${Math.min(shownQueues.length, 8)}`}>
              {shownQueues.map((w) => {
                const oldest = waitNow(w, lastUpdate, now);
                const late = oldest >= view.targetWaitMinutes;
                return (
                  <div
                    key={w.businessType}
                    className={`lb-queue${late ? ' lb-queue-late' : ''}`}
                    data-testid={`board-queue-${w.businessType}`}
                  >
                    <div className="lb-queue-head">
                      <div className="lb-queue-name">{dir.businessName(w.businessType)}</div>
                    </div>
                    <div className="lb-queue-count" data-testid={`board-queue-count-${w.businessType}`}>
                      {formatNumber(w.waiting)}
                    </div>
                    <div className="lb-queue-oldest">
                      {t('lobby.live.board.oldest', { min: minutes(oldest) })}
                    </div>
                  </div>
                );
              })}
            </div>
          ) : (
            <div className="lb-empty" data-testid="board-queues-empty">
              {noEvents ? t('lobby.live.board.noTickets') : t('lobby.live.board.nobodyWaiting')}
            </div>
          )}
          <More n={queues.length - shownQueues.length} />
        </section>

        <section className="lb-panel lb-posts">
          <h2 className="lb-panel-title">{t('lobby.live.board.postsTitle')}</h2>
          {posts.length ? (
            <div className="lb-post-grid">
              {posts.slice(0, MAX_POSTS).map((p) => (
                <div
                  key={p.id}
                  className={`lb-post${p.people.length ? '' : ' lb-post-empty'}`}
                  data-testid={`board-post-${p.id}`}
                >
                  <span className="lb-post-name">{p.name}</span>
                  <span className="lb-post-people">
                    {p.people.length
                      ? p.people.join(t('common.listSeparator'))
                      : t('lobby.live.board.postEmpty')}
                  </span>
                </div>
              ))}
            </div>
          ) : (
            <div className="lb-empty">{t('lobby.live.board.noPosts')}</div>
          )}
          <More n={posts.length - MAX_POSTS} />
        </section>
      </div>

      <div className="lb-col lb-col-right">
        <ServingPanel view={view} dir={dir} fresh={fresh} />
        <section className={`lb-panel lb-prompts${prompts.length ? ' lb-prompts-open' : ''}`}>
          <h2 className="lb-panel-title">{t('lobby.live.board.promptsTitle')}</h2>
          {prompts.length ? (
            <ul className="lb-prompt-list">
              {prompts.slice(0, MAX_PROMPTS).map((p) => (
                <li key={p.id} data-testid="board-prompt">
                  {promptText(p, locale)}
                </li>
              ))}
            </ul>
          ) : (
            <div className="lb-empty lb-empty-quiet">{t('lobby.live.board.noPrompts')}</div>
          )}
          <More n={prompts.length - MAX_PROMPTS} />
        </section>
      </div>
    </>
  );
}

/**
 * Calls on the board: each ticket newly at a counter is highlighted for a while and, when the
 * switch is on, announced (chime + spoken call). A first view announces nothing. When the browser
 * does not let the page sound yet, `needsTap` asks for one tap, whose handler is `unlock`.
 */
function useCalls(view: LobbyView | null, now: number) {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [lastCall, setLastCall] = useState<string | null>(null);
  const sound = useMemo(() => new BoardSound(globalThis), []);
  const announcer = useMemo(() => sound.announcer(() => localeRef.current, setLastCall), [sound]);
  const [on, setOn] = useState(() => announceStored(globalThis.localStorage));
  const [allowed, setAllowed] = useState(() => sound.allowed());
  const seen = useRef<{ counter: string; ticket: string }[] | null>(null);
  const [freshAt, setFreshAt] = useState<Map<string, number>>(() => new Map());

  useEffect(() => () => announcer.close(), [announcer]);
  useEffect(() => announcer.setEnabled(on), [announcer, on]);
  const counters = view?.countersServing;
  useEffect(() => {
    if (!counters) return;
    const calls = newCalls(seen.current, counters);
    seen.current = counters.map((c) => ({ counter: c.counter, ticket: c.ticket }));
    if (!calls.length) return;
    const at = Date.now();
    setFreshAt((m) => {
      const next = new Map([...m].filter(([, t]) => at - t < FRESH_MS));
      for (const c of calls) next.set(`${c.counter}\u0000${c.ticket}`, at);
      return next;
    });
    // the order they were called in
    const since = new Map(counters.map((c) => [`${c.counter}\u0000${c.ticket}`, Date.parse(c.since)]));
    const key = (c: { counter: string; ticket: string }) => since.get(`${c.counter}\u0000${c.ticket}`) ?? 0;
    for (const c of [...calls].sort((a, b) => key(a) - key(b))) announcer.announce(c);
  }, [counters, announcer]);

  const fresh = useMemo(
    () => new Set([...freshAt].filter(([, t]) => now - t < FRESH_MS).map(([k]) => k)),
    [freshAt, now],
  );
  const toggle = () => {
    const next = !on;
    setOn(next);
    globalThis.localStorage?.setItem(ANNOUNCE_KEY, next ? 'on' : 'off');
    if (next && !sound.allowed()) void sound.unlock().then(setAllowed);
  };
  const unlock = () => {
    void sound.unlock().then(setAllowed);
  };
  const mute = () => {
    setOn(false);
    globalThis.localStorage?.setItem(ANNOUNCE_KEY, 'off');
  };
  return { fresh, on, toggle, needsTap: on && !allowed, unlock, mute, lastCall };
}

/** `/board/:outletId`: the big screen in the banking hall (no menus, no scrolling, live). */
export function LobbyBoardPage() {
  const { outletId = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { state, connected, lastUpdate, error } = useLobbyStream(outletId);
  const dir = useLobbyDirectory(outletId);
  const now = useNow(1000);
  const clock = useClockFormat();
  const time = clock.format(now);

  useEffect(() => {
    document.title = `${dir.outlet?.name ?? ''} ${t('nav.lobbyBoard')} · 四亮点`.trim();
  }, [dir.outlet?.name, t]);

  const calls = useCalls(state, now);

  const mode = state?.mode;
  return (
    <div className="lb-board" data-testid="lobby-board" data-last-call={calls.lastCall ?? undefined}>
      <header className="lb-header">
        <div className="lb-title">
          <div className="lb-outlet" data-testid="board-outlet">
            {dir.outlet?.name ?? ''}
          </div>
          <div className="lb-subtitle">{t('lobby.live.board.subtitle')}</div>
        </div>
        {mode ? (
          <div className={`lb-mode lb-mode-${mode.mode}`} data-testid="board-mode">
            <span>{t(`lobby.live.mode.${mode.mode}`)}</span>
            {mode.source === 'override' ? (
              <span className="lb-mode-override" data-testid="board-mode-override">
                {t('lobby.live.mode.override')}
              </span>
            ) : null}
          </div>
        ) : null}
        <div className="lb-clock">
          <div className="lb-clock-time" data-testid="board-clock">
            {time.slice(0, -3)}
            <span className="lb-clock-sec">{time.slice(-3)}</span>
          </div>
          <div className="lb-clock-date">{formatDate(new Date(now).toISOString())}</div>
        </div>
      </header>

      {state ? (
        <Board view={state} lastUpdate={lastUpdate} now={now} dir={dir} fresh={calls.fresh} />
      ) : (
        <div className="lb-wait" data-testid="board-connecting">
          {error
            ? error.status === 404
              ? t('lobby.live.board.notFound')
              : error.detail || error.code
            : t('lobby.live.connecting')}
        </div>
      )}

      <footer className="lb-footer">
        <span
          className={`lb-conn ${connected ? 'lb-conn-on' : 'lb-conn-off'}`}
          data-testid="board-connection"
          data-connected={connected ? 'true' : 'false'}
        >
          <span className="lb-conn-dot" />
          {connected ? t('lobby.live.live') : t('lobby.live.reconnecting')}
        </span>
        <span className="lb-footer-end">
          <button
            type="button"
            className={`lb-announce ${calls.on ? 'lb-announce-on' : 'lb-announce-off'}`}
            onClick={calls.toggle}
            aria-pressed={calls.on}
            title={t('lobby.live.board.announceSwitch')}
            data-testid="board-announce-toggle"
          >
            {calls.on ? t('lobby.live.board.announceOn') : t('lobby.live.board.announceOff')}
          </button>
          <span data-testid="board-last-update">
            {lastUpdate ? t('lobby.live.lastUpdate', { time: clock.format(lastUpdate) }) : ''}
          </span>
        </span>
      </footer>

      {calls.needsTap ? (
        // the whole screen takes the tap (a click on the button inside bubbles up to it)
        // biome-ignore lint/a11y/useKeyWithClickEvents: the button inside takes the keyboard
        // biome-ignore lint/a11y/noStaticElementInteractions: see above
        <div className="lb-unlock" onClick={calls.unlock} data-testid="board-unlock">
          <div className="lb-unlock-card">
            <button type="button" className="lb-unlock-button" data-testid="board-unlock-button">
              {t('lobby.live.board.unlock')}
            </button>
            <div className="lb-unlock-hint">{t('lobby.live.board.unlockHint')}</div>
            <button
              type="button"
              className="lb-unlock-mute"
              onClick={(e) => {
                e.stopPropagation();
                calls.mute();
              }}
              data-testid="board-unlock-mute"
            >
              {t('lobby.live.board.unlockMute')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
