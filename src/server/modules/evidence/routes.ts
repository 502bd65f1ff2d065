import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, pageOf } from '../../../core/schemas/common';
import { agencyParams, evidenceListQuery, evidenceUpdate, evidenceView } from '../../../core/schemas/evidence';
import { ctxOf } from '../../lib/context';
import { spoolSingleUpload } from '../../lib/storage-upload';
import * as service from './service';

const tags = ['evidence'];

/** Evidence documents (tài liệu kiểm chứng): an agency's reusable library, uploads, preview/download. */
export async function evidenceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/agencies/:agencyId/evidence',
    { schema: { tags, summary: "An agency's evidence library", params: agencyParams, querystring: evidenceListQuery, response: { 200: pageOf(evidenceView) } } },
    async (req) => service.listEvidence(ctxOf(req), req.params.agencyId, req.query),
  );
  r.post(
    '/api/agencies/:agencyId/evidence',
    {
      schema: {
        tags,
        summary: 'Upload an evidence document (multipart: file, title, docNumber, issuedOn YYYY-MM-DD, issuer)',
        params: agencyParams,
        consumes: ['multipart/form-data'],
        response: { 201: evidenceView },
      },
    },
    async (req, reply) => {
      const upload = await spoolSingleUpload(req, app.config.uploadMaxBytes);
      try {
        return reply.status(201).send(await service.uploadEvidence(ctxOf(req), app.storage, req.params.agencyId, upload));
      } finally {
        await upload.dispose();
      }
    },
  );
  r.get('/api/evidence/:id', { schema: { tags, summary: 'One evidence document', params: idParams, response: { 200: evidenceView } } }, async (req) =>
    service.getEvidence(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/evidence/:id',
    { schema: { tags, summary: "Edit an evidence document's metadata", params: idParams, body: evidenceUpdate, response: { 200: evidenceView } } },
    async (req) => service.updateEvidence(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/evidence/:id/file',
    // Sent as stored, with its length: documents are mostly PDFs, office files and images, compressed already.
    { compress: false, schema: { tags, summary: 'The file: inline for PDF and images (preview), a download otherwise', params: idParams, querystring: z.object({ download: z.enum(['0', '1']).default('0') }) } },
    async (req, reply) => {
      const f = await service.openEvidenceFile(ctxOf(req), app.storage, req.params.id);
      const inline = req.query.download !== '1' && (f.mime === 'application/pdf' || f.mime.startsWith('image/'));
      const ascii = f.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9._-]+/g, '_');
      return reply
        .header('content-type', f.mime)
        .header('content-length', String(f.size))
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .header('x-frame-options', 'SAMEORIGIN')
        .send(f.stream);
    },
  );
}
