/**
 * The sociological survey (điều tra xã hội học): questionnaires, code batches and their printable QR sheets, quotas
 * and the fill dashboard, paper entry with double entry, re-verification, exports and the tally; plus the two public
 * calls of the respondent's form (no login, no CSRF). Replies are parsed with the core schemas where they exist.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { isErrorBody } from '../../core/errors';
import { abilities } from '../../core/schemas/common';
import { importResult } from '../../core/schemas/org';
import {
  type AnswerInput,
  type QuestionnaireContent,
  questionnaireContent,
  type QuestionnaireView,
  questionnaireView,
  submissionReceipt,
  type SurveyDashboard,
  surveyDashboard,
  type SurveyTallyView,
  surveyTallyView,
  type TallyCell,
  tallyApplyResult,
} from '../../core/schemas/surveys';
import type { Lang } from '../i18n/translate';
import { ApiError, download, request, upload } from './client';
import { SURVEYS_KEY } from './keys';

export type { AnswerInput, QuestionnaireContent, QuestionnaireView, SurveyDashboard, SurveyTallyView, TallyCell };

// ---------- shapes the server declares in its routes (not in core) ----------

export const batchView = z.object({ id: z.number().int(), size: z.number().int(), respondentGroup: z.string(), label: z.string(), createdAt: z.string(), used: z.number().int() });
export type BatchView = z.infer<typeof batchView>;

const quotaRow = z.object({ questionnaireId: z.number().int(), agencyId: z.number().int(), respondentGroup: z.string(), target: z.number().int() });
export type QuotaRow = z.infer<typeof quotaRow>;

const storedAnswer = z.object({
  q: z.string(),
  a: z.number().int().nullish(),
  o: z.string().nullish(),
  l: z.number().int().nullish(),
  m: z.array(z.string()).nullish(),
  t: z.string().nullish(),
});
export type StoredAnswerView = z.infer<typeof storedAnswer>;

const mismatch = z.object({
  paperRef: z.string(),
  firstId: z.number().int(),
  secondId: z.number().int(),
  differences: z.array(z.object({ answer: z.string(), first: storedAnswer.nullable(), second: storedAnswer.nullable() })),
});
export type PaperMismatch = z.infer<typeof mismatch>;

const sampledResponse = z.object({
  id: z.number().int(),
  channel: z.string(),
  respondentGroup: z.string(),
  paperRef: z.string().nullable(),
  submittedAt: z.string(),
  verification: z.string().nullable(),
});
export type SampledResponse = z.infer<typeof sampledResponse>;

const paperReply = z.object({ id: z.number().int(), status: z.string(), duplicate: z.boolean() });

// ---------- questionnaires ----------

const list = z.object({ items: z.array(questionnaireView), abilities });

export function useSurveys(periodId: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'list', periodId],
    queryFn: () => request('GET', '/api/surveys', list, { query: { periodId } }),
    enabled: periodId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'one', id],
    queryFn: () => request('GET', `/api/surveys/${id}`, questionnaireView),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

/** What the builder edits: everything a save sends besides the version. */
export interface QuestionnaireDraft {
  code: string;
  titleVi: string;
  titleEn: string;
  openLink: 'off' | 'on';
  content: QuestionnaireContent;
}

function useInvalidateSurveys() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
}

export function useCreateSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { periodId: number; draft: QuestionnaireDraft }) => request('POST', '/api/surveys', questionnaireView, { body: { periodId: v.periodId, ...v.draft } }),
    onSuccess: (q) => {
      qc.setQueryData([...SURVEYS_KEY, 'one', q.id], q);
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'list'] });
    },
  });
}

/** Saves the whole questionnaire (stale version → `conflict`; answered → `immutable`). */
export function useSaveSurvey(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { version: number; draft: QuestionnaireDraft }) => request('PUT', `/api/surveys/${id}`, questionnaireView, { body: { version: v.version, ...v.draft } }),
    onSuccess: (q) => {
      qc.setQueryData([...SURVEYS_KEY, 'one', id], q);
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'list'] });
    },
  });
}

export function useSetSurveyStatus(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { status: 'published' | 'closed'; version: number }) => request('POST', `/api/surveys/${id}/status`, questionnaireView, { body: v }),
    onSuccess: (q) => qc.setQueryData([...SURVEYS_KEY, 'one', id], q),
    onSettled: () => void qc.invalidateQueries({ queryKey: SURVEYS_KEY }),
  });
}

// ---------- quotas and the fill dashboard ----------

export function useSetQuotas(id: number) {
  const invalidate = useInvalidateSurveys();
  return useMutation({
    mutationFn: (quotas: { agencyId: number; respondentGroup: string; target: number }[]) => request('PUT', `/api/surveys/${id}/quotas`, z.array(quotaRow), { body: { quotas } }),
    onSettled: invalidate,
  });
}

/** Live participation: responses by status and group, code use, quota fill per agency × group, per day. */
export function useSurveyDashboard(id: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'dashboard', id],
    queryFn: () => request('GET', `/api/surveys/${id}/dashboard`, surveyDashboard),
    enabled: id !== undefined,
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}

// ---------- code batches ----------

export function useBatches(id: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'batches', id],
    queryFn: () => request('GET', `/api/surveys/${id}/batches`, z.array(batchView)),
    enabled: id !== undefined,
  });
}

export function useCreateBatch(id: number) {
  const invalidate = useInvalidateSurveys();
  return useMutation({
    mutationFn: (body: { respondentGroup: string; size: number; label: string }) => request('POST', `/api/surveys/${id}/batches`, batchView, { body }),
    onSettled: invalidate,
  });
}

/** The printable A4 sheet of a batch (HTML with one QR code per one-time code), opened in a new tab. */
export function batchSheetUrl(id: number, batchId: number): string {
  return `/api/surveys/${id}/batches/${batchId}/sheet`;
}

/** The respondent's link of a questionnaire, as the printed QR codes carry it. */
export function publicSurveyUrl(token: string, code?: string): string {
  const base = `${window.location.origin}/khao-sat/${token}`;
  return code ? `${base}?ma=${encodeURIComponent(code)}` : base;
}

// ---------- paper forms ----------

export interface PaperEntry {
  respondentGroup: string;
  paperRef: string;
  slot: 1 | 2;
  idempotencyKey: string;
  answers: AnswerInput[];
}

export function useEnterPaper(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PaperEntry) => request('POST', `/api/surveys/${id}/paper`, paperReply, { body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'mismatches', id] });
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'one', id] });
      void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'dashboard', id] });
    },
  });
}

export function useImportPaper(id: number) {
  const invalidate = useInvalidateSurveys();
  return useMutation({ mutationFn: (file: File) => upload(`/api/surveys/${id}/paper/import`, file, importResult), onSettled: invalidate });
}

export function usePaperMismatches(id: number | undefined) {
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'mismatches', id],
    queryFn: () => request('GET', `/api/surveys/${id}/paper/mismatches`, z.array(mismatch)),
    enabled: id !== undefined,
  });
}

export function useResolvePaper(id: number) {
  const invalidate = useInvalidateSurveys();
  return useMutation({
    mutationFn: (body: { paperRef: string; keep: 1 | 2 }) => request('POST', `/api/surveys/${id}/paper/resolve`, z.object({ kept: z.number().int(), dropped: z.number().int() }), { body }),
    onSettled: invalidate,
  });
}

// ---------- re-verification (phúc tra) ----------

export function useDrawSample(id: number) {
  return useMutation({
    mutationFn: (body: { percent: number; seed: number }) => request('POST', `/api/surveys/${id}/verification/sample`, z.array(sampledResponse), { body }),
  });
}

export function useVerifyResponse() {
  const invalidate = useInvalidateSurveys();
  return useMutation({
    mutationFn: (v: { responseId: number; outcome: 'confirmed' | 'invalid'; reason?: string }) =>
      request('PUT', `/api/surveys/responses/${v.responseId}/verification`, z.object({ id: z.number().int(), outcome: z.enum(['confirmed', 'invalid']) }), {
        body: { outcome: v.outcome, ...(v.reason ? { reason: v.reason } : {}) },
      }),
    onSettled: invalidate,
  });
}

// ---------- exports and the tally ----------

export function exportResponses(id: number, format: 'xlsx' | 'csv') {
  return download(`/api/surveys/${id}/responses.${format}`, `phieu-khao-sat-${id}.${format}`);
}

/** The tally: this questionnaire's answers alone (a preview), or the whole period (what "apply" writes). */
export function useSurveyTally(scope: { questionnaireId: number } | { periodId: number } | undefined) {
  const path = !scope ? '' : 'questionnaireId' in scope ? `/api/surveys/${scope.questionnaireId}/tally` : `/api/periods/${scope.periodId}/survey-tally`;
  return useQuery({
    queryKey: [...SURVEYS_KEY, 'tally', path],
    queryFn: () => request('GET', path, surveyTallyView),
    enabled: scope !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The period's tally as .xlsx (one row per agency × survey leaf). */
export function exportPeriodTally(periodId: number, year: number) {
  return download(`/api/periods/${periodId}/survey-tally.xlsx`, `dieu-tra-xhh-${year}.xlsx`);
}

/** Makes the period's tally its survey points (audited, through the same path as a manual entry). */
export function useApplyTally(periodId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => request('POST', `/api/periods/${periodId}/survey-tally/apply`, tallyApplyResult),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: SURVEYS_KEY });
      void qc.invalidateQueries({ queryKey: ['periods'] });
      void qc.invalidateQueries({ queryKey: ['assessments'] });
      void qc.invalidateQueries({ queryKey: ['results'] });
    },
  });
}

// ---------- the public form (no login, no CSRF) ----------

const publicOption = z.object({ code: z.string(), labelVi: z.string(), labelEn: z.string() });
const publicQuestion = z.object({
  code: z.string(),
  type: z.enum(['single', 'likert', 'multiple', 'text']),
  textVi: z.string(),
  textEn: z.string(),
  required: z.boolean(),
  perAgency: z.boolean(),
  options: z.array(publicOption),
  maxLength: z.number().int(),
});
export const publicQuestionnaire = z.object({
  token: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  introVi: z.string(),
  introEn: z.string(),
  sections: z.array(z.object({ code: z.string(), titleVi: z.string(), titleEn: z.string(), questions: z.array(publicQuestion) })),
  ratedAgencies: z.array(z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  respondentGroups: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  respondentGroup: z.string().nullable(),
  openLink: z.boolean(),
});
export type PublicQuestionnaire = z.infer<typeof publicQuestionnaire>;
export type PublicQuestion = z.infer<typeof publicQuestion>;
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** The content of a public questionnaire in the shape the answer check ({@link checkAnswers}) takes. */
export function contentOfPublic(q: PublicQuestionnaire): QuestionnaireContent {
  return questionnaireContent.parse({
    introVi: q.introVi,
    introEn: q.introEn,
    respondentGroups: q.respondentGroups,
    ratedAgencyIds: q.ratedAgencies.map((a) => a.id),
    sections: q.sections.map((s) => ({ ...s, questions: s.questions.map((qn) => ({ ...qn, leafCodes: [], options: qn.options.map((o) => ({ ...o, weight: null })) })) })),
  });
}

/** A public call: plain same-origin JSON, `x-lang`, no cookie needed; errors become `ApiError` (429 with `retryAfterSeconds`). */
async function publicCall<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, lang: Lang, body?: unknown): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', 'x-lang': lang, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : null,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', lang === 'vi' ? 'Không kết nối được máy chủ.' : 'Could not reach the server.');
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(data)) {
      const e = data.error;
      const retry = Number(res.headers.get('retry-after'));
      const details = { ...(e.details ?? {}), ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}) };
      throw new ApiError(res.status, e.code, e.message, e.fields ?? [], details, e.requestId);
    }
    throw new ApiError(res.status, res.status >= 500 ? 'internal' : 'bad_request', lang === 'vi' ? 'Máy chủ tạm thời không trả lời.' : 'The server did not answer properly.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(0, 'bad_reply', lang === 'vi' ? 'Máy chủ trả lời không đúng định dạng.' : 'Unexpected reply from the server.');
  return parsed.data;
}

/** The questionnaire for a respondent; with a one-time code (404 wrong, 409 already used). */
export function fetchPublicSurvey(token: string, code: string | null, lang: Lang) {
  const q = code ? `?code=${encodeURIComponent(code)}` : '';
  return publicCall('GET', `/api/public/surveys/${encodeURIComponent(token)}${q}`, publicQuestionnaire, lang);
}

export interface PublicSubmission {
  code?: string;
  respondentGroup?: string;
  idempotencyKey: string;
  answers: AnswerInput[];
}

/** Stores a respondent's answers; retrying with the same idempotency key returns the same receipt. */
export function submitPublicSurvey(token: string, body: PublicSubmission, lang: Lang) {
  return publicCall('POST', `/api/public/surveys/${encodeURIComponent(token)}/responses`, submissionReceipt, lang, body);
}
