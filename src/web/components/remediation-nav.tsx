import { CarryOutOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

/**
 * The remediation plan's entry of the left navigation: an agency's focal point, head and division heads (their
 * agency's tasks), the secretariat and administrators (any agency's tasks, read-only).
 */
export function useRemediationNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  const agency = me.user.roles.some((g) => g.agencyId !== null && (g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head'));
  const staff = me.user.roles.some((g) => g.role === 'secretariat' || g.role === 'admin');
  if (!agency && !staff) return { items: [], prefixes: [] };
  return {
    items: [
      {
        key: 'remediation',
        type: 'group',
        label: t('task.navGroup'),
        children: [{ key: '/remediation', icon: <CarryOutOutlined />, label: <Link to="/remediation">{t('task.nav')}</Link> }],
      },
    ],
    prefixes: ['/remediation'],
  };
}
