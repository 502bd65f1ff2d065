import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, idParams, LIMITS, pageOf, text } from '../../../core/schemas/common';
import {
  agency,
  agencyCreate,
  agencyGroup,
  agencyGroupCreate,
  agencyGroupUpdate,
  agencyListQuery,
  agencyUpdate,
  division,
  divisionCreate,
  divisionUpdate,
  importResult,
  province,
} from '../../../core/schemas/org';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { readSingleUpload } from '../../lib/uploads';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';


/** The organisation: province, agency groups, agencies (with .xlsx import/export) and divisions. */
export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/province', { schema: { tags: ['organisation'], summary: 'My province', response: { 200: province } } }, async (req) =>
    service.getProvince(ctxOf(req)),
  );
  r.patch(
    '/api/province',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Rename the province or its governing body line',
        body: z.object({ nameVi: text().optional(), nameEn: text().optional(), governingBodyVi: text(LIMITS.shortText).optional(), version: z.number().int().positive() }),
        response: { 200: province },
      },
    },
    async (req) => service.updateProvince(ctxOf(req), req.body),
  );

  r.get(
    '/api/agency-groups',
    { schema: { tags: ['organisation'], summary: 'Agency groups', response: { 200: z.object({ items: z.array(agencyGroup), abilities }) } } },
    async (req) => service.listGroups(ctxOf(req)),
  );
  r.post(
    '/api/agency-groups',
    { schema: { tags: ['organisation'], summary: 'Create an agency group', body: agencyGroupCreate, response: { 201: agencyGroup } } },
    async (req, reply) => reply.status(201).send(await service.createGroup(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/agency-groups/:id',
    { schema: { tags: ['organisation'], summary: 'Edit or deactivate an agency group', params: idParams, body: agencyGroupUpdate, response: { 200: agencyGroup } } },
    async (req) => service.updateGroup(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/agencies',
    { schema: { tags: ['organisation'], summary: 'Agencies (paginated, accent-insensitive search)', querystring: agencyListQuery, response: { 200: pageOf(agency) } } },
    async (req) => service.listAgencies(ctxOf(req), req.query),
  );
  r.get(
    '/api/agencies/export.xlsx',
    { schema: { tags: ['organisation'], summary: 'All agencies as .xlsx in the import layout' } },
    async (req, reply) => sendFile(reply, await service.exportAgencies(ctxOf(req)), 'co-quan.xlsx', 'xlsx'),
  );
  r.post(
    '/api/agencies/import',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Import agencies from .xlsx (multipart field "file"); all or nothing, row-precise errors',
        consumes: ['multipart/form-data'],
        response: { 200: importResult },
      },
    },
    async (req) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.import);
      return service.importAgencies(ctxOf(req), upload.buffer);
    },
  );
  r.get(
    '/api/agencies/:id',
    { schema: { tags: ['organisation'], summary: 'One agency', params: idParams, response: { 200: agency } } },
    async (req) => service.getAgency(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/agencies',
    { schema: { tags: ['organisation'], summary: 'Create an agency', body: agencyCreate, response: { 201: agency } } },
    async (req, reply) => reply.status(201).send(await service.createAgency(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/agencies/:id',
    { schema: { tags: ['organisation'], summary: 'Edit or deactivate an agency (send the version you read)', params: idParams, body: agencyUpdate, response: { 200: agency } } },
    async (req) => service.updateAgency(ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/agencies/:id/divisions',
    { schema: { tags: ['organisation'], summary: "An agency's divisions", params: idParams, response: { 200: z.object({ items: z.array(division), abilities }) } } },
    async (req) => service.listDivisions(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/agencies/:id/divisions',
    { schema: { tags: ['organisation'], summary: 'Create a division', params: idParams, body: divisionCreate, response: { 201: division } } },
    async (req, reply) => reply.status(201).send(await service.createDivision(ctxOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/divisions/:id',
    { schema: { tags: ['organisation'], summary: 'Edit or deactivate a division', params: idParams, body: divisionUpdate, response: { 200: division } } },
    async (req) => service.updateDivision(ctxOf(req), req.params.id, req.body),
  );
}
