import { Spin } from 'antd';
import { useT } from '../i18n/i18n-context';

/** Shown while the session is being checked. */
export function FullPageSpinner() {
  const t = useT();
  return (
    <div className="pi-center-screen" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="pi-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** Shown while a screen's code is loading. */
export function PageSpinner() {
  const t = useT();
  return (
    <div className="pi-page-spinner" role="status" aria-live="polite">
      <Spin />
      <span className="pi-visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
