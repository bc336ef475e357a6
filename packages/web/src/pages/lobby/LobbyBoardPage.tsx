import type { LobbyView } from '@liangdian/shared/api';
import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { TIME_ZONE, useI18n } from '../../i18n/i18n';
import { useLobbyDirectory } from './BoardDirectory';
import './lobby-board.css';
import { minutesSince, promptText, useLobbyStream, useNow, waitNow } from './useLobbyStream';

/** What fits on one screen without scrolling (16:9); the rest is counted ("+3"). */
const MAX_QUEUES = 8;
const MAX_COUNTERS = 6;
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

function Board({
  view,
  lastUpdate,
  now,
  outletId,
}: {
  view: LobbyView;
  lastUpdate: Date | null;
  now: number;
  outletId: string;
}) {
  const { t, locale, formatNumber, formatPercent, formatTime } = useI18n();
  const dir = useLobbyDirectory(outletId);
  const minutes = (m: number) => formatNumber(Math.floor(m));

  const queues = [...view.waitingByType].sort(
    (a, b) => b.waiting - a.waiting || a.businessType.localeCompare(b.businessType),
  );
  const shownQueues = queues.slice(0, MAX_QUEUES);
  const counters = view.countersServing.slice(0, MAX_COUNTERS);
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

      <section className="lb-panel lb-counters">
        <h2 className="lb-panel-title">{t('lobby.live.board.servingTitle')}</h2>
        {counters.length ? (
          <table className="lb-table">
            <tbody>
              {counters.map((c) => (
                <tr key={`${c.counter}-${c.ticket}`} data-testid={`board-counter-${c.counter}`}>
                  <td className="lb-counter">{c.counter}</td>
                  <td className="lb-ticket">{c.ticket}</td>
                  <td className="lb-cell-text">
                    <div>{dir.businessName(c.businessType)}</div>
                    <div className="lb-cell-sub">
                      {dir.staffName(c.staffId) ??
                        (c.status === 'called' ? t('lobby.live.board.called') : '')}
                    </div>
                  </td>
                  <td className="lb-since">
                    <div>{formatTime(c.since)}</div>
                    <div className="lb-cell-sub">
                      {t('lobby.live.unit.minutes', {
                        n: minutes(minutesSince(c.since, view, lastUpdate, now)),
                      })}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="lb-empty">{t('lobby.live.board.noServing')}</div>
        )}
        <More n={view.countersServing.length - counters.length} />
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
    </>
  );
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

  const mode = state?.mode;
  return (
    <div className="lb-board" data-testid="lobby-board">
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
        <Board view={state} lastUpdate={lastUpdate} now={now} outletId={outletId} />
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
        <span data-testid="board-last-update">
          {lastUpdate ? t('lobby.live.lastUpdate', { time: clock.format(lastUpdate) }) : ''}
        </span>
      </footer>
    </div>
  );
}
