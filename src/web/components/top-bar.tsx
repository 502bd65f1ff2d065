import { BankOutlined } from '@ant-design/icons';
import { Layout, Tooltip } from 'antd';
import { useCurrentUser } from '../api/auth';
import { useLang } from '../i18n/i18n-context';
import { LanguageSwitch } from './language-switch';
import { NotificationsBell } from './notifications-bell';
import { PeriodSelect } from './period-select';
import { UserMenu } from './user-menu';

/** The agency the user works for (first agency-scoped role), else the province. */
function useWorkplace(): string {
  const me = useCurrentUser();
  const { lang } = useLang();
  const withAgency = me.user.roles.find((g) => g.agencyNameVi);
  if (withAgency?.agencyNameVi) return withAgency.agencyNameVi;
  return lang === 'en' ? me.province.nameEn : me.province.nameVi;
}

/** Period selector on the left; workplace, language, notifications and the user menu on the right. */
export function TopBar() {
  const workplace = useWorkplace();
  return (
    <Layout.Header className="pi-topbar">
      <PeriodSelect />
      <div className="pi-topbar-right">
        <Tooltip title={workplace}>
          <span className="pi-workplace" data-testid="workplace">
            <BankOutlined aria-hidden className="pi-topbar-icon" />
            <span className="pi-workplace-name">{workplace}</span>
          </span>
        </Tooltip>
        <LanguageSwitch />
        <NotificationsBell />
        <UserMenu />
      </div>
    </Layout.Header>
  );
}
