/**
 * Plain inputs of the analysis ("why an agency rose or fell, and what lifts it", docs/analysis.md): a group's
 * results for one year as the server builds them from computeStageResult / computeIndexFast (points in units of
 * 1/10000 point, indices in hundredths of a percent), with builders from effective leaf units and group ranking.
 */
import type { Bilingual } from '../../errors';
import { computeIndexFast, encodeLeafUnits, type CompiledFramework, type FastIndexResult, type StageResult } from '../compute-index';
import type { IndexHundredths, Units } from '../decimal';
import { rankAgencies } from '../ranking';

/** A regular field (top-level node) as reports name it. */
export interface FieldInfo {
  code: string;
  nameVi: string;
  nameEn: string;
}

/** One field of an agency's result: points and applicable max in units (null when only the index is known, e.g. imported history). */
export interface FieldResult {
  code: string;
  points: Units | null;
  applicableMax: Units | null;
  /** Component index in hundredths of a percent, null when nothing applies. */
  index: IndexHundredths | null;
}

/** An agency's totals in units: regular points, applicable max, capped bonus and deduction, raw and clamped total. */
export interface AgencyTotals {
  regularPoints: Units;
  applicableMax: Units;
  bonus: Units;
  deduction: Units;
  rawTotal: Units;
  totalPoints: Units;
}

/** One agency's result for a year: identity, official total index, fields, totals and (for the analysed year) effective leaf units. */
export interface AgencyResultInput {
  agencyId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  /** Official total index in hundredths of a percent; null when nothing applies (ranked as 0, like rankBatch). */
  totalIndex: IndexHundredths | null;
  fields: readonly FieldResult[];
  totals?: AgencyTotals | null;
  /** Effective leaf units by leaf code, null = not applicable, missing = 0 (not scored); absent when only totals are known. */
  leaves?: Readonly<Record<string, Units | null>> | null;
  /** The published rank and "of N" of an imported year (docs/scoring.md, "Imported history"): the authority, never recomputed. */
  published?: { rank: number | null; of: number | null } | null;
}

/** A group's results for one year: the plural group label used in sentences, the regular fields in display order, and the agencies. */
export interface GroupYear {
  year: number;
  /** Plural label of the group: { vi: 'sở, ban, ngành', en: 'departments' }. */
  groupLabel: Bilingual;
  fields: readonly FieldInfo[];
  agencies: readonly AgencyResultInput[];
}

/** An agency's competition rank in its group (1 = best; equal index = equal rank), whether it is tied, and the group size. */
export interface RankInfo {
  rank: number;
  tied: boolean;
  of: number;
}

/** The regular fields of a compiled framework in tree order. */
export function fieldsOf(compiled: CompiledFramework): FieldInfo[] {
  return compiled.tops
    .filter((t) => t.kind === 'regular')
    .map((t) => {
      const node = compiled.nodes[t.nodeIndex]!;
      return { code: t.code, nameVi: node.nameVi, nameEn: node.nameEn };
    });
}

/** The computeIndexFast input of an agency's leaves (aligned with compiled.leafCodes; N/A = NOT_APPLICABLE_UNITS, missing = 0). */
export function leafUnitsOf(compiled: CompiledFramework, leaves: Readonly<Record<string, Units | null>>): Float64Array {
  return encodeLeafUnits(compiled, (code) => (Object.prototype.hasOwnProperty.call(leaves, code) ? leaves[code] : undefined), 'zero');
}

function fromFast(compiled: CompiledFramework, r: FastIndexResult): { fields: FieldResult[]; totals: AgencyTotals } {
  const fields: FieldResult[] = [];
  compiled.tops.forEach((t, i) => {
    if (t.kind !== 'regular') return;
    fields.push({ code: t.code, points: r.topPoints[i]!, applicableMax: r.topApplicableMax[i]!, index: r.topIndex[i] ?? null });
  });
  const { regularPoints, applicableMax, bonus, deduction, rawTotal, totalPoints } = r;
  return { fields, totals: { regularPoints, applicableMax, bonus, deduction, rawTotal, totalPoints } };
}

/** Builds an agency's analysis input from its effective leaf units (null = N/A) with the engine (computeIndexFast), so fields and totals are consistent. */
export function agencyResultFromLeaves(
  compiled: CompiledFramework,
  agency: { agencyId: string; code: string; nameVi: string; nameEn: string },
  leaves: Readonly<Record<string, Units | null>>,
): AgencyResultInput {
  const r = computeIndexFast(compiled, leafUnitsOf(compiled, leaves));
  return { ...agency, totalIndex: r.totalIndex, ...fromFast(compiled, r), leaves: { ...leaves } };
}

/** Builds an agency's analysis input from a stage result of computeStageResult (normally the effective stage). */
export function agencyResultFromStage(
  compiled: CompiledFramework,
  agency: { agencyId: string; code: string; nameVi: string; nameEn: string },
  result: StageResult,
): AgencyResultInput {
  const leaves: Record<string, Units | null> = {};
  result.leaves.forEach((l) => (leaves[l.code] = l.notApplicable ? null : l.units));
  return agencyResultFromLeaves(compiled, agency, leaves);
}

/**
 * Ranks a group's agencies with rankAgencies (official hundredths, competition ranking 1, 2, 2, 4; no index ranks as
 * 0); an imported year that carries published ranks keeps them (an agency without one has no rank).
 */
export function rankGroup(group: Pick<GroupYear, 'agencies'>): Map<string, RankInfo> {
  if (group.agencies.some((a) => a.published)) {
    const out = new Map<string, RankInfo>();
    const counts = new Map<number, number>();
    for (const a of group.agencies) if (a.published?.rank != null) counts.set(a.published.rank, (counts.get(a.published.rank) ?? 0) + 1);
    for (const a of group.agencies) {
      const p = a.published;
      if (p?.rank == null) continue;
      out.set(a.agencyId, { rank: p.rank, tied: (counts.get(p.rank) ?? 0) > 1, of: p.of ?? group.agencies.length });
    }
    return out;
  }
  const ranked = rankAgencies(group.agencies.map((a) => ({ agencyId: a.agencyId, code: a.code, nameVi: a.nameVi, indexHundredths: a.totalIndex ?? 0 })));
  const of = ranked.length;
  return new Map(ranked.map((r) => [r.agencyId, { rank: r.rank, tied: r.tied, of }]));
}

/** The agencies of a group in ranked display order (rank, then code, then id, as rankAgencies), each with its rank. */
export function rankedAgencies(group: Pick<GroupYear, 'agencies'>): (AgencyResultInput & RankInfo)[] {
  const byId = new Map(group.agencies.map((a) => [a.agencyId, a]));
  const ranked = rankAgencies(group.agencies.map((a) => ({ agencyId: a.agencyId, code: a.code, nameVi: a.nameVi, indexHundredths: a.totalIndex ?? 0 })));
  return ranked.map((r) => ({ ...byId.get(r.agencyId)!, rank: r.rank, tied: r.tied, of: ranked.length }));
}

/** Finds an agency of a group; throws RangeError when it is not there (a server bug, not user input). */
export function findAgency(group: Pick<GroupYear, 'agencies'>, agencyId: string): AgencyResultInput {
  const a = group.agencies.find((x) => x.agencyId === agencyId);
  if (!a) throw new RangeError(`Agency ${agencyId} is not in the group`);
  return a;
}

/** The agency's leaves, or a RangeError naming the analysis that needs them (the analysed year must carry leaf detail). */
export function requireLeaves(a: AgencyResultInput, what: string): Readonly<Record<string, Units | null>> {
  if (!a.leaves) throw new RangeError(`${what} needs the leaf points of agency ${a.agencyId}`);
  return a.leaves;
}

