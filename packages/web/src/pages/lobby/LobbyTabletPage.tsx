import { useI18n } from '../../i18n/i18n';

/** Stub: replaced by the real page. */
export function LobbyTabletPage() {
  const { t } = useI18n();
  return <div>{t('lobby.live.placeholder')}</div>;
}
