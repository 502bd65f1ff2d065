import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agencyAnalysisQuery, agencyIdParams, provinceAnalysisQuery } from '../../../core/schemas/analysis';
import { ctxOf } from '../../lib/context';
import { agencyAnalysis, provinceAnalysis } from './service';

const tags = ['analysis'];

/** The analysis of published results: one agency, and the province view of a group. */
export async function analysisRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/analysis/agencies/:agencyId',
    { schema: { tags, summary: "An agency's analysis for a published year (summary, comparison, waterfall, lost leaves, what it takes, robustness, trends)", params: agencyIdParams, querystring: agencyAnalysisQuery } },
    async (req) => agencyAnalysis(ctxOf(req), req.params.agencyId, req.query),
  );
  r.get(
    '/api/analysis/province',
    { schema: { tags, summary: 'The province view of a group for a published year (distribution, heat map, weakest fields and leaves, movers)', querystring: provinceAnalysisQuery } },
    async (req) => provinceAnalysis(ctxOf(req), req.query.year, req.query.groupId),
  );
}
