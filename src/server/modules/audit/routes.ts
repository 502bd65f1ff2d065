import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntry, auditListQuery } from '../../../core/schemas/audit';
import { pageOf } from '../../../core/schemas/common';
import { ctxOf } from '../../lib/context';
import * as service from './service';

/** The audit log browser. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse and filter the append-only audit log',
        querystring: auditListQuery,
        response: { 200: pageOf(auditEntry).extend({ facets: z.object({ entityTypes: z.array(z.string()), actions: z.array(z.string()) }) }) },
      },
    },
    async (req) => service.listAudit(ctxOf(req), req.query),
  );
}
