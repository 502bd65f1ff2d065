/** In-app notifications of the current user (the bell in the top bar). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { request } from './client';
import { NOTIFICATIONS_KEY } from './keys';

const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;

const notificationList = z.object({ unread: z.number().int(), items: z.array(notificationView) });

/** My latest notifications and the unread count, polled every minute while the page is open. */
export function useNotifications(lang: string) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, lang],
    queryFn: () => request('GET', '/api/notifications', notificationList, { query: { limit: 20 } }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | 'all') => request('POST', '/api/notifications/read', z.object({ unread: z.number().int() }), { body: { ids } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
