import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appraisalBody,
  assessmentDetail,
  assessmentListQuery,
  assessmentSummary,
  bulkAcceptBody,
  explanationBody,
  leafEvidenceBody,
  leafHistoryEntry,
  leafParams,
  leafWriteResult,
  selfScoreBody,
  submitBody,
  surveyPointsBody,
} from '../../../core/schemas/assessments';
import { idParams } from '../../../core/schemas/common';
import { ctxOf } from '../../lib/context';
import { readSingleUpload } from '../../lib/uploads';
import { appraiseLeaf, bulkAccept } from './appraisal';
import { postExplanation } from './explanation';
import { saveSelfScore, setLeafEvidence, submitAssessment, submissionChecklist, withdrawAssessment } from './self';
import * as service from './service';
import { enterSurveyPoints, importSurveyPoints } from './survey-points';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const tags = ['assessments'];

/** Self-assessment, evidence on leaves, submission, appraisal rounds, explanation threads, survey points, history. */
export async function assessmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/assessments',
    { schema: { tags, summary: "A period's assessments I may see, with progress and abilities", querystring: assessmentListQuery, response: { 200: z.object({ items: z.array(assessmentSummary) }) } } },
    async (req) => service.listAssessments(ctxOf(req), req.query),
  );
  r.get(
    '/api/assessments/:id',
    { schema: { tags, summary: 'An assessment: framework, visible leaves (stages, evidence, threads, last year), totals, abilities', params: idParams, response: { 200: assessmentDetail } } },
    async (req) => service.getAssessment(ctxOf(req), req.params.id),
  );
  r.put(
    '/api/assessments/:id/leaves/:code/self',
    { schema: { tags, summary: 'Self-assess one leaf (send the leaf version you read; 0 for a new one)', params: leafParams, body: selfScoreBody, response: { 200: leafWriteResult } } },
    async (req) => saveSelfScore(ctxOf(req), req.params.id, req.params.code, req.body),
  );
  r.put(
    '/api/assessments/:id/leaves/:code/evidence',
    {
      schema: {
        tags,
        summary: "Set the evidence of a leaf (documents of the agency's library; send the leaf version you read)",
        params: leafParams,
        body: leafEvidenceBody,
        response: { 200: z.object({ code: z.string(), evidenceIds: z.array(z.number().int()), version: z.number().int() }) },
      },
    },
    async (req) => setLeafEvidence(ctxOf(req), req.params.id, req.params.code, req.body),
  );
  r.get(
    '/api/assessments/:id/checklist',
    {
      schema: {
        tags,
        summary: 'What still blocks submission: unscored leaves, scores without evidence or explanation',
        params: idParams,
        response: { 200: z.object({ notScored: z.array(z.string()), noEvidence: z.array(z.string()) }) },
      },
    },
    async (req) => {
      const c = await submissionChecklist(ctxOf(req), req.params.id);
      return { notScored: c.notScored, noEvidence: c.noEvidence };
    },
  );
  r.post('/api/assessments/:id/submit', { schema: { tags, summary: 'Submit (agency head)', params: idParams, body: submitBody, response: { 200: assessmentDetail } } }, async (req) => {
    await submitAssessment(ctxOf(req), req.params.id, req.body.version);
    return service.getAssessment(ctxOf(req), req.params.id);
  });
  r.post(
    '/api/assessments/:id/withdraw',
    { schema: { tags, summary: 'Withdraw a submission while self-assessment is open (agency head)', params: idParams, body: submitBody, response: { 200: assessmentDetail } } },
    async (req) => {
      await withdrawAssessment(ctxOf(req), req.params.id, req.body.version);
      return service.getAssessment(ctxOf(req), req.params.id);
    },
  );
  r.put(
    '/api/assessments/:id/leaves/:code/appraisal',
    { schema: { tags, summary: 'Appraise one leaf in round 1 or 2 (accept, confirm, or adjust with a reason code)', params: leafParams, body: appraisalBody, response: { 200: leafWriteResult } } },
    async (req) => appraiseLeaf(ctxOf(req), req.params.id, req.params.code, req.body),
  );
  r.post(
    '/api/assessments/:id/appraisal/bulk-accept',
    {
      schema: {
        tags,
        summary: 'Accept every leaf of my fields whose self-score has evidence and is not yet appraised',
        params: idParams,
        body: bulkAcceptBody,
        response: { 200: z.object({ accepted: z.number().int(), skipped: z.array(z.string()) }) },
      },
    },
    async (req) => bulkAccept(ctxOf(req), req.params.id, req.body.round, req.body.codes, req.body.versions),
  );
  r.post(
    '/api/assessments/:id/leaves/:code/explanations',
    {
      schema: {
        tags,
        summary: 'Explanation thread: the agency accepts or disputes an adjustment; an appraiser replies (send the leaf version you read)',
        params: leafParams,
        body: explanationBody,
        response: { 201: z.object({ id: z.number().int(), createdAt: z.string(), version: z.number().int() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await postExplanation(ctxOf(req), req.params.id, req.params.code, req.body)),
  );
  r.get(
    '/api/assessments/:id/leaves/:code/history',
    { schema: { tags, summary: 'The full history of a leaf (who, when, old → new, reason)', params: leafParams, response: { 200: z.array(leafHistoryEntry) } } },
    async (req) => service.leafHistory(ctxOf(req), req.params.id, req.params.code),
  );
  r.put(
    '/api/periods/:id/survey-points',
    { schema: { tags, summary: 'Enter survey points per agency and survey leaf (secretariat; an entry may carry the leaf version read)', params: idParams, body: surveyPointsBody, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => enterSurveyPoints(ctxOf(req), req.params.id, req.body.entries),
  );
  r.post(
    '/api/periods/:id/survey-points/import',
    { schema: { tags, summary: 'Import survey points from .xlsx (Mã cơ quan | Mã tiêu chí | Điểm)', params: idParams, consumes: ['multipart/form-data'], response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => {
      const upload = await readSingleUpload(req, UPLOAD_LIMITS.import);
      return importSurveyPoints(ctxOf(req), req.params.id, upload.buffer);
    },
  );
}
