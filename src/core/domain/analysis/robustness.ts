/**
 * How robust a rank is (docs/analysis.md §6): (a) survey uncertainty, a Monte Carlo over every agency's survey
 * confidence intervals (seeded mulberry32, each survey leaf drawn uniformly or triangularly within [low, high] and
 * rounded to a unit, every index recomputed exactly from per-field sums, competition ranks); (b) appraisal
 * judgement, one step up or down on every non-survey leaf of the agency with the others unchanged. Typed arrays
 * only in the draw loop: 300 agencies × 1000 draws take a few tens of milliseconds.
 */
import { computeIndexFast, type CompiledFramework } from '../compute-index';
import { indexHundredths, type IndexHundredths, type Units } from '../decimal';
import { compareCodes } from '../framework-tree';
import { deriveSeed, mulberry32 } from '../survey/prng';
import { stepDown, stepUp } from './steps';
import { leafUnitsOf, type GroupYear } from './types';

/** Survey confidence intervals in units by agency id, then survey leaf code (from surveyIntervalsByAgency of the tally). */
export type SurveyIntervals = Readonly<Record<string, Readonly<Record<string, { low: Units; high: Units }>>>>;

/** How a survey leaf's points are drawn within its interval: uniform, or triangular with its mode at the tallied points. */
export type DrawDistribution = 'uniform' | 'triangular';

/** Options of {@link rankRobustness}: draws (1..100000, default 1000), the seed, and the distribution (default uniform). */
export interface RobustnessOptions {
  draws?: number;
  seed: number | string;
  distribution?: DrawDistribution;
}

/** Nearest-rank percentiles of a distribution (integers: ranks, or indices in hundredths). */
export interface Percentiles {
  min: number;
  p5: number;
  p50: number;
  p95: number;
  max: number;
}

/** The robustness of one agency's rank. */
export interface RankRobustness {
  agencyId: string;
  currentIndex: IndexHundredths | null;
  currentRank: number;
  /** Ranks over the draws (survey uncertainty). */
  ranks: Percentiles;
  /** How often each rank occurred: exact count, and its share in hundredths of a percent (half-up). */
  probabilities: { rank: number; count: number; percent: IndexHundredths }[];
  /** The agency's own index over the draws, hundredths of a percent. */
  index: Percentiles;
  /** One step of appraisal judgement on every non-survey leaf of the agency (others unchanged); null without leaf detail. */
  appraisal: { best: { index: IndexHundredths | null; rank: number }; worst: { index: IndexHundredths | null; rank: number } } | null;
}

/** The Monte Carlo parameters and each requested agency's result. */
export interface RobustnessResult {
  draws: number;
  seed: number | string;
  distribution: DrawDistribution;
  /** Survey leaves drawn per draw, over all agencies. */
  drawnLeaves: number;
  agencies: RankRobustness[];
}

/** Nearest-rank percentile p (0..100) of an ascending typed array: sorted[max(0, ceil(p·n/100) − 1)]. */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('empty distribution');
  const k = Math.max(0, Math.ceil((p * n) / 100) - 1);
  return sorted[Math.min(k, n - 1)]!;
}

function percentiles(sorted: ArrayLike<number>): Percentiles {
  return { min: sorted[0]!, p5: percentileOf(sorted, 5), p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95), max: sorted[sorted.length - 1]! };
}

/** Count of values strictly greater than x in an ascending array. */
function countAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/** One step of appraisal judgement on the agency's non-survey leaves: regular and bonus up (or down), deductions the other way. */
function judged(compiled: CompiledFramework, units: Float64Array, direction: 'best' | 'worst'): Float64Array {
  const out = Float64Array.from(units);
  for (let i = 0; i < out.length; i++) {
    const u = out[i]!;
    if (u < 0) continue;
    const node = compiled.nodes[compiled.leafNode[i]!]!;
    const kind = compiled.tops[compiled.leafTop[i]!]!.kind;
    const favourable = kind === 'deduction' ? direction === 'worst' : direction === 'best';
    const max = compiled.leafMax[i]!;
    const s = favourable ? stepUp(node, max, u, 'one_step') : stepDown(node, max, u);
    if (s) out[i] = s.to;
  }
  return out;
}

/**
 * The rank robustness of `agencyIds` in their group: survey Monte Carlo over `intervals` (every agency's survey
 * leaves with an interval are drawn; agencies without leaf detail keep their official index) and the appraisal
 * judgement interval; deterministic for a seed and independent of the order of the group's agencies.
 */
export function rankRobustness(
  compiled: CompiledFramework,
  group: GroupYear,
  intervals: SurveyIntervals,
  agencyIds: readonly string[],
  options: RobustnessOptions,
): RobustnessResult {
  const draws = options.draws ?? 1000;
  if (!Number.isInteger(draws) || draws < 1 || draws > 100_000) throw new RangeError('draws must be an integer from 1 to 100000');
  const distribution = options.distribution ?? 'uniform';
  const agencies = [...group.agencies].sort((a, b) => compareCodes(a.code, b.code) || (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0));
  const N = agencies.length;
  const { bonusCap, deductionCap } = compiled;
  // Per agency: regular, bonus and deduction points of the leaves that are not drawn, and the applicable maximum.
  const regBase = new Float64Array(N);
  const bonBase = new Float64Array(N);
  const dedBase = new Float64Array(N);
  const appMax = new Float64Array(N);
  const fixed = new Float64Array(N).fill(Number.NaN);
  const entAgency: number[] = [];
  const entKind: number[] = [];
  const entLow: number[] = [];
  const entHigh: number[] = [];
  const entMode: number[] = [];
  const unitsOf: (Float64Array | null)[] = new Array<Float64Array | null>(N).fill(null);
  const indexById = new Map<string, number>();
  agencies.forEach((a, ai) => {
    indexById.set(a.agencyId, ai);
    if (!a.leaves) {
      fixed[ai] = a.totalIndex ?? 0;
      return;
    }
    const units = leafUnitsOf(compiled, a.leaves);
    unitsOf[ai] = units;
    const own = intervals[a.agencyId] ?? {};
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (u < 0) continue;
      const k = compiled.topKind[compiled.leafTop[i]!]!;
      if (k === 0) appMax[ai] = appMax[ai]! + compiled.leafMax[i]!;
      const code = compiled.leafCodes[i]!;
      const iv = compiled.nodes[compiled.leafNode[i]!]!.method?.type === 'survey' && Object.prototype.hasOwnProperty.call(own, code) ? own[code]! : null;
      if (iv && iv.high > iv.low) {
        const low = Math.max(0, Math.min(iv.low, compiled.leafMax[i]!));
        const high = Math.max(low, Math.min(iv.high, compiled.leafMax[i]!));
        entAgency.push(ai);
        entKind.push(k);
        entLow.push(low);
        entHigh.push(high);
        entMode.push(Math.min(high, Math.max(low, u)));
      } else if (k === 0) regBase[ai] = regBase[ai]! + u;
      else if (k === 1) bonBase[ai] = bonBase[ai]! + u;
      else dedBase[ai] = dedBase[ai]! + u;
    }
  });
  const E = entAgency.length;
  const eAgency = Int32Array.from(entAgency);
  const eKind = Uint8Array.from(entKind);
  const eLow = Float64Array.from(entLow);
  const eSpan = Float64Array.from(entHigh, (h, e) => h - entLow[e]!);
  const eModeFrac = Float64Array.from(entMode, (m, e) => (eSpan[e]! > 0 ? (m - entLow[e]!) / eSpan[e]! : 0));
  const targets = agencyIds.map((id) => {
    const ai = indexById.get(id);
    if (ai === undefined) throw new RangeError(`Agency ${id} is not in the group`);
    return ai;
  });
  const rankDraws = new Int32Array(targets.length * draws);
  const indexDraws = new Float64Array(targets.length * draws);
  const rng = mulberry32(deriveSeed(options.seed, 'rank-robustness'));
  const reg = new Float64Array(N);
  const bon = new Float64Array(N);
  const ded = new Float64Array(N);
  const idx = new Float64Array(N);
  const sorted = new Float64Array(N);
  const triangular = distribution === 'triangular';
  for (let d = 0; d < draws; d++) {
    reg.set(regBase);
    bon.set(bonBase);
    ded.set(dedBase);
    for (let e = 0; e < E; e++) {
      const low = eLow[e]!;
      const span = eSpan[e]!;
      const u = rng();
      let v: number;
      if (!triangular) v = low + Math.floor(u * (span + 1));
      else {
        // Inverse CDF of the triangular distribution on [low, low + span] with its mode at the tallied points.
        const f = eModeFrac[e]!;
        v = Math.round(low + span * (u < f ? Math.sqrt(u * f) : 1 - Math.sqrt((1 - u) * (1 - f))));
      }
      const a = eAgency[e]!;
      const k = eKind[e]!;
      if (k === 0) reg[a] = reg[a]! + v;
      else if (k === 1) bon[a] = bon[a]! + v;
      else ded[a] = ded[a]! + v;
    }
    for (let a = 0; a < N; a++) {
      const f = fixed[a]!;
      if (f === f) {
        idx[a] = f;
        continue;
      }
      const max = appMax[a]!;
      if (max <= 0) {
        idx[a] = 0;
        continue;
      }
      const b = bon[a]! < bonusCap ? bon[a]! : bonusCap;
      const dd = ded[a]! < deductionCap ? ded[a]! : deductionCap;
      let total = reg[a]! + b - dd;
      if (total < 0) total = 0;
      else if (total > max) total = max;
      // Half-up rounding of total × 10000 / max: exact, as both operands stay far below 2^53.
      idx[a] = Math.floor((total * 20_000 + max) / (2 * max));
    }
    sorted.set(idx);
    sorted.sort();
    for (let k = 0; k < targets.length; k++) {
      const x = idx[targets[k]!]!;
      rankDraws[k * draws + d] = 1 + countAbove(sorted, x);
      indexDraws[k * draws + d] = x;
    }
  }
  const official = agencies.map((a) => a.totalIndex ?? 0);
  const officialSorted = Float64Array.from(official).sort();
  const rankOf = (ai: number, index: number) => {
    // Rank among the others at their official index.
    const above = countAbove(officialSorted, index) - (official[ai]! > index ? 1 : 0);
    return 1 + above;
  };
  const results: RankRobustness[] = targets.map((ai, k) => {
    const a = agencies[ai]!;
    const r = rankDraws.subarray(k * draws, (k + 1) * draws).slice().sort();
    const x = indexDraws.subarray(k * draws, (k + 1) * draws).slice().sort();
    const probabilities: RankRobustness['probabilities'] = [];
    for (let i = 0; i < r.length; ) {
      let j = i;
      while (j < r.length && r[j] === r[i]) j++;
      probabilities.push({ rank: r[i]!, count: j - i, percent: indexHundredths(j - i, draws) });
      i = j;
    }
    const units = unitsOf[ai];
    let appraisal: RankRobustness['appraisal'] = null;
    if (units) {
      const best = computeIndexFast(compiled, judged(compiled, units, 'best')).totalIndex;
      const worst = computeIndexFast(compiled, judged(compiled, units, 'worst')).totalIndex;
      appraisal = { best: { index: best, rank: rankOf(ai, best ?? 0) }, worst: { index: worst, rank: rankOf(ai, worst ?? 0) } };
    }
    return {
      agencyId: a.agencyId,
      currentIndex: a.totalIndex,
      currentRank: rankOf(ai, a.totalIndex ?? 0),
      ranks: percentiles(r),
      probabilities,
      index: percentiles(x),
      appraisal,
    };
  });
  return { draws, seed: options.seed, distribution, drawnLeaves: E, agencies: results };
}
