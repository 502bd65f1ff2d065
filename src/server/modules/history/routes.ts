import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, okReply } from '../../../core/schemas/common';
import { historyDelete, historyItem, historyList, historyListQuery, historyPreview, historyUpdate } from '../../../core/schemas/history';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { readSingleUpload } from '../../lib/uploads';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

/** Results of years before the system, as published: template, preview, import, and a list to correct or delete rows. */
export async function historyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/history/template.xlsx',
    { schema: { tags: ['history'], summary: 'The history template (.xlsx: Năm | Mã cơ quan | Chỉ số | Xếp hạng | Số đơn vị xếp hạng | Xếp loại | LV1 … LVn)' } },
    async (req, reply) => sendFile(reply, await service.historyTemplate(ctxOf(req)), 'mau-lich-su-chi-so.xlsx', 'xlsx'),
  );
  r.post(
    '/api/history/preview',
    { schema: { tags: ['history'], summary: 'Check an uploaded history workbook: every row and every problem; stores nothing', consumes: ['multipart/form-data'], response: { 200: historyPreview } } },
    async (req) => service.previewHistory(ctxOf(req), async () => (await readSingleUpload(req, UPLOAD_LIMITS.import)).buffer),
  );
  r.post(
    '/api/history/import',
    {
      schema: {
        tags: ['history'],
        summary: 'Store an uploaded history workbook (the same checks as the preview; nothing stored on any problem)',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ rows: z.number().int() }) },
      },
    },
    async (req) => service.importHistory(ctxOf(req), async () => (await readSingleUpload(req, UPLOAD_LIMITS.import)).buffer),
  );
  r.get('/api/history', { schema: { tags: ['history'], summary: 'Stored history rows', querystring: historyListQuery, response: { 200: historyList } } }, async (req) =>
    service.listHistory(ctxOf(req), req.query),
  );
  r.patch(
    '/api/history/:id',
    { schema: { tags: ['history'], summary: 'Correct an imported row (audited)', params: idParams, body: historyUpdate, response: { 200: historyItem } } },
    async (req) => service.updateHistory(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/history/:id',
    { schema: { tags: ['history'], summary: 'Delete an imported row (audited)', params: idParams, querystring: historyDelete, response: { 200: okReply } } },
    async (req) => service.deleteHistory(ctxOf(req), req.params.id, req.query),
  );
}
