import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import type { ComplaintScript } from '@liangdian/shared/api';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Empty, List, Segmented, Skeleton, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/i18n';
import { diffText } from './ScriptDiff';

/** One script: its current text, every earlier version, and what changed against the current one. */
export function ScriptDrawer({
  script,
  onClose,
  onEdit,
}: {
  script: ComplaintScript | null;
  onClose: () => void;
  /** absent: the user may not edit scripts */
  onEdit?: (s: ComplaintScript) => void;
}) {
  const { t, tEnum, formatDateTime } = useI18n();
  const [selected, setSelected] = useState<number | null>(null);
  const [view, setView] = useState<'text' | 'diff'>('diff');
  const versions = useQuery({
    queryKey: ['complaint-scripts', script?.id, 'versions', script?.version],
    queryFn: () => api.get('/complaint-scripts/:id/versions', { params: { id: script?.id ?? '' } }),
    enabled: !!script,
  });
  const list = versions.data?.items ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: another script or a new version starts on the current text
  useEffect(() => {
    setSelected(null);
  }, [script?.id, script?.version]);

  const current = list.find((v) => v.version === script?.version) ?? list[0];
  const shown = list.find((v) => v.version === selected) ?? current;
  const isCurrent = !!shown && shown.version === current?.version;

  const diff = useMemo(() => {
    if (!shown || !current || isCurrent) return null;
    return {
      title: diffText(shown.title, current.title),
      scenario: diffText(shown.scenario, current.scenario),
      body: diffText(shown.body, current.body),
    };
  }, [shown, current, isCurrent]);

  return (
    <Drawer
      open={!!script}
      onClose={onClose}
      size={760}
      title={
        script ? (
          <span>
            {script.title}
            <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="script-drawer-version">
              {t('coaching.script.versionTag', { version: script.version })}
            </Tag>
          </span>
        ) : null
      }
      extra={
        script && onEdit ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(script)} data-testid="script-drawer-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
      destroyOnHidden
    >
      {!script ? null : (
        <div className="ld-script-drawer" data-testid="script-drawer">
          <QueryError error={versions.error} onRetry={() => versions.refetch()} />
          <div className="ld-script-versions">
            <h3 className="ld-script-section">
              <HistoryOutlined /> {t('coaching.script.history')}
            </h3>
            {versions.isLoading ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : (
              <List
                size="small"
                dataSource={list}
                data-testid="script-versions"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                renderItem={(v) => (
                  <List.Item
                    className={
                      v.version === shown?.version
                        ? 'ld-script-version ld-script-version-on'
                        : 'ld-script-version'
                    }
                    onClick={() => setSelected(v.version)}
                    data-testid={`script-version-${v.version}`}
                  >
                    <div className="ld-two-line">
                      <span>
                        <strong>{t('coaching.script.versionTag', { version: v.version })}</strong>
                        {v.version === current?.version ? (
                          <Tag color="green" style={{ marginInlineStart: 6 }}>
                            {t('coaching.script.current')}
                          </Tag>
                        ) : null}
                      </span>
                      <span className="ld-muted">
                        {v.createdBy} · {formatDateTime(v.createdAt)}
                      </span>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </div>
          <div className="ld-script-text">
            {shown ? (
              <>
                <div className="ld-toolbar">
                  <h3 className="ld-script-section" style={{ margin: 0 }}>
                    {isCurrent
                      ? t('coaching.script.currentText', { version: shown.version })
                      : t('coaching.script.oldText', { version: shown.version })}
                  </h3>
                  {!isCurrent ? (
                    <Segmented
                      size="small"
                      value={view}
                      onChange={(v) => setView(v as 'text' | 'diff')}
                      options={[
                        {
                          value: 'diff',
                          label: t('coaching.script.compare', { version: current?.version ?? 0 }),
                        },
                        { value: 'text', label: t('coaching.script.fullText') },
                      ]}
                      data-testid="script-view-mode"
                    />
                  ) : null}
                </div>
                {diff && view === 'diff' ? (
                  <p className="ld-muted" style={{ fontSize: 12, marginTop: 0 }}>
                    <span className="ld-diff-del">{t('coaching.script.removedLegend')}</span>{' '}
                    <span className="ld-diff-ins">{t('coaching.script.addedLegend')}</span>
                  </p>
                ) : null}
                <Descriptions column={1} size="small" bordered styles={{ label: { width: 96 } }}>
                  <Descriptions.Item label={t('coaching.script.stage')}>
                    {tEnum('coaching.stage', shown.stage)}
                    {diff && view === 'diff' && shown.stage !== current?.stage ? (
                      <>
                        {' → '}
                        <span className="ld-diff-ins">{tEnum('coaching.stage', current?.stage)}</span>
                      </>
                    ) : null}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('coaching.script.scenario')}>
                    {diff && view === 'diff' ? <DiffView parts={diff.scenario} /> : shown.scenario}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('coaching.script.title')}>
                    {diff && view === 'diff' ? <DiffView parts={diff.title} /> : shown.title}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('coaching.script.body')}>
                    <div className="ld-pre ld-script-body" data-testid="script-version-body">
                      {diff && view === 'diff' ? <DiffView parts={diff.body} /> : shown.body}
                    </div>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('coaching.script.by')}>
                    {shown.createdBy} · {formatDateTime(shown.createdAt)}
                  </Descriptions.Item>
                </Descriptions>
              </>
            ) : versions.isLoading ? (
              <Skeleton active />
            ) : null}
          </div>
        </div>
      )}
    </Drawer>
  );
}

function DiffView({ parts }: { parts: ReturnType<typeof diffText> }) {
  return (
    <span data-testid="script-diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <del key={i} className="ld-diff-del">
            {p.text}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <ins key={i} className="ld-diff-ins">
            {p.text}
          </ins>
        ),
      )}
    </span>
  );
}
