import { Button, type ButtonProps, Tooltip } from 'antd';
import { useT } from '../i18n/i18n-context';

/**
 * A button governed by a server ability: enabled when allowed; otherwise hidden (`whenDenied="hide"`) or disabled
 * with a tooltip saying why. The rule itself is never re-implemented here.
 */
export function GuardedButton({
  allowed,
  deniedReason,
  whenDenied = 'disable',
  ...props
}: ButtonProps & { allowed: boolean | undefined; deniedReason?: string; whenDenied?: 'hide' | 'disable' }) {
  const t = useT();
  if (allowed) return <Button {...props} />;
  if (whenDenied === 'hide') return null;
  return (
    <Tooltip title={deniedReason ?? t('ability.denied')}>
      <span className="pi-disabled-wrap">
        <Button {...props} disabled aria-disabled />
      </span>
    </Tooltip>
  );
}
