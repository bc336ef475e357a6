import { DesktopOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useUser } from '../../auth/AuthContext';
import { LinkTabs } from '../../components/LinkTabs';
import { OutletSelect } from '../../components/OutletSelect';
import { useI18n } from '../../i18n/i18n';

export type LobbySection = 'live' | 'replay' | 'plan' | 'import' | 'staffing' | 'roster';

const PATHS: Record<LobbySection, string> = {
  live: '',
  replay: '/replay',
  plan: '/plan',
  import: '/import',
  staffing: '/staffing',
  roster: '/roster',
};

/** The tabs shared by the lobby pages of one outlet, with an outlet switch for branch users. */
export function LobbyNav({ outletId, active }: { outletId: string; active: LobbySection }) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  return (
    <div className="ld-lobby-nav">
      <LinkTabs
        activeKey={active}
        items={(
          [
            ['live', t('nav.lobby')],
            ['replay', t('nav.lobbyReplay')],
            ['plan', t('nav.lobbyPlan')],
            ['import', t('nav.ticketImport')],
            ['staffing', t('nav.staffing')],
            ['roster', t('roster.title')],
          ] as const
        ).map(([key, label]) => ({ key, label, to: `/lobby/${outletId}${PATHS[key]}` }))}
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
