import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useCan } from '../api/auth';
import { useT } from '../i18n/i18n-context';

/** Shows the page only when the server grants the global ability (full action name); otherwise says why. */
export function RequireAbility({ action, children }: { action: string; children: ReactNode }) {
  const t = useT();
  const allowed = useCan(action);
  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  return <>{children}</>;
}
