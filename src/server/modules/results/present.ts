import type { ExplainedAgencyResult, ExplainedNode, StageResult } from '../../../core/domain/compute-index';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import type { Lang } from '../../../core/errors';
import type { ExplainedNodeView } from '../../../core/schemas/results';
import { indexText } from './compute';

const u = unitsToDecimalString;

/** The explained tree on the wire: decimal strings, the leaf sentence in the request's language. */
export function presentNode(n: ExplainedNode, lang: Lang): ExplainedNodeView {
  return {
    code: n.code,
    nameVi: n.nameVi,
    nameEn: n.nameEn,
    kind: n.kind,
    points: u(n.points),
    max: u(n.max),
    applicableMax: u(n.applicableMax),
    lost: u(n.lost),
    notApplicable: n.notApplicable,
    index: indexText(n.index),
    ...(n.leaf
      ? {
          leaf: {
            method: n.leaf.method,
            status: n.leaf.status,
            source: n.leaf.source,
            explanation: n.leaf.explanation ? n.leaf.explanation[lang] : (n.leaf.problem?.message[lang] ?? null),
            derivation: n.leaf.derivation,
          },
        }
      : {}),
    children: n.children.map((c) => presentNode(c, lang)),
  };
}

export function presentStageTotals(r: StageResult) {
  return {
    stage: r.stage,
    totalIndex: indexText(r.totalIndex),
    regularPoints: u(r.regularPoints),
    applicableMax: u(r.applicableMax),
    bonus: u(r.bonus),
    deduction: u(r.deduction),
    totalPoints: u(r.totalPoints),
    classification: r.classification ? { code: r.classification.code, labelVi: r.classification.labelVi, labelEn: r.classification.labelEn } : null,
    notScoredCount: r.notScoredCount,
  };
}

export function presentComponents(e: ExplainedAgencyResult) {
  const byCode = new Map(e.tree.map((n) => [n.code, n]));
  return e.components
    .filter((c) => c.kind === 'regular')
    .map((c) => ({
      code: c.code,
      nameVi: byCode.get(c.code)?.nameVi ?? c.code,
      nameEn: byCode.get(c.code)?.nameEn ?? '',
      index: indexText(c.index),
      points: u(c.points),
      applicableMax: u(c.applicableMax),
      lost: u(c.lost),
    }));
}
