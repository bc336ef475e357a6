import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  QuestionCircleOutlined,
  MessageOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  DownOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  ShopOutlined,
  DeploymentUnitOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Tag, Tooltip } from 'antd';
import { type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth/AuthContext';
import { can } from '../auth/permissions';
import { allows } from '@liangdian/shared';
import { ChangePasswordModal } from '../components/ChangePasswordModal';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useFollowEntry } from '../components/LinkTabs';
import { NotificationBell } from '../components/NotificationBell';
import { useI18n } from '../i18n/i18n';
import { PageBoundary, PageLoading } from './PageBoundary';

export function BrandMark() {
  return (
    <svg className="ld-brand-mark" viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#b8322f" />
      <g fill="#fff">
        <circle cx="22" cy="22" r="7" />
        <circle cx="42" cy="22" r="7" />
        <circle cx="22" cy="42" r="7" />
        <circle cx="42" cy="42" r="7" />
      </g>
    </svg>
  );
}

/** The entry whose path is the longest prefix of the address (`/outlets/1/staff` → `/outlets`). */
function selectedKey(pathname: string, items: MenuProps['items']): string {
  const keys: string[] = [];
  const walk = (list: MenuProps['items']) => {
    for (const i of list ?? []) {
      if (i && 'children' in i && i.children) walk(i.children as MenuProps['items']);
      else if (i?.key) keys.push(String(i.key));
    }
  };
  walk(items);
  const hits = keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`));
  return hits.sort((a, b) => b.length - a.length)[0] ?? '';
}

/**
 * A menu entry that is a real link (middle-click opens a new tab, the address can be copied);
 * the link covers the whole entry (styles.css, `.ld-nav-link`).
 */
const navItem = (to: string, icon: ReactNode, label: string) => ({
  key: to,
  icon,
  label: (
    <Link to={to} className="ld-nav-link">
      {label}
    </Link>
  ),
});

export function AppLayout() {
  const { t, tEnum } = useI18n();
  const { meta, logout, changeLocale } = useAuth();
  const user = useUser();
  const navigate = useNavigate();
  const follow = useFollowEntry();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false && (screens.lg ?? true);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);

  useEffect(() => {
    if (user.mustChangePassword) setPwOpen(true);
  }, [user.mustChangePassword]);

  // close the drawer after navigating
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on navigation
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const items = useMemo<MenuProps['items']>(() => {
    const org = [
      navItem('/outlets', <ShopOutlined />, t('nav.outlets')),
      navItem('/business-types', <TagsOutlined />, t('nav.businessTypes')),
    ];
    const complaints = [
      navItem('/complaints', <MessageOutlined />, t('nav.complaints')),
      navItem('/complaint-stats', <BarChartOutlined />, t('nav.complaintStats')),
      navItem('/complaint-prevention', <SafetyOutlined />, t('nav.complaintPrevention')),
      navItem('/complaint-scripts', <BookOutlined />, t('nav.complaintScripts')),
      navItem('/complaint-drills', <ExperimentOutlined />, t('nav.complaintDrills')),
      navItem('/ten-questions', <QuestionCircleOutlined />, t('nav.tenQuestions')),
      navItem('/complaint-calendar', <CalendarOutlined />, t('nav.holidayCalendar')),
    ];
    // the lobby entry opens the outlet's own lobby for outlet users (the tablet view)
    const lobby = [
      navItem(user.outletId ? `/lobby/${user.outletId}` : '/lobby', <DashboardOutlined />, t('nav.lobby')),
      ...(can.runPlanning(user) ? [navItem('/planning', <DeploymentUnitOutlined />, t('nav.planning'))] : []),
      ...(user.outletId && allows(user, 'roster.read', user.outletId)
        ? [navItem(`/lobby/${user.outletId}/roster`, <ScheduleOutlined />, t('roster.title'))]
        : []),
    ];
    const sys = [
      ...(can.manageUsers(user) ? [navItem('/users', <TeamOutlined />, t('nav.users'))] : []),
      ...(can.readAudit(user) ? [navItem('/audit', <AuditOutlined />, t('nav.audit'))] : []),
      ...(can.readJobs(user) ? [navItem('/jobs', <ClusterOutlined />, t('nav.jobs'))] : []),
    ];
    return [
      navItem('/home', <HomeOutlined />, t('nav.home')),
      { type: 'group', key: 'g-org', label: t('nav.group.organisation'), children: org },
      { type: 'group', key: 'g-lobby', label: t('nav.group.lobby'), children: lobby },
      { type: 'group', key: 'g-complaints', label: t('nav.group.complaints'), children: complaints },
      ...(sys.length
        ? [{ type: 'group' as const, key: 'g-sys', label: t('nav.group.system'), children: sys }]
        : []),
    ];
  }, [t, user]);

  // collapsed to icons, the group titles make no sense: a divider between groups instead
  const shown = useMemo<MenuProps['items']>(
    () =>
      collapsed && wide
        ? (items ?? []).flatMap((i, n) =>
            i && 'type' in i && i.type === 'group'
              ? [
                  ...(n ? [{ type: 'divider' as const, key: `d-${String(i.key)}` }] : []),
                  ...(i.children ?? []),
                ]
              : [i],
          )
        : items,
    [collapsed, wide, items],
  );

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selectedKey(location.pathname, items)]}
      items={shown}
      onClick={({ key, domEvent }) => follow(key, domEvent as unknown as MouseEvent)}
      style={{ borderInlineEnd: 0 }}
    />
  );

  const brand = (
    <Link to="/" className="ld-brand" aria-label={t('nav.home')}>
      <BrandMark />
      {collapsed && wide ? null : <span>{t('app.name')}</span>}
    </Link>
  );

  const roleLine = `${tEnum('userRole', user.role)}${user.outletName ? ` · ${user.outletName}` : ''}`;

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <span className="ld-muted">
            {user.username} · {roleLine}
          </span>
        ),
      },
      { type: 'divider' },
      { key: 'pw', icon: <KeyOutlined />, label: t('password.change') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === 'pw') setPwOpen(true);
      if (key === 'logout') {
        await logout();
        navigate('/login', { replace: true });
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }} className="ld-app">
      {wide ? (
        <Layout.Sider
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="xl"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          {brand}
          {menu}
        </Layout.Sider>
      ) : (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#1f2330' }, header: { display: 'none' } }}
        >
          {brand}
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="ld-header">
          {wide ? null : (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('header.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <div className="ld-header-title">
            {t('app.title')}
            {meta?.bankName ? <span className="ld-header-bank">{meta.bankName}</span> : null}
          </div>
          {meta?.demo ? (
            <Tooltip title={t('header.demoHint')}>
              <Tag color="orange" variant="filled" data-testid="demo-tag" style={{ marginInlineEnd: 0 }}>
                {t('header.demo')}
              </Tag>
            </Tooltip>
          ) : null}
          <div className="ld-header-spacer" />
          {user.mustChangePassword ? null : <NotificationBell />}
          <LanguageSwitch onChange={changeLocale} />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
              <Avatar size="small" style={{ background: '#b8322f' }} icon={<UserOutlined />} />
              <span
                style={{
                  display: 'inline-flex',
                  flexDirection: 'column',
                  alignItems: 'flex-start',
                  lineHeight: 1.2,
                }}
              >
                <span data-testid="user-name">{user.displayName}</span>
                {screens.md && roleLine !== user.displayName ? (
                  <span className="ld-muted" style={{ fontSize: 12 }} data-testid="user-role">
                    {roleLine}
                  </span>
                ) : null}
              </span>
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="ld-content">
          {/* until the password is changed the server answers nothing else: no page asks it */}
          {user.mustChangePassword ? null : (
            <PageBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </PageBoundary>
          )}
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} forced={user.mustChangePassword} />
    </Layout>
  );
}
