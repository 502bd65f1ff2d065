import { AppError } from '../../../core/errors';
import type { LeafInput } from '../../../core/schemas/framework';
import type { Ctx } from '../../lib/context';
import { requireActor } from '../../policies';
import { compiledFramework } from '../results/compute';
import { loadPeriod } from '../periods/service';
import { visibilityFor, type Loaded } from './access';
import { writeLeaf } from './leaf-write';
import * as q from './queries';
import type { Phase } from '../../../core/domain/workflow';

/**
 * Writes corrected final scores of a published period (the caller authorized `period.correct` and runs this inside
 * its transaction); every change is audited with the correction's reason and made at the leaf's version (the one
 * the caller read when given, else the one read here), which it bumps.
 */
export async function correctLeaves(ctx: Ctx, periodId: number, changes: { agencyId: number; nodeCode: string; input: LeafInput; comment?: string | undefined; version?: number | undefined }[], reason: string): Promise<void> {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, periodId);
  const rows = await q.listAssessments(ctx.db, periodId, {});
  for (const [i, c] of changes.entries()) {
    const a = rows.find((r) => r.agency.id === c.agencyId);
    if (!a) throw new AppError('validation_failed', undefined, { fields: [{ path: `changes.${i}.agencyId`, message: { vi: 'Cơ quan không thuộc kỳ này.', en: 'The agency is not in this period.' } }] });
    const entry = (await compiledFramework(ctx.db, a.assessment.frameworkId))!;
    const node = entry.document.nodes.find((n) => n.code === c.nodeCode);
    if (!node?.method || node.method.type === 'survey') {
      throw new AppError('validation_failed', undefined, { fields: [{ path: `changes.${i}.nodeCode`, message: { vi: 'Không phải tiêu chí thành phần chấm điểm.', en: 'Not a scored leaf.' } }] });
    }
    const l: Loaded = {
      actor,
      row: { assessment: a.assessment, period, agency: a.agency, groupCode: a.groupCode },
      framework: entry.document,
      compiled: entry.compiled,
      nodeByCode: new Map(entry.document.nodes.map((n) => [n.code, n])),
      appraiserFields: [],
      extensions: [],
      view: visibilityFor(actor, a.agency.id, period.phase as Phase, []),
    };
    const current = await q.findLeafScore(ctx.db, a.assessment.id, node.code);
    await writeLeaf(
      ctx.db,
      ctx,
      l,
      node,
      c.version ?? current?.version ?? 0,
      { finalInput: c.input, finalDecision: 'corrected', finalComment: c.comment ?? null, finalBy: actor.userId, finalAt: ctx.now },
      { action: 'leaf.correct', reason },
      current,
    );
  }
}
