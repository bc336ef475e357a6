import { DesktopOutlined } from '@ant-design/icons';
import { Button, Space, Tabs } from 'antd';
import { useNavigate } from 'react-router';
import { useUser } from '../../auth/AuthContext';
import { OutletSelect } from '../../components/OutletSelect';
import { useI18n } from '../../i18n/i18n';

export type LobbySection = 'live' | 'replay' | 'plan' | 'import';

const PATHS: Record<LobbySection, string> = { live: '', replay: '/replay', plan: '/plan', import: '/import' };

/** The tabs shared by the lobby pages of one outlet, with an outlet switch for branch users. */
export function LobbyNav({ outletId, active }: { outletId: string; active: LobbySection }) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  return (
    <div className="ld-lobby-nav">
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`/lobby/${outletId}${PATHS[k as LobbySection]}`)}
        items={[
          { key: 'live', label: t('nav.lobby') },
          { key: 'replay', label: t('nav.lobbyReplay') },
          { key: 'plan', label: t('nav.lobbyPlan') },
          { key: 'import', label: t('nav.ticketImport') },
        ]}
        tabBarExtraContent={
          <Space>
            {user.outletId ? null : (
              <OutletSelect
                value={outletId}
                allowClear={false}
                style={{ width: 220 }}
                onChange={(v) => v && navigate(`/lobby/${v}${PATHS[active]}`)}
              />
            )}
            <Button
              icon={<DesktopOutlined />}
              href={`/board/${outletId}`}
              target="_blank"
              data-testid="open-board"
            >
              {t('nav.lobbyBoard')}
            </Button>
          </Space>
        }
      />
    </div>
  );
}
