import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** An empty list that says what to do next. */
export function EmptyState({ title, hint, actions }: { title: string; hint?: ReactNode; actions?: ReactNode }) {
  return (
    <Empty
      className="pi-empty"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <div className="pi-empty-title">{title}</div>
          {hint && <div className="pi-empty-hint">{hint}</div>}
        </div>
      }
    >
      {actions}
    </Empty>
  );
}
