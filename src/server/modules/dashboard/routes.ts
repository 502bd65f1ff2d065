import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../../core/schemas/common';
import { ctxOf } from '../../lib/context';
import * as service from './service';

/** The role-based home page. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: "Home by role: the agency's card and to-dos, the appraiser's queue, the secretariat's matrix, last year's figures",
        querystring: z.object({ periodId: id.optional() }),
      },
    },
    async (req) => service.dashboard(ctxOf(req), req.query.periodId),
  );
}
