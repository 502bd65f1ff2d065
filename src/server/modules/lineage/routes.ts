import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okReply } from '../../../core/schemas/common';
import { lineageCreate, lineageEvent, lineageList, lineageUpdate } from '../../../core/schemas/history';
import { ctxOf } from '../../lib/context';
import * as service from './service';

/** Agency lineage: renames, mergers and splits with the year they take effect, and a merger's comparison rule. */
export async function lineageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/lineage', { schema: { tags: ['lineage'], summary: 'Recorded renames, mergers and splits', response: { 200: lineageList } } }, async (req) => service.listLineage(ctxOf(req)));
  r.post(
    '/api/lineage',
    { schema: { tags: ['lineage'], summary: 'Record a rename (A → A′), merger (A + B → C) or split (A → B + C)', body: lineageCreate, response: { 201: lineageEvent } } },
    async (req, reply) => reply.status(201).send(await service.createLineage(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/lineage/:id',
    { schema: { tags: ['lineage'], summary: "Change a merger's comparison rule or an event's note", params: idParams, body: lineageUpdate, response: { 200: lineageEvent } } },
    async (req) => service.updateLineage(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/lineage/:id',
    { schema: { tags: ['lineage'], summary: 'Delete a recorded change', params: idParams, querystring: z.object({ version: z.coerce.number().int().positive() }), response: { 200: okReply } } },
    async (req) => service.deleteLineage(ctxOf(req), req.params.id, req.query.version),
  );
}
