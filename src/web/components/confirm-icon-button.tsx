import { Button, Popconfirm, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/i18n-context';

/**
 * An icon button that asks for confirmation. Its tooltip hides while the confirmation is open, so it never covers
 * the confirmation's buttons.
 */
export function ConfirmIconButton({
  label,
  icon,
  danger,
  loading,
  title,
  description,
  okText,
  onConfirm,
}: {
  /** Accessible name and tooltip, e.g. "Ngừng hoạt động SNV". */
  label: string;
  icon: ReactNode;
  danger?: boolean;
  loading?: boolean;
  title: string;
  description?: string;
  okText: string;
  onConfirm: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Popconfirm
      open={open}
      onOpenChange={setOpen}
      title={title}
      description={description}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('action.cancel')}
      onConfirm={onConfirm}
    >
      <Tooltip title={label} open={open ? false : undefined}>
        <Button type="text" size="small" danger={danger} loading={loading} icon={icon} aria-label={label} />
      </Tooltip>
    </Popconfirm>
  );
}
