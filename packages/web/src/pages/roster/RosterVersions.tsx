import type { RosterVersion } from '@liangdian/shared/api';
import { Table, Tag, Typography } from 'antd';
import { type MessageKey, useI18n } from '../../i18n/i18n';

/** The week's versions, newest first (paged). */
export function RosterVersions({ items }: { items: RosterVersion[] }) {
  const { t, formatPercent, formatDateTime } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('roster.versions')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        data-testid="roster-versions"
        pagination={{ pageSize: 10 }}
        dataSource={items}
        columns={[
          { title: t('roster.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          {
            title: t('roster.state'),
            dataIndex: 'status',
            render: (v: string) => <Tag>{t(`roster.status.${v}` as MessageKey)}</Tag>,
          },
          {
            title: t('roster.solver'),
            dataIndex: 'solverStatus',
            render: (v: string) => t(`roster.solver.${v}` as MessageKey),
          },
          {
            title: t('roster.gap'),
            dataIndex: 'gap',
            render: (v: number | null) => (v === null ? '—' : formatPercent(v)),
          },
          { title: t('roster.shifts'), dataIndex: 'shifts' },
          {
            title: t('roster.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('roster.publishedAt'),
            dataIndex: 'publishedAt',
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
        ]}
      />
    </>
  );
}
