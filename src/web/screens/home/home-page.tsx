import { AuditOutlined, BankOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../../api/auth';
import { useLang, useT } from '../../i18n/i18n-context';
import { roleLabel } from '../../i18n/names';
import { useDocumentTitle } from '../../components/use-document-title';
import { useEffect } from 'react';
import { AgencyDashboard } from '../dashboard/agency-dashboard';
import { AppraiserDashboard } from '../dashboard/appraiser-dashboard';
import { SecretariatDashboard } from '../dashboard/secretariat-dashboard';
import { rememberPublicProvince } from '../public/public-province';
import { PeriodPlaceholder } from './period-placeholder';
import './home-dashboard.css';

const ROLE_COLORS: Record<string, string> = {
  admin: 'volcano',
  secretariat: 'geekblue',
  appraiser: 'purple',
  agency_focal: 'blue',
  agency_head: 'cyan',
  division_head: 'green',
};

function greetingKey(hour: number) {
  if (hour < 11) return 'home.goodMorning' as const;
  if (hour < 18) return 'home.goodAfternoon' as const;
  return 'home.goodEvening' as const;
}

export default function HomePage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  useDocumentTitle(t('nav.home'));
  const agencies = [...new Set(me.user.roles.map((g) => g.agencyNameVi).filter((n): n is string => !!n))];
  const province = lang === 'en' ? me.province.nameEn : me.province.nameVi;
  const roles = new Set(me.user.roles.map((g) => g.role));
  const isAgency = me.user.roles.some((g) => g.agencyId !== null && (g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head'));
  const isSecretariat = roles.has('secretariat') || roles.has('admin');
  const isAppraiser = roles.has('appraiser');
  // The login page's link to the public results opens this province next time on this device.
  useEffect(() => rememberPublicProvince(me.province.code), [me.province.code]);

  const shortcuts = [
    { to: '/admin/agencies', icon: <BankOutlined />, title: t('nav.agencies'), text: t('home.shortcutAgencies'), show: true },
    { to: '/admin/users', icon: <TeamOutlined />, title: t('nav.users'), text: t('home.shortcutUsers'), show: me.abilities['user.list'] === true },
    { to: '/admin/audit', icon: <AuditOutlined />, title: t('nav.audit'), text: t('home.shortcutAudit'), show: me.abilities['audit.list'] === true },
  ].filter((s) => s.show);

  return (
    <div className="pi-home">
      <Card className="pi-card pi-welcome pi-welcome-compact" variant="borderless">
        <Typography.Text type="secondary">{t(greetingKey(new Date().getHours()))}</Typography.Text>
        <Typography.Title level={1} className="pi-welcome-name">
          {me.user.fullName}
        </Typography.Title>
        <div className="pi-welcome-roles" aria-label={t('home.yourRoles')}>
          {me.user.roles.map((g, i) => (
            <Tag key={`${g.role}-${g.agencyId ?? ''}-${g.divisionId ?? ''}-${i}`} color={ROLE_COLORS[g.role]}>
              {roleLabel(lang, g.role)}
              {g.divisionNameVi ? ` · ${g.divisionNameVi}` : ''}
            </Tag>
          ))}
        </div>
        <dl className="pi-welcome-facts">
          {agencies.length > 0 && (
            <div>
              <dt>{t('home.workplace')}</dt>
              <dd data-testid="home-agency">{agencies.join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('home.province')}</dt>
            <dd>{province}</dd>
          </div>
        </dl>
      </Card>

      {isSecretariat && <SecretariatDashboard />}
      {isAppraiser && <AppraiserDashboard />}
      {isAgency && <AgencyDashboard />}
      {!isSecretariat && !isAppraiser && !isAgency && <PeriodPlaceholder />}

      {shortcuts.length > 0 && (
        <section aria-labelledby="home-shortcuts">
          <Typography.Title level={2} id="home-shortcuts" className="pi-section-title">
            {t('home.shortcuts')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.to} xs={24} md={8}>
                <Link to={s.to} className="pi-shortcut">
                  <span className="pi-shortcut-icon" aria-hidden>
                    {s.icon}
                  </span>
                  <span>
                    <span className="pi-shortcut-title">{s.title}</span>
                    <span className="pi-shortcut-text">{s.text}</span>
                  </span>
                </Link>
              </Col>
            ))}
          </Row>
        </section>
      )}
    </div>
  );
}
