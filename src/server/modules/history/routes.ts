import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../lib/context';
import { readSingleUpload } from '../../lib/uploads';
import * as service from './service';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

/** Results of years before the system: .xlsx import (so rank changes and ten-year trends work from year one). */
export async function historyRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/history/import',
    {
      schema: {
        tags: ['history'],
        summary: 'Import past results (.xlsx: Năm | Mã cơ quan | Chỉ số | Xếp hạng | LV1 … LVn)',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ rows: z.number().int() }) },
      },
    },
    async (req) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.import);
      return service.importHistory(ctxOf(req), upload.buffer);
    },
  );
}
