import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../core/schemas/common';
import { criteriaList, criteriaQuery, initiativeCreate, initiativeListQuery, initiativePage, initiativeReview, initiativeUpdate, initiativeView } from '../../../core/schemas/initiatives';
import { ctxOf } from '../../lib/context';
import * as service from './service';

const tags = ['initiatives'];

/** Reform initiatives (sáng kiến): register, list and filter, edit while submitted, review by the agency head. */
export async function initiativeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/initiatives',
    { schema: { tags, summary: 'Initiatives the user may read (the province for the secretariat), filtered and paged', querystring: initiativeListQuery, response: { 200: initiativePage } } },
    async (req) => service.listInitiatives(ctxOf(req), req.query),
  );
  r.get(
    '/api/initiatives/criteria',
    { schema: { tags, summary: 'The criteria an agency’s initiative of a year can be linked to', querystring: criteriaQuery, response: { 200: criteriaList } } },
    async (req) => service.listCriteria(ctxOf(req), req.query.agencyId, req.query.year),
  );
  r.post('/api/initiatives', { schema: { tags, summary: 'Register an initiative of the user’s agency', body: initiativeCreate, response: { 201: initiativeView } } }, async (req, reply) =>
    reply.status(201).send(await service.createInitiative(ctxOf(req), req.body)),
  );
  r.get('/api/initiatives/:id', { schema: { tags, summary: 'One initiative', params: idParams, response: { 200: initiativeView } } }, async (req) =>
    service.getInitiative(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/initiatives/:id',
    { schema: { tags, summary: 'Edit a submitted initiative (its author, the focal point or the head)', params: idParams, body: initiativeUpdate, response: { 200: initiativeView } } },
    async (req) => service.updateInitiative(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/initiatives/:id/review',
    { schema: { tags, summary: 'Approve, or reject with a note (agency head)', params: idParams, body: initiativeReview, response: { 200: initiativeView } } },
    async (req) => service.reviewInitiative(ctxOf(req), req.params.id, req.body),
  );
}
