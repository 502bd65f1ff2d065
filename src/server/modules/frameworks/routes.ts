import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, idParams, okReply } from '../../../core/schemas/common';
import {
  diffQuery,
  frameworkClone,
  frameworkCreate,
  frameworkDetail,
  frameworkDiffView,
  frameworkListQuery,
  frameworkPublish,
  frameworkSave,
  frameworkSummary,
} from '../../../core/schemas/frameworks';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { readSingleUpload } from '../../lib/uploads';
import { exportFrameworkJson, exportFrameworkXlsx, importFramework } from './import';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const tags = ['frameworks'];

/** Criteria frameworks: list, tree document, save (drafts), publish, clone, new revision, diff, import/export. */
export async function frameworkRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/frameworks',
    { schema: { tags, summary: 'Frameworks by year and agency group', querystring: frameworkListQuery, response: { 200: z.object({ items: z.array(frameworkSummary), abilities }) } } },
    async (req) => service.listFrameworks(ctxOf(req), req.query),
  );
  r.post(
    '/api/frameworks',
    { schema: { tags, summary: 'Create a draft framework', body: frameworkCreate, response: { 201: frameworkDetail } } },
    async (req, reply) => reply.status(201).send(await service.createFramework(ctxOf(req), req.body)),
  );
  r.post(
    '/api/frameworks/import',
    {
      schema: {
        tags,
        summary: 'Import a framework (.xlsx or JSON; multipart fields: file, year, groupId, nameVi) as a new draft; row-precise errors',
        consumes: ['multipart/form-data'],
        response: { 201: frameworkDetail },
      },
    },
    async (req, reply) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.largeImport);
      return reply.status(201).send(await importFramework(ctxOf(req), upload, upload.fields));
    },
  );
  r.get(
    '/api/frameworks/:id',
    { schema: { tags, summary: 'A framework: document (flat nodes), problems, totals, abilities', params: idParams, response: { 200: frameworkDetail } } },
    async (req) => service.getFramework(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/frameworks/:id',
    { schema: { tags, summary: 'Save the whole document of a draft (send the version you read)', params: idParams, body: frameworkSave, response: { 200: frameworkDetail } } },
    async (req) => service.saveFramework(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/frameworks/:id',
    { schema: { tags, summary: 'Delete a draft that no period uses', params: idParams, response: { 200: okReply } } },
    async (req) => {
      await service.deleteFramework(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/frameworks/:id/publish',
    { schema: { tags, summary: 'Publish a draft without errors (it becomes immutable)', params: idParams, body: frameworkPublish, response: { 200: frameworkDetail } } },
    async (req) => service.publishFramework(ctxOf(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/frameworks/:id/clone',
    { schema: { tags, summary: 'Clone into a new draft for a year and group', params: idParams, body: frameworkClone, response: { 201: frameworkDetail } } },
    async (req, reply) => reply.status(201).send(await service.cloneFramework(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/frameworks/:id/revisions',
    { schema: { tags, summary: 'Start a new draft revision of a published framework', params: idParams, response: { 201: frameworkDetail } } },
    async (req, reply) => reply.status(201).send(await service.newRevision(ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/frameworks/:id/diff',
    { schema: { tags, summary: 'What changed from framework `against` to this one', params: idParams, querystring: diffQuery, response: { 200: frameworkDiffView } } },
    async (req) => service.diffFrameworks(ctxOf(req), req.params.id, req.query.against),
  );
  r.get(
    '/api/frameworks/:id/export.xlsx',
    { schema: { tags, summary: 'Export as .xlsx (provinces\' layout)', params: idParams } },
    async (req, reply) => {
      const f = await exportFrameworkXlsx(ctxOf(req), req.params.id);
      return sendFile(reply, f.buffer, f.filename, 'xlsx');
    },
  );
  r.get(
    '/api/frameworks/:id/export.json',
    { schema: { tags, summary: 'Export as JSON', params: idParams } },
    async (req, reply) => {
      const f = await exportFrameworkJson(ctxOf(req), req.params.id);
      return sendFile(reply, f.body, f.filename, 'json');
    },
  );
}
