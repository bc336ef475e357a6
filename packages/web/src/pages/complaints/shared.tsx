import { daysFromToday } from '@liangdian/engine/time';
import { OPEN_STATUSES } from '@liangdian/shared';
import type { Complaint, ComplaintCode } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { Locale } from '@liangdian/shared/api';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { beijingToday } from '../../time';

/** Today in Beijing (YYYY-MM-DD). Kept for the pages that import it from here. */
export const shanghaiToday = (now: Date = new Date()): string => beijingToday(now);

/**
 * The running deadline: green while more than 3 days are left, orange within 3 days, red when
 * past. Computed in the browser against Beijing today, so it follows the clock.
 */
/**
 * The regulator's forwarding (Art. 33, 7 working days): red when late — forwarded after the due
 * date, or not forwarded and past it — otherwise the due date; nothing for other complaints.
 */
export function ForwardingBadge({
  complaint: c,
}: {
  complaint: Pick<Complaint, 'source' | 'forwardingDueOn' | 'forwardingLate' | 'forwardedOn'>;
}) {
  const { t, formatDate } = useI18n();
  if (c.source !== 'regulator' || !c.forwardingDueOn) return null;
  const due = formatDate(`${c.forwardingDueOn}T12:00:00+08:00`);
  const forwarded = c.forwardedOn ? formatDate(`${c.forwardedOn}T12:00:00+08:00`) : '—';
  return (
    <Tooltip title={t('complaints.forwarding.tip', { due, forwarded })}>
      <Tag
        color={c.forwardingLate ? 'red' : 'default'}
        variant={c.forwardingLate ? 'solid' : 'outlined'}
        data-testid="forwarding-badge"
        data-state={c.forwardingLate ? 'late' : 'on_time'}
        className="ld-deadline"
      >
        {c.forwardingLate ? t('complaints.forwarding.late') : t('complaints.forwarding.onTime')}
      </Tag>
    </Tooltip>
  );
}

export function DeadlineBadge({
  complaint,
  compact,
}: {
  complaint: Pick<Complaint, 'deadline' | 'status'>;
  compact?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const d = complaint.deadline;
  if (d.pausedSince) {
    return (
      <Tag color="default" variant="filled" data-testid="deadline-badge" data-state="paused">
        {t('complaints.deadline.paused')}
      </Tag>
    );
  }
  if (!d.dueOn || !OPEN_STATUSES.includes(complaint.status)) {
    if (compact) return <span className="ld-muted">—</span>;
    return (
      <Tag variant="filled" data-testid="deadline-badge" data-state="none">
        {t('complaints.deadline.none')}
      </Tag>
    );
  }
  const left = daysFromToday(d.dueOn, Date.now()); // natural days from Beijing today
  const state = left < 0 ? 'overdue' : left <= 3 ? 'soon' : 'ok';
  const color = state === 'overdue' ? 'red' : state === 'soon' ? 'orange' : 'green';
  const label =
    left < 0
      ? t('complaints.deadline.overdue', { n: -left })
      : left === 0
        ? t('complaints.deadline.today')
        : t('complaints.deadline.left', { n: left });
  return (
    <Tooltip title={t('complaints.deadline.dueOn', { date: formatDate(`${d.dueOn}T12:00:00+08:00`) })}>
      <Tag
        color={color}
        variant="solid"
        data-testid="deadline-badge"
        data-state={state}
        className="ld-deadline"
      >
        {label}
      </Tag>
    </Tooltip>
  );
}

const STATUS_COLORS: Record<string, string> = {
  registered: 'blue',
  acknowledged: 'geekblue',
  investigating: 'purple',
  decided: 'cyan',
  informed: 'cyan',
  follow_up: 'lime',
  closed: 'default',
  withdrawn: 'default',
  merged: 'default',
  review: 'magenta',
};

export function ComplaintStatusTag({ status }: { status: string }) {
  const { tEnum } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} variant="outlined" data-testid="complaint-status">
      {tEnum('complaintStatus', status)}
    </Tag>
  );
}

export function useComplaintCodes() {
  return useQuery({
    queryKey: ['complaint-codes'],
    queryFn: () => api.get('/complaint-codes'),
    staleTime: 5 * 60_000,
  });
}

export function codeName(c: ComplaintCode, locale: Locale): string {
  return locale === 'zh-CN' ? c.nameZh : c.nameEn;
}

export function bilingual(
  n: { zh: string; en: string } | { nameZh: string; nameEn: string },
  locale: Locale,
): string {
  if ('zh' in n) return locale === 'zh-CN' ? n.zh : n.en;
  return locale === 'zh-CN' ? n.nameZh : n.nameEn;
}

/** Labels and select options of the three JR/T 0169 code tables. */
export function useCodeLabels() {
  const { locale } = useI18n();
  const codes = useComplaintCodes();
  const all = codes.data?.items ?? [];
  const label = (kind: ComplaintCode['kind'], code: string | null | undefined) => {
    if (!code) return '—';
    const c = all.find((x) => x.kind === kind && x.code === code);
    return c ? codeName(c, locale) : code;
  };
  const options = (kind: ComplaintCode['kind'], activeOnly = true) =>
    all
      .filter((c) => c.kind === kind && (!activeOnly || c.active))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((c) => ({ value: c.code, label: codeName(c, locale) }));
  return { label, options, loading: codes.isLoading };
}

/** Complainant: the masked (or clear) value; consultants see a neutral placeholder. */
export function PersonalValue({ value, hidden }: { value: string | null; hidden: boolean }) {
  const { t } = useI18n();
  if (hidden) return <span className="ld-muted">{t('complaints.personalHidden')}</span>;
  return <span className="ld-mono">{value || '—'}</span>;
}

export function enumOptions(
  tEnum: (p: string, v: string) => string,
  prefix: string,
  values: readonly string[],
) {
  return values.map((v) => ({ value: v, label: tEnum(prefix, v) }));
}

/**
 * Answers that mean "not there for you": not found (or outside the reader's scope: the server
 * does not say which), refused, or an id the server cannot read.
 */
export const isRefused = (e: unknown): boolean =>
  e instanceof ApiError && (e.status === 404 || e.status === 403 || e.code === 'VALIDATION_FAILED');

/** The page of a complaint that is not there or not the reader's, shown at once. */
export function ComplaintNotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('complaints.notFoundTitle')}
      subTitle={<span data-testid="not-found">{t('complaints.notFound')}</span>}
      extra={
        <Link to="/complaints">
          <Button type="primary">{t('complaints.backToList')}</Button>
        </Link>
      }
    />
  );
}

export type { MessageKey };
