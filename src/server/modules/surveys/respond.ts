import crypto from 'node:crypto';
import type { z } from 'zod';
import { checkAnswers } from '../../../core/domain/survey-answers';
import { AppError } from '../../../core/errors';
import type { submissionBody } from '../../../core/schemas/surveys';
import type { Ctx } from '../../lib/context';
import * as q from './queries';

/** Submissions allowed per IP per minute and per code per minute (configurable for load tests). */
export const RATE_LIMITS = {
  perIpPerMinute: Number(process.env.SURVEY_RATE_PER_IP ?? 60),
  perCodePerMinute: 5,
};

async function limit(ctx: Ctx, key: string, max: number) {
  const window = new Date(Math.floor(ctx.now.getTime() / 60_000) * 60_000);
  const n = await q.hit(ctx.db, key, window);
  if (n > max) {
    throw new AppError('rate_limited', undefined, { details: { retryAfterSeconds: Math.ceil((window.getTime() + 60_000 - ctx.now.getTime()) / 1000) } });
  }
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
 * Stores one anonymous submission: rate-limited per IP and per code, answers validated against the questionnaire,
 * the code used once, and idempotent — a retried submission with the same idempotency key is stored once and
 * answered with the same receipt. Everything in one transaction: a submission is either fully stored or not at all.
 */
export async function submitResponse(ctx: Ctx, token: string, body: z.infer<typeof submissionBody>, ipKey: string) {
  await limit(ctx, `survey:ip:${ipKey}`, RATE_LIMITS.perIpPerMinute);
  if (body.code) await limit(ctx, `survey:code:${body.code}`, RATE_LIMITS.perCodePerMinute);
  const row = await q.findByToken(ctx.db, token);
  if (!row || row.status !== 'published') throw new AppError('not_found', { vi: 'Phiếu khảo sát không tồn tại hoặc đã đóng.', en: 'The questionnaire does not exist or is closed.' });
  const previous = await q.findResponseByKey(ctx.db, body.idempotencyKey);
  if (previous) {
    if (previous.questionnaireId !== row.id) throw new AppError('conflict');
    return { receipt: receiptOf(previous.id, body.idempotencyKey), submittedAt: previous.submittedAt.toISOString(), duplicate: true };
  }
  const { problems, stored } = checkAnswers(row.content, body.answers);
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  if (!body.code && row.openLink !== 'on') {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: { vi: 'Cần nhập mã phiếu.', en: 'Enter your code.' } }] });
  }
  const openGroup = body.respondentGroup && row.content.respondentGroups.some((g) => g.code === body.respondentGroup) ? body.respondentGroup : row.content.respondentGroups[row.content.respondentGroups.length - 1]!.code;
  const result = await ctx.db.transaction(async (tx) => {
    let codeId: number | null = null;
    let group = openGroup;
    if (body.code) {
      const claimed = await q.claimCode(tx, row.id, body.code, ctx.now);
      if (!claimed) {
        const existing = await q.findCode(tx, row.id, body.code);
        throw existing
          ? new AppError('invalid_state', { vi: 'Mã phiếu này đã được sử dụng.', en: 'This code has already been used.' })
          : new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: { vi: 'Mã phiếu không đúng.', en: 'This code is not valid.' } }] });
      }
      codeId = claimed.id;
      group = claimed.respondentGroup;
    }
    const inserted = await q.insertResponse(tx, {
      questionnaireId: row.id,
      codeId,
      respondentGroup: group,
      channel: body.code ? 'code' : 'open_link',
      idempotencyKey: body.idempotencyKey,
      answers: stored,
      submittedAt: ctx.now,
    });
    // A concurrent retry with the same key won the race: this one stores nothing (the code claim rolls back).
    if (!inserted) throw new AppError('conflict');
    return inserted;
  }).catch(async (err: unknown) => {
    const again = err instanceof AppError && err.code === 'conflict' ? await q.findResponseByKey(ctx.db, body.idempotencyKey) : null;
    if (again) return again;
    throw err;
  });
  return { receipt: receiptOf(result.id, body.idempotencyKey), submittedAt: result.submittedAt.toISOString(), duplicate: result.submittedAt.getTime() !== ctx.now.getTime() };
}
