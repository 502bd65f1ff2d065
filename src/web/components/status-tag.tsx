import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type StatusTone = 'ok' | 'off' | 'danger' | 'warn';

/** A status tag with text dark enough for WCAG AA on its tinted background (antd presets are lighter). */
export function StatusTag({ tone, icon, children }: { tone: StatusTone; icon?: ReactNode; children: ReactNode }) {
  return (
    <Tag className={`pi-status pi-status-${tone}`} icon={icon} variant="outlined">
      {children}
    </Tag>
  );
}
