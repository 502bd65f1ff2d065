import type { AuditAction } from '../../../core/domain/audit-catalogue';
import { scoreStageLeaf } from '../../../core/domain/compute-index';
import { scoreLeaf } from '../../../core/domain/scoring';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { AppError, type Bilingual } from '../../../core/errors';
import type { LeafWriteResult } from '../../../core/schemas/assessments';
import type { FrameworkNode, LeafInput } from '../../../core/schemas/framework';
import type { DbOrTx } from '../../db/client';
import type { Ctx } from '../../lib/context';
import type { Loaded } from './access';
import * as q from './queries';

/** The columns of a leaf row a write may change. */
export type LeafPatch = Partial<Pick<q.LeafScoreRow,
  | 'selfInput' | 'selfComment' | 'selfExplanation'
  | 'appraisal1Input' | 'appraisal1ReasonCode' | 'appraisal1Comment' | 'appraisal1Decision' | 'appraisal1By' | 'appraisal1At'
  | 'finalInput' | 'finalReasonCode' | 'finalComment' | 'finalDecision' | 'finalBy' | 'finalAt'
  | 'surveyPoints'>>;

const isEmptyInput = (i: LeafInput | null | undefined) =>
  !i || (i.notApplicable !== true && [i.levelCode, i.numerator, i.denominator, i.value, i.surveyPoints].every((v) => v === undefined || v === null || v === ''));

/** Scores a stage input with the core engine: its points (null when N/A or no input), or a field error. */
export function stagePoints(node: FrameworkNode, input: LeafInput | null | undefined, path: string): string | null {
  if (isEmptyInput(input)) return null;
  const res = scoreLeaf(node, input);
  if (!res.ok) {
    const field = res.problem.field ? `${path}.${res.problem.field}` : path;
    throw new AppError('validation_failed', undefined, { fields: [{ path: field, message: res.problem.message }] });
  }
  return res.units === null ? null : unitsToDecimalString(res.units);
}

/** A numeric column's text without padding zeros ("0.5000" → "0.5"). */
export const trimPoints = (p: string | null | undefined): string | null => (p == null ? null : p.includes('.') ? p.replace(/\.?0+$/, '') : p);

function view(assessmentId: number, row: q.LeafScoreRow | null, code: string, node: FrameworkNode, now: Date): LeafWriteResult {
  const effective = scoreStageLeaf(node, row ? { self: row.selfInput, appraisal1: row.appraisal1Input, final: row.finalInput, surveyPoints: row.surveyPoints } : undefined, 'effective');
  return {
    assessmentId,
    code,
    version: row?.version ?? 0,
    self: { input: row?.selfInput ?? null, points: trimPoints(row?.selfPoints) },
    appraisal1: row?.appraisal1Input ? { input: row.appraisal1Input, points: trimPoints(row.appraisal1Points), decision: row.appraisal1Decision } : null,
    final: row?.finalInput ? { input: row.finalInput, points: trimPoints(row.finalPoints), decision: row.finalDecision } : null,
    effectivePoints: effective.notApplicable ? null : unitsToDecimalString(effective.units),
    notApplicable: effective.notApplicable,
    updatedAt: (row?.updatedAt ?? now).toISOString(),
  };
}

const AUDITED: (keyof LeafPatch)[] = [
  'selfInput', 'selfComment', 'selfExplanation',
  'appraisal1Input', 'appraisal1ReasonCode', 'appraisal1Comment', 'appraisal1Decision',
  'finalInput', 'finalReasonCode', 'finalComment', 'finalDecision', 'surveyPoints',
];

/**
 * Writes one leaf under optimistic concurrency (the version the client read; 0 for a leaf never written): merges the
 * patch, recomputes each changed stage's points and the effective points with the core engine, bumps the version
 * and appends old → new to the audit log. An empty patch only bumps the version: evidence links and explanation
 * messages, kept in their own tables, go through it so that they too are refused on a stale version. The row is
 * kept when no input is left (its version keeps growing, so an old version never matches again). A stale version
 * gets `conflict` and changes nothing. `current` is the leaf's row when the caller already read it (outside a
 * transaction is fine: the write is guarded by the version, so a row changed since gets `conflict`); otherwise it
 * is read here.
 */
export async function writeLeaf(
  tx: DbOrTx,
  ctx: Ctx,
  l: Loaded,
  node: FrameworkNode,
  expectedVersion: number,
  patch: LeafPatch,
  audit: { action: AuditAction; reason?: string | null },
  current?: q.LeafScoreRow | null,
): Promise<LeafWriteResult> {
  const id = l.row.assessment.id;
  const before = current !== undefined ? current : await q.findLeafScore(tx, id, node.code);
  if ((before?.version ?? 0) !== expectedVersion) throw staleLeaf(node.code, before?.version ?? 0);
  const merged = {
    selfInput: before?.selfInput ?? null,
    appraisal1Input: before?.appraisal1Input ?? null,
    finalInput: before?.finalInput ?? null,
    surveyPoints: before?.surveyPoints ?? null,
    ...patch,
  };
  const values: Partial<q.LeafScoreRow> = { ...patch, updatedAt: ctx.now, updatedBy: l.actor.userId };
  if ('selfInput' in patch) values.selfPoints = stagePoints(node, patch.selfInput, 'input');
  if ('appraisal1Input' in patch) values.appraisal1Points = stagePoints(node, patch.appraisal1Input, 'input');
  if ('finalInput' in patch) values.finalPoints = stagePoints(node, patch.finalInput, 'input');
  const effective = scoreStageLeaf(node, { self: merged.selfInput, appraisal1: merged.appraisal1Input, final: merged.finalInput, surveyPoints: merged.surveyPoints }, 'effective');
  values.effectiveUnits = effective.units;
  values.effectiveNa = effective.notApplicable;
  const oldValue: Record<string, unknown> = {};
  const newValue: Record<string, unknown> = {};
  for (const k of AUDITED) {
    if (!(k in patch)) continue;
    const o = before?.[k] ?? null;
    const n = patch[k] ?? null;
    if (JSON.stringify(o) !== JSON.stringify(n)) {
      oldValue[k] = o;
      newValue[k] = n;
    }
  }
  const auditRow = Object.keys(newValue).length
    ? {
        at: ctx.now,
        provinceId: l.row.agency.provinceId,
        actorId: l.actor.userId,
        actorName: `${l.actor.fullName} (${l.actor.username})`,
        action: audit.action,
        entityId: `${id}:${node.code}`,
        oldValue: { ...oldValue, version: expectedVersion },
        newValue: { ...newValue, version: expectedVersion + 1 },
        reason: audit.reason ?? null,
        requestId: ctx.requestId,
      }
    : null;
  // One statement writes the leaf (guarded by its version) and its audit entry: no transaction round trips.
  const after = await q.writeLeafAudited(tx, id, node.code, expectedVersion, values, auditRow);
  if (!after) throw staleLeaf(node.code);
  return view(id, after, node.code, node, ctx.now);
}

/** The `conflict` of a leaf written meanwhile by someone else (with its current version when known). */
export function staleLeaf(code: string, currentVersion?: number): AppError {
  return new AppError('conflict', undefined, { details: currentVersion === undefined ? { code } : { currentVersion, code } });
}

export const message = (vi: string, en: string): Bilingual => ({ vi, en });
