/**
 * Where an agency lost its points (docs/analysis.md §3–4): the loss waterfall by field and, inside, by criterion
 * (lost = applicable max − points, units of 1/10000 point; the parts add up exactly), with the bonus, deduction
 * and clamping effects as separate bars; and the leaves that lost the most, with last year's points.
 */
import type { LeafMethodType } from '../framework';
import { computeIndexFast, type CompiledFramework } from '../compute-index';
import type { Units } from '../decimal';
import { compareCodes } from '../framework-tree';
import { leafUnitsOf, requireLeaves, type AgencyResultInput } from './types';

/** A field or criterion of the waterfall: its points, applicable max and lost points (units), and its criteria (fields only). */
export interface LossNode {
  code: string;
  nameVi: string;
  nameEn: string;
  points: Units;
  applicableMax: Units;
  lost: Units;
  children: LossNode[];
}

/** One bar of the waterfall: a field's lost points, or the effect on lost points of the bonus (negative), deductions and clamping to [0, max]. */
export interface WaterfallBar {
  kind: 'field' | 'bonus' | 'deduction' | 'clamp';
  code: string | null;
  nameVi: string;
  nameEn: string;
  /** Signed units added to the points lost; the bars sum to netLost exactly. */
  amount: Units;
}

/** The loss waterfall of an agency (all amounts in units). */
export interface LossWaterfall {
  applicableMax: Units;
  regularPoints: Units;
  /** applicableMax − regularPoints = Σ fields' lost (before bonus and deductions). */
  lostBeforeAdjustments: Units;
  bonus: Units;
  deduction: Units;
  /** rawTotal − totalPoints: the points removed (+) or restored (−) by clamping the total to [0, applicable max]. */
  clampAdjustment: Units;
  totalPoints: Units;
  /** applicableMax − totalPoints = lostBeforeAdjustments − bonus + deduction + clampAdjustment. */
  netLost: Units;
  /** Regular fields with an applicable max, largest loss first (ties by code); criteria likewise. */
  fields: LossNode[];
  bars: WaterfallBar[];
}

const byLost = (a: { lost: Units; code: string }, b: { lost: Units; code: string }) => b.lost - a.lost || compareCodes(a.code, b.code);

/** Per-node points and applicable max (units) of an agency's leaves, aligned with compiled.nodes. */
function rollUp(compiled: CompiledFramework, units: Float64Array): { points: Float64Array; appMax: Float64Array } {
  const n = compiled.nodes.length;
  const points = new Float64Array(n);
  const appMax = new Float64Array(n);
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u < 0) continue;
    const node = compiled.leafNode[i]!;
    points[node] = u;
    appMax[node] = compiled.leafMax[i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    const parent = compiled.nodeParent[i]!;
    if (parent < 0) continue;
    points[parent] = points[parent]! + points[i]!;
    appMax[parent] = appMax[parent]! + appMax[i]!;
  }
  return { points, appMax };
}

/** The waterfall of points lost by field and criterion, plus bonus, deduction and clamp bars; needs the agency's leaves. */
export function lossWaterfall(compiled: CompiledFramework, agency: AgencyResultInput): LossWaterfall {
  const units = leafUnitsOf(compiled, requireLeaves(agency, 'lossWaterfall'));
  const totals = computeIndexFast(compiled, units);
  const { points, appMax } = rollUp(compiled, units);
  const node = (i: number, children: LossNode[]): LossNode => {
    const n = compiled.nodes[i]!;
    return { code: n.code, nameVi: n.nameVi, nameEn: n.nameEn, points: points[i]!, applicableMax: appMax[i]!, lost: appMax[i]! - points[i]!, children };
  };
  const fields: LossNode[] = [];
  for (const top of compiled.tops) {
    if (top.kind !== 'regular' || appMax[top.nodeIndex]! <= 0) continue;
    const children: LossNode[] = [];
    compiled.nodes.forEach((_, i) => {
      if (compiled.nodeParent[i] === top.nodeIndex && appMax[i]! > 0) children.push(node(i, []));
    });
    children.sort(byLost);
    fields.push(node(top.nodeIndex, children));
  }
  fields.sort(byLost);
  const lostBeforeAdjustments = totals.applicableMax - totals.regularPoints;
  const clampAdjustment = totals.rawTotal - totals.totalPoints;
  const bars: WaterfallBar[] = fields.map((f) => ({ kind: 'field', code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, amount: f.lost }));
  if (totals.bonus !== 0) bars.push({ kind: 'bonus', code: null, nameVi: 'Điểm thưởng', nameEn: 'Bonus points', amount: -totals.bonus });
  if (totals.deduction !== 0) bars.push({ kind: 'deduction', code: null, nameVi: 'Điểm trừ', nameEn: 'Deductions', amount: totals.deduction });
  if (clampAdjustment !== 0) {
    bars.push({ kind: 'clamp', code: null, nameVi: 'Giới hạn tổng điểm trong [0, tối đa]', nameEn: 'Total bounded to [0, maximum]', amount: clampAdjustment });
  }
  return {
    applicableMax: totals.applicableMax,
    regularPoints: totals.regularPoints,
    lostBeforeAdjustments,
    bonus: totals.bonus,
    deduction: totals.deduction,
    clampAdjustment,
    totalPoints: totals.totalPoints,
    netLost: totals.applicableMax - totals.totalPoints,
    fields,
    bars,
  };
}

/** A leaf that lost points, with where it sits and what it scored last year. */
export interface LostLeaf {
  code: string;
  nameVi: string;
  nameEn: string;
  fieldCode: string;
  /** The second-level ancestor (tiêu chí), null when the leaf sits directly under its field or is the field. */
  criterionCode: string | null;
  method: LeafMethodType | null;
  max: Units;
  points: Units;
  lost: Units;
  /** Last year's effective points of the leaf with the same code, null when unknown, not scored there or not applicable. */
  previousPoints: Units | null;
}

/** The `n` leaves of the regular fields that lost the most points (units), largest first (ties by code), N/A leaves excluded. */
export function topLostLeaves(compiled: CompiledFramework, agency: AgencyResultInput, previous: AgencyResultInput | null, n = 10): LostLeaf[] {
  const units = leafUnitsOf(compiled, requireLeaves(agency, 'topLostLeaves'));
  const prev = previous?.leaves ?? null;
  const out: LostLeaf[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const top = compiled.tops[compiled.leafTop[i]!]!;
    if (u < 0 || top.kind !== 'regular') continue;
    const lost = compiled.leafMax[i]! - u;
    if (lost <= 0) continue;
    const nodeIndex = compiled.leafNode[i]!;
    const leafNode = compiled.nodes[nodeIndex]!;
    // Walk up to the node whose parent is the field: that is the criterion.
    let c = nodeIndex;
    while (compiled.nodeParent[c]! >= 0 && compiled.nodeParent[c] !== top.nodeIndex) c = compiled.nodeParent[c]!;
    const code = compiled.leafCodes[i]!;
    const p = prev && Object.prototype.hasOwnProperty.call(prev, code) ? prev[code] : null;
    out.push({
      code,
      nameVi: leafNode.nameVi,
      nameEn: leafNode.nameEn,
      fieldCode: top.code,
      criterionCode: c === nodeIndex ? null : compiled.nodes[c]!.code,
      method: leafNode.method?.type ?? null,
      max: compiled.leafMax[i]!,
      points: u,
      lost,
      previousPoints: p ?? null,
    });
  }
  out.sort(byLost);
  return out.slice(0, Math.max(0, n));
}
