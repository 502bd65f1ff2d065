import type { z } from 'zod';
import { leafNodes } from '../../../core/domain/framework';
import { AppError } from '../../../core/errors';
import type { appraisalBody, LeafWriteResult } from '../../../core/schemas/assessments';
import type { Ctx } from '../../lib/context';
import { can } from '../../policies';
import { notifyUsers, agencyUsers } from '../notifications/service';
import { fieldOf, gate, leafNode, type Loaded, loadAssessment, resourceOf } from './access';
import { message, writeLeaf, type LeafPatch } from './leaf-write';
import * as q from './queries';

function requireSubmitted(l: Loaded) {
  if (l.row.assessment.status === 'draft') {
    throw new AppError('invalid_state', message('Cơ quan chưa gửi bản tự đánh giá.', 'The agency has not submitted its self-assessment.'));
  }
}

function roundPatch(l: Loaded, round: 1 | 2, row: q.LeafScoreRow | null, body: z.infer<typeof appraisalBody>, now: Date): LeafPatch {
  const by = l.actor.userId;
  if (round === 1) {
    if (body.decision === 'accept') {
      if (!row?.selfInput) throw new AppError('invalid_state', message('Cơ quan chưa tự chấm tiêu chí này.', 'The agency has not scored this leaf.'));
      return { appraisal1Input: row.selfInput, appraisal1Decision: 'accepted', appraisal1ReasonCode: null, appraisal1Comment: body.comment ?? null, appraisal1By: by, appraisal1At: now };
    }
    return { appraisal1Input: body.input!, appraisal1Decision: 'adjusted', appraisal1ReasonCode: body.reasonCode ?? null, appraisal1Comment: body.comment ?? null, appraisal1By: by, appraisal1At: now };
  }
  if (body.decision === 'accept') {
    // Round 2 accepts the agency's claim: its self-assessed value.
    if (!row?.selfInput) throw new AppError('invalid_state', message('Cơ quan chưa tự chấm tiêu chí này.', 'The agency has not scored this leaf.'));
    return { finalInput: row.selfInput, finalDecision: 'accepted', finalReasonCode: null, finalComment: body.comment ?? null, finalBy: by, finalAt: now };
  }
  if (body.decision === 'confirm') {
    const keep = row?.appraisal1Input ?? row?.selfInput;
    if (!keep) throw new AppError('invalid_state', message('Chưa có điểm thẩm định lần 1.', 'There is no round-1 score.'));
    return { finalInput: keep, finalDecision: 'confirmed', finalReasonCode: row?.appraisal1ReasonCode ?? null, finalComment: body.comment ?? null, finalBy: by, finalAt: now };
  }
  return { finalInput: body.input!, finalDecision: 'adjusted', finalReasonCode: body.reasonCode ?? null, finalComment: body.comment ?? null, finalBy: by, finalAt: now };
}

/**
 * An appraiser (or the secretariat) appraises one leaf of a submitted assessment in round 1 (accept the self-score
 * or adjust with a reason code) or round 2 (accept the agency's claim, confirm round 1, or adjust), only in the
 * fields assigned to them, during the round, before its deadline, at the version read.
 */
export async function appraiseLeaf(ctx: Ctx, id: number, code: string, body: z.infer<typeof appraisalBody>): Promise<LeafWriteResult> {
  const l = await loadAssessment(ctx, id);
  const node = leafNode(l, code);
  gate(ctx, l, 'assessment.appraise', body.round === 1 ? 'appraise1' : 'appraise2', fieldOf(node.code));
  requireSubmitted(l);
  if (node.method?.type === 'survey') {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'code', message: message('Điểm điều tra xã hội học không thẩm định từng tiêu chí.', 'Survey points are not appraised leaf by leaf.') }] });
  }
  const row = await q.findLeafScore(ctx.db, id, node.code);
  const patch = roundPatch(l, body.round, row, body, ctx.now);
  const result = await ctx.db.transaction(async (tx) => {
    const r = await writeLeaf(tx, ctx, l, node, body.version, patch, { action: body.round === 1 ? 'leaf.appraise1' : 'leaf.appraise2', reason: body.comment ?? null });
    if (body.round === 1 && body.decision === 'adjust') {
      await notifyUsers(
        tx,
        await agencyUsers(tx, l.row.agency.provinceId, [l.row.agency.id]),
        {
          kind: 'leaf.adjusted',
          title: message(`Tiêu chí ${node.code} được điều chỉnh khi thẩm định`, `Leaf ${node.code} was adjusted in appraisal`),
          body: message('Xem lý do và giải trình trong giai đoạn giải trình.', 'See the reason and explain it during the explanation round.'),
          link: `/assessments/${id}/explanation`,
        },
        ctx.now,
      );
    }
    return r;
  });
  return result;
}

/**
 * Accepts in one go every leaf (in the actor's fields) whose self-score has evidence attached and is not yet
 * appraised in this round; returns how many were accepted. `versions` (leaf code → the version the appraiser read)
 * makes a leaf changed since the page was read a `conflict` for the whole batch; leaves not listed are written at
 * the version read in the same transaction.
 */
export async function bulkAccept(ctx: Ctx, id: number, round: 1 | 2, codes?: string[], versions?: Record<string, number>): Promise<{ accepted: number; skipped: string[] }> {
  const l = await loadAssessment(ctx, id);
  gate(ctx, l, 'assessment.appraise', round === 1 ? 'appraise1' : 'appraise2');
  requireSubmitted(l);
  const wanted = codes ? new Set(codes) : null;
  return ctx.db.transaction(async (tx) => {
    const [rows, evidence] = await Promise.all([q.listLeafScores(tx, [id]), q.listLeafEvidence(tx, [id])]);
    const byCode = new Map(rows.map((r) => [r.nodeCode, r]));
    const withEvidence = new Set(evidence.map((e) => e.nodeCode));
    const skipped: string[] = [];
    let accepted = 0;
    for (const leaf of leafNodes(l.framework.nodes)) {
      if (leaf.method?.type === 'survey') continue;
      if (wanted && !wanted.has(leaf.code)) continue;
      if (!can(l.actor, 'assessment.appraise', resourceOf(l, fieldOf(leaf.code)))) continue;
      const r = byCode.get(leaf.code);
      const done = round === 1 ? r?.appraisal1Input : r?.finalInput;
      if (!r?.selfInput || done) continue;
      if (!withEvidence.has(leaf.code) && !r.selfInput.notApplicable) {
        skipped.push(leaf.code);
        continue;
      }
      const patch = round === 1
        ? { appraisal1Input: r.selfInput, appraisal1Decision: 'accepted', appraisal1ReasonCode: null, appraisal1Comment: null, appraisal1By: l.actor.userId, appraisal1At: ctx.now }
        : { finalInput: r.appraisal1Input ?? r.selfInput, finalDecision: 'confirmed', finalReasonCode: null, finalComment: null, finalBy: l.actor.userId, finalAt: ctx.now };
      await writeLeaf(tx, ctx, l, leaf, versions?.[leaf.code] ?? r.version, patch, { action: round === 1 ? 'leaf.appraise1' : 'leaf.appraise2', reason: 'bulk accept' }, r);
      accepted++;
    }
    return { accepted, skipped };
  });
}
