import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';

export function StatusTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? (
    <Tag color="success" variant="filled">
      {t('common.active')}
    </Tag>
  ) : (
    <Tag variant="filled">{t('common.inactive')}</Tag>
  );
}
