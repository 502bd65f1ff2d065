/**
 * "What it takes" (docs/analysis.md §5): for each better rank, the official index needed to reach it, the exact
 * points needed under the half-up rounding of the index, and the smallest set of realistically improvable leaves
 * (non-survey regular leaves below their maximum, each moved one step up its method or to its maximum) that
 * delivers them, verified by recomputing the index with the engine.
 */
import { computeIndexFast, type CompiledFramework } from '../compute-index';
import { indexHundredths, type IndexHundredths, type Units } from '../decimal';
import type { LeafMethodType } from '../framework';
import { compareCodes } from '../framework-tree';
import { stepUp, type GainMode, type LeafStep } from './steps';
import { findAgency, leafUnitsOf, requireLeaves, type GroupYear } from './types';

/** A suggested leaf improvement: from and to points, the gain (units), and the level or ladder step to reach. */
export interface LeafGain {
  code: string;
  nameVi: string;
  nameEn: string;
  fieldCode: string;
  method: LeafMethodType;
  max: Units;
  from: Units;
  to: Units;
  gain: Units;
  level?: LeafStep['level'];
  ladderStep?: LeafStep['ladderStep'];
}

/** One better rank: what index and points it needs and which leaves deliver them. */
export interface RankTarget {
  /** The rank aimed at (the result may be better when agencies tie). */
  rank: number;
  /** The index of the agency that is `rank`-th among the others: reaching it (equal index = equal rank) gives rank ≤ `rank`. */
  neededIndex: IndexHundredths;
  /** The least total points whose official (half-up) index reaches neededIndex: ceil((2·neededIndex − 1) · applicableMax / 20000). */
  neededTotalPoints: Units;
  /** Regular points to gain: neededTotalPoints − raw total (bonus, deductions and clamping taken into account). */
  pointsNeeded: Units;
  /** False when even every improvable leaf together cannot deliver pointsNeeded. */
  reachable: boolean;
  /** The suggested set (largest gain first); empty when not reachable. */
  leaves: LeafGain[];
  /** Σ gain of the suggested leaves (≥ pointsNeeded when reachable). */
  gain: Units;
  /** Index and rank recomputed with the engine after applying the suggested gains (null when not reachable). */
  resultIndex: IndexHundredths | null;
  resultRank: number | null;
}

/** The whole "what it takes" answer for an agency. */
export interface WhatItTakes {
  agencyId: string;
  mode: GainMode;
  currentIndex: IndexHundredths | null;
  currentRank: number;
  of: number;
  applicableMax: Units;
  totalPoints: Units;
  rawTotal: Units;
  /** Every improvable leaf with its realistic gain, largest first (ties by code). */
  improvable: LeafGain[];
  /** Σ gains of every improvable leaf, and the index and rank they would give together. */
  maxGain: Units;
  best: { index: IndexHundredths | null; rank: number };
  /** One entry per rank 1 .. currentRank − 1. */
  targets: RankTarget[];
}

/** The least total points P with indexHundredths(P, max) ≥ target: ceil((2·target − 1) · max / 20000), 0 for a target ≤ 0. */
export function pointsForIndex(target: IndexHundredths, max: Units): Units {
  if (target <= 0) return 0;
  const num = BigInt(2 * target - 1) * BigInt(max);
  const p = Number((num + 19_999n) / 20_000n);
  // Verify against the engine's rounding: P reaches the target and P − 1 does not.
  if (indexHundredths(p, max) < target || (p > 0 && indexHundredths(p - 1, max) >= target)) {
    throw new Error(`pointsForIndex(${target}, ${max}) is inconsistent with indexHundredths`);
  }
  return p;
}

/** Competition rank of `index` among the others' indices sorted descending: 1 + how many are strictly higher. */
function rankAmong(sortedDesc: readonly number[], index: number): number {
  let lo = 0;
  let hi = sortedDesc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedDesc[mid]! > index) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** The improvable leaves of an agency with their realistic gains (see {@link WhatItTakes}), largest gain first, ties by code. */
export function improvableLeaves(compiled: CompiledFramework, units: ArrayLike<number>, mode: GainMode = 'one_step'): LeafGain[] {
  const out: LeafGain[] = [];
  for (let i = 0; i < compiled.leafCodes.length; i++) {
    const u = units[i]!;
    const top = compiled.tops[compiled.leafTop[i]!]!;
    if (u < 0 || top.kind !== 'regular') continue;
    const node = compiled.nodes[compiled.leafNode[i]!]!;
    if (!node.method || node.method.type === 'survey') continue;
    const max = compiled.leafMax[i]!;
    const step = stepUp(node, max, u, mode);
    if (!step || step.to <= u) continue;
    out.push({
      code: node.code,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      fieldCode: top.code,
      method: node.method.type,
      max,
      from: u,
      to: step.to,
      gain: step.to - u,
      ...(step.level ? { level: step.level } : {}),
      ...(step.ladderStep ? { ladderStep: step.ladderStep } : {}),
    });
  }
  return out.sort((a, b) => b.gain - a.gain || compareCodes(a.code, b.code));
}

/**
 * A smallest set of gains reaching `needed` (units): the k − 1 largest gains, then the smallest single gain that
 * closes the gap (so k is the minimum count and the overshoot is small), then a pass dropping any unnecessary
 * leaf; null when all gains together fall short. `gains` must be sorted by gain descending.
 */
export function pickMinimalGains<T extends { gain: Units; code: string }>(gains: readonly T[], needed: Units): T[] | null {
  if (needed <= 0) return [];
  let sum = 0;
  let k = 0;
  while (k < gains.length && sum < needed) sum += gains[k++]!.gain;
  if (sum < needed) return null;
  const head = gains.slice(0, k - 1);
  const headSum = sum - gains[k - 1]!.gain;
  let last: T | null = null;
  for (let j = k - 1; j < gains.length; j++) {
    const g = gains[j]!;
    if (headSum + g.gain < needed) continue;
    if (!last || g.gain < last.gain || (g.gain === last.gain && compareCodes(g.code, last.code) < 0)) last = g;
  }
  const chosen = [...head, last!];
  // Minimality pass: drop a leaf whenever the rest still reaches the target (never triggers after the pick above, kept as a guard).
  let total = chosen.reduce((a, g) => a + g.gain, 0);
  for (let j = chosen.length - 1; j >= 0; j--) {
    const g = chosen[j]!;
    if (total - g.gain >= needed) {
      total -= g.gain;
      chosen.splice(j, 1);
    }
  }
  return chosen.sort((a, b) => b.gain - a.gain || compareCodes(a.code, b.code));
}

/** For each better rank, the index and points needed and the smallest set of realistically improvable leaves that delivers them; needs the agency's leaves. */
export function whatItTakes(compiled: CompiledFramework, group: GroupYear, agencyId: string, options: { mode?: GainMode } = {}): WhatItTakes {
  const mode = options.mode ?? 'one_step';
  const agency = findAgency(group, agencyId);
  const units = leafUnitsOf(compiled, requireLeaves(agency, 'whatItTakes'));
  const now = computeIndexFast(compiled, units);
  const others = group.agencies
    .filter((a) => a.agencyId !== agencyId)
    .map((a) => a.totalIndex ?? 0)
    .sort((a, b) => b - a);
  const currentIndex = now.totalIndex;
  const currentRank = rankAmong(others, currentIndex ?? 0);
  const improvable = improvableLeaves(compiled, units, mode);
  const apply = (gains: readonly LeafGain[]) => {
    const next = Float64Array.from(units);
    for (const g of gains) next[compiled.leafIndexByCode.get(g.code)!] = g.to;
    const r = computeIndexFast(compiled, next);
    return { index: r.totalIndex, rank: rankAmong(others, r.totalIndex ?? 0) };
  };
  const maxGain = improvable.reduce((a, g) => a + g.gain, 0);
  const targets: RankTarget[] = [];
  const A = now.applicableMax;
  if (A > 0) {
    for (let r = 1; r < currentRank; r++) {
      const neededIndex = others[r - 1]!;
      const neededTotalPoints = pointsForIndex(neededIndex, A);
      const pointsNeeded = Math.max(0, neededTotalPoints - now.rawTotal);
      const picked = pickMinimalGains(improvable, pointsNeeded);
      if (!picked) {
        targets.push({ rank: r, neededIndex, neededTotalPoints, pointsNeeded, reachable: false, leaves: [], gain: 0, resultIndex: null, resultRank: null });
        continue;
      }
      const result = apply(picked);
      targets.push({
        rank: r,
        neededIndex,
        neededTotalPoints,
        pointsNeeded,
        reachable: true,
        leaves: picked,
        gain: picked.reduce((a, g) => a + g.gain, 0),
        resultIndex: result.index,
        resultRank: result.rank,
      });
    }
  }
  return {
    agencyId,
    mode,
    currentIndex,
    currentRank,
    of: group.agencies.length,
    applicableMax: A,
    totalPoints: now.totalPoints,
    rawTotal: now.rawTotal,
    improvable,
    maxGain,
    best: apply(improvable),
    targets,
  };
}
