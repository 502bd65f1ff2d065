import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { wasLoggedOutOnPurpose, useMe } from '../api/auth';
import { readStoredLang } from '../i18n/storage';
import { useLang, useT } from '../i18n/i18n-context';
import { FullPageSpinner } from '../components/full-page-spinner';
import { loginPath } from './next-path';

/**
 * Lets only a logged-in user through; everyone else goes to the login page, which brings them back to the page
 * they asked for. Without a language chosen on this device, the account's preferred language is used.
 */
export function AuthGate() {
  const t = useT();
  const { lang, setLang } = useLang();
  const location = useLocation();
  const { data: me, isPending, error, refetch, isFetching } = useMe();

  const accountLang = me?.user.lang;
  useEffect(() => {
    if (accountLang && !readStoredLang() && accountLang !== lang) setLang(accountLang, { remember: false });
  }, [accountLang, lang, setLang]);

  if (isPending) return <FullPageSpinner />;
  if (error) {
    return (
      <Result
        status="warning"
        title={t('error.loadFailed')}
        subTitle={error.message}
        extra={
          <Button type="primary" loading={isFetching} onClick={() => void refetch()}>
            {t('action.retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    // After "Log out" the next person starts from the home page, not from the previous user's screen.
    const target = wasLoggedOutOnPurpose() ? '/login' : loginPath(location.pathname + location.search);
    return <Navigate to={target} replace />;
  }
  return <Outlet />;
}
