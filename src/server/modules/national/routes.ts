import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { code } from '../../../core/schemas/common';
import { nationalResults } from '../../../core/schemas/national';
import { ctxOf } from '../../lib/context';
import * as service from './service';

/** The national tier: a province's results in the national ranking, signed in and on the public pages. */
export async function nationalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/national/results',
    { schema: { tags: ['results'], summary: "The province's results in the national ranking (rank of N, index, change, component indices), per year", response: { 200: nationalResults } } },
    async (req) => service.ownNationalResults(ctxOf(req)),
  );
  r.get(
    '/api/public/:province/national-results',
    { config: { public: true }, schema: { tags: ['public results'], summary: "A province's published national results", params: z.object({ province: code }), response: { 200: nationalResults } } },
    async (req) => service.publicNationalResults(ctxOf(req), req.params.province),
  );
}
