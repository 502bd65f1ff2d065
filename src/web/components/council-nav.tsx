import { ApartmentOutlined, BulbOutlined, TrophyOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import type { Role } from '../../core/domain/roles';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

// The roles the server's council, initiative and commendation policies name (policies/remediation.ts); the server
// still decides every request.
const COUNCIL_ROLES: readonly Role[] = ['admin', 'secretariat', 'agency_focal', 'agency_head', 'division_head'];
const COMMENDATION_ROLES: readonly Role[] = ['admin', 'secretariat'];

/** The "Thi đua, đánh giá nội bộ" entries of the left navigation: internal council, initiatives, commendation proposals. */
export function useCouncilNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  const has = (roles: readonly Role[]) => me.user.roles.some((g) => roles.includes(g.role));
  const children: Item[] = [];
  if (has(COUNCIL_ROLES)) {
    children.push({ key: '/council', icon: <ApartmentOutlined />, label: <Link to="/council">{t('council.nav')}</Link> });
    children.push({ key: '/initiatives', icon: <BulbOutlined />, label: <Link to="/initiatives">{t('ini.nav')}</Link> });
  }
  if (has(COMMENDATION_ROLES)) children.push({ key: '/commendations', icon: <TrophyOutlined />, label: <Link to="/commendations">{t('com.nav')}</Link> });
  return {
    items: children.length ? [{ key: 'council', type: 'group', label: t('council.navGroup'), children }] : [],
    prefixes: ['/council', '/initiatives', '/commendations'],
  };
}
