import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountabilityView,
  agencyIdParams,
  councilQuery,
  councilRecordBody,
  councilScoresBody,
  councilSheet,
  responsibilitiesBody,
  responsibilitiesView,
} from '../../../core/schemas/council';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { councilXlsx } from './export';
import * as service from './service';

const tags = ['internal council'];

/** The internal council (hội đồng đánh giá CCHC nội bộ) of an agency for a period. */
export async function councilRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/agencies/:agencyId/council',
    { schema: { tags, summary: 'The council sheet: per division its leaves, points lost, tasks, score and rank', params: agencyIdParams, querystring: councilQuery, response: { 200: councilSheet } } },
    async (req) => service.getSheet(ctxOf(req), req.params.agencyId, req.query.periodId),
  );
  r.get(
    '/api/agencies/:agencyId/council/responsibilities',
    { schema: { tags, summary: 'Which division answers for which leaf of the period’s framework', params: agencyIdParams, querystring: councilQuery, response: { 200: responsibilitiesView } } },
    async (req) => service.getResponsibilities(ctxOf(req), req.params.agencyId, req.query.periodId),
  );
  r.put(
    '/api/agencies/:agencyId/council/responsibilities',
    { schema: { tags, summary: 'Assign leaves to divisions (bulk; divisionId null clears)', params: agencyIdParams, body: responsibilitiesBody, response: { 200: responsibilitiesView } } },
    async (req) => service.setResponsibilities(ctxOf(req), req.params.agencyId, req.body),
  );
  r.put(
    '/api/agencies/:agencyId/council/scores',
    { schema: { tags, summary: 'Save the council’s scores (0–100, 2 decimals) and comments; the first save creates the draft', params: agencyIdParams, body: councilScoresBody, response: { 200: councilSheet } } },
    async (req) => service.saveScores(ctxOf(req), req.params.agencyId, req.body),
  );
  r.post(
    '/api/agencies/:agencyId/council/record',
    { schema: { tags, summary: 'Record the council’s result (decision number and date); immutable afterwards', params: agencyIdParams, body: councilRecordBody, response: { 200: councilSheet } } },
    async (req) => service.recordEvaluation(ctxOf(req), req.params.agencyId, req.body),
  );
  r.get(
    '/api/agencies/:agencyId/council/accountability',
    { schema: { tags, summary: 'The agency head’s view: which division lost what, who is behind on tasks', params: agencyIdParams, querystring: councilQuery, response: { 200: accountabilityView } } },
    async (req) => service.getAccountability(ctxOf(req), req.params.agencyId, req.query.periodId),
  );
  r.get(
    '/api/agencies/:agencyId/council/export.xlsx',
    { schema: { tags, summary: 'The council sheet (.xlsx)', params: agencyIdParams, querystring: councilQuery } },
    async (req, reply) => {
      const f = await councilXlsx(ctxOf(req), req.params.agencyId, req.query.periodId);
      return sendFile(reply, f.buffer, f.filename, 'xlsx');
    },
  );
}
