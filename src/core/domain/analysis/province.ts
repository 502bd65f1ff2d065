/**
 * Province-wide views of a group's results (docs/analysis.md §8): the distribution of indices, the agencies ×
 * fields heat map with per-field min/max/mean, the weakest fields and leaves (mean share of the maximum lost), and
 * the biggest climbers and fallers. Indices in hundredths of a percent, points in units of 1/10000 point.
 */
import type { CompiledFramework } from '../compute-index';
import { roundHalfUpDivBig, type IndexHundredths, type Units } from '../decimal';
import type { LeafMethodType } from '../framework';
import { compareCodes } from '../framework-tree';
import { meanIndex } from './summary';
import { leafUnitsOf, rankedAgencies, rankGroup, type FieldInfo, type GroupYear } from './types';

/** One bin of a histogram: indices from `from` (inclusive) to `to` (exclusive; the last bin includes 10000). */
export interface HistogramBin {
  from: IndexHundredths;
  to: IndexHundredths;
  count: number;
}

/** The histogram of total indices over 0..100 % and how many agencies have no index. */
export interface Distribution {
  binWidth: IndexHundredths;
  bins: HistogramBin[];
  missing: number;
}

/** A histogram of indices (hundredths, 0..10000) with bins of `binWidthHundredths` (e.g. 500 = 5 %); the last bin includes 100 %. */
export function distribution(indices: readonly (IndexHundredths | null)[], binWidthHundredths: number): Distribution {
  const w = binWidthHundredths;
  if (!Number.isInteger(w) || w < 1 || w > 10_000) throw new RangeError('binWidthHundredths must be an integer from 1 to 10000');
  const count = Math.ceil(10_000 / w);
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ from: i * w, to: Math.min(10_000, (i + 1) * w), count: 0 }));
  let missing = 0;
  for (const v of indices) {
    if (v === null || !Number.isFinite(v)) {
      missing++;
      continue;
    }
    const b = Math.min(count - 1, Math.max(0, Math.floor(v / w)));
    bins[b]!.count++;
  }
  return { binWidth: w, bins, missing };
}

/** Per-field statistics of the heat map: lowest, highest and mean component index (exact mean rounded half-up) over agencies with one. */
export interface FieldStats extends FieldInfo {
  min: IndexHundredths | null;
  max: IndexHundredths | null;
  mean: IndexHundredths | null;
  count: number;
}

/** The heat map: fields with their statistics, and one row per agency in ranked order with its component indices aligned with `fields`. */
export interface Heatmap {
  fields: FieldStats[];
  rows: { agencyId: string; code: string; nameVi: string; nameEn: string; rank: number; totalIndex: IndexHundredths | null; cells: (IndexHundredths | null)[] }[];
}

/** The agencies × fields matrix of component indices with per-field min, max and mean. */
export function heatmap(group: GroupYear): Heatmap {
  const ranked = rankedAgencies(group);
  const rows = ranked.map((a) => ({
    agencyId: a.agencyId,
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn,
    rank: a.rank,
    totalIndex: a.totalIndex,
    cells: group.fields.map((f) => a.fields.find((x) => x.code === f.code)?.index ?? null),
  }));
  const fields = group.fields.map((f, j) => {
    const values = rows.map((r) => r.cells[j]!).filter((v): v is number => v !== null);
    return {
      ...f,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      mean: meanIndex(values),
      count: values.length,
    };
  });
  return { fields, rows };
}

/** A field's weakness across the group: mean share of its maximum lost (10000 − mean component index), and points lost in total when known. */
export interface WeakField extends FieldInfo {
  /** Mean over agencies of (100 % − component index), in hundredths of a percent, exact mean rounded half-up. */
  meanLost: IndexHundredths;
  agencies: number;
  /** Σ (applicable max − points) over agencies with known points (units). */
  lostPoints: Units;
}

/** The regular fields sorted by mean share of the maximum lost across the group, weakest first (ties by code). */
export function weakestFields(group: GroupYear): WeakField[] {
  return group.fields
    .map((f) => {
      let lostPoints = 0;
      const lostShares: number[] = [];
      for (const a of group.agencies) {
        const r = a.fields.find((x) => x.code === f.code);
        if (!r || r.index === null) continue;
        lostShares.push(10_000 - r.index);
        if (r.points !== null && r.applicableMax !== null) lostPoints += r.applicableMax - r.points;
      }
      return { ...f, meanLost: meanIndex(lostShares) ?? 0, agencies: lostShares.length, lostPoints };
    })
    .filter((f) => f.agencies > 0)
    .sort((a, b) => b.meanLost - a.meanLost || compareCodes(a.code, b.code));
}

/** A leaf's weakness across the group. */
export interface WeakLeaf {
  code: string;
  nameVi: string;
  nameEn: string;
  fieldCode: string;
  method: LeafMethodType | null;
  max: Units;
  /** Agencies to which the leaf applies (leaf detail known and not N/A). */
  agencies: number;
  /** Agencies that lost points on it. */
  agenciesLosing: number;
  /** Σ lost points over those agencies (units). */
  lostPoints: Units;
  /** Σ lost / (agencies × max) in hundredths of a percent, exact, rounded once half-up. */
  meanLost: IndexHundredths;
}

/** The regular leaves sorted by mean share of their maximum lost across the agencies with leaf detail, weakest first; the first `n` when given. */
export function weakestLeaves(compiled: CompiledFramework, group: GroupYear, n?: number): WeakLeaf[] {
  const L = compiled.leafCodes.length;
  const lost = new Float64Array(L);
  const applies = new Int32Array(L);
  const losing = new Int32Array(L);
  for (const a of group.agencies) {
    if (!a.leaves) continue;
    const units = leafUnitsOf(compiled, a.leaves);
    for (let i = 0; i < L; i++) {
      const u = units[i]!;
      if (u < 0) continue;
      applies[i]!++;
      const l = compiled.leafMax[i]! - u;
      if (l > 0) {
        losing[i]!++;
        lost[i] = lost[i]! + l;
      }
    }
  }
  const out: WeakLeaf[] = [];
  for (let i = 0; i < L; i++) {
    const top = compiled.tops[compiled.leafTop[i]!]!;
    const max = compiled.leafMax[i]!;
    if (top.kind !== 'regular' || applies[i] === 0 || max <= 0) continue;
    const node = compiled.nodes[compiled.leafNode[i]!]!;
    out.push({
      code: node.code,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      fieldCode: top.code,
      method: node.method?.type ?? null,
      max,
      agencies: applies[i]!,
      agenciesLosing: losing[i]!,
      lostPoints: lost[i]!,
      meanLost: Number(roundHalfUpDivBig(BigInt(lost[i]!) * 10_000n, BigInt(applies[i]!) * BigInt(max))),
    });
  }
  out.sort((a, b) => b.meanLost - a.meanLost || b.lostPoints - a.lostPoints || compareCodes(a.code, b.code));
  return n === undefined ? out : out.slice(0, Math.max(0, n));
}

/** An agency's move between two years: ranks, change (previous − current, positive = climbed) and index change (hundredths). */
export interface Mover {
  agencyId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  previousRank: number;
  change: number;
  totalIndex: IndexHundredths | null;
  previousIndex: IndexHundredths | null;
  indexChange: number | null;
}

/** The biggest climbers (largest positive change first) and fallers (largest fall first) among agencies ranked both years; ties by index change, then code. */
export function movers(current: GroupYear, previous: GroupYear, n = 5): { climbers: Mover[]; fallers: Mover[] } {
  const now = rankGroup(current);
  const before = rankGroup(previous);
  const prevById = new Map(previous.agencies.map((a) => [a.agencyId, a]));
  const all: Mover[] = [];
  for (const a of current.agencies) {
    const p = prevById.get(a.agencyId);
    const b = before.get(a.agencyId);
    if (!p || !b) continue;
    const r = now.get(a.agencyId)!;
    all.push({
      agencyId: a.agencyId,
      code: a.code,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      rank: r.rank,
      previousRank: b.rank,
      change: b.rank - r.rank,
      totalIndex: a.totalIndex,
      previousIndex: p.totalIndex,
      indexChange: a.totalIndex !== null && p.totalIndex !== null ? a.totalIndex - p.totalIndex : null,
    });
  }
  const climbers = all
    .filter((m) => m.change > 0)
    .sort((x, y) => y.change - x.change || (y.indexChange ?? 0) - (x.indexChange ?? 0) || compareCodes(x.code, y.code));
  const fallers = all
    .filter((m) => m.change < 0)
    .sort((x, y) => x.change - y.change || (x.indexChange ?? 0) - (y.indexChange ?? 0) || compareCodes(x.code, y.code));
  return { climbers: climbers.slice(0, n), fallers: fallers.slice(0, n) };
}
