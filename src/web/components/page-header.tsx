import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-context';
import { useDocumentTitle } from './use-document-title';

export interface Crumb {
  title: string;
  to?: string;
}

/** Page title with breadcrumbs (deep pages) and the page's main actions on the right. */
export function PageHeader({
  title,
  subtitle,
  crumbs,
  extra,
}: {
  title: string;
  subtitle?: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
}) {
  const t = useT();
  useDocumentTitle(title);
  return (
    <header className="pi-page-header">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          className="pi-breadcrumb"
          items={[{ title: <Link to="/">{t('nav.home')}</Link> }, ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))]}
        />
      )}
      <div className="pi-page-header-row">
        <div className="pi-page-header-text">
          <Typography.Title level={1} className="pi-page-title">
            {title}
          </Typography.Title>
          {subtitle && <Typography.Paragraph className="pi-page-subtitle">{subtitle}</Typography.Paragraph>}
        </div>
        {extra && <div className="pi-page-actions">{extra}</div>}
      </div>
    </header>
  );
}
