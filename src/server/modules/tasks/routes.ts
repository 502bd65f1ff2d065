import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../core/schemas/common';
import {
  nextYearBody,
  nextYearResult,
  outputLinkBody,
  outputParams,
  proposalsCreate,
  proposalsQuery,
  proposalsView,
  taskAgencyParams,
  taskCreate,
  taskDetail,
  taskExportQuery,
  taskImportResult,
  taskList,
  taskListQuery,
  taskNoteBody,
  taskUpdate,
  taskView,
} from '../../../core/schemas/tasks';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { readSingleUpload } from '../../lib/uploads';
import { spoolSingleUpload } from '../../lib/storage-upload';
import { checkOutputUpload, linkOutputs, unlinkOutput, uploadOutput, useAsEvidence } from './outputs';
import { exportTasks, importPlan, planTemplate } from './plan';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const tags = ['remediation'];

/** The remediation plan (kế hoạch khắc phục): tasks from lost leaves and plan lines, their history, outputs and next year's evidence. */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/agencies/:agencyId/tasks',
    { schema: { tags, summary: "An agency's tasks (filters: status, kind, division, overdue/soon, text) with counts and divisions", params: taskAgencyParams, querystring: taskListQuery, response: { 200: taskList } } },
    async (req) => service.listTasks(ctxOf(req), req.params.agencyId, req.query),
  );
  r.post(
    '/api/agencies/:agencyId/tasks',
    { schema: { tags, summary: 'Create a task (free, on a leaf of a year, or a plan line)', params: taskAgencyParams, body: taskCreate, response: { 201: taskDetail } } },
    async (req, reply) => reply.status(201).send(await service.createTask(ctxOf(req), req.params.agencyId, req.body)),
  );
  r.get(
    '/api/agencies/:agencyId/tasks/proposals',
    { schema: { tags, summary: 'Tasks proposed from the leaves that lost points in a published year (latest by default)', params: taskAgencyParams, querystring: proposalsQuery, response: { 200: proposalsView } } },
    async (req) => service.proposals(ctxOf(req), req.params.agencyId, req.query.year),
  );
  r.post(
    '/api/agencies/:agencyId/tasks/proposals',
    { schema: { tags, summary: 'Create tasks from ticked lost leaves of a published year (all or nothing)', params: taskAgencyParams, body: proposalsCreate, response: { 201: z.object({ items: z.array(taskView) }) } } },
    async (req, reply) => reply.status(201).send(await service.createFromProposals(ctxOf(req), req.params.agencyId, req.body)),
  );
  r.get(
    '/api/agencies/:agencyId/tasks/export.xlsx',
    { schema: { tags, summary: 'The task table (.xlsx, same filters as the list)', params: taskAgencyParams, querystring: taskExportQuery } },
    async (req, reply) => {
      const f = await exportTasks(ctxOf(req), req.params.agencyId, req.query);
      return sendFile(reply, f.buffer, f.filename, 'xlsx');
    },
  );
  r.get('/api/agencies/:agencyId/tasks/template.xlsx', { schema: { tags, summary: 'The .xlsx template of the plan import', params: taskAgencyParams } }, async (req, reply) => {
    const f = await planTemplate(ctxOf(req), req.params.agencyId);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
  r.post(
    '/api/agencies/:agencyId/tasks/import',
    { schema: { tags, summary: 'Import PAR plan and procedure-control plan lines (.xlsx; row-precise errors, all or nothing)', params: taskAgencyParams, consumes: ['multipart/form-data'], response: { 200: taskImportResult } } },
    async (req) => {
      // Refuse before reading the upload; the service checks again and parses the workbook.
      await service.assertCanManage(ctxOf(req), req.params.agencyId);
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.import);
      return importPlan(ctxOf(req), req.params.agencyId, upload.buffer);
    },
  );
  r.get('/api/tasks/:id', { schema: { tags, summary: 'One task: leaf, history, outputs, evidence target', params: idParams, response: { 200: taskDetail } } }, async (req) =>
    service.getTask(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/tasks/:id',
    { schema: { tags, summary: 'Update a task at the version read (content, divisions, due date, status, progress, note)', params: idParams, body: taskUpdate, response: { 200: taskDetail } } },
    async (req) => service.updateTask(ctxOf(req), req.params.id, req.body),
  );
  r.post('/api/tasks/:id/notes', { schema: { tags, summary: 'Add a progress note', params: idParams, body: taskNoteBody, response: { 201: taskDetail } } }, async (req, reply) =>
    reply.status(201).send(await service.addNote(ctxOf(req), req.params.id, req.body.note)),
  );
  r.post(
    '/api/tasks/:id/outputs',
    {
      schema: {
        tags,
        summary: "Upload an output document into the agency's evidence library and link it (multipart: file, title, docNumber, issuedOn, issuer)",
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: taskDetail },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await checkOutputUpload(ctx, req.params.id);
      const upload = await spoolSingleUpload(req, app.config.uploadMaxBytes);
      try {
        return reply.status(201).send(await uploadOutput(ctx, app.storage, req.params.id, upload));
      } finally {
        await upload.dispose();
      }
    },
  );
  r.post(
    '/api/tasks/:id/outputs/link',
    { schema: { tags, summary: "Link documents of the agency's library as outputs", params: idParams, body: outputLinkBody, response: { 200: taskDetail } } },
    async (req) => linkOutputs(ctxOf(req), req.params.id, req.body.evidenceIds),
  );
  r.delete(
    '/api/tasks/:id/outputs/:evidenceId',
    { schema: { tags, summary: 'Unlink an output document (it stays in the library)', params: outputParams, response: { 200: taskDetail } } },
    async (req) => unlinkOutput(ctxOf(req), req.params.id, req.params.evidenceId),
  );
  r.post(
    '/api/tasks/:id/next-year-evidence',
    {
      schema: {
        tags,
        summary: "Use output documents as evidence of the same leaf in next year's assessment (gated like the self-assessment)",
        params: idParams,
        body: nextYearBody,
        response: { 200: nextYearResult },
      },
    },
    async (req) => useAsEvidence(ctxOf(req), req.params.id, req.body.evidenceIds),
  );
}
