import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { explanationBody } from '../../../core/schemas/assessments';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { can } from '../../policies';
import { notifyUsers, provinceUsers } from '../notifications/service';
import { fieldOf, gate, leafNode, loadAssessment, resourceOf } from './access';
import { message, writeLeaf } from './leaf-write';
import * as q from './queries';

/**
 * Adds a message to a leaf's explanation thread: the agency accepts or disputes a round-1 adjustment (with argument
 * and new evidence, attached to the leaf too) during the explanation round; an appraiser of the field replies
 * during the explanation round or round 2. Made at the leaf's version read, like every write to a leaf.
 */
export async function postExplanation(ctx: Ctx, id: number, code: string, body: z.infer<typeof explanationBody>) {
  const l = await loadAssessment(ctx, id);
  const node = leafNode(l, code);
  const side = body.kind === 'reply' ? 'appraiser' : 'agency';
  if (side === 'agency') {
    gate(ctx, l, 'assessment.explain', 'explain');
    const row = await q.findLeafScore(ctx.db, id, node.code);
    if (row?.appraisal1Decision !== 'adjusted') {
      throw new AppError('invalid_state', message('Chỉ giải trình các tiêu chí bị điều chỉnh khi thẩm định lần 1.', 'Only leaves adjusted in round 1 are explained.'));
    }
    if (body.kind === 'dispute' && !body.body) {
      throw new AppError('validation_failed', undefined, { fields: [{ path: 'body', message: message('Nêu lý do không đồng ý.', 'Give your argument.') }] });
    }
  } else {
    const phase = l.row.period.phase;
    if (phase !== 'explanation' && phase !== 'appraisal2') gate(ctx, l, 'assessment.appraise', 'appraise2', fieldOf(node.code));
    if (!can(l.actor, 'assessment.appraise', resourceOf(l, fieldOf(node.code)))) throw new AppError('forbidden');
    if (!body.body) throw new AppError('validation_failed', undefined, { fields: [{ path: 'body', message: message('Nhập nội dung trả lời.', 'Write the reply.') }] });
  }
  const owned = await q.findEvidenceAgencies(ctx.db, body.evidenceIds);
  if (body.evidenceIds.some((e) => !owned.some((o) => o.id === e && o.agencyId === l.row.agency.id))) {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'evidenceIds', message: message('Tài liệu không thuộc thư viện của cơ quan.', "Not in the agency's library.") }] });
  }
  return ctx.db.transaction(async (tx) => {
    // A message is a write to the leaf: made at the version read, it bumps it.
    const written = await writeLeaf(tx, ctx, l, node, body.version, {}, { action: `leaf.explanation_${body.kind}` });
    const m = await q.insertMessage(tx, { assessmentId: id, nodeCode: node.code, authorId: l.actor.userId, side, kind: body.kind, body: body.body, evidenceIds: body.evidenceIds, createdAt: ctx.now });
    if (body.evidenceIds.length) await q.addLeafEvidence(tx, id, node.code, body.evidenceIds, ctx.now);
    await appendAudit(tx, ctx, { action: `leaf.explanation_${body.kind}`, entityType: 'leaf_score', entityId: `${id}:${node.code}`, newValue: { kind: body.kind, body: body.body, evidenceIds: body.evidenceIds } });
    if (side === 'agency' && body.kind === 'dispute') {
      await notifyUsers(
        tx,
        await provinceUsers(tx, l.row.agency.provinceId, ['appraiser', 'secretariat']),
        {
          kind: 'leaf.disputed',
          title: message(`${l.row.agency.nameVi} giải trình tiêu chí ${node.code}`, `${l.row.agency.nameEn || l.row.agency.nameVi} disputes leaf ${node.code}`),
          link: `/assessments/${id}/appraisal`,
        },
        ctx.now,
      );
    }
    return { id: m.id, createdAt: m.createdAt.toISOString(), version: written.version };
  });
}
