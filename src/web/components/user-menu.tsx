import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser, useForgetSession, useLogout } from '../api/auth';
import { useLang, useT } from '../i18n/i18n-context';
import { roleLabel } from '../i18n/names';

function initials(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  return last.slice(0, 1).toUpperCase() || '?';
}

/** Logs the user out on the server, then returns to the login page. */
export function useLogoutAction(): { logout: () => void; pending: boolean } {
  const logout = useLogout();
  const forget = useForgetSession();
  const { message } = App.useApp();
  const t = useT();
  return {
    pending: logout.isPending,
    logout: () =>
      logout.mutate(undefined, {
        onSettled: () => {
          forget();
          void message.success(t('auth.loggedOut'));
        },
      }),
  };
}

/** Avatar with the user's name; the menu offers "Change password" and "Log out". */
export function UserMenu() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { logout } = useLogoutAction();
  const roles = me.user.roles.map((g) => roleLabel(lang, g.role)).join(', ');
  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div className="pi-user-menu-head">
          <div className="pi-user-menu-name">{me.user.fullName}</div>
          <div className="pi-user-menu-meta">
            {me.user.username} · {roles}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('nav.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/change-password');
    if (key === 'logout') logout();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="pi-user-button" aria-label={t('nav.userMenu', { name: me.user.fullName })}>
        <Avatar size="small" className="pi-avatar" icon={me.user.fullName ? undefined : <UserOutlined />}>
          {initials(me.user.fullName)}
        </Avatar>
        <span className="pi-user-name">{me.user.fullName}</span>
      </Button>
    </Dropdown>
  );
}
