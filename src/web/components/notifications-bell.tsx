import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type NotificationView, useMarkNotificationsRead, useNotifications } from '../api/notifications';
import { formatDateTime } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import './cycle-styles.css';

/** The bell in the top bar: unread count, the latest notifications; opening one marks it read and follows its link. */
export function NotificationsBell() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const query = useNotifications(lang);
  const mark = useMarkNotificationsRead();
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];

  const follow = (n: NotificationView) => {
    if (!n.read) mark.mutate([n.id]);
    setOpen(false);
    if (n.link && n.link.startsWith('/')) void navigate(n.link);
  };

  const content = (
    <div className="pi-notifications" data-testid="notifications">
      {query.isPending ? (
        <Spin />
      ) : query.error ? (
        <Typography.Text type="danger">{query.error.message}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul className="pi-notif-list">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={`pi-notif-item${n.read ? '' : ' is-unread'}`} onClick={() => follow(n)}>
                {!n.read && <span className="pi-notif-dot" aria-label={t('notifications.unreadOne')} />}
                <span className="pi-notif-text">
                  <span className="pi-notif-title">{n.title}</span>
                  {n.body && <span className="pi-notif-body">{n.body}</span>}
                  <time className="pi-notif-time" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt, lang)}
                  </time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div className="pi-notif-head">
          <span>{t('notifications.title')}</span>
          {unread > 0 && (
            <Button type="link" size="small" loading={mark.isPending} onClick={() => mark.mutate('all')}>
              {t('notifications.markAll')}
            </Button>
          )}
        </div>
      }
      content={content}
    >
      <Button
        type="text"
        data-testid="notifications-bell"
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
