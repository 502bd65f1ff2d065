/**
 * Turns a computed stage result into the nested tree the API returns to "explain any number": each node's
 * points, maximum, applicable maximum and lost points, each leaf's derivation and sentence, and a summary line.
 */
import type { Bilingual } from '../errors';
import type { ClassificationBand, NodeKind } from '../schemas/framework';
import type { CompiledFramework, ComponentResult, IndexTotals, LeafScore, ResultStage, StageResult } from './compute-index';
import { formatIndex, formatPointsExact, indexHundredths, type IndexHundredths, type Units } from './decimal';
import { explainDerivation } from './explain-derivation';
import type { LeafMethodType } from './framework';
import type { ScoreProblem } from './scoring';

/** The leaf part of an explained node: how its points were obtained. */
export interface ExplainedLeaf {
  method: LeafMethodType;
  status: LeafScore['status'];
  source: LeafScore['source'];
  derivation: LeafScore['derivation'];
  /** The derivation as a sentence in both languages (null when the input was invalid). */
  explanation: Bilingual | null;
  problem?: ScoreProblem;
}

/** One node of the explained tree (amounts in units of 1/10000 point; index in hundredths of a percent). */
export interface ExplainedNode {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: NodeKind;
  points: Units;
  max: Units;
  applicableMax: Units;
  lost: Units;
  notApplicable: boolean;
  /** points / applicableMax × 100 in hundredths, null when applicableMax is 0. */
  index: IndexHundredths | null;
  children: ExplainedNode[];
  leaf?: ExplainedLeaf;
}

/** An explained stage: totals, components, the tree and a one-line summary. */
export interface ExplainedAgencyResult {
  stage: ResultStage;
  totals: IndexTotals & {
    declaredMax: Units;
    classification: ClassificationBand | null;
    notScoredCount: number;
    invalidCount: number;
  };
  components: ComponentResult[];
  tree: ExplainedNode[];
  summary: Bilingual;
}

function summarise(r: StageResult): Bilingual {
  if (r.totalIndex === null) {
    return {
      vi: 'Không có tiêu chí nào áp dụng nên chưa tính được chỉ số.',
      en: 'No criterion applies, so there is no index.',
    };
  }
  const line = (lang: 'vi' | 'en') => {
    const f = (u: Units) => formatPointsExact(u, lang);
    const band = r.classification ? ` (${lang === 'vi' ? r.classification.labelVi : r.classification.labelEn})` : '';
    const parts = `${f(r.regularPoints)} + ${f(r.bonus)} − ${f(r.deduction)} = ${f(r.rawTotal)}`;
    const clamp = r.totalPoints !== r.rawTotal ? (lang === 'vi' ? ` → giới hạn ${f(r.totalPoints)}` : ` → bounded to ${f(r.totalPoints)}`) : '';
    return lang === 'vi'
      ? `Chỉ số ${formatIndex(r.totalIndex ?? 0, 'vi')}${band} = (${parts}${clamp}) / ${f(r.applicableMax)} điểm tối đa áp dụng × 100.`
      : `Index ${formatIndex(r.totalIndex ?? 0, 'en')}${band} = (${parts}${clamp}) / ${f(r.applicableMax)} applicable maximum points × 100.`;
  };
  return { vi: line('vi'), en: line('en') };
}

/** Nests a computed stage result under the compiled framework's tree and adds sentences (see compute-index.ts). */
export function explainStageResult(compiled: CompiledFramework, r: StageResult): ExplainedAgencyResult {
  const leafByNode = new Map<number, LeafScore>();
  r.leaves.forEach((leaf, i) => leafByNode.set(compiled.leafNode[i] as number, leaf));
  const built: ExplainedNode[] = compiled.nodes.map((node, i) => {
    const nr = r.nodes[i];
    const points = nr?.points ?? 0;
    const applicableMax = nr?.applicableMax ?? 0;
    const out: ExplainedNode = {
      code: node.code,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      kind: node.kind,
      points,
      max: nr?.max ?? 0,
      applicableMax,
      lost: nr?.lost ?? 0,
      notApplicable: nr?.notApplicable ?? false,
      index: applicableMax > 0 ? indexHundredths(points, applicableMax) : null,
      children: [],
    };
    const leaf = leafByNode.get(i);
    if (leaf && node.method) {
      out.leaf = {
        method: node.method.type,
        status: leaf.status,
        source: leaf.source,
        derivation: leaf.derivation,
        explanation: leaf.derivation
          ? { vi: explainDerivation(leaf.derivation, 'vi'), en: explainDerivation(leaf.derivation, 'en') }
          : null,
        ...(leaf.problem ? { problem: leaf.problem } : {}),
      };
    }
    return out;
  });
  const tree: ExplainedNode[] = [];
  built.forEach((node, i) => {
    const parent = compiled.nodeParent[i] as number;
    if (parent < 0) tree.push(node);
    else built[parent]?.children.push(node);
  });
  return {
    stage: r.stage,
    totals: {
      regularPoints: r.regularPoints,
      applicableMax: r.applicableMax,
      bonusRaw: r.bonusRaw,
      bonus: r.bonus,
      deductionRaw: r.deductionRaw,
      deduction: r.deduction,
      rawTotal: r.rawTotal,
      totalPoints: r.totalPoints,
      totalIndex: r.totalIndex,
      declaredMax: r.declaredMax,
      classification: r.classification,
      notScoredCount: r.notScoredCount,
      invalidCount: r.invalidCount,
    },
    components: r.components,
    tree,
    summary: summarise(r),
  };
}
