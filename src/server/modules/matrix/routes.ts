import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { leafMatrix, matrixExportQuery, matrixQuery } from '../../../core/schemas/matrix';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { matrixFilename, matrixXlsx } from './export';
import * as service from './service';

const tags = ['results'];

/** The leaf matrix of a year's agency group (agencies × leaves × stages) and its streamed .xlsx export. */
export async function matrixRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/matrix',
    { schema: { tags, summary: "A year's group as agencies × leaves with self / appraisal 1 / final points (what the reader may see)", querystring: matrixQuery, response: { 200: leafMatrix } } },
    async (req) => service.leafMatrix(ctxOf(req), req.query),
  );
  r.get(
    '/api/matrix.xlsx',
    { schema: { tags, summary: 'The same matrix as .xlsx, every agency and leaf the reader may see (streamed)', querystring: matrixExportQuery } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // Everything that can fail with an AppError (access, period, framework) happens before the first byte.
      const matrix = await service.leafMatrix(ctx, req.query);
      const lang = req.query.lang ?? ctx.lang;
      const out = matrixXlsx(matrix, lang, ctx.now);
      out.on('error', (err) => req.log.error({ err }, 'matrix export failed while streaming'));
      return sendFile(reply, out, matrixFilename(matrix, lang), 'xlsx');
    },
  );
}
