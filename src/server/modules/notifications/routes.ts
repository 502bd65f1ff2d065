import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../../core/schemas/common';
import { ctxOf } from '../../lib/context';
import * as service from './service';

const notificationView = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

/** In-app notifications of the current user. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications (newest first) and the unread count',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), unread: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ unread: z.number().int(), items: z.array(notificationView) }) },
      },
    },
    async (req) => service.listMyNotifications(ctxOf(req), req.query.limit, req.query.unread === 'true'),
  );
  r.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read (ids, or all)',
        body: z.object({ ids: z.union([z.array(id).max(500), z.literal('all')]) }),
        response: { 200: z.object({ unread: z.number().int() }) },
      },
    },
    async (req) => ({ unread: await service.markMyNotificationsRead(ctxOf(req), req.body.ids) }),
  );
}
