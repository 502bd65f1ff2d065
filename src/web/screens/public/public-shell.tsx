import { LoginOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BrandMark } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { useT } from '../../i18n/i18n-context';
import './public.css';

/** The frame of the public pages: brand and province, language switch, a way to log in; readable on a phone. */
export function PublicShell({ provinceName, children }: { provinceName: string | null; children: ReactNode }) {
  const t = useT();
  return (
    <div className="pi-pub-page">
      <header className="pi-pub-header">
        <div className="pi-pub-brand">
          <BrandMark size={28} />
          <span className="pi-pub-brand-text">
            <span className="pi-pub-brand-name">ParIndex</span>
            {provinceName && <span className="pi-pub-brand-sub">{provinceName}</span>}
          </span>
        </div>
        <div className="pi-pub-header-right">
          <LanguageSwitch />
          <Link to="/login" className="pi-pub-login" aria-label={t('public.login')}>
            <LoginOutlined aria-hidden /> <span className="pi-pub-login-text">{t('public.login')}</span>
          </Link>
        </div>
      </header>
      <main className="pi-pub-main" id="main">
        {children}
      </main>
      <footer className="pi-pub-footer">{t('public.footer')}</footer>
    </div>
  );
}
