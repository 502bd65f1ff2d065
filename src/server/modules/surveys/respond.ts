import crypto from 'node:crypto';
import type { z } from 'zod';
import { checkAnswers } from '../../../core/domain/survey-answers';
import { AppError } from '../../../core/errors';
import type { submissionBody } from '../../../core/schemas/surveys';
import type { Ctx } from '../../lib/context';
import * as q from './queries';

/** Submissions allowed per survey code per minute (per client address: `SURVEY_RATE_PER_IP`); see routes.ts. */
export const SURVEY_SUBMISSIONS_PER_CODE_PER_MINUTE = 5;

/**
 * Published questionnaires by public token, kept briefly in memory so a submission costs one statement. Safe
 * because that statement only stores when the questionnaire is still published at the cached version; otherwise
 * the slow path reloads it.
 */
const cache = new Map<string, { row: q.QuestionnaireRow; until: number }>();
const CACHE_MS = 30_000;

async function questionnaireByToken(ctx: Ctx, token: string, fresh = false): Promise<q.QuestionnaireRow | null> {
  const hit = cache.get(token.toLowerCase());
  if (!fresh && hit && hit.until > Date.now()) return hit.row;
  const row = await q.findByToken(ctx.db, token);
  if (cache.size > 1000) cache.clear();
  if (row && row.status === 'published') cache.set(token.toLowerCase(), { row, until: Date.now() + CACHE_MS });
  else cache.delete(token.toLowerCase());
  return row;
}

function publicView(row: q.QuestionnaireRow, agencies: { id: number; code: string; nameVi: string; nameEn: string }[], respondentGroup: string | null) {
  return {
    token: row.publicToken,
    titleVi: row.titleVi,
    titleEn: row.titleEn,
    introVi: row.content.introVi,
    introEn: row.content.introEn,
    sections: row.content.sections.map((s) => ({
      ...s,
      questions: s.questions.map(({ leafCodes: _l, ...qn }) => ({ ...qn, options: qn.options.map(({ weight: _w, ...o }) => o) })),
    })),
    ratedAgencies: agencies,
    respondentGroups: row.content.respondentGroups,
    respondentGroup,
    openLink: row.openLink === 'on',
  };
}

/**
 * The public form (no login): the questionnaire without weights or leaf mapping; with a code, checks it is valid and
 * unused, and fixes the respondent group.
 */
export async function publicQuestionnaire(ctx: Ctx, token: string, code: string | undefined) {
  const row = await q.findByToken(ctx.db, token);
  if (!row || row.status !== 'published') throw new AppError('not_found', { vi: 'Phiếu khảo sát không tồn tại hoặc đã đóng.', en: 'The questionnaire does not exist or is closed.' });
  let group: string | null = null;
  if (code) {
    const c = await q.findCode(ctx.db, row.id, code);
    if (!c) throw new AppError('not_found', { vi: 'Mã phiếu không đúng.', en: 'This code is not valid.' });
    if (c.usedAt) throw new AppError('invalid_state', { vi: 'Mã phiếu này đã được sử dụng.', en: 'This code has already been used.' });
    group = c.respondentGroup;
  } else if (row.openLink !== 'on') {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: { vi: 'Cần nhập mã phiếu.', en: 'Enter your code.' } }] });
  }
  const agencies = (await q.agenciesByIds(ctx.db, row.content.ratedAgencyIds)).map(({ provinceId: _p, ...a }) => a);
  const order = new Map(row.content.ratedAgencyIds.map((id, i) => [id, i]));
  agencies.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return publicView(row, agencies, group);
}

const receiptOf = (id: number, key: string) => crypto.createHash('sha256').update(`${id}:${key}`).digest('hex').slice(0, 12).toUpperCase();

/**
 * Stores one anonymous submission (rate-limited per client address and per code by the route): answers validated against the questionnaire,
 * the code used once, and idempotent — a retried submission with the same idempotency key is stored once and
 * answered with the same receipt. The code claim and the insert are one statement, so a submission is either
 * fully stored or not at all, and a crash at any point leaves no half-written state.
 */
export async function submitResponse(ctx: Ctx, token: string, body: z.infer<typeof submissionBody>) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await questionnaireByToken(ctx, token, attempt > 0);
    if (!row || row.status !== 'published') throw new AppError('not_found', { vi: 'Phiếu khảo sát không tồn tại hoặc đã đóng.', en: 'The questionnaire does not exist or is closed.' });
    const { problems, stored } = checkAnswers(row.content, body.answers);
    if (problems.length) {
      // A retry of a submission already stored gets its receipt even if the questionnaire changed since.
      const previous = await q.findResponseByKey(ctx.db, body.idempotencyKey);
      if (previous && previous.questionnaireId === row.id) return receipt(previous, body.idempotencyKey, true);
      throw new AppError('validation_failed', undefined, { fields: problems });
    }
    if (!body.code && row.openLink !== 'on') {
      throw new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: { vi: 'Cần nhập mã phiếu.', en: 'Enter your code.' } }] });
    }
    const openGroup = body.respondentGroup && row.content.respondentGroups.some((g) => g.code === body.respondentGroup) ? body.respondentGroup : row.content.respondentGroups[row.content.respondentGroups.length - 1]!.code;
    const inserted = await q.storeSubmission(ctx.db, { questionnaireId: row.id, version: row.version, code: body.code ?? null, openGroup, key: body.idempotencyKey, answers: stored, now: ctx.now });
    if (inserted) return receipt(inserted, body.idempotencyKey, false);
    // Nothing stored: a retry of a stored submission, a used or wrong code, or the questionnaire changed.
    const previous = await q.findResponseByKey(ctx.db, body.idempotencyKey);
    if (previous) {
      if (previous.questionnaireId !== row.id) throw new AppError('conflict');
      return receipt(previous, body.idempotencyKey, true);
    }
    const current = await q.findByToken(ctx.db, token);
    if (current && current.status === 'published' && current.version !== row.version) continue;
    if (!current || current.status !== 'published') {
      cache.delete(token.toLowerCase());
      throw new AppError('not_found', { vi: 'Phiếu khảo sát không tồn tại hoặc đã đóng.', en: 'The questionnaire does not exist or is closed.' });
    }
    const code = body.code ? await q.findCode(ctx.db, row.id, body.code) : null;
    if (body.code && !code) throw new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: { vi: 'Mã phiếu không đúng.', en: 'This code is not valid.' } }] });
    if (code?.usedAt) throw new AppError('invalid_state', { vi: 'Mã phiếu này đã được sử dụng.', en: 'This code has already been used.' });
    throw new AppError('conflict');
  }
  throw new AppError('conflict');
}

function receipt(r: { id: number; submittedAt: Date }, key: string, duplicate: boolean) {
  return { receipt: receiptOf(r.id, key), submittedAt: r.submittedAt.toISOString(), duplicate };
}
