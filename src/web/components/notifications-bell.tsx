import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover } from 'antd';
import { useT } from '../i18n/i18n-context';

export interface NotificationItem {
  id: string | number;
  title: string;
  at: string;
  read: boolean;
}

/** The notifications of the current user; a stub until the notifications API exists (wire it here only). */
export function useNotifications(): { unread: number; items: NotificationItem[] } {
  return { unread: 0, items: [] };
}

/** The bell in the top bar with the unread count. */
export function NotificationsBell() {
  const t = useT();
  const { unread, items } = useNotifications();
  const content = (
    <div className="pi-notifications">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul>
          {items.map((n) => (
            <li key={n.id}>{n.title}</li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('notifications.title')} content={content}>
      <Button
        type="text"
        aria-label={unread ? t('notifications.unread', { count: unread }) : t('notifications.title')}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined className="pi-topbar-icon" />
          </Badge>
        }
      />
    </Popover>
  );
}
