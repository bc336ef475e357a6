import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { CSP_NONCE } from './csp';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { can } from './auth/permissions';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { landingPath } from './layout/landing';
import { PageBoundary, PageLoading, replacesPage } from './layout/PageBoundary';
import { LoginPage } from './pages/login/LoginPage';
import { NotFoundPage, RefusedPage } from './pages/NotFoundPage';
import { theme } from './theme';

// Pages load on first visit: the board on a hall screen does not download the back office.
const AuditPage = lazy(() => import('./pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const BusinessTypesPage = lazy(() =>
  import('./pages/business-types/BusinessTypesPage').then((m) => ({ default: m.BusinessTypesPage })),
);
const ComplaintDetailPage = lazy(() =>
  import('./pages/complaints/ComplaintDetailPage').then((m) => ({ default: m.ComplaintDetailPage })),
);
const ComplaintListPage = lazy(() =>
  import('./pages/complaints/ComplaintListPage').then((m) => ({ default: m.ComplaintListPage })),
);
const ComplaintStatsPage = lazy(() =>
  import('./pages/complaints/ComplaintStatsPage').then((m) => ({ default: m.ComplaintStatsPage })),
);
const DecisionNoticePage = lazy(() =>
  import('./pages/complaints/DecisionNoticePage').then((m) => ({ default: m.DecisionNoticePage })),
);
const DrillsPage = lazy(() =>
  import('./pages/complaints/DrillsPage').then((m) => ({ default: m.DrillsPage })),
);
const PreventionPage = lazy(() =>
  import('./pages/complaints/PreventionPage').then((m) => ({ default: m.PreventionPage })),
);
const ScriptsPage = lazy(() =>
  import('./pages/complaints/ScriptsPage').then((m) => ({ default: m.ScriptsPage })),
);
const TenQuestionsCardPage = lazy(() =>
  import('./pages/complaints/TenQuestionsCardPage').then((m) => ({ default: m.TenQuestionsCardPage })),
);
const TenQuestionsPage = lazy(() =>
  import('./pages/complaints/TenQuestionsPage').then((m) => ({ default: m.TenQuestionsPage })),
);
const HolidayCalendarPage = lazy(() =>
  import('./pages/complaints/HolidayCalendarPage').then((m) => ({ default: m.HolidayCalendarPage })),
);
const LobbyBoardPage = lazy(() =>
  import('./pages/lobby/LobbyBoardPage').then((m) => ({ default: m.LobbyBoardPage })),
);
const LobbyHomePage = lazy(() =>
  import('./pages/lobby/LobbyHomePage').then((m) => ({ default: m.LobbyHomePage })),
);
const LobbyReplayPage = lazy(() =>
  import('./pages/lobby/LobbyReplayPage').then((m) => ({ default: m.LobbyReplayPage })),
);
const LobbyTabletPage = lazy(() =>
  import('./pages/lobby/LobbyTabletPage').then((m) => ({ default: m.LobbyTabletPage })),
);
const RosterPage = lazy(() => import('./pages/roster/RosterPage').then((m) => ({ default: m.RosterPage })));
const RosterRulesPage = lazy(() =>
  import('./pages/roster/RosterRulesPage').then((m) => ({ default: m.RosterRulesPage })),
);
const RosterLeavePage = lazy(() =>
  import('./pages/roster/RosterLeavePage').then((m) => ({ default: m.RosterLeavePage })),
);
const RosterPreferencesPage = lazy(() =>
  import('./pages/roster/RosterPreferencesPage').then((m) => ({ default: m.RosterPreferencesPage })),
);
const ModePlanPage = lazy(() =>
  import('./pages/lobby/ModePlanPage').then((m) => ({ default: m.ModePlanPage })),
);
const TicketImportPage = lazy(() =>
  import('./pages/lobby/TicketImportPage').then((m) => ({ default: m.TicketImportPage })),
);
const StaffingRequirementPage = lazy(() =>
  import('./pages/staffing/StaffingRequirementPage').then((m) => ({ default: m.StaffingRequirementPage })),
);
const PlanningPage = lazy(() =>
  import('./pages/planning/PlanningPage').then((m) => ({ default: m.PlanningPage })),
);
const JobsPage = lazy(() => import('./pages/jobs/JobsPage').then((m) => ({ default: m.JobsPage })));
const OutletDetailPage = lazy(() =>
  import('./pages/outlets/OutletDetailPage').then((m) => ({ default: m.OutletDetailPage })),
);
const OutletListPage = lazy(() =>
  import('./pages/outlets/OutletListPage').then((m) => ({ default: m.OutletListPage })),
);
const HomePage = lazy(() => import('./pages/home/HomePage').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('./pages/users/UsersPage').then((m) => ({ default: m.UsersPage })));

dayjs.extend(utc);
dayjs.extend(timezone);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // a 4xx answer (not found, refused, invalid) is final: it shows at once, never retried
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      // the record a page is about (meta: PAGE_QUERY) not found or refused: the page says so
      throwOnError: (error, query) => replacesPage(error, query.meta),
    },
  },
});

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <PageLoading fullscreen />;
  if (!user) {
    const from = location.pathname + location.search;
    return (
      <Navigate to={`/login${from && from !== '/' ? `?from=${encodeURIComponent(from)}` : ''}`} replace />
    );
  }
  return <>{children}</>;
}

function Guard({ allow, children }: { allow: boolean; children: ReactNode }) {
  return allow ? children : <RefusedPage />;
}

function AppRoutes() {
  const { user } = useAuth();
  const location = useLocation();
  return (
    <PageBoundary resetKey={location.pathname}>
      <Suspense fallback={<PageLoading fullscreen />}>
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
            <Route index element={<Navigate to={user ? landingPath(user) : '/home'} replace />} />
            <Route path="home" element={<HomePage />} />
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
            <Route path="complaint-calendar" element={<HolidayCalendarPage />} />
            <Route path="ten-questions/:outletId/:line/card" element={<TenQuestionsCardPage />} />
            <Route path="lobby" element={<LobbyHomePage />} />
            <Route path="lobby/:outletId" element={<LobbyTabletPage />} />
            <Route path="lobby/:outletId/replay" element={<LobbyReplayPage />} />
            <Route path="lobby/:outletId/plan" element={<ModePlanPage />} />
            <Route path="lobby/:outletId/import" element={<TicketImportPage />} />
            <Route path="lobby/:outletId/staffing" element={<StaffingRequirementPage />} />
            <Route path="lobby/:outletId/roster" element={<RosterPage />} />
            <Route path="lobby/:outletId/roster/rules" element={<RosterRulesPage />} />
            <Route path="lobby/:outletId/roster/leave" element={<RosterLeavePage />} />
            <Route path="lobby/:outletId/roster/preferences" element={<RosterPreferencesPage />} />
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
            <Route
              path="planning"
              element={
                <Guard allow={!!user && can.runPlanning(user)}>
                  <PlanningPage />
                </Guard>
              }
            />
            <Route
              path="jobs"
              element={
                <Guard allow={!!user && can.readJobs(user)}>
                  <JobsPage />
                </Guard>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </PageBoundary>
  );
}

/** antd writes its styles into <style> elements with the page's nonce (csp.ts). */
const CSP = { nonce: CSP_NONCE };

function Localised({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNAntd : enUSAntd} theme={theme} csp={CSP}>
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
