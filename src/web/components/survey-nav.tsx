import { FormOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

/**
 * The survey entry of the left navigation (secretariat, administrators). The server's `survey.read` navigation
 * ability decides when it sends one; until then the staff roles stand in for it.
 */
export function useSurveyNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  const ability = me.abilities['survey.read'];
  const allowed = ability ?? me.user.roles.some((g) => g.role === 'secretariat' || g.role === 'admin');
  if (!allowed) return { items: [], prefixes: [] };
  return {
    items: [{ key: 'survey', type: 'group', label: t('survey.navGroup'), children: [{ key: '/surveys', icon: <FormOutlined />, label: <Link to="/surveys">{t('survey.nav')}</Link> }] }],
    prefixes: ['/surveys'],
  };
}
