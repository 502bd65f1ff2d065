import type { z } from 'zod';
import { leafNodes } from '../../../core/domain/framework';
import { AppError } from '../../../core/errors';
import type { leafEvidenceBody, LeafWriteResult, selfScoreBody } from '../../../core/schemas/assessments';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { notifyUsers, provinceUsers } from '../notifications/service';
import { gate, leafNode, loadAssessment } from './access';
import { message, writeLeaf } from './leaf-write';
import * as q from './queries';

function requireDraft(status: string) {
  if (status !== 'draft') {
    throw new AppError('invalid_state', message('Bản tự đánh giá đã được gửi; hãy rút lại trước khi sửa.', 'The self-assessment has been submitted; withdraw it before editing.'));
  }
}

/**
 * Saves the agency's self-assessment of one leaf (its input in the leaf's method, a comment, and the explanation
 * of a score without evidence): agency focal point or head, during self-assessment, before the deadline, while the
 * assessment is a draft, at the version read. Survey leaves are not self-scored.
 */
export async function saveSelfScore(ctx: Ctx, id: number, code: string, body: z.infer<typeof selfScoreBody>): Promise<LeafWriteResult> {
  const l = await loadAssessment(ctx, id, code);
  gate(ctx, l, 'assessment.selfAssess', 'selfAssess');
  requireDraft(l.row.assessment.status);
  const node = leafNode(l, code);
  const current = l.row.leaf ?? null;
  if (node.method?.type === 'survey') {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'input', message: message('Tiêu chí này lấy điểm từ điều tra xã hội học, không tự chấm.', 'This leaf takes its points from the survey; it is not self-scored.') }],
    });
  }
  if (body.input === null) {
    // Clearing a score removes the leaf's row; a comment or explanation still there would be lost silently.
    const comment = body.comment !== undefined ? body.comment : (current?.selfComment ?? null);
    const explanation = body.explanation !== undefined ? body.explanation : (current?.selfExplanation ?? null);
    if (comment || explanation) {
      throw new AppError('validation_failed', undefined, {
        fields: [
          {
            path: 'input',
            message: message(
              'Tiêu chí còn nhận xét hoặc giải trình: xóa chúng cùng lúc với điểm (gửi comment và explanation rỗng) hoặc giữ lại điểm.',
              'The leaf still has a comment or explanation: clear them together with the score (send an empty comment and explanation) or keep the score.',
            ),
          },
        ],
      });
    }
  }
  return writeLeaf(
      ctx.db,
      ctx,
      l,
      node,
      body.version,
      {
        selfInput: body.input,
        ...(body.comment !== undefined ? { selfComment: body.comment || null } : {}),
        ...(body.explanation !== undefined ? { selfExplanation: body.explanation || null } : {}),
      },
      { action: 'leaf.self_assess' },
      current,
    );
}

/**
 * Sets the evidence attached to a leaf (documents of the agency's own library): during self-assessment (draft) or,
 * for an adjusted leaf, during the explanation round. Like every write to a leaf it is made at the version read and
 * bumps it: two changes made from the same version cannot both succeed.
 */
export async function setLeafEvidence(ctx: Ctx, id: number, code: string, body: z.infer<typeof leafEvidenceBody>) {
  const l = await loadAssessment(ctx, id);
  const phase = l.row.period.phase;
  if (phase === 'explanation') gate(ctx, l, 'assessment.explain', 'explain');
  else {
    gate(ctx, l, 'assessment.selfAssess', 'selfAssess');
    requireDraft(l.row.assessment.status);
  }
  const node = leafNode(l, code);
  const owned = await q.findEvidenceAgencies(ctx.db, body.evidenceIds);
  const bad = body.evidenceIds.filter((e) => !owned.some((o) => o.id === e && o.agencyId === l.row.agency.id));
  if (bad.length) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'evidenceIds', message: message(`Tài liệu không thuộc thư viện của cơ quan: ${bad.join(', ')}.`, `Not in the agency's library: ${bad.join(', ')}.`) }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    const written = await writeLeaf(tx, ctx, l, node, body.version, {}, { action: 'leaf.evidence' });
    const before = (await q.listLeafEvidence(tx, [id])).filter((e) => e.nodeCode === node.code).map((e) => e.id);
    if (phase === 'explanation') await q.addLeafEvidence(tx, id, node.code, body.evidenceIds, ctx.now);
    else await q.replaceLeafEvidence(tx, id, node.code, [...new Set(body.evidenceIds)], ctx.now);
    const after = (await q.listLeafEvidence(tx, [id])).filter((e) => e.nodeCode === node.code).map((e) => e.id);
    await appendAudit(tx, ctx, {
      action: 'leaf.evidence',
      entityType: 'leaf_score',
      entityId: `${id}:${node.code}`,
      oldValue: { evidenceIds: before, version: body.version },
      newValue: { evidenceIds: after, version: written.version },
    });
    return { code: node.code, evidenceIds: after, version: written.version };
  });
}

/** What stops a submission: unscored leaves, and scores without evidence and without an explanation. */
export async function submissionChecklist(ctx: Ctx, id: number) {
  const l = await loadAssessment(ctx, id);
  const [rows, evidence] = await Promise.all([q.listLeafScores(ctx.db, [id]), q.listLeafEvidence(ctx.db, [id])]);
  const byCode = new Map(rows.map((r) => [r.nodeCode, r]));
  const withEvidence = new Set(evidence.map((e) => e.nodeCode));
  const notScored: string[] = [];
  const noEvidence: string[] = [];
  for (const leaf of leafNodes(l.framework.nodes)) {
    if (leaf.method?.type === 'survey') continue;
    const r = byCode.get(leaf.code);
    if (!r?.selfInput) notScored.push(leaf.code);
    else if (!r.selfInput.notApplicable && !withEvidence.has(leaf.code) && !r.selfExplanation) noEvidence.push(leaf.code);
  }
  return { l, notScored, noEvidence };
}

/** The agency head submits the self-assessment; refused with the checklist when leaves are missing. */
export async function submitAssessment(ctx: Ctx, id: number, version: number) {
  const { l, notScored, noEvidence } = await submissionChecklist(ctx, id);
  gate(ctx, l, 'assessment.submit', 'submit');
  requireDraft(l.row.assessment.status);
  if (notScored.length || noEvidence.length) {
    throw new AppError(
      'invalid_state',
      message(
        `Chưa thể gửi: ${notScored.length} tiêu chí chưa chấm, ${noEvidence.length} tiêu chí chưa có tài liệu kiểm chứng hoặc giải thích.`,
        `Cannot submit yet: ${notScored.length} leaves not scored, ${noEvidence.length} leaves without evidence or an explanation.`,
      ),
      { details: { notScored, noEvidence } },
    );
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateAssessmentVersioned(tx, id, version, { status: 'submitted', submittedAt: ctx.now, submittedBy: l.actor.userId, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: l.row.assessment.version } });
    await appendAudit(tx, ctx, { action: 'assessment.submit', entityType: 'assessment', entityId: id, oldValue: { status: 'draft' }, newValue: { status: 'submitted' } });
    await notifyUsers(
      tx,
      await provinceUsers(tx, l.row.agency.provinceId, ['secretariat']),
      {
        kind: 'assessment.submitted',
        title: message(`${l.row.agency.nameVi} đã gửi bản tự đánh giá ${l.row.period.year}`, `${l.row.agency.nameEn || l.row.agency.nameVi} submitted its ${l.row.period.year} self-assessment`),
        link: `/assessments/${id}`,
      },
      ctx.now,
    );
  });
}

/** The agency head withdraws a submitted self-assessment while self-assessment is still open (appraisal not started). */
export async function withdrawAssessment(ctx: Ctx, id: number, version: number) {
  const l = await loadAssessment(ctx, id);
  gate(ctx, l, 'assessment.withdraw', 'withdraw');
  if (l.row.assessment.status !== 'submitted') throw new AppError('invalid_state', message('Bản tự đánh giá chưa được gửi.', 'The self-assessment has not been submitted.'));
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateAssessmentVersioned(tx, id, version, { status: 'draft', submittedAt: null, submittedBy: null, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: l.row.assessment.version } });
    await appendAudit(tx, ctx, { action: 'assessment.withdraw', entityType: 'assessment', entityId: id, oldValue: { status: 'submitted' }, newValue: { status: 'draft' } });
  });
}
