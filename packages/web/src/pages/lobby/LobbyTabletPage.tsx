import type { LobbyPrompt, LobbyView, Post } from '@liangdian/shared/api';
import {
  CheckOutlined,
  CloseOutlined,
  LogoutOutlined,
  SwapOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Col, Empty, Row, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { lobbyCan } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { useLobbyDirectory } from './BoardDirectory';
import { counterLabel } from './announcer';
import { servingOrder } from './boardRows';
import { LobbyNav } from './LobbyNav';
import { TabletCheckInModal } from './TabletCheckInModal';
import './TabletLobby.css';
import { TabletModeModal } from './TabletModeModal';
import { IntradayPanel } from '../staffing/IntradayPanel';
import { promptText, serverNow, useLobbyStream, useNow, waitNow } from './useLobbyStream';

type Directory = ReturnType<typeof useLobbyDirectory>;

const KIND_COLOR: Record<LobbyPrompt['kind'], string> = {
  backfill: 'orange',
  return: 'blue',
  elastic: 'volcano',
};

function PromptCard({
  outletId,
  prompt,
  view,
  lastUpdate,
  now,
  mayAnswer,
  onDone,
}: {
  outletId: string;
  prompt: LobbyPrompt;
  view: LobbyView;
  lastUpdate: Date | null;
  now: number;
  mayAnswer: boolean;
  onDone: (view: LobbyView) => void;
}) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [busy, setBusy] = useState<'ack' | 'decline' | null>(null);
  // the elastic-window prompt naming nobody: for the lobby manager to act on and mark as seen
  const notice = prompt.kind === 'elastic' && !prompt.staffId;
  const answer = async (a: 'ack' | 'decline') => {
    setBusy(a);
    try {
      const params = { outletId, promptId: prompt.id };
      const next =
        a === 'ack'
          ? await api.post('/outlets/:outletId/lobby/prompts/:promptId/ack', { params })
          : await api.post('/outlets/:outletId/lobby/prompts/:promptId/decline', { params });
      message.success(
        a === 'decline'
          ? t('lobby.live.prompts.declined')
          : notice
            ? t('lobby.live.prompts.noticeSeen')
            : prompt.kind === 'elastic'
              ? t('lobby.live.prompts.elasticAcked')
              : t('lobby.live.prompts.acked'),
      );
      onDone(next);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  // seconds left, on the server's clock
  const secondsLeft = prompt.expiresAt
    ? Math.max(0, Math.ceil((Date.parse(prompt.expiresAt) - serverNow(view, lastUpdate, now)) / 1000))
    : null;
  return (
    <Card className="ld-tablet-prompt" data-testid="tablet-prompt" data-prompt-id={prompt.id}>
      <div className="ld-tablet-prompt-head">
        <Tag color={KIND_COLOR[prompt.kind]} data-testid="tablet-prompt-kind" data-kind={prompt.kind}>
          {t(`lobby.live.prompts.${prompt.kind}`)}
        </Tag>
        {prompt.attempt > 1 ? (
          <span className="ld-tablet-muted">{t('lobby.live.prompts.attempt', { n: prompt.attempt })}</span>
        ) : null}
        {secondsLeft !== null ? (
          <span className="ld-tablet-prompt-left">
            {t('lobby.live.prompts.secondsLeft', { n: formatNumber(secondsLeft) })}
          </span>
        ) : null}
      </div>
      <div className="ld-tablet-prompt-text" data-testid="tablet-prompt-text">
        {promptText(prompt, locale)}
      </div>
      {mayAnswer ? (
        <div className="ld-tablet-prompt-actions">
          <Button
            type="primary"
            size="large"
            icon={<CheckOutlined />}
            loading={busy === 'ack'}
            disabled={busy === 'decline'}
            onClick={() => answer('ack')}
            data-testid="prompt-ack"
          >
            {notice ? t('lobby.live.prompts.noticeAck') : t('lobby.live.prompts.ack')}
          </Button>
          {notice ? null : (
            <Button
              size="large"
              icon={<CloseOutlined />}
              loading={busy === 'decline'}
              disabled={busy === 'ack'}
              onClick={() => answer('decline')}
              data-testid="prompt-decline"
            >
              {t('lobby.live.prompts.decline')}
            </Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}

function ModeCard({
  view,
  mayOperate,
  onSwitch,
  onBack,
}: {
  view: LobbyView;
  mayOperate: boolean;
  onSwitch: () => void;
  onBack: () => void;
}) {
  const { t, formatDate, formatTime } = useI18n();
  const m = view.mode;
  return (
    <Card title={t('lobby.live.mode.title')} className="ld-tablet-card" data-testid="tablet-mode">
      <div className="ld-tablet-mode-row">
        <span className={`ld-tablet-mode ld-tablet-mode-${m.mode}`} data-testid="tablet-mode-name">
          {t(`lobby.live.mode.${m.mode}`)}
        </span>
        {m.source === 'override' ? (
          <Tag color="gold" data-testid="tablet-mode-override">
            {t('lobby.live.mode.override')}
          </Tag>
        ) : (
          <Tag>{t('lobby.live.mode.byPlan')}</Tag>
        )}
      </div>
      {m.source === 'override' ? (
        <div className="ld-tablet-mode-detail" data-testid="tablet-mode-reason">
          <div>{t('lobby.live.mode.reasonIs', { reason: m.reason ?? '—' })}</div>
          <div className="ld-tablet-muted">
            {/* an override to the end of the day runs until midnight: say so rather than "00:00" */}
            {m.until && formatDate(m.until) === formatDate(view.at)
              ? t('lobby.live.mode.untilIs', { time: formatTime(m.until) })
              : t('lobby.live.mode.untilEndOfDay')}
          </div>
        </div>
      ) : null}
      {mayOperate ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Button size="large" icon={<SwapOutlined />} onClick={onSwitch} data-testid="mode-switch">
            {t('lobby.live.mode.switch')}
          </Button>
          {m.source === 'override' ? (
            <Button size="large" onClick={onBack} data-testid="mode-back">
              {t('lobby.live.mode.back')}
            </Button>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}

function PostsCard({
  outletId,
  view,
  dir,
  mayOperate,
  onCheckIn,
  onDone,
}: {
  outletId: string;
  view: LobbyView;
  dir: Directory;
  mayOperate: boolean;
  onCheckIn: (post: Post) => void;
  onDone: (view: LobbyView) => void;
}) {
  const { t, formatTime } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const checkOut = async (staffId: string, postId: string, name: string) => {
    setBusy(staffId);
    try {
      const next = await api.post('/outlets/:outletId/lobby/check-out', {
        params: { outletId },
        body: {
          staffId,
          postId,
        },
      });
      message.success(t('lobby.live.posts.checkedOut', { name }));
      onDone(next);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('lobby.live.posts.title')} className="ld-tablet-card" data-testid="tablet-posts">
      <QueryError error={dir.postsError} onRetry={() => dir.refetchPosts()} />
      {dir.postsLoading ? (
        <Skeleton active />
      ) : dir.posts.length ? (
        <div className="ld-tablet-posts">
          {dir.posts.map((p) => {
            const people = view.presence.filter((x) => x.postId === p.id);
            return (
              <div
                key={p.id}
                className={`ld-tablet-post${people.length ? '' : ' ld-tablet-post-empty'}`}
                data-testid={`tablet-post-${p.id}`}
              >
                <div className="ld-tablet-post-head">
                  <div className="ld-tablet-post-name">{p.name}</div>
                  {people.length ? null : <Tag color="warning">{t('lobby.live.posts.empty')}</Tag>}
                </div>
                <div className="ld-tablet-post-people">
                  {people.map((x) => (
                    <div key={x.staffId} className="ld-tablet-person" data-testid="tablet-person">
                      <span className="ld-tablet-person-name">{x.staffName}</span>
                      <span className="ld-tablet-muted">
                        {t('lobby.live.posts.since', { time: formatTime(x.since) })}
                      </span>
                      {mayOperate ? (
                        <Button
                          icon={<LogoutOutlined />}
                          loading={busy === x.staffId}
                          onClick={() => checkOut(x.staffId, p.id, x.staffName)}
                          data-testid="check-out"
                        >
                          {t('lobby.live.posts.checkOut')}
                        </Button>
                      ) : null}
                    </div>
                  ))}
                </div>
                {mayOperate ? (
                  <Button
                    size="large"
                    block
                    icon={<UserAddOutlined />}
                    onClick={() => onCheckIn(p)}
                    data-testid="check-in"
                  >
                    {t('lobby.live.posts.checkIn')}
                  </Button>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : (
        <Empty description={t('lobby.live.posts.none')} />
      )}
    </Card>
  );
}

/**
 * The queue at a glance, at the top of the page (above the fold at 1024×768): the day's figures
 * in one row, then the customers waiting per business type as tiles.
 */
function QueueSummary({
  view,
  dir,
  lastUpdate,
  now,
}: {
  view: LobbyView;
  dir: Directory;
  lastUpdate: Date | null;
  now: number;
}) {
  const { t, formatNumber, formatPercent } = useI18n();
  const sl = view.serviceLevel;
  const stat = (label: string, value: string, testId: string, tone?: 'good' | 'bad') => (
    <div className={`ld-tablet-stat${tone ? ` ld-tablet-stat-${tone}` : ''}`}>
      <div className="ld-tablet-stat-label">{label}</div>
      <div className="ld-tablet-stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
  const queues = [...view.waitingByType].sort(
    (a, b) => b.waiting - a.waiting || a.businessType.localeCompare(b.businessType),
  );
  return (
    <Card
      title={t('lobby.live.queue.title')}
      extra={
        <span className="ld-tablet-muted">
          {t('lobby.live.kpi.target', {
            pct: formatPercent(view.serviceLevelTarget),
            min: formatNumber(view.targetWaitMinutes),
          })}
        </span>
      }
      className="ld-tablet-card ld-tablet-queue"
      data-testid="tablet-queue"
    >
      <div className="ld-tablet-stats">
        {stat(t('lobby.live.kpi.waiting'), formatNumber(view.waiting), 'tablet-waiting')}
        {stat(t('lobby.live.kpi.arrivals'), formatNumber(view.arrivals), 'tablet-arrivals')}
        {stat(t('lobby.live.kpi.served'), formatNumber(view.served), 'tablet-served')}
        {stat(
          t('lobby.live.kpi.meanWait'),
          view.meanWaitMinutes === null
            ? '—'
            : `${formatNumber(view.meanWaitMinutes)} ${t('lobby.live.unit.min')}`,
          'tablet-mean-wait',
        )}
        {stat(
          t('lobby.live.kpi.serviceLevel'),
          formatPercent(sl),
          'tablet-service-level',
          view.meetsTarget === null ? undefined : view.meetsTarget ? 'good' : 'bad',
        )}
        {stat(
          t('lobby.live.kpi.leftNoShow'),
          `${formatNumber(view.abandoned)} / ${formatNumber(view.noShow)}`,
          'tablet-left',
        )}
      </div>
      {queues.length ? (
        <div className="ld-tablet-queues" data-testid="tablet-queues">
          {queues.map((w) => {
            const m = waitNow(w, lastUpdate, now);
            const late = m >= view.targetWaitMinutes;
            return (
              <div
                key={w.businessType}
                className={`ld-tablet-q${late ? ' ld-tablet-q-late' : ''}`}
                data-testid={`tablet-queue-${w.businessType}`}
              >
                <span className="ld-tablet-q-name">{dir.businessName(w.businessType)}</span>
                <span className="ld-tablet-q-count">{formatNumber(w.waiting)}</span>
                <span className={late ? 'ld-tablet-late' : 'ld-tablet-muted'}>
                  {t('lobby.live.board.oldest', { min: formatNumber(Math.floor(m)) })}
                </span>
              </div>
            );
          })}
        </div>
      ) : (
        <div className="ld-tablet-muted ld-tablet-q-empty">
          {view.events ? t('lobby.live.board.nobodyWaiting') : t('lobby.live.board.noTickets')}
        </div>
      )}
    </Card>
  );
}

/** The tickets at the counters now. */
function ServingCard({ view, dir }: { view: LobbyView; dir: Directory }) {
  const { t, locale, formatTime } = useI18n();
  return (
    <Card title={t('lobby.live.board.servingTitle')} className="ld-tablet-card" data-testid="tablet-serving">
      <Table
        size="small"
        rowKey={(c) => `${c.counter}-${c.ticket}`}
        pagination={false}
        dataSource={servingOrder(view.countersServing)}
        locale={{ emptyText: t('lobby.live.board.noServing') }}
        columns={[
          { title: t('lobby.live.queue.ticket'), dataIndex: 'ticket', width: 80 },
          {
            title: t('lobby.live.queue.counter'),
            dataIndex: 'counter',
            width: 100,
            render: (v: string) => counterLabel(v, locale),
          },
          {
            title: t('lobby.live.queue.business'),
            dataIndex: 'businessType',
            render: (v: string, c) => (
              <>
                <div>{dir.businessName(v)}</div>
                <div className="ld-tablet-muted">{dir.staffName(c.staffId) ?? ''}</div>
              </>
            ),
          },
          {
            title: t('lobby.live.queue.since'),
            dataIndex: 'since',
            align: 'right',
            width: 80,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Card>
  );
}

/** `/lobby/:outletId`: the lobby manager's working view on a tablet, live from the stream. */
export function LobbyTabletPage() {
  const { outletId = '' } = useParams();
  const { t, formatTime } = useI18n();
  const user = useUser();
  const { state, connected, lastUpdate, error, apply } = useLobbyStream(outletId);
  const dir = useLobbyDirectory(outletId);
  const now = useNow(1000);
  const [modeModal, setModeModal] = useState<'switch' | 'back' | null>(null);
  const [checkInPost, setCheckInPost] = useState<Post | null>(null);
  const mayOperate = lobbyCan.operates(user, outletId);
  const mayAnswer = lobbyCan.answersPrompts(user, outletId);

  const pending = state?.prompts.filter((p) => p.status === 'pending') ?? [];
  const covering = state?.prompts.filter((p) => p.status === 'acknowledged') ?? [];
  const title = dir.outlet?.name ?? t('nav.lobby');

  return (
    <>
      <PageHeader
        title={title}
        crumbs={[{ title: t('nav.lobby'), to: '/lobby' }, { title }]}
        extra={
          <span
            className="ld-tablet-conn"
            data-testid="tablet-connection"
            data-connected={connected ? 'true' : 'false'}
          >
            <Badge status={connected ? 'success' : 'warning'} />
            {connected ? t('lobby.live.live') : t('lobby.live.reconnecting')}
            {lastUpdate ? (
              <span className="ld-tablet-muted">
                {t('lobby.live.lastUpdate', { time: formatTime(lastUpdate.toISOString()) })}
              </span>
            ) : null}
          </span>
        }
      />
      <LobbyNav outletId={outletId} active="live" />
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('error.loadFailed')}
          description={error.status === 404 ? t('lobby.live.board.notFound') : error.detail || error.code}
        />
      ) : null}
      {!state ? (
        error ? null : (
          <Card data-testid="tablet-connecting">
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        )
      ) : (
        <>
          <section className="ld-tablet-prompts" data-testid="tablet-prompts">
            {pending.map((p) => (
              <PromptCard
                key={p.id}
                outletId={outletId}
                prompt={p}
                view={state}
                lastUpdate={lastUpdate}
                now={now}
                mayAnswer={mayAnswer}
                onDone={apply}
              />
            ))}
            {pending.length === 0 ? (
              <div className="ld-tablet-no-prompts">{t('lobby.live.prompts.none')}</div>
            ) : null}
            {covering.length ? (
              <div className="ld-tablet-covering" data-testid="tablet-covering">
                {t('lobby.live.prompts.covering')}
                {covering.map((p) => (
                  <Tag key={p.id} color="green">
                    {dir.staffName(p.staffId)} → {dir.posts.find((x) => x.id === p.postId)?.name ?? p.postId}
                  </Tag>
                ))}
              </div>
            ) : null}
          </section>
          <QueueSummary view={state} dir={dir} lastUpdate={lastUpdate} now={now} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={13}>
              <PostsCard
                outletId={outletId}
                view={state}
                dir={dir}
                mayOperate={mayOperate}
                onCheckIn={setCheckInPost}
                onDone={apply}
              />
            </Col>
            <Col xs={24} lg={11}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <ModeCard
                  view={state}
                  mayOperate={mayOperate}
                  onSwitch={() => setModeModal('switch')}
                  onBack={() => setModeModal('back')}
                />
                <ServingCard view={state} dir={dir} />
              </Space>
            </Col>
          </Row>
          <TabletModeModal
            outletId={outletId}
            view={state}
            open={modeModal !== null}
            backToPlan={modeModal === 'back'}
            onClose={() => setModeModal(null)}
            onDone={(v) => {
              apply(v);
              setModeModal(null);
            }}
          />
          <TabletCheckInModal
            outletId={outletId}
            post={checkInPost}
            view={state}
            onClose={() => setCheckInPost(null)}
            onDone={(v) => {
              apply(v);
              setCheckInPost(null);
            }}
          />
        </>
      )}
      <IntradayPanel outletId={outletId} />
    </>
  );
}
