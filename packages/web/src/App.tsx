import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { can } from './auth/permissions';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { BusinessTypesPage } from './pages/business-types/BusinessTypesPage';
import { ComplaintDetailPage } from './pages/complaints/ComplaintDetailPage';
import { ComplaintListPage } from './pages/complaints/ComplaintListPage';
import { ComplaintStatsPage } from './pages/complaints/ComplaintStatsPage';
import { DecisionNoticePage } from './pages/complaints/DecisionNoticePage';
import { DrillsPage } from './pages/complaints/DrillsPage';
import { PreventionPage } from './pages/complaints/PreventionPage';
import { ScriptsPage } from './pages/complaints/ScriptsPage';
import { TenQuestionsCardPage } from './pages/complaints/TenQuestionsCardPage';
import { TenQuestionsPage } from './pages/complaints/TenQuestionsPage';
import { LobbyBoardPage } from './pages/lobby/LobbyBoardPage';
import { LobbyHomePage } from './pages/lobby/LobbyHomePage';
import { LobbyReplayPage } from './pages/lobby/LobbyReplayPage';
import { LobbyTabletPage } from './pages/lobby/LobbyTabletPage';
import { ModePlanPage } from './pages/lobby/ModePlanPage';
import { TicketImportPage } from './pages/lobby/TicketImportPage';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OutletDetailPage } from './pages/outlets/OutletDetailPage';
import { OutletListPage } from './pages/outlets/OutletListPage';
import { UsersPage } from './pages/users/UsersPage';
import { theme } from './theme';

dayjs.extend(utc);
dayjs.extend(timezone);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) {
    return (
      <div className="ld-fullscreen-center">
        <Spin size="large" />
      </div>
    );
  }
  if (!user) {
    const from = location.pathname + location.search;
    return (
      <Navigate to={`/login${from && from !== '/' ? `?from=${encodeURIComponent(from)}` : ''}`} replace />
    );
  }
  return <>{children}</>;
}

function Guard({ allow, children }: { allow: boolean; children: ReactNode }) {
  return allow ? children : <NotFoundPage />;
}

function AppRoutes() {
  const { user } = useAuth();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* the big-screen board: full screen, no menu */}
      <Route
        path="/board/:outletId"
        element={
          <RequireAuth>
            <LobbyBoardPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route
          index
          element={<Navigate to={user?.outletId ? `/outlets/${user.outletId}` : '/outlets'} replace />}
        />
        <Route path="outlets" element={<OutletListPage />} />
        <Route path="outlets/:outletId" element={<OutletDetailPage />} />
        <Route path="outlets/:outletId/:tab" element={<OutletDetailPage />} />
        <Route path="business-types" element={<BusinessTypesPage />} />
        <Route path="complaints" element={<ComplaintListPage />} />
        <Route path="complaints/:id" element={<ComplaintDetailPage />} />
        <Route path="complaints/:id/notice" element={<DecisionNoticePage />} />
        <Route path="complaint-stats" element={<ComplaintStatsPage />} />
        <Route path="complaint-prevention" element={<PreventionPage />} />
        <Route path="complaint-scripts" element={<ScriptsPage />} />
        <Route path="complaint-drills" element={<DrillsPage />} />
        <Route path="ten-questions" element={<TenQuestionsPage />} />
        <Route path="ten-questions/:outletId/:line/card" element={<TenQuestionsCardPage />} />
        <Route path="lobby" element={<LobbyHomePage />} />
        <Route path="lobby/:outletId" element={<LobbyTabletPage />} />
        <Route path="lobby/:outletId/replay" element={<LobbyReplayPage />} />
        <Route path="lobby/:outletId/plan" element={<ModePlanPage />} />
        <Route path="lobby/:outletId/import" element={<TicketImportPage />} />
        <Route
          path="users"
          element={
            <Guard allow={!!user && can.manageUsers(user)}>
              <UsersPage />
            </Guard>
          }
        />
        <Route
          path="audit"
          element={
            <Guard allow={!!user && can.readAudit(user)}>
              <AuditPage />
            </Guard>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Localised({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNAntd : enUSAntd} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </Localised>
      </I18nProvider>
    </QueryClientProvider>
  );
}
