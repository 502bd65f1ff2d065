import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/app-layout';
import { FullPageSpinner } from './components/full-page-spinner';
import { RouteError } from './components/route-error';
import { AuthGate } from './session/auth-gate';
import { RequireAbility } from './session/require-ability';
import { cycleRoutes, publicRoutes } from './screens/periods/cycle-routes';
import { frameworkRoutes } from './screens/frameworks/framework-routes';
import { resultsRoutes } from './screens/results/results-routes';
import { analysisRoutes } from './screens/analysis/analysis-routes';
import { surveyPublicRoutes, surveyRoutes } from './screens/surveys/survey-routes';
import { remediationRoutes } from './screens/remediation/remediation-routes';
import { councilRoutes } from './screens/council/council-routes';

// Every screen is its own chunk: the first load carries only the shell.
const LoginPage = lazy(() => import('./screens/login/login-page'));
const HomePage = lazy(() => import('./screens/home/home-page'));
const ChangePasswordPage = lazy(() => import('./screens/change-password/change-password-page'));
const AgenciesPage = lazy(() => import('./screens/agencies/agencies-page'));
const AgencyGroupsPage = lazy(() => import('./screens/agency-groups/agency-groups-page'));
const UsersPage = lazy(() => import('./screens/users/users-page'));
const AuditPage = lazy(() => import('./screens/audit/audit-page'));
const ProvincePage = lazy(() => import('./screens/province/province-page'));
const BackupsPage = lazy(() => import('./screens/backups/backups-page'));
const HistoryPage = lazy(() => import('./screens/history/history-page'));
const LineagePage = lazy(() => import('./screens/lineage/lineage-page'));
const NotFoundPage = lazy(() => import('./screens/not-found/not-found-page'));

/** The routes of the app; `/login` is public, everything else needs a session. */
export function createRouter() {
  return createBrowserRouter([
    ...publicRoutes,
    ...surveyPublicRoutes,
    {
      path: '/login',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<FullPageSpinner />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      element: <AuthGate />,
      errorElement: <RouteError />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'change-password', element: <ChangePasswordPage /> },
            { path: 'admin/agencies', element: <AgenciesPage /> },
            { path: 'admin/agency-groups', element: <AgencyGroupsPage /> },
            {
              path: 'admin/history',
              element: (
                <RequireAbility action="history.import">
                  <HistoryPage />
                </RequireAbility>
              ),
            },
            { path: 'admin/lineage', element: <LineagePage /> },
            {
              path: 'admin/users',
              element: (
                <RequireAbility action="user.list">
                  <UsersPage />
                </RequireAbility>
              ),
            },
            {
              path: 'admin/audit',
              element: (
                <RequireAbility action="audit.list">
                  <AuditPage />
                </RequireAbility>
              ),
            },
            { path: 'admin/province', element: <ProvincePage /> },
            {
              path: 'admin/backups',
              element: (
                <RequireAbility action="backup.list">
                  <BackupsPage />
                </RequireAbility>
              ),
            },
            ...cycleRoutes,
            ...frameworkRoutes,
            ...resultsRoutes,
            ...analysisRoutes,
            ...surveyRoutes,
            ...remediationRoutes,
            ...councilRoutes,
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
