import { FormOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

/** The survey entry of the left navigation, shown from the server's `survey.read` navigation ability. */
export function useSurveyNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  if (me.abilities['survey.read'] !== true) return { items: [], prefixes: [] };
  return {
    items: [{ key: 'survey', type: 'group', label: t('survey.navGroup'), children: [{ key: '/surveys', icon: <FormOutlined />, label: <Link to="/surveys">{t('survey.nav')}</Link> }] }],
    prefixes: ['/surveys'],
  };
}
