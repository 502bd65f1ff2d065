import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BranchesOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  HistoryOutlined,
  HomeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../api/auth';
import { useLang, useT } from '../i18n/i18n-context';
import { Brand } from './brand';
import { useCycleNav } from './cycle-nav';
import { useIndexNav } from './framework-results-nav';
import { useSurveyNav } from './survey-nav';
import { useRemediationNav } from './remediation-nav';
import { useCouncilNav } from './council-nav';

type Item = NonNullable<MenuProps['items']>[number];

/** Left navigation; entries appear from the server's abilities (me.abilities, full action names). */
export function SideNav() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const can = (action: string) => me.abilities[action] === true;
  const cycle = useCycleNav();
  const index = useIndexNav();
  const survey = useSurveyNav();
  const remediation = useRemediationNav();
  const council = useCouncilNav();

  const link = (to: string, label: string) => <Link to={to}>{label}</Link>;
  const admin: Item[] = [];
  if (can('user.list')) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: link('/admin/users', t('nav.users')) });
  if (can('audit.list')) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: link('/admin/audit', t('nav.audit')) });
  if (can('province.update'))
    admin.push({ key: '/admin/province', icon: <EnvironmentOutlined />, label: link('/admin/province', t('nav.province')) });
  if (can('backup.list')) admin.push({ key: '/admin/backups', icon: <DatabaseOutlined />, label: link('/admin/backups', t('nav.backups')) });

  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: link('/', t('nav.home')) },
    {
      key: 'org',
      type: 'group',
      label: t('nav.groupOrganisation'),
      children: [
        { key: '/admin/agencies', icon: <BankOutlined />, label: link('/admin/agencies', t('nav.agencies')) },
        { key: '/admin/agency-groups', icon: <ApartmentOutlined />, label: link('/admin/agency-groups', t('nav.agencyGroups')) },
        { key: '/admin/lineage', icon: <BranchesOutlined />, label: link('/admin/lineage', t('nav.lineage')) },
        ...(can('history.import') ? [{ key: '/admin/history', icon: <HistoryOutlined />, label: link('/admin/history', t('nav.history')) }] : []),
      ],
    },
  ];
  if (admin.length) items.push({ key: 'admin', type: 'group', label: t('nav.groupAdmin'), children: admin });
  items.splice(1, 0, ...cycle.items);
  items.splice(1 + cycle.items.length, 0, ...index.items);
  items.splice(1 + cycle.items.length + index.items.length, 0, ...survey.items);
  items.splice(1 + cycle.items.length + index.items.length + survey.items.length, 0, ...remediation.items);
  items.splice(1 + cycle.items.length + index.items.length + survey.items.length + remediation.items.length, 0, ...council.items);

  const selected = [...cycle.prefixes, ...index.prefixes, ...survey.prefixes, ...remediation.prefixes, ...council.prefixes, '/admin/agencies', '/admin/agency-groups', '/admin/lineage', '/admin/history', '/admin/users', '/admin/audit', '/admin/province', '/admin/backups'].find((p) =>
    location.pathname.startsWith(p),
  );
  return (
    <Layout.Sider
      className="pi-sider"
      width={232}
      collapsible
      collapsed={collapsed}
      onCollapse={setCollapsed}
      breakpoint="lg"
      theme="dark"
      trigger={null}
    >
      <Brand collapsed={collapsed} provinceName={lang === 'en' ? me.province.nameEn : me.province.nameVi} />
      <nav aria-label={t('nav.main')}>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected ?? (location.pathname === '/' ? '/' : '')]}
          items={items}
        />
      </nav>
      <button
        type="button"
        className="pi-sider-toggle"
        onClick={() => setCollapsed((c) => !c)}
        aria-expanded={!collapsed}
        aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
      >
        {collapsed ? '»' : '«'}
      </button>
    </Layout.Sider>
  );
}
