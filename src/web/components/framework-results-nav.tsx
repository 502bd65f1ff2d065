import { BarChartOutlined, FundProjectionScreenOutlined, PartitionOutlined, RiseOutlined, TableOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { canReadGroupResults, canSeeFrameworks, ownAgencyId } from './framework-results-access';
import { canReadProvinceAnalysis } from './analysis-access';
import { useT } from '../i18n/i18n-context';

type Item = NonNullable<MenuProps['items']>[number];

/**
 * The index entries of the left navigation: the criteria frameworks (secretariat, administrators, appraisers)
 * and the results (the group ranking for those who may read it, else the agency's own scorecard), then the
 * analysis of published results (an agency's, and the province view for the secretariat and administrators).
 */
export function useIndexNav(): { items: Item[]; prefixes: string[] } {
  const t = useT();
  const me = useCurrentUser();
  const link = (to: string, label: string) => <Link to={to}>{label}</Link>;
  const children: Item[] = [];
  if (canSeeFrameworks(me)) children.push({ key: '/frameworks', icon: <PartitionOutlined />, label: link('/frameworks', t('fw.nav')) });
  if (canReadGroupResults(me) || ownAgencyId(me) !== null) children.push({ key: '/results', icon: <BarChartOutlined />, label: link('/results', t('res.nav')) });
  if (me.abilities['matrix.read'] === true) children.push({ key: '/results/matrix', icon: <TableOutlined />, label: link('/results/matrix', t('mx.nav')) });
  children.push({ key: '/analysis', icon: <RiseOutlined />, label: link('/analysis', t('anav.analysis')) });
  if (canReadProvinceAnalysis(me)) children.push({ key: '/analysis/province', icon: <FundProjectionScreenOutlined />, label: link('/analysis/province', t('anav.province')) });
  return {
    items: children.length ? [{ key: 'index', type: 'group', label: t('res.navGroup'), children }] : [],
    prefixes: ['/frameworks', '/results/matrix', '/results', '/analysis/province', '/analysis'],
  };
}
