/**
 * Batch form of the engine for a whole group (a province's 300 agencies or a nation's 20,000): indices from
 * per-field sums in flat typed arrays, and competition ranks, without per-agency allocation. Same rules and same
 * results as {@link computeIndexFromTopSums} and {@link rankAgencies} (property-tested).
 */
import type { CompiledFramework } from './compute-index';
import { indexHundredths } from './decimal';
import { compareCodes } from './framework-tree';

/** Results of a group, one slot per agency (`a`), fields flattened as `a * tops + t`; NaN stands for "no index". */
export interface BatchResult {
  count: number;
  tops: number;
  totalIndex: Float64Array;
  totalPoints: Float64Array;
  applicableMax: Float64Array;
  bonus: Float64Array;
  deduction: Float64Array;
  topPoints: Float64Array;
  topApplicableMax: Float64Array;
  topIndex: Float64Array;
}

/**
 * Computes every agency's index from `topUnits` (count × tops effective units per top-level node, row-major) and
 * its not-applicable leaf codes; units of 1/10000 point, indices in hundredths of a percent (NaN when no applicable max).
 */
export function computeBatchFromTopSums(compiled: CompiledFramework, topUnits: Float64Array, notApplicable: readonly (readonly string[] | null)[]): BatchResult {
  const tops = compiled.tops.length;
  const count = notApplicable.length;
  if (topUnits.length !== count * tops) throw new RangeError(`Expected ${count * tops} sums, got ${topUnits.length}`);
  const topMax = Float64Array.from(compiled.tops, (t) => t.max);
  const kind = compiled.topKind;
  const out: BatchResult = {
    count,
    tops,
    totalIndex: new Float64Array(count),
    totalPoints: new Float64Array(count),
    applicableMax: new Float64Array(count),
    bonus: new Float64Array(count),
    deduction: new Float64Array(count),
    topPoints: topUnits,
    topApplicableMax: new Float64Array(count * tops),
    topIndex: new Float64Array(count * tops),
  };
  const { bonusCap, deductionCap } = compiled;
  for (let a = 0; a < count; a++) {
    const base = a * tops;
    for (let t = 0; t < tops; t++) out.topApplicableMax[base + t] = topMax[t]!;
    const na = notApplicable[a];
    if (na) {
      for (const code of na) {
        const i = compiled.leafIndexByCode.get(code);
        if (i === undefined) continue;
        const t = compiled.leafTop[i]!;
        out.topApplicableMax[base + t] = out.topApplicableMax[base + t]! - compiled.leafMax[i]!;
      }
    }
    let regular = 0;
    let max = 0;
    let bonusRaw = 0;
    let deductionRaw = 0;
    for (let t = 0; t < tops; t++) {
      const pts = topUnits[base + t]!;
      const m = out.topApplicableMax[base + t]!;
      if (kind[t] === 0) {
        regular += pts;
        max += m;
        out.topIndex[base + t] = m > 0 ? indexHundredths(pts, m) : Number.NaN;
      } else {
        if (kind[t] === 1) bonusRaw += pts;
        else deductionRaw += pts;
        out.topIndex[base + t] = Number.NaN;
      }
    }
    const bonus = Math.min(bonusRaw, bonusCap);
    const deduction = Math.min(deductionRaw, deductionCap);
    const total = Math.max(0, Math.min(regular + bonus - deduction, max));
    out.bonus[a] = bonus;
    out.deduction[a] = deduction;
    out.applicableMax[a] = max;
    out.totalPoints[a] = total;
    out.totalIndex[a] = max > 0 ? indexHundredths(total, max) : Number.NaN;
  }
  return out;
}

/**
 * Competition ranks (1, 2, 2, 4) of `count` agencies by index descending (NaN ranks as 0 %), ties in display order by
 * code (natural) then id, as {@link rankAgencies}; returns each agency's rank and the display order.
 */
export function rankBatch(index: ArrayLike<number>, codes: readonly string[], ids: readonly string[]): { rank: Int32Array; tied: Uint8Array; order: Int32Array } {
  const count = codes.length;
  const value = (i: number) => {
    const v = index[i]!;
    return Number.isNaN(v) ? 0 : v;
  };
  const order = Int32Array.from({ length: count }, (_, i) => i).sort((x, y) => {
    const d = value(y) - value(x);
    if (d !== 0) return d;
    const c = compareCodes(codes[x]!, codes[y]!);
    if (c !== 0) return c;
    return ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0;
  });
  const rank = new Int32Array(count);
  const tied = new Uint8Array(count);
  let current = 0;
  for (let p = 0; p < count; p++) {
    const i = order[p]!;
    if (p === 0 || value(order[p - 1]!) !== value(i)) current = p + 1;
    rank[i] = current;
    const prevSame = p > 0 && value(order[p - 1]!) === value(i);
    const nextSame = p + 1 < count && value(order[p + 1]!) === value(i);
    tied[i] = prevSame || nextSame ? 1 : 0;
  }
  return { rank, tied, order };
}
