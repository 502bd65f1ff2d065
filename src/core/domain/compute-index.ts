/**
 * The index engine (methodology.md §4, docs/scoring.md): per-stage leaf points roll up to criteria and fields;
 * component index per field = points / applicable max; total = regular points + capped bonus − capped
 * deductions, clamped to [0, applicable max]; the index is rounded once, half-up, to hundredths of a percent.
 */
import { AppError } from '../errors';
import type { ClassificationBand, Framework, FrameworkNode, LeafInput, NodeKind } from '../schemas/framework';
import { classify } from './classification';
import { indexHundredths, tryParsePoints, type IndexHundredths, type Units } from './decimal';
import { hasErrors, validateFramework } from './validate-framework';
import { orderedNodes } from './framework-tree';
import { hasLeafInput, scoreLeaf, type Derivation, type ScoreProblem } from './scoring';
import { explainStageResult, type ExplainedAgencyResult } from './explain-result';

export type { ExplainedAgencyResult, ExplainedLeaf, ExplainedNode } from './explain-result';

/** A scoring stage: self-assessment, appraisal round 1, final appraisal (round 2). */
export type Stage = 'self' | 'appraisal1' | 'final';
/** A stage of results: the three stages plus the effective one (per leaf: final, else appraisal1, else self). */
export type ResultStage = Stage | 'effective';
/** The scoring stages in workflow order. */
export const STAGES: readonly Stage[] = ['self', 'appraisal1', 'final'];
/** The result stages in display order. */
export const RESULT_STAGES: readonly ResultStage[] = ['self', 'appraisal1', 'final', 'effective'];

/** All inputs of one leaf: one per stage, and survey points from the survey tally (used by survey leaves at every stage). */
export interface LeafStageInputs {
  self?: LeafInput | null;
  appraisal1?: LeafInput | null;
  final?: LeafInput | null;
  surveyPoints?: string | number | null;
}

/** An agency's inputs keyed by leaf code. */
export type AgencyInputs = Readonly<Record<string, LeafStageInputs | undefined>>;

/** The sentinel of {@link computeIndexFast} for a not-applicable leaf (any negative value is treated so). */
export const NOT_APPLICABLE_UNITS = -1;

const KIND_CODE: Record<NodeKind, number> = { regular: 0, bonus: 1, deduction: 2 };

/** A top-level node of a compiled framework. */
export interface CompiledTop {
  code: string;
  nodeIndex: number;
  kind: NodeKind;
  max: Units;
}

/** A framework precompiled into index arrays so that {@link computeIndexFast} is a tight loop (compile once per framework). */
export interface CompiledFramework {
  readonly compiled: true;
  readonly framework: Framework;
  /** Nodes in tree order (pre-order); arrays named node* are indexed like this list. */
  readonly nodes: readonly FrameworkNode[];
  readonly nodeIndexByCode: ReadonlyMap<string, number>;
  /** Index of each node's parent in `nodes`, −1 for top-level nodes. */
  readonly nodeParent: Int32Array;
  /** Declared maximum of each node in units. */
  readonly nodeMax: Float64Array;
  /** Leaf codes in tree order; arrays named leaf* and the input of computeIndexFast are indexed like this list. */
  readonly leafCodes: readonly string[];
  readonly leafIndexByCode: ReadonlyMap<string, number>;
  readonly leafNode: Int32Array;
  readonly leafMax: Float64Array;
  /** Index into `tops` of each leaf's top-level ancestor. */
  readonly leafTop: Int32Array;
  readonly tops: readonly CompiledTop[];
  /** 0 regular, 1 bonus, 2 deduction, per top. */
  readonly topKind: Uint8Array;
  /** Sum of the regular tops' maxima (the declared total once validated). */
  readonly regularMax: Units;
  readonly bonusCap: Units;
  readonly deductionCap: Units;
  readonly bands: readonly ClassificationBand[];
}

/** Precompiles a valid framework into index arrays; throws AppError('validation_failed') listing the errors when it is not valid. */
export function compileFramework(f: Framework): CompiledFramework {
  const problems = validateFramework(f);
  if (hasErrors(problems)) {
    throw new AppError(
      'validation_failed',
      { vi: 'Bộ tiêu chí có lỗi, chưa thể tính điểm.', en: 'The framework has errors and cannot be scored.' },
      {
        fields: problems
          .filter((p) => p.severity === 'error')
          .map((p) => ({ path: p.nodeCode ? `nodes.${p.nodeCode}${p.path ? `.${p.path}` : ''}` : (p.path ?? '_root'), message: p.message })),
      },
    );
  }
  const nodes = orderedNodes(f.nodes);
  const n = nodes.length;
  const nodeIndexByCode = new Map<string, number>();
  nodes.forEach((node, i) => nodeIndexByCode.set(node.code, i));
  const nodeParent = new Int32Array(n);
  const nodeMax = new Float64Array(n);
  const nodeTop = new Int32Array(n);
  const hasChild = new Uint8Array(n);
  const tops: CompiledTop[] = [];
  nodes.forEach((node, i) => {
    const parent = node.parentCode === null ? -1 : (nodeIndexByCode.get(node.parentCode) ?? -1);
    nodeParent[i] = parent;
    nodeMax[i] = tryParsePoints(node.maxPoints) ?? 0;
    if (parent < 0) {
      nodeTop[i] = tops.length;
      tops.push({ code: node.code, nodeIndex: i, kind: node.kind, max: nodeMax[i] ?? 0 });
    } else {
      nodeTop[i] = nodeTop[parent] ?? 0;
      hasChild[parent] = 1;
    }
  });
  const leafIdx: number[] = [];
  for (let i = 0; i < n; i++) if (!hasChild[i]) leafIdx.push(i);
  const leafNode = Int32Array.from(leafIdx);
  const leafMax = Float64Array.from(leafIdx, (i) => nodeMax[i] ?? 0);
  const leafTop = Int32Array.from(leafIdx, (i) => nodeTop[i] ?? 0);
  const leafCodes = leafIdx.map((i) => nodes[i]?.code ?? '');
  const leafIndexByCode = new Map<string, number>();
  leafCodes.forEach((code, i) => leafIndexByCode.set(code, i));
  const topKind = Uint8Array.from(tops, (t) => KIND_CODE[t.kind]);
  const regularMax = tops.reduce((a, t) => (t.kind === 'regular' ? a + t.max : a), 0);
  return {
    compiled: true,
    framework: f,
    nodes,
    nodeIndexByCode,
    nodeParent,
    nodeMax,
    leafCodes,
    leafIndexByCode,
    leafNode,
    leafMax,
    leafTop,
    tops,
    topKind,
    regularMax,
    bonusCap: tryParsePoints(f.bonusCap) ?? 0,
    deductionCap: tryParsePoints(f.deductionCap) ?? 0,
    bands: f.bands,
  };
}

/** Totals shared by the fast and the explainable computations (all amounts in units of 1/10000 point). */
export interface IndexTotals {
  /** Points of the regular fields (excluding bonus and deductions). */
  regularPoints: Units;
  /** Applicable maximum of the regular fields: declared maximum minus not-applicable leaves' maxima. */
  applicableMax: Units;
  /** Sum of bonus leaves before the cap. */
  bonusRaw: Units;
  /** min(bonusRaw, bonusCap). */
  bonus: Units;
  /** Sum of deduction leaves (as positive amounts) before the cap. */
  deductionRaw: Units;
  /** min(deductionRaw, deductionCap). */
  deduction: Units;
  /** regularPoints + bonus − deduction (may leave [0, applicableMax]). */
  rawTotal: Units;
  /** rawTotal clamped to [0, applicableMax]: the points the total index is computed from. */
  totalPoints: Units;
  /** totalPoints / applicableMax in hundredths of a percent (0..10000), null when applicableMax is 0. */
  totalIndex: IndexHundredths | null;
}

/** Result of {@link computeIndexFast}: totals plus per-top arrays aligned with `compiled.tops`. */
export interface FastIndexResult extends IndexTotals {
  topPoints: Float64Array;
  topApplicableMax: Float64Array;
  /** Component index of each regular top (null for bonus/deduction tops or when its applicable max is 0). */
  topIndex: (IndexHundredths | null)[];
}

function finishTotals(
  regularPoints: Units,
  applicableMax: Units,
  bonusRaw: Units,
  deductionRaw: Units,
  bonusCap: Units,
  deductionCap: Units,
): IndexTotals {
  const bonus = Math.min(bonusRaw, bonusCap);
  const deduction = Math.min(deductionRaw, deductionCap);
  const rawTotal = regularPoints + bonus - deduction;
  const totalPoints = Math.max(0, Math.min(rawTotal, applicableMax));
  return {
    regularPoints,
    applicableMax,
    bonusRaw,
    bonus,
    deductionRaw,
    deduction,
    rawTotal,
    totalPoints,
    totalIndex: applicableMax > 0 ? indexHundredths(totalPoints, applicableMax) : null,
  };
}

/** Computes the index from effective leaf units (aligned with `compiled.leafCodes`; {@link NOT_APPLICABLE_UNITS} for N/A) in one pass without per-node allocation. */
export function computeIndexFast(compiled: CompiledFramework, leafUnits: ArrayLike<number>): FastIndexResult {
  const { leafMax, leafTop, topKind } = compiled;
  const nTops = topKind.length;
  const topPoints = new Float64Array(nTops);
  const topApplicableMax = new Float64Array(nTops);
  const count = leafMax.length;
  if (leafUnits.length !== count) throw new RangeError(`Expected ${count} leaf values, got ${leafUnits.length}`);
  for (let i = 0; i < count; i++) {
    const u = leafUnits[i] as number;
    if (u < 0) continue;
    const t = leafTop[i] as number;
    topPoints[t] = (topPoints[t] as number) + u;
    topApplicableMax[t] = (topApplicableMax[t] as number) + (leafMax[i] as number);
  }
  return totalsFromTops(compiled, topPoints, topApplicableMax);
}

/** Finishes an index from per-top points and applicable maxima (units): components, capped bonus and deductions, clamped total, index. */
export function totalsFromTops(compiled: CompiledFramework, topPoints: Float64Array, topApplicableMax: Float64Array): FastIndexResult {
  const { topKind } = compiled;
  const nTops = topKind.length;
  let regularPoints = 0;
  let applicableMax = 0;
  let bonusRaw = 0;
  let deductionRaw = 0;
  const topIndex: (IndexHundredths | null)[] = new Array<IndexHundredths | null>(nTops);
  for (let t = 0; t < nTops; t++) {
    const kind = topKind[t];
    const pts = topPoints[t] as number;
    const max = topApplicableMax[t] as number;
    if (kind === 0) {
      regularPoints += pts;
      applicableMax += max;
      topIndex[t] = max > 0 ? indexHundredths(pts, max) : null;
    } else {
      if (kind === 1) bonusRaw += pts;
      else deductionRaw += pts;
      topIndex[t] = null;
    }
  }
  const totals = finishTotals(regularPoints, applicableMax, bonusRaw, deductionRaw, compiled.bonusCap, compiled.deductionCap);
  return { ...totals, topPoints, topApplicableMax, topIndex };
}

/**
 * Computes the index from per-top sums of effective leaf units (as a database GROUP BY gives them) and the codes
 * of not-applicable leaves; equal to {@link computeIndexFast} on the same leaves (property-tested).
 */
export function computeIndexFromTopSums(compiled: CompiledFramework, topUnits: ArrayLike<number>, notApplicableLeaves: Iterable<string>): FastIndexResult {
  const nTops = compiled.tops.length;
  if (topUnits.length !== nTops) throw new RangeError(`Expected ${nTops} top sums, got ${topUnits.length}`);
  const topPoints = new Float64Array(nTops);
  const topApplicableMax = new Float64Array(nTops);
  for (let t = 0; t < nTops; t++) {
    topPoints[t] = topUnits[t] as number;
    topApplicableMax[t] = (compiled.tops[t] as CompiledTop).max;
  }
  for (const code of notApplicableLeaves) {
    const i = compiled.leafIndexByCode.get(code);
    if (i === undefined) continue;
    const t = compiled.leafTop[i] as number;
    topApplicableMax[t] = (topApplicableMax[t] as number) - (compiled.leafMax[i] as number);
  }
  return totalsFromTops(compiled, topPoints, topApplicableMax);
}

/** Builds the input array of {@link computeIndexFast} from effective units per leaf code (null or missing = N/A or not scored: see `missing`). */
export function encodeLeafUnits(
  compiled: CompiledFramework,
  unitsByCode: (code: string) => Units | null | undefined,
  missing: 'zero' | 'not_applicable' = 'zero',
): Float64Array {
  const out = new Float64Array(compiled.leafCodes.length);
  compiled.leafCodes.forEach((code, i) => {
    const u = unitsByCode(code);
    out[i] = u === null ? NOT_APPLICABLE_UNITS : u === undefined ? (missing === 'zero' ? 0 : NOT_APPLICABLE_UNITS) : u;
  });
  return out;
}

/** How a leaf stands at a stage. */
export type LeafStatus = 'scored' | 'not_applicable' | 'not_scored' | 'invalid';

/** One leaf's score at one stage; `units` is 0 unless scored; `source` is the stage whose input was used ('survey' for survey leaves). */
export interface LeafScore {
  code: string;
  status: LeafStatus;
  units: Units;
  notApplicable: boolean;
  source: Stage | 'survey' | null;
  derivation: Derivation | null;
  problem?: ScoreProblem;
}

/** One node's roll-up: points and applicable max sum the leaves below; lost = applicableMax − points; N/A when every leaf below is N/A. */
export interface NodeResult {
  code: string;
  points: Units;
  max: Units;
  applicableMax: Units;
  lost: Units;
  notApplicable: boolean;
}

/** A top-level node's result with its component index (null for bonus/deduction nodes or an applicable max of 0). */
export interface ComponentResult extends NodeResult {
  kind: NodeKind;
  index: IndexHundredths | null;
}

/** The full result of one stage for one agency. */
export interface StageResult extends IndexTotals {
  stage: ResultStage;
  /** Sum of regular top-level maxima as declared (before N/A). */
  declaredMax: Units;
  nodes: NodeResult[];
  leaves: LeafScore[];
  components: ComponentResult[];
  classification: ClassificationBand | null;
  notScoredCount: number;
  invalidCount: number;
  problems: ScoreProblem[];
}

/** An agency's results at every stage. */
export type AgencyResult = Record<ResultStage, StageResult>;

function pickInput(entry: LeafStageInputs | undefined, stage: ResultStage): { input: LeafInput | null | undefined; source: Stage | null } {
  if (!entry) return { input: undefined, source: null };
  if (stage !== 'effective') return { input: entry[stage], source: hasLeafInput(entry[stage]) ? stage : null };
  for (const s of ['final', 'appraisal1', 'self'] as const) {
    if (hasLeafInput(entry[s])) return { input: entry[s], source: s };
  }
  return { input: undefined, source: null };
}

/** Scores one leaf at a stage from all its stage inputs (the effective stage picks final, else appraisal1, else self; survey leaves use the tally). */
export function scoreStageLeaf(node: FrameworkNode, entry: LeafStageInputs | undefined, stage: ResultStage): LeafScore {
  const picked = pickInput(entry, stage);
  let input = picked.input;
  let source: LeafScore['source'] = picked.source;
  if (node.method?.type === 'survey') {
    // Survey leaves are never self-scored: every stage uses the survey tally; a stage may only mark them N/A.
    input = { notApplicable: input?.notApplicable === true ? true : null, surveyPoints: entry?.surveyPoints ?? null };
    source = 'survey';
  }
  const r = scoreLeaf(node, input);
  if (!r.ok) return { code: node.code, status: 'invalid', units: 0, notApplicable: false, source, derivation: null, problem: r.problem };
  const status: LeafStatus = r.units === null ? 'not_applicable' : r.derivation.method === 'not_scored' ? 'not_scored' : 'scored';
  return {
    code: node.code,
    status,
    units: r.units ?? 0,
    notApplicable: r.units === null,
    source: status === 'not_scored' && source !== 'survey' ? null : source,
    derivation: r.derivation,
  };
}

/** Computes one stage from already scored leaves (tree order, aligned with `compiled.leafCodes`) by a full node roll-up. */
export function rollUpStage(compiled: CompiledFramework, stage: ResultStage, leaves: LeafScore[]): StageResult {
  const n = compiled.nodes.length;
  const points = new Float64Array(n);
  const appMax = new Float64Array(n);
  const leafCount = new Int32Array(n);
  const naCount = new Int32Array(n);
  leaves.forEach((leaf, i) => {
    const node = compiled.leafNode[i] as number;
    leafCount[node] = 1;
    if (leaf.notApplicable) naCount[node] = 1;
    else {
      points[node] = leaf.units;
      appMax[node] = compiled.nodeMax[node] as number;
    }
  });
  // Pre-order lists parents before children, so a reverse pass adds every child into its parent.
  for (let i = n - 1; i >= 0; i--) {
    const parent = compiled.nodeParent[i] as number;
    if (parent < 0) continue;
    points[parent] = (points[parent] as number) + (points[i] as number);
    appMax[parent] = (appMax[parent] as number) + (appMax[i] as number);
    leafCount[parent] = (leafCount[parent] as number) + (leafCount[i] as number);
    naCount[parent] = (naCount[parent] as number) + (naCount[i] as number);
  }
  const nodes: NodeResult[] = compiled.nodes.map((node, i) => ({
    code: node.code,
    points: points[i] as number,
    max: compiled.nodeMax[i] as number,
    applicableMax: appMax[i] as number,
    lost: (appMax[i] as number) - (points[i] as number),
    notApplicable: (leafCount[i] as number) > 0 && leafCount[i] === naCount[i],
  }));
  let regularPoints = 0;
  let applicableMax = 0;
  let bonusRaw = 0;
  let deductionRaw = 0;
  const components: ComponentResult[] = compiled.tops.map((top) => {
    const r = nodes[top.nodeIndex] as NodeResult;
    if (top.kind === 'regular') {
      regularPoints += r.points;
      applicableMax += r.applicableMax;
    } else if (top.kind === 'bonus') bonusRaw += r.points;
    else deductionRaw += r.points;
    const index = top.kind === 'regular' && r.applicableMax > 0 ? indexHundredths(r.points, r.applicableMax) : null;
    return { ...r, kind: top.kind, index };
  });
  const totals = finishTotals(regularPoints, applicableMax, bonusRaw, deductionRaw, compiled.bonusCap, compiled.deductionCap);
  const problems: ScoreProblem[] = [];
  for (const leaf of leaves) if (leaf.problem) problems.push(leaf.problem);
  return {
    stage,
    ...totals,
    declaredMax: compiled.regularMax,
    nodes,
    leaves,
    components,
    classification: totals.totalIndex === null ? null : classify(totals.totalIndex, compiled.bands),
    notScoredCount: leaves.filter((l) => l.status === 'not_scored').length,
    invalidCount: problems.length,
    problems,
  };
}

function asCompiled(f: Framework | CompiledFramework): CompiledFramework {
  return 'compiled' in f ? f : compileFramework(f);
}

/** Computes an agency's results at each stage and at the effective stage (per leaf: final, else appraisal1, else self; survey leaves use surveyPoints); explainable, slower than {@link computeIndexFast}. */
export function computeAgencyResult(framework: Framework | CompiledFramework, inputs: AgencyInputs): AgencyResult {
  const compiled = asCompiled(framework);
  const leafNodes = compiled.leafNode;
  const stageResult = (stage: ResultStage) =>
    rollUpStage(
      compiled,
      stage,
      compiled.leafCodes.map((code, i) => scoreStageLeaf(compiled.nodes[leafNodes[i] as number] as FrameworkNode, inputs[code], stage)),
    );
  return {
    self: stageResult('self'),
    appraisal1: stageResult('appraisal1'),
    final: stageResult('final'),
    effective: stageResult('effective'),
  };
}

/** Computes one stage only (e.g. the live preview of a self-assessment form). */
export function computeStageResult(framework: Framework | CompiledFramework, inputs: AgencyInputs, stage: ResultStage): StageResult {
  const compiled = asCompiled(framework);
  return rollUpStage(
    compiled,
    stage,
    compiled.leafCodes.map((code, i) => scoreStageLeaf(compiled.nodes[compiled.leafNode[i] as number] as FrameworkNode, inputs[code], stage)),
  );
}

/** The effective leaf units of a stage result in the layout of {@link computeIndexFast} (N/A → {@link NOT_APPLICABLE_UNITS}). */
export function stageLeafUnits(result: StageResult): Float64Array {
  return Float64Array.from(result.leaves, (l) => (l.notApplicable ? NOT_APPLICABLE_UNITS : l.units));
}

/** The nested tree of one stage with each node's points, max, applicable max, lost points and each leaf's derivation and sentence: what the API returns to "explain any number". */
export function explainAgencyResult(
  framework: Framework | CompiledFramework,
  inputs: AgencyInputs,
  stage: ResultStage = 'effective',
): ExplainedAgencyResult {
  const compiled = asCompiled(framework);
  return explainStageResult(compiled, computeStageResult(compiled, inputs, stage));
}
