import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service';

const readiness = z.object({
  status: z.enum(['ready', 'draining', 'unavailable']),
  database: z.enum(['ok', 'error']),
  storage: z.enum(['ok', 'error']),
});

/** Liveness (`/api/health`) and readiness (`/api/ready`) for load balancers, orchestrators and monitors. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers (no database or storage check)',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => service.checkHealth(app.database),
  );
  r.get(
    '/api/ready',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database and file storage answer and the instance is not shutting down (503 otherwise)',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_req, reply) => {
      const result = await service.checkReady(app.server, app.database, app.storage);
      return reply.code(result.status === 'ready' ? 200 : 503).send(result);
    },
  );
}
