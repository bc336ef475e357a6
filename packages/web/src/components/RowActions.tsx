import { Button, Space } from 'antd';
import type { setActive, ToggleablePath } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ToggleActiveButton } from './ToggleActiveButton';

/** The "编辑" link of a table row. */
export function EditLink({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={onClick}>
      {t('common.edit')}
    </Button>
  );
}

/**
 * "编辑" and "停用 / 启用" (after a confirmation) for a row of a master-data table;
 * `path` is the row's API path, e.g. `/business-types/:id` with its `params`.
 */
export function EditToggleActions<P extends ToggleablePath>({
  onEdit,
  path,
  params,
  active,
  name,
  onDone,
}: {
  onEdit: () => void;
  path: P;
  params: Parameters<typeof setActive<P>>[1];
  active: boolean;
  name: string;
  onDone: () => void;
}) {
  return (
    <Space size={0}>
      <EditLink onClick={onEdit} />
      <ToggleActiveButton path={path} params={params} active={active} name={name} onDone={onDone} />
    </Space>
  );
}
