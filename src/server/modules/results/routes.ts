import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../../core/schemas/common';
import { groupResults, groupResultsQuery, scorecard, scorecardQuery } from '../../../core/schemas/results';
import { ctxOf } from '../../lib/context';
import * as service from './service';

const tags = ['results'];

/** Results computed from stored scores: a group's ranking and an agency's explainable scorecard. */
export async function resultRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/results',
    { schema: { tags, summary: "A year's group: component indices, total index, rank, rank change, class (from stored scores)", querystring: groupResultsQuery, response: { 200: groupResults } } },
    async (req) => service.groupResults(ctxOf(req), req.query.year, req.query.groupId),
  );
  r.get(
    '/api/results/agencies/:agencyId',
    {
      schema: {
        tags,
        summary: "An agency's scorecard: stage totals and the explained tree (every number traced to its leaf)",
        params: z.object({ agencyId: id }),
        querystring: scorecardQuery,
        response: { 200: scorecard },
      },
    },
    async (req) => service.agencyScorecard(ctxOf(req), req.query.year, req.params.agencyId, req.query.stage),
  );
}
