import { drawVerificationSample } from '../../../core/domain/survey/sampling';
import { AppError } from '../../../core/errors';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import * as q from './queries';
import { loadQuestionnaire } from './service';

/**
 * Draws the re-verification (phúc tra) sample: ceil(percent %) of the valid responses rating each agency, reproducible
 * from the seed (recorded in the audit log).
 */
export async function drawSample(ctx: Ctx, id: number, percent: number, seed: number) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.verify', { provinceId: row.q.provinceId });
  const responses = await q.listResponses(ctx.db, id, 'valid');
  const byAgency = new Map<string, string[]>();
  for (const r of responses) {
    const agencies = new Set(r.answers.map((a) => a.a).filter((a): a is number => a != null));
    for (const a of agencies) byAgency.set(String(a), [...(byAgency.get(String(a)) ?? []), String(r.id)]);
  }
  const picked = new Set(drawVerificationSample(byAgency, percent, seed).flatMap((s) => s.responseIds.map(Number)));
  await ctx.db.transaction(async (tx) => {
    for (const rid of picked) await q.updateResponse(tx, rid, { sampledAt: ctx.now, sampleSeed: seed });
    await appendAudit(tx, ctx, { action: 'survey.sample', entityType: 'questionnaire', entityId: id, newValue: { percent, seed, size: picked.size } });
  });
  return responses.filter((r) => picked.has(r.id)).map((r) => ({ id: r.id, channel: r.channel, respondentGroup: r.respondentGroup, paperRef: r.paperRef, submittedAt: r.submittedAt.toISOString(), verification: r.verification }));
}

/** Records a re-verification outcome; an invalid response is excluded from the tally, with its reason. */
export async function verifyResponse(ctx: Ctx, responseId: number, outcome: 'confirmed' | 'invalid', reason: string | undefined) {
  const actor = requireActor(ctx.actor);
  const r = await q.findResponse(ctx.db, responseId);
  if (!r) throw new AppError('not_found');
  const row = await loadQuestionnaire(ctx, r.questionnaireId);
  authorize(actor, 'survey.verify', { provinceId: row.q.provinceId });
  if (outcome === 'invalid' && !reason) {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'reason', message: { vi: 'Nêu lý do loại phiếu.', en: 'Give the reason for excluding the response.' } }] });
  }
  await ctx.db.transaction(async (tx) => {
    await q.updateResponse(tx, responseId, {
      verification: outcome,
      verifiedAt: ctx.now,
      verifiedBy: actor.userId,
      ...(outcome === 'invalid' ? { status: 'invalid', invalidReason: reason ?? null } : {}),
    });
    await appendAudit(tx, ctx, { action: 'survey.verify', entityType: 'survey_response', entityId: responseId, oldValue: { status: r.status }, newValue: { outcome, reason: reason ?? null }, reason: reason ?? null });
  });
  return { id: responseId, outcome };
}

/**
 * Every response drawn for re-verification (any draw), with its answers so staff know what to re-check, the seed of
 * its draw and its outcome. Code responses carry no identity (answers never point to codes); paper forms carry
 * their paper reference.
 */
export async function verificationList(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.verify', { provinceId: row.q.provinceId });
  const responses = (await q.listResponses(ctx.db, id)).filter((r) => r.sampledAt !== null);
  return responses.map((r) => ({
    id: r.id,
    channel: r.channel,
    respondentGroup: r.respondentGroup,
    paperRef: r.paperRef,
    submittedAt: r.submittedAt.toISOString(),
    sampledAt: r.sampledAt!.toISOString(),
    seed: r.sampleSeed,
    status: r.status,
    verification: r.verification,
    invalidReason: r.invalidReason,
    answers: r.answers,
  }));
}
