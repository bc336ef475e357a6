import { CalendarOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, List } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { usePostName } from '../roster/RosterPage';

/** 我的班次: the signed-in staff member's published shifts of the next two weeks. */
export function MyShiftsCard() {
  const { t, locale } = useI18n();
  const postName = usePostName();
  const q = useQuery({ queryKey: ['roster', 'my-shifts'], queryFn: () => api.get('/roster/my-shifts') });
  const items = q.data?.items ?? [];
  const weekday = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <Card
      variant="borderless"
      className="ld-home-section"
      data-testid="home-section-my-shifts"
      title={
        <span className="ld-home-section-title">
          <CalendarOutlined />
          <span>{t('home.myShifts.title')}</span>
        </span>
      }
    >
      <div className="ld-home-hint">{t('home.myShifts.hint')}</div>
      {items.length ? (
        <List size="small" split>
          {items.map((s) => (
            <List.Item key={`${s.outletId}-${s.day}`} className="ld-home-item" data-testid="my-shift">
              <div className="ld-home-item-main">
                <strong>{weekday.format(new Date(`${s.day}T00:00:00Z`))}</strong>
                <div className="ld-home-item-meta">
                  {postName(s.post)}
                  {s.breakStart
                    ? ` · ${t('roster.break', { from: s.breakStart, to: s.breakEnd ?? '' })}`
                    : ''}
                </div>
              </div>
              <div className="ld-home-item-aside ld-mono">
                {s.start}–{s.end}
              </div>
            </List.Item>
          ))}
        </List>
      ) : (
        <div className="ld-home-empty">
          <CheckCircleOutlined />
          <span>{t('home.myShifts.empty')}</span>
        </div>
      )}
    </Card>
  );
}
