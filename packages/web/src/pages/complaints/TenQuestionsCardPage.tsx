import { useI18n } from '../../i18n/i18n';

/** Stub: replaced by the real page. */
export function TenQuestionsCardPage() {
  const { t } = useI18n();
  return <div>{t('coaching.placeholder')}</div>;
}
