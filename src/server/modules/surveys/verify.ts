import { AppError } from '../../../core/errors';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import * as q from './queries';
import { loadQuestionnaire } from './service';

/** A seeded PRNG (mulberry32), so a drawn sample can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the re-verification (phúc tra) sample: ceil(percent %) of the valid responses rating each agency, reproducible
 * from the seed (recorded in the audit log).
 */
export async function drawSample(ctx: Ctx, id: number, percent: number, seed: number) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.verify', { provinceId: row.q.provinceId });
  const responses = await q.listResponses(ctx.db, id, 'valid');
  const byAgency = new Map<number, number[]>();
  for (const r of responses) {
    const agencies = new Set(r.answers.map((a) => a.a).filter((a): a is number => a != null));
    for (const a of agencies) byAgency.set(a, [...(byAgency.get(a) ?? []), r.id]);
  }
  const rand = prng(seed);
  const picked = new Set<number>();
  for (const [, ids] of [...byAgency].sort((x, y) => x[0] - y[0])) {
    const pool = [...ids].sort((x, y) => x - y);
    const want = Math.ceil((pool.length * percent) / 100);
    for (let i = 0; i < want && pool.length; i++) picked.add(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  }
  await appendAudit(ctx.db, ctx, { action: 'survey.sample', entityType: 'questionnaire', entityId: id, newValue: { percent, seed, size: picked.size } });
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
