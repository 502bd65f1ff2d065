import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, id, idParams, okReply } from '../../../core/schemas/common';
import { assignmentsBody, assignmentView, extensionCreate, extensionView, periodCreate, periodUpdate, periodView, phaseAdvance, yearsView } from '../../../core/schemas/periods';
import { ctxOf } from '../../lib/context';
import * as service from './service';

const tags = ['periods'];

/** Periods (kỳ đánh giá): deadlines, frameworks per group, phases, extensions, appraiser assignments. */
export async function periodRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/periods', { schema: { tags, summary: 'Periods of my province', response: { 200: z.object({ items: z.array(periodView), abilities }) } } }, async (req) =>
    service.listPeriods(ctxOf(req)),
  );
  r.get('/api/years', { schema: { tags, summary: 'Years with a period or history, and the year to open on by default', response: { 200: yearsView } } }, async (req) =>
    service.listYears(ctxOf(req)),
  );
  r.post('/api/periods', { schema: { tags, summary: 'Create a period (secretariat)', body: periodCreate, response: { 201: periodView } } }, async (req, reply) =>
    reply.status(201).send(await service.createPeriod(ctxOf(req), req.body)),
  );
  r.get('/api/periods/:id', { schema: { tags, summary: 'One period', params: idParams, response: { 200: periodView } } }, async (req) =>
    service.getPeriod(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/periods/:id',
    { schema: { tags, summary: 'Change names, deadlines, frameworks (set-up only)', params: idParams, body: periodUpdate, response: { 200: periodView } } },
    async (req) => service.updatePeriod(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/periods/:id/advance',
    { schema: { tags, summary: 'Move to the next phase (opening creates the assessments)', params: idParams, body: phaseAdvance, response: { 200: periodView } } },
    async (req) => service.advancePhase(ctxOf(req), req.params.id, req.body.to, req.body.version),
  );
  r.get(
    '/api/periods/:id/extensions',
    { schema: { tags, summary: 'Deadline extensions (an agency sees its own)', params: idParams, response: { 200: z.array(extensionView) } } },
    async (req) => service.listExtensions(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/periods/:id/extensions',
    { schema: { tags, summary: "Extend an agency's deadline for a phase, with a reason", params: idParams, body: extensionCreate, response: { 201: extensionView } } },
    async (req, reply) => reply.status(201).send(await service.grantExtension(ctxOf(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/periods/:id/extensions/:extensionId',
    { schema: { tags, summary: 'Revoke an extension', params: z.object({ id, extensionId: id }), response: { 200: okReply } } },
    async (req) => {
      await service.revokeExtension(ctxOf(req), req.params.id, req.params.extensionId);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/periods/:id/assignments',
    { schema: { tags, summary: 'Appraiser assignments (field, optionally agency)', params: idParams, response: { 200: z.array(assignmentView) } } },
    async (req) => service.listAssignments(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/periods/:id/assignments',
    { schema: { tags, summary: 'Replace the appraiser assignments', params: idParams, body: assignmentsBody, response: { 200: z.array(assignmentView) } } },
    async (req) => service.setAssignments(ctxOf(req), req.params.id, req.body),
  );
}
