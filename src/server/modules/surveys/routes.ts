import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilities, id, idParams } from '../../../core/schemas/common';
import { importResult } from '../../../core/schemas/org';
import {
  batchCreate,
  paperEntryBody,
  publicQuestionnaireQuery,
  questionnaireCreate,
  questionnaireSave,
  questionnaireView,
  quotaBody,
  submissionBody,
  submissionReceipt,
  surveyDashboard as surveyDashboardView,
  surveyTallyView,
  surveyTokenParams,
  tallyApplyResult,
  verificationBody,
} from '../../../core/schemas/surveys';
import { ctxOf } from '../../lib/context';
import { sendFile } from '../../lib/reply';
import { readSingleUpload } from '../../lib/uploads';
import { responsesCsv, responsesXlsx } from './exports';
import { enterPaper, importPaper, paperMismatches, paperTemplate, resolvePaper } from './paper';
import { clientAddressKey, requestLimiter } from '../../lib/rate-limit';
import { publicQuestionnaire, SURVEY_SUBMISSIONS_PER_CODE_PER_MINUTE, submitResponse } from './respond';
import * as service from './service';
import { batchSheet } from './sheet';
import { applyTally, periodTally, questionnaireTally, questionnaireTallyXlsx, surveyDashboard, tallyXlsx } from './tally';
import { drawSample, verificationList, verifyResponse } from './verify';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const tags = ['survey'];
const batchView = z.object({ id: z.number().int(), size: z.number().int(), respondentGroup: z.string(), label: z.string(), createdAt: z.string(), used: z.number().int() });

/** The sociological survey: questionnaires, quotas, codes and QR sheets, the public form, paper entry, re-verification, exports. */
export async function surveyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/surveys',
    { schema: { tags, summary: 'Questionnaires (optionally of a period)', querystring: z.object({ periodId: id.optional() }), response: { 200: z.object({ items: z.array(questionnaireView), abilities }) } } },
    async (req) => service.listQuestionnaires(ctxOf(req), req.query.periodId),
  );
  r.post('/api/surveys', { schema: { tags, summary: 'Create a questionnaire', body: questionnaireCreate, response: { 201: questionnaireView } } }, async (req, reply) =>
    reply.status(201).send(await service.createQuestionnaire(ctxOf(req), req.body)),
  );
  r.get('/api/surveys/:id', { schema: { tags, summary: 'One questionnaire', params: idParams, response: { 200: questionnaireView } } }, async (req) =>
    service.getQuestionnaire(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/surveys/:id',
    { schema: { tags, summary: 'Save a questionnaire (refused once it has answers)', params: idParams, body: questionnaireSave, response: { 200: questionnaireView } } },
    async (req) => service.saveQuestionnaire(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/surveys/:id/status',
    { schema: { tags, summary: 'Publish (open for answers) or close', params: idParams, body: z.object({ status: z.enum(['published', 'closed']), version: z.number().int() }), response: { 200: questionnaireView } } },
    async (req) => service.setStatus(ctxOf(req), req.params.id, req.body.status, req.body.version),
  );
  r.put(
    '/api/surveys/:id/quotas',
    {
      schema: {
        tags,
        summary: 'Set quota targets per agency × respondent group',
        params: idParams,
        body: quotaBody,
        response: { 200: z.array(z.object({ questionnaireId: z.number().int(), agencyId: z.number().int(), respondentGroup: z.string(), target: z.number().int() })) },
      },
    },
    async (req) => service.setQuotas(ctxOf(req), req.params.id, req.body),
  );
  r.get('/api/surveys/:id/batches', { schema: { tags, summary: 'Code batches', params: idParams, response: { 200: z.array(batchView) } } }, async (req) =>
    service.listBatches(ctxOf(req), req.params.id),
  );
  r.post('/api/surveys/:id/batches', { schema: { tags, summary: 'Issue a batch of one-time codes', params: idParams, body: batchCreate, response: { 201: batchView } } }, async (req, reply) =>
    reply.status(201).send(await service.createBatch(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/surveys/:id/batches/:batchId/sheet',
    { schema: { tags, summary: 'Printable A4 sheet of a batch (QR codes, Vietnamese instructions)', params: z.object({ id, batchId: id }) } },
    async (req, reply) => {
      const origin = app.config.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const html = await batchSheet(ctxOf(req), req.params.id, req.params.batchId, origin);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").send(html);
    },
  );
  r.post(
    '/api/surveys/:id/paper',
    { schema: { tags, summary: 'Enter one paper form (slot 2 = independent second entry)', params: idParams, body: paperEntryBody, response: { 201: z.object({ id: z.number().int(), status: z.string(), duplicate: z.boolean() }) } } },
    async (req, reply) => reply.status(201).send(await enterPaper(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/surveys/:id/paper/import',
    { schema: { tags, summary: 'Import paper results from .xlsx (row-precise errors, all or nothing)', params: idParams, consumes: ['multipart/form-data'], response: { 200: importResult } } },
    async (req) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.largeImport);
      return importPaper(ctxOf(req), req.params.id, upload.buffer);
    },
  );
  r.get('/api/surveys/:id/paper/mismatches', { schema: { tags, summary: 'Double-entry mismatches', params: idParams } }, async (req) => paperMismatches(ctxOf(req), req.params.id));
  r.post(
    '/api/surveys/:id/paper/resolve',
    { schema: { tags, summary: 'Keep entry 1 or 2 of a double-entered paper form', params: idParams, body: z.object({ paperRef: z.string().min(1).max(60), keep: z.union([z.literal(1), z.literal(2)]) }) } },
    async (req) => resolvePaper(ctxOf(req), req.params.id, req.body.paperRef, req.body.keep),
  );
  r.post(
    '/api/surveys/:id/verification/sample',
    { schema: { tags, summary: 'Draw a re-verification sample of x% of the responses per agency', params: idParams, body: z.object({ percent: z.number().min(0.1).max(100), seed: z.number().int().min(0).max(2 ** 31) }) } },
    async (req) => drawSample(ctxOf(req), req.params.id, req.body.percent, req.body.seed),
  );
  r.put(
    '/api/surveys/responses/:id/verification',
    { schema: { tags, summary: 'Record a re-verification outcome (invalid responses leave the tally)', params: idParams, body: verificationBody } },
    async (req) => verifyResponse(ctxOf(req), req.params.id, req.body.outcome, req.body.reason),
  );
  r.get('/api/surveys/:id/responses.xlsx', { schema: { tags, summary: 'Anonymised raw responses (.xlsx)', params: idParams } }, async (req, reply) => {
    const f = await responsesXlsx(ctxOf(req), req.params.id);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
  r.get('/api/surveys/:id/responses.csv', { schema: { tags, summary: 'Anonymised raw responses (.csv: comma-separated, RFC 4180 quoting, UTF-8 with BOM, formula-like text neutralised)', params: idParams } }, async (req, reply) => {
    const f = await responsesCsv(ctxOf(req), req.params.id);
    return sendFile(reply, f.body, f.filename, 'csv');
  });

  r.get(
    '/api/surveys/:id/batches/:batchId/codes',
    { schema: { tags, summary: 'The codes of a batch and whether each is used', params: z.object({ id, batchId: id }) } },
    async (req) => service.batchCodeList(ctxOf(req), req.params.id, req.params.batchId),
  );
  r.get('/api/surveys/:id/paper/template.xlsx', { schema: { tags, summary: 'The .xlsx template for importing paper forms', params: idParams } }, async (req, reply) => {
    const f = await paperTemplate(ctxOf(req), req.params.id);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
  r.get('/api/surveys/:id/verification', { schema: { tags, summary: 'Responses drawn for re-verification, with their answers and outcomes', params: idParams } }, async (req) =>
    verificationList(ctxOf(req), req.params.id),
  );
  r.get('/api/surveys/:id/tally.xlsx', { schema: { tags, summary: "Tally of this questionnaire's answers (.xlsx)", params: idParams } }, async (req, reply) => {
    const f = await questionnaireTallyXlsx(ctxOf(req), req.params.id);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
  r.get('/api/surveys/:id/dashboard', { schema: { tags, summary: 'Live participation: responses, code use, quota fill, per day', params: idParams, response: { 200: surveyDashboardView } } }, async (req) =>
    surveyDashboard(ctxOf(req), req.params.id),
  );
  r.get('/api/surveys/:id/tally', { schema: { tags, summary: "Tally of this questionnaire's answers alone (preview)", params: idParams, response: { 200: surveyTallyView } } }, async (req) =>
    questionnaireTally(ctxOf(req), req.params.id),
  );
  r.get('/api/periods/:id/survey-tally', { schema: { tags, summary: "The period's survey tally per agency × survey leaf", params: idParams, response: { 200: surveyTallyView } } }, async (req) =>
    (await periodTally(ctxOf(req), req.params.id)).view,
  );
  r.get('/api/periods/:id/survey-tally.xlsx', { schema: { tags, summary: "The period's survey tally (.xlsx)", params: idParams } }, async (req, reply) => {
    const f = await tallyXlsx(ctxOf(req), req.params.id);
    return sendFile(reply, f.buffer, f.filename, 'xlsx');
  });
  r.post('/api/periods/:id/survey-tally/apply', { schema: { tags, summary: "Make the tally the period's survey points", params: idParams, response: { 200: tallyApplyResult } } }, async (req) =>
    applyTally(ctxOf(req), req.params.id),
  );

  const pub = { config: { public: true, csrf: false } };
  // Shared by every instance when REDIS_URL is set: per client address, and per code (hashed: no code in Redis).
  const perClient = requestLimiter(app, 'survey-ip', app.config.surveyRatePerIp, 60_000, clientAddressKey);
  const perCode = requestLimiter(app, 'survey-code', SURVEY_SUBMISSIONS_PER_CODE_PER_MINUTE, 60_000, (req) => {
    const code = (req.body as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && code ? crypto.createHash('sha256').update(code).digest('hex') : null;
  });
  r.get(
    '/api/public/surveys/:token',
    { ...pub, schema: { tags: ['public survey'], summary: 'The questionnaire for respondents (no login; with ?code=…)', params: surveyTokenParams, querystring: publicQuestionnaireQuery } },
    async (req) => publicQuestionnaire(ctxOf(req), req.params.token, req.query.code),
  );
  r.post(
    '/api/public/surveys/:token/responses',
    {
      ...pub,
      bodyLimit: 512 * 1024,
      schema: { tags: ['public survey'], summary: 'Submit answers (idempotent by key; one submission per code; rate-limited)', params: surveyTokenParams, body: submissionBody, response: { 201: submissionReceipt } },
      preHandler: async (req) => {
        await perClient(req);
        await perCode(req);
      },
    },
    async (req, reply) => reply.status(201).send(await submitResponse(ctxOf(req), req.params.token, req.body)),
  );
}
