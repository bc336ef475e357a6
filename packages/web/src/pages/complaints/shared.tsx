import { useQuery } from '@tanstack/react-query';
import { Tag, Tooltip } from 'antd';
import { legacyApi, upload } from '../../api/client';
import type { BilingualName, Complaint, ComplaintCode, ItemList, Locale } from '../../api/types';
import { type MessageKey, TIME_ZONE, useI18n } from '../../i18n/i18n';

const ISO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Beijing (YYYY-MM-DD), from the browser's clock. */
export function shanghaiToday(now: Date = new Date()): string {
  return ISO_DAY.format(now);
}

/** A Date as a Beijing calendar day (YYYY-MM-DD). */
export function shanghaiDay(iso: string | Date): string {
  return ISO_DAY.format(typeof iso === 'string' ? new Date(iso) : iso);
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** Natural days from Beijing today to `dueOn` (negative: overdue). */
export function daysLeft(dueOn: string, now: Date = new Date()): number {
  return Math.round(dayNumber(dueOn) - dayNumber(shanghaiToday(now)));
}

/** "YYYY-MM-DDTHH:mm" of a Beijing wall-clock time → ISO with +08:00. */
export function beijingIso(d: { format(f: string): string }): string {
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

const OPEN: string[] = [
  'registered',
  'acknowledged',
  'investigating',
  'decided',
  'informed',
  'follow_up',
  'review',
];

/**
 * The running deadline: green while more than 3 days are left, orange within 3 days, red when
 * past. Computed in the browser against Beijing today, so it follows the clock.
 */
export function DeadlineBadge({ complaint, compact }: { complaint: Complaint; compact?: boolean }) {
  const { t, formatDate } = useI18n();
  const d = complaint.deadline;
  if (d.pausedSince) {
    return (
      <Tag color="default" variant="filled" data-testid="deadline-badge" data-state="paused">
        {t('complaints.deadline.paused')}
      </Tag>
    );
  }
  if (!d.dueOn || !OPEN.includes(complaint.status)) {
    if (compact) return <span className="ld-muted">—</span>;
    return (
      <Tag variant="filled" data-testid="deadline-badge" data-state="none">
        {t('complaints.deadline.none')}
      </Tag>
    );
  }
  const left = daysLeft(d.dueOn);
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
    queryFn: () => legacyApi.get<ItemList<ComplaintCode>>('/complaint-codes'),
    staleTime: 5 * 60_000,
  });
}

export function codeName(c: ComplaintCode, locale: Locale): string {
  return locale === 'zh-CN' ? c.nameZh : c.nameEn;
}

export function bilingual(n: BilingualName | { nameZh: string; nameEn: string }, locale: Locale): string {
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

/** POSTs a file body with upload progress (see `upload` in the API client); resolves with the answer. */
export async function postWithProgress<T>(
  path: string,
  body: Blob | FormData,
  opts: { contentType?: string; onProgress?: (percent: number) => void },
): Promise<T> {
  return (await upload<T>(path, body, opts)).body;
}

export type { MessageKey };
