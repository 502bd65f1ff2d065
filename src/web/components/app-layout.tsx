import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';
import { ForcedPasswordChange } from '../screens/change-password/forced-password-change';
import { PeriodProvider } from '../session/period-context';
import { ErrorBoundary } from './error-boundary';
import { PageSpinner } from './full-page-spinner';
import { SideNav } from './side-nav';
import { TopBar } from './top-bar';

/** The shell of every logged-in screen: the selected year, navigation, top bar and the routed page. */
export function AppLayout() {
  const t = useT();
  const me = useCurrentUser();
  const location = useLocation();
  if (me.user.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <PeriodProvider>
      <Layout className="pi-shell">
        <a href="#main" className="pi-skip-link">
          {t('nav.skipToContent')}
        </a>
        <SideNav />
        <Layout>
          <TopBar />
          <Layout.Content id="main" tabIndex={-1} className="pi-content">
            <ErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageSpinner />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </Layout>
    </PeriodProvider>
  );
}
