import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, year } from '../../../core/schemas/common';
import {
  commendationDecision,
  commendationGenerate,
  commendationGenerateResult,
  commendationList,
  commendationListQuery,
  commendationUpdate,
  commendationView,
} from '../../../core/schemas/commendations';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { commendationsXlsx } from './export';
import * as service from './service';

const tags = ['commendations'];

/** Commendation proposals (đề xuất khen thưởng) for the yearly review. */
export async function commendationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/commendations',
    { schema: { tags, summary: 'The proposals of a year (all for the secretariat, an agency’s own for its staff)', querystring: commendationListQuery, response: { 200: commendationList } } },
    async (req) => service.listCommendations(ctxOf(req), req.query),
  );
  r.post(
    '/api/commendations/generate',
    { schema: { tags, summary: 'Generate proposals from a published year’s results and approved initiatives (idempotent)', body: commendationGenerate, response: { 200: commendationGenerateResult } } },
    async (req) => service.generateCommendations(ctxOf(req), req.body),
  );
  r.patch(
    '/api/commendations/:id',
    { schema: { tags, summary: 'Edit the basis of a proposal', params: idParams, body: commendationUpdate, response: { 200: commendationView } } },
    async (req) => service.updateCommendation(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/commendations/:id/decision',
    { schema: { tags, summary: 'Approve, reject, or reopen a proposal', params: idParams, body: commendationDecision, response: { 200: commendationView } } },
    async (req) => service.decideCommendation(ctxOf(req), req.params.id, req.body),
  );
  r.get('/api/commendations/export.xlsx', { schema: { tags, summary: 'The year’s proposals (.xlsx) for the yearly review', querystring: z.object({ year }) } }, async (req, reply) => {
    const f = await commendationsXlsx(ctxOf(req), req.query.year);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
}
