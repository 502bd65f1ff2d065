import { LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Button, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth';
import { BrandMark } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { useLogoutAction } from '../../components/user-menu';
import { useDocumentTitle } from '../../components/use-document-title';
import { useT } from '../../i18n/i18n-context';
import { ChangePasswordForm } from './change-password-form';

/**
 * Shown instead of any screen while the account must change its password (first login, or after an administrator
 * reset it). Once changed, the page the user asked for appears.
 */
export function ForcedPasswordChange() {
  const t = useT();
  useDocumentTitle(t('password.forcedTitle'));
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { logout, pending } = useLogoutAction();
  return (
    <div className="pi-forced">
      <header className="pi-forced-bar">
        <span className="pi-forced-brand">
          <BrandMark size={26} /> ParIndex
        </span>
        <span className="pi-forced-actions">
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} onClick={logout} loading={pending}>
            {t('nav.logout')}
          </Button>
        </span>
      </header>
      <main className="pi-forced-main" id="main">
        <div className="pi-login-card">
          <Typography.Title level={1} className="pi-login-title">
            {t('password.forcedTitle')}
          </Typography.Title>
          <Alert
            type="info"
            showIcon
            className="pi-login-alert"
            title={t('password.forcedText', { name: me.user.fullName })}
          />
          <ChangePasswordForm
            submitLabel={t('password.forcedSubmit')}
            onDone={() => void message.success(t('password.changed'))}
          />
        </div>
      </main>
    </div>
  );
}
