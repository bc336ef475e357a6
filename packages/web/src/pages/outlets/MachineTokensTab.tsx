import type { Outlet } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** Stub: replaced by the real tab. */
export function MachineTokensTab({ outlet }: { outlet: Outlet; editable: boolean }) {
  const { t } = useI18n();
  return (
    <div>
      {t('lobby.setup.placeholder')} {outlet.code}
    </div>
  );
}
