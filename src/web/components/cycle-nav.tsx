import { AuditOutlined, CalendarOutlined, FileDoneOutlined, FolderOpenOutlined, GlobalOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

/**
 * The assessment-cycle entries of the left navigation, by role: the agency's own assessment and evidence library;
 * the assessments to appraise or follow; the periods; the published results. `prefixes` mark the entry selected.
 */
export function useCycleNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  const roles = new Set(me.user.roles.map((g) => g.role));
  const agency = me.user.roles.some((g) => g.agencyId !== null && (g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head'));
  const staff = roles.has('secretariat') || roles.has('admin');
  const reviewer = staff || roles.has('appraiser');
  const link = (to: string, label: string) => <Link to={to}>{label}</Link>;
  const children: Item[] = [];
  if (agency) {
    children.push({ key: '/my-assessment', icon: <FileDoneOutlined />, label: link('/my-assessment', t('nav.myAssessment')) });
    children.push({ key: '/evidence', icon: <FolderOpenOutlined />, label: link('/evidence', t('nav.evidence')) });
  }
  if (reviewer) children.push({ key: '/assessments', icon: <AuditOutlined />, label: link('/assessments', roles.has('appraiser') && !staff ? t('nav.appraisal') : t('nav.assessments')) });
  if (reviewer) children.push({ key: '/periods', icon: <CalendarOutlined />, label: link('/periods', t('nav.periods')) });
  children.push({ key: '/public', icon: <GlobalOutlined />, label: link(`/public/${me.province.code}`, t('nav.publicResults')) });
  return {
    items: [{ key: 'cycle', type: 'group', label: t('nav.cycle'), children }],
    prefixes: ['/my-assessment', '/evidence', '/assessments', '/periods'],
  };
}
