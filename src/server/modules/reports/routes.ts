import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agencyIdParams } from '../../../core/schemas/analysis';
import { agencyReportQuery, provinceAnnexQuery, TABLE_EXPORT_LIMITS, tableExportBody } from '../../../core/schemas/reports';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { agencyReportDocx, provinceAnnexXlsx, tableXlsx } from './service';

const tags = ['reports'];

/** Reports (docs/reports.md): the agency analysis report (.docx), the province results annex (.xlsx), the export of any table (.xlsx). */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/reports/agencies/:agencyId/analysis.docx',
    {
      schema: {
        tags,
        summary: "An agency's analysis report of a published year as .docx (Vietnamese administrative layout; lang=en for English)",
        params: agencyIdParams,
        querystring: agencyReportQuery,
      },
    },
    async (req, reply) => {
      const file = await agencyReportDocx(ctxOf(req), req.params.agencyId, req.query);
      return sendFile(reply, file.buffer, file.filename, 'docx');
    },
  );
  r.get(
    '/api/reports/province/annex.xlsx',
    {
      schema: {
        tags,
        summary: "The province's results annex of a published year as .xlsx (one group, or every group one sheet each; A4 landscape)",
        querystring: provinceAnnexQuery,
      },
    },
    async (req, reply) => {
      const file = await provinceAnnexXlsx(ctxOf(req), req.query);
      return sendFile(reply, file.buffer, file.filename, 'xlsx');
    },
  );
  r.post(
    '/api/exports/table.xlsx',
    {
      bodyLimit: TABLE_EXPORT_LIMITS.bodyBytes,
      schema: {
        tags,
        summary: `Any on-screen table as .xlsx: ≤ ${TABLE_EXPORT_LIMITS.columns} columns, ≤ ${TABLE_EXPORT_LIMITS.rows} rows, ≤ ${TABLE_EXPORT_LIMITS.cells} cells, text ≤ ${TABLE_EXPORT_LIMITS.cellText} characters (stored as text, never as a formula)`,
        body: tableExportBody,
      },
    },
    async (req, reply) => {
      const file = await tableXlsx(ctxOf(req), req.body);
      return sendFile(reply, file.buffer, file.filename, 'xlsx');
    },
  );
}
