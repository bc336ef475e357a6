import {
  BellOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  MessageOutlined,
  NotificationOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { beijingWallClock } from '@liangdian/engine/time';
import { codeName, OUTLET_SCOPED_ROLES } from '@liangdian/shared';
import type { HomeComplaint, HomePrompt, HomeSection, HomeTask } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Card, Col, Empty, List, Row, Skeleton, Switch, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { type MessageKey, TIME_ZONE, useI18n } from '../../i18n/i18n';
import { MyShiftsCard } from './MyShiftsCard';

/** How a deadline stands: overdue red, due today or within three days orange. */
function DueTag({ daysLeft }: { daysLeft: number }) {
  const { t } = useI18n();
  const text =
    daysLeft < 0
      ? t('home.due.overdue', { n: -daysLeft })
      : daysLeft === 0
        ? t('home.due.today')
        : t('home.due.left', { n: daysLeft });
  return (
    <Tag
      color={daysLeft < 0 ? 'red' : daysLeft <= 1 ? 'volcano' : 'orange'}
      variant="filled"
      className="ld-home-due"
      data-testid="home-due"
    >
      {text}
    </Tag>
  );
}

/** "Mine" (or "for me") when the item is the reader's, then its deadline when it has one. */
function MineTag({ mine, label, due }: { mine: boolean; label: MessageKey; due?: number }) {
  const { t } = useI18n();
  return (
    <>
      {mine ? (
        <Tag color="blue" variant="outlined">
          {t(label)}
        </Tag>
      ) : null}
      {due === undefined ? null : <DueTag daysLeft={due} />}
    </>
  );
}

/** One line of a section: a link to the thing, what it is, and its deadline or tag. */
function ItemRow({
  to,
  title,
  meta,
  aside,
  testId,
}: {
  to: string;
  title: ReactNode;
  meta: ReactNode;
  aside: ReactNode;
  testId: string;
}) {
  return (
    <List.Item className="ld-home-item" data-testid={testId}>
      <div className="ld-home-item-main">
        <Link to={to} className="ld-home-item-link">
          {title}
        </Link>
        <div className="ld-home-item-meta">{meta}</div>
      </div>
      <div className="ld-home-item-aside">{aside}</div>
    </List.Item>
  );
}

const dot = ' · ';

function ComplaintItem({ c }: { c: HomeComplaint }) {
  const { t, locale } = useI18n();
  return (
    <ItemRow
      testId="home-complaint"
      to={`/complaints/${c.id}`}
      title={<span className="ld-mono">{c.no}</span>}
      meta={
        <>
          {c.outletName}
          {dot}
          {codeName('complaintStatus', c.status, locale)}
          {dot}
          {c.handlerName ? t('home.handler', { name: c.handlerName }) : t('home.noHandler')}
        </>
      }
      aside={<MineTag mine={c.mine} label="home.mine" due={c.daysLeft} />}
    />
  );
}

function PromptItem({ p }: { p: HomePrompt }) {
  const { t, formatTime } = useI18n();
  return (
    <ItemRow
      testId="home-prompt"
      to={`/lobby/${p.outletId}`}
      title={p.message}
      meta={
        <>
          {p.postName}
          {dot}
          {p.staffName}
          {dot}
          {t('home.promptAt', { time: formatTime(p.createdAt) })}
        </>
      }
      aside={<MineTag mine={p.mine} label="home.forMe" />}
    />
  );
}

function TaskItem({ task }: { task: HomeTask }) {
  const { t } = useI18n();
  return (
    <ItemRow
      testId="home-task"
      to={task.complaintId ? `/complaints/${task.complaintId}` : `/outlets/${task.outletId}`}
      title={task.title}
      meta={
        <>
          {task.outletName}
          {dot}
          {t('home.owner', { name: task.owner })}
          {task.complaintNo ? (
            <>
              {dot}
              <span className="ld-mono">{t('home.complaintNo', { no: task.complaintNo })}</span>
            </>
          ) : null}
        </>
      }
      aside={<MineTag mine={task.mine} label="home.mine" due={task.daysLeft} />}
    />
  );
}

interface SectionView {
  icon: ReactNode;
  title: MessageKey;
  hint: MessageKey;
  empty: MessageKey;
  /** "view all": where the whole list is */
  more?: { to: string; label: MessageKey };
  items: ReactNode[];
}

/** How each section of GET /home is shown; a module that adds a section adds its view here. */
function useSectionView() {
  const user = useUser();
  const outletRole = OUTLET_SCOPED_ROLES.includes(user.role) && !!user.outletId;
  return (s: HomeSection): SectionView => {
    switch (s.key) {
      case 'complaints':
        return {
          icon: <MessageOutlined />,
          title: 'home.section.complaints',
          hint: outletRole ? 'home.section.complaints.outlet' : 'home.section.complaints.branch',
          empty: 'home.section.complaints.empty',
          more: { to: '/complaints?sort=dueOn', label: 'home.viewAll' },
          items: s.items.map((c) => <ComplaintItem key={c.id} c={c} />),
        };
      case 'prompts':
        return {
          icon: <NotificationOutlined />,
          title: 'home.section.prompts',
          hint: user.role === 'outlet_head' ? 'home.section.prompts.all' : 'home.section.prompts.mine',
          empty: 'home.section.prompts.empty',
          more: user.outletId
            ? { to: `/lobby/${user.outletId}`, label: 'home.section.prompts.open' }
            : undefined,
          items: s.items.map((p) => <PromptItem key={p.id} p={p} />),
        };
      case 'tasks':
        return {
          icon: <ToolOutlined />,
          title: 'home.section.tasks',
          hint: !outletRole
            ? 'home.section.tasks.branch'
            : user.role === 'outlet_head'
              ? 'home.section.tasks.outlet'
              : 'home.section.tasks.mine',
          empty: 'home.section.tasks.empty',
          items: s.items.map((task) => <TaskItem key={task.id} task={task} />),
        };
    }
  };
}

function SectionCard({ section }: { section: HomeSection }) {
  const { t, formatNumber } = useI18n();
  const v = useSectionView()(section);
  return (
    <Card
      variant="borderless"
      className="ld-home-section"
      data-testid={`home-section-${section.key}`}
      title={
        <span className="ld-home-section-title">
          {v.icon}
          <span>{t(v.title)}</span>
          <Badge
            count={formatNumber(section.total)}
            showZero
            color={section.total ? '#b8322f' : '#bfc3cc'}
            data-testid="home-count"
          />
        </span>
      }
      extra={v.more ? <Link to={v.more.to}>{t(v.more.label)}</Link> : null}
    >
      <div className="ld-home-hint">{t(v.hint)}</div>
      {v.items.length ? (
        <List size="small" split>
          {v.items}
        </List>
      ) : (
        <div className="ld-home-empty">
          <CheckCircleOutlined />
          <span data-testid="home-empty">{t(v.empty)}</span>
        </div>
      )}
      {section.total > section.items.length ? (
        <div className="ld-home-hint ld-home-more">
          {t('home.firstOf', { shown: section.items.length, total: formatNumber(section.total) })}
        </div>
      ) : null}
    </Card>
  );
}

/**
 * How the signed-in user is reminded of complaint deadlines: one in-app notification per case
 * (the default) or one digest each morning; no e-mail either way.
 */
function ReminderSettings() {
  const { t } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: ['notification-preferences', user.id],
    queryFn: () => api.get('/notifications/preferences'),
  });
  const [saving, setSaving] = useState(false);
  const change = async (digest: boolean) => {
    setSaving(true);
    try {
      const saved = await api.put('/notifications/preferences', { body: { digest } });
      queryClient.setQueryData(['notification-preferences', user.id], saved);
      message.success(t('home.reminders.saved'));
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      variant="borderless"
      className="ld-home-section"
      data-testid="home-reminders"
      title={
        <span className="ld-home-section-title">
          <BellOutlined />
          <span>{t('home.reminders.title')}</span>
        </span>
      }
    >
      <div className="ld-home-hint">{t('home.reminders.hint')}</div>
      <div style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        <Switch
          id="home-digest"
          checked={prefs.data?.digest ?? false}
          loading={prefs.isLoading || saving}
          disabled={!prefs.data}
          onChange={change}
          data-testid="home-digest"
        />
        <label htmlFor="home-digest" style={{ cursor: 'pointer' }}>
          {t('home.reminders.digest')}
        </label>
      </div>
    </Card>
  );
}

function greetingKey(hour: number): MessageKey {
  if (hour >= 5 && hour < 11) return 'home.greeting.morning';
  if (hour >= 11 && hour < 13) return 'home.greeting.noon';
  if (hour >= 13 && hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

/** The home page (工作台): what falls due for the signed-in person, one card per module. */
export function HomePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const home = useQuery({
    queryKey: ['home', locale],
    queryFn: () => api.get('/home'),
    // prompts are live: look again every half minute while the page is open
    refetchInterval: 30_000,
  });
  const h = home.data;
  const day = h
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: TIME_ZONE }).format(
        new Date(`${h.today}T04:00:00Z`),
      )
    : undefined;
  return (
    <>
      <PageHeader
        title={<span data-testid="home-title">{t('home.title')}</span>}
        crumbs={[{ title: t('nav.home') }]}
        subTitle={
          <span data-testid="home-greeting">
            {t(greetingKey(beijingWallClock(Date.now()).hour), { name: user.displayName })}
            {day ? (
              <>
                {dot}
                <ClockCircleOutlined /> {day}
              </>
            ) : null}
          </span>
        }
      />
      <QueryError error={home.error} onRetry={() => home.refetch()} />
      {h && !h.staffLinked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('home.notLinked')}
          description={t(user.role === 'outlet_head' ? 'home.notLinkedHintHead' : 'home.notLinkedHint')}
          data-testid="home-not-linked"
        />
      ) : null}
      {!h && !home.error ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : null}
      {h && h.sections.length === 0 ? (
        <Card variant="borderless">
          <Empty
            description={
              <>
                <div data-testid="home-nothing">{t('home.nothing')}</div>
                <div className="ld-muted">{t('home.nothingHint')}</div>
              </>
            }
          />
        </Card>
      ) : null}
      {h?.sections.length ? (
        <Row gutter={[16, 16]}>
          {h.sections.map((s, i) => (
            // two a row; with an odd number the first (the most pressing) takes the whole row
            <Col key={s.key} xs={24} lg={i === 0 && h.sections.length % 2 === 1 ? 24 : 12}>
              <SectionCard section={s} />
            </Col>
          ))}
        </Row>
      ) : null}
      {h && user.role !== 'consultant' ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {h.staffLinked ? (
            <Col xs={24} lg={12}>
              <MyShiftsCard />
            </Col>
          ) : null}
          <Col xs={24} lg={12}>
            <ReminderSettings />
          </Col>
        </Row>
      ) : null}
    </>
  );
}
