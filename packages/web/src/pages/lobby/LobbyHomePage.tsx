import { Card, Empty } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useUser } from '../../auth/AuthContext';
import { OutletSelect } from '../../components/OutletSelect';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';

/** `/lobby`: an outlet user goes straight to their outlet; branch users pick one. */
export function LobbyHomePage() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  if (user.outletId) return <Navigate to={`/lobby/${user.outletId}`} replace />;
  return (
    <>
      <PageHeader title={t('nav.lobby')} crumbs={[{ title: t('nav.lobby') }]} />
      <Card>
        <Empty description={t('lobby.pickOutlet')}>
          <OutletSelect
            allowClear={false}
            style={{ width: 320 }}
            placeholder={t('lobby.pickOutlet')}
            onChange={(v) => v && navigate(`/lobby/${v}`)}
          />
        </Empty>
      </Card>
    </>
  );
}
