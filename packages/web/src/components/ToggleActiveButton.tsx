import { App, Button, Popconfirm } from 'antd';
import { setActive, type ToggleablePath } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useBusyCall } from './useBusyCall';

/** "停用 / 启用" link for a row: POST `${path}/deactivate` or `${path}/reactivate` (never delete). */
export function ToggleActiveButton<P extends ToggleablePath>({
  path,
  params,
  active,
  onDone,
  name,
}: {
  path: P;
  params: Parameters<typeof setActive<P>>[1];
  active: boolean;
  onDone: () => void;
  name: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, run } = useBusyCall();
  return (
    <Popconfirm
      title={active ? t('common.deactivateConfirm', { name }) : t('common.reactivateConfirm', { name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        run(
          () => setActive(path, params, !active),
          () => {
            message.success(active ? t('common.deactivated') : t('common.reactivated'));
            onDone();
          },
        )
      }
    >
      <Button type="link" size="small" danger={active} loading={busy} style={{ paddingInline: 4 }}>
        {active ? t('common.deactivate') : t('common.reactivate')}
      </Button>
    </Popconfirm>
  );
}
