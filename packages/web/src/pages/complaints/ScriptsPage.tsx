import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { SCRIPT_STAGES } from '@liangdian/shared';
import type { ComplaintScript } from '@liangdian/shared/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Popconfirm, Select, Space, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useUser } from '../../auth/AuthContext';
import { complaintCan } from '../../auth/permissions';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryTable } from '../../components/QueryTable';
import { FilterBar, NewButton, SearchFilter } from '../../components/TableToolbar';
import { useUrlState } from '../../components/useUrlState';
import { useApiErrorMessage } from '../../components/useApiErrorMessage';
import { useI18n } from '../../i18n/i18n';
import './Script.css';
import { ScriptDrawer } from './ScriptDrawer';
import { ScriptFormModal } from './ScriptFormModal';
import { enumOptions } from './shared';
import { usePagedList } from '../../components/usePagination';

const KEYS = ['page', 'pageSize', 'q', 'stage', 'scenario', 'active'] as const;

const STAGE_COLORS: Record<string, string> = {
  receive: 'blue',
  acknowledge: 'cyan',
  investigate: 'purple',
  decide: 'magenta',
  inform: 'gold',
  follow_up: 'green',
  prevention: 'volcano',
};

/** Marks every occurrence of `q` in `text` (plain substring, as the server searches). */
export function Highlight({ text, q }: { text: string; q: string }) {
  const needle = q.trim().toLowerCase();
  if (!needle) return <>{text}</>;
  const out: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
    if (i > at) out.push(text.slice(at, i));
    out.push(
      <mark key={i} className="ld-hit">
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  out.push(text.slice(at));
  return <>{out}</>;
}

/** Scenarios already used by scripts: suggestions for the filter and the form. */
export function useScriptScenarios() {
  const list = useQuery({
    queryKey: ['complaint-scripts', 'scenarios'],
    queryFn: () => api.get('/complaint-scripts/scenarios'),
    staleTime: 60_000,
  });
  return [...(list.data?.items ?? [])].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

export function ScriptsPage() {
  const { t, tEnum, formatDateTime } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const showError = useApiErrorMessage();
  const queryClient = useQueryClient();
  const [s, set] = useUrlState(KEYS, { active: 'true' });
  const [scenario, setScenario] = useState(s.scenario);
  const [editing, setEditing] = useState<ComplaintScript | 'new' | null>(null);
  const [viewing, setViewing] = useState<ComplaintScript | null>(null);
  const mayEdit = complaintCan.editScripts(user);
  const scenarios = useScriptScenarios();

  const filters = {
    q: s.q,
    stage: s.stage,
    scenario: s.scenario,
    active: s.active === 'all' ? undefined : s.active,
  };
  const { list, table } = usePagedList(
    s,
    set,
    ['complaint-scripts', 'list', filters],
    (paging) => api.get('/complaint-scripts', { query: { ...filters, ...paging } }),
    { maxPageSize: 100, omitDefaultSize: true },
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['complaint-scripts'] });

  const setActive = async (r: ComplaintScript, active: boolean) => {
    try {
      await api.patch('/complaint-scripts/:id', { params: { id: r.id }, body: { active } });
      message.success(active ? t('common.reactivated') : t('common.deactivated'));
      refresh();
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableProps<ComplaintScript>['columns'] = [
    {
      title: t('coaching.script.stage'),
      dataIndex: 'stage',
      width: 110,
      render: (v: string) => (
        <Tag color={STAGE_COLORS[v] ?? 'default'} variant="outlined">
          {tEnum('coaching.stage', v)}
        </Tag>
      ),
    },
    {
      title: t('coaching.script.scenario'),
      dataIndex: 'scenario',
      width: 180,
      render: (v: string) => <Highlight text={v} q={s.q} />,
    },
    {
      title: t('coaching.script.titleAndText'),
      key: 'text',
      render: (_: unknown, r) => (
        <div className="ld-script-cell">
          <button
            type="button"
            className="ld-link-button"
            onClick={() => setViewing(r)}
            data-testid="script-open"
          >
            <Highlight text={r.title} q={s.q} />
          </button>
          {!r.active ? (
            <Tag style={{ marginInlineStart: 6 }} variant="filled">
              {t('common.inactive')}
            </Tag>
          ) : null}
          <div className="ld-script-preview">
            <Highlight text={r.body} q={s.q} />
          </div>
        </div>
      ),
    },
    {
      title: t('coaching.script.version'),
      dataIndex: 'version',
      width: 80,
      align: 'center',
      render: (v: number) => (
        <Tag color={v > 1 ? 'blue' : 'default'} data-testid="script-version">
          {t('coaching.script.versionTag', { version: v })}
        </Tag>
      ),
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => <span className="ld-nowrap">{formatDateTime(v)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'a',
      width: mayEdit ? 240 : 110,
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setViewing(r)}
            style={{ paddingInline: 4 }}
          >
            {t('coaching.script.history')}
          </Button>
          {mayEdit ? (
            <>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(r)}
                style={{ paddingInline: 4 }}
                data-testid="script-edit"
              >
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={
                  r.active
                    ? t('common.deactivateConfirm', { name: r.title })
                    : t('common.reactivateConfirm', { name: r.title })
                }
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => setActive(r, !r.active)}
              >
                <Button type="link" size="small" danger={r.active} style={{ paddingInline: 4 }}>
                  {r.active ? t('common.deactivate') : t('common.reactivate')}
                </Button>
              </Popconfirm>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.complaintScripts')}
        subTitle={t('coaching.script.subtitle')}
        crumbs={[{ title: t('nav.group.complaints') }, { title: t('nav.complaintScripts') }]}
        extra={
          mayEdit ? (
            <NewButton
              label={t('coaching.script.new')}
              onClick={() => setEditing('new')}
              testId="script-new"
            />
          ) : null
        }
      />
      <Card variant="borderless">
        <FilterBar end={<ExportButton list="/complaint-scripts" query={filters} filename="scripts.xlsx" />}>
          <SearchFilter
            value={s.q}
            onSearch={(v) => set({ q: v })}
            placeholder={t('coaching.script.searchPlaceholder')}
            testId="script-search"
          />
          <Select
            allowClear
            value={s.stage || undefined}
            onChange={(v) => set({ stage: v ?? '' })}
            placeholder={t('coaching.script.allStages')}
            options={enumOptions(tEnum, 'coaching.stage', SCRIPT_STAGES)}
            data-testid="script-stage-filter"
          />
          <AutoComplete
            allowClear
            value={scenario}
            options={scenarios.map((v) => ({ value: v }))}
            showSearch={{
              filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
            }}
            onChange={(v) => {
              setScenario(v ?? '');
              if (!v) set({ scenario: '' });
            }}
            onSelect={(v: string) => set({ scenario: v })}
            onBlur={() => set({ scenario: scenario.trim() })}
            placeholder={t('coaching.script.allScenarios')}
            style={{ width: 200 }}
            data-testid="script-scenario-filter"
          />
          <Select
            value={s.active || 'true'}
            onChange={(v) => set({ active: v })}
            options={[
              { value: 'true', label: t('coaching.script.onlyActive') },
              { value: 'false', label: t('coaching.script.onlyInactive') },
              { value: 'all', label: t('coaching.script.allStatuses') },
            ]}
          />
        </FilterBar>
        <QueryTable<ComplaintScript>
          query={list}
          data-testid="script-table"
          columns={columns}
          scroll={{ x: 760 }}
          empty={s.q || s.stage || s.scenario ? t('coaching.script.noMatch') : t('coaching.script.empty')}
          {...table}
        />
      </Card>
      <ScriptFormModal
        open={editing !== null}
        script={editing === 'new' ? null : editing}
        scenarios={scenarios}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          if (viewing?.id === saved.id) setViewing(saved);
          refresh();
        }}
      />
      <ScriptDrawer
        script={viewing}
        onClose={() => setViewing(null)}
        onEdit={mayEdit ? (r) => setEditing(r) : undefined}
      />
    </>
  );
}
