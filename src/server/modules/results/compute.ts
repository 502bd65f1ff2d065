import { classify } from '../../../core/domain/classification';
import { computeBatchFromTopSums, rankBatch, type BatchResult } from '../../../core/domain/batch-index';
import { compileFramework, type CompiledFramework, type LeafStageInputs } from '../../../core/domain/compute-index';
import { formatUnits, unitsToDecimalString } from '../../../core/domain/decimal';
import { comparedWith } from '../../../core/domain/lineage';
import type { Framework } from '../../../core/schemas/framework';
import type { AgencyResultRow, GroupResults } from '../../../core/schemas/results';
import type { DbOrTx } from '../../db/client';
import { documentById } from '../frameworks/service';
import * as q from './queries';

/** Hundredths of a percent as the wire's decimal string ("84.64"). */
export const indexText = (h: number | null) => (h === null ? null : formatUnits(h * 100, 2));

type AgencyRef = { id: number; code: string; nameVi: string; nameEn: string };

/** Builds each assessment's inputs from the stored rows. */
export function inputsByAssessment(rows: q.ScoreRow[]): Map<number, { agency: AgencyRef; inputs: Record<string, LeafStageInputs> }> {
  const out = new Map<number, { agency: AgencyRef; inputs: Record<string, LeafStageInputs> }>();
  for (const r of rows) {
    let entry = out.get(r.assessmentId);
    if (!entry) {
      entry = { agency: { id: r.agencyId, code: r.code, nameVi: r.nameVi, nameEn: r.nameEn }, inputs: {} };
      out.set(r.assessmentId, entry);
    }
    if (r.nodeCode) entry.inputs[r.nodeCode] = { self: r.selfInput, appraisal1: r.appraisal1Input, final: r.finalInput, surveyPoints: r.surveyPoints };
  }
  return out;
}

interface CompiledEntry {
  document: Framework;
  compiled: CompiledFramework;
  /** Regular top-level fields: their index in `compiled.tops` and names. */
  fields: { t: number; code: string; nameVi: string; nameEn: string }[];
}

const compiledCache = new Map<number, CompiledEntry>();

/**
 * A framework's compiled form; published frameworks are immutable, so they are compiled once per process (a
 * second instance compiles its own copy: nothing here can go stale).
 */
export async function compiledFramework(db: DbOrTx, frameworkId: number): Promise<CompiledEntry | null> {
  const cached = compiledCache.get(frameworkId);
  if (cached) return cached;
  const loaded = await documentById(db, frameworkId);
  if (!loaded) return null;
  const compiled = compileFramework(loaded.document);
  const byCode = new Map(loaded.document.nodes.map((n) => [n.code, n]));
  const fields = compiled.tops.flatMap((top, t) =>
    top.kind === 'regular' ? [{ t, code: top.code, nameVi: byCode.get(top.code)?.nameVi ?? top.code, nameEn: byCode.get(top.code)?.nameEn ?? '' }] : [],
  );
  const entry = { document: loaded.document, compiled, fields };
  if (loaded.row.status === 'published') {
    if (compiledCache.size >= 200) compiledCache.delete(compiledCache.keys().next().value as number);
    compiledCache.set(frameworkId, entry);
  }
  return entry;
}

const nanToNull = (x: number) => (Number.isNaN(x) ? null : x);

/** Agency `a`'s result row (effective stage, ranked) on the wire. */
function resultRow(entry: CompiledEntry, agency: AgencyRef, b: BatchResult, a: number, notScoredCount: number, rank: { rank: number; tied: boolean; previousRank: number | null }): AgencyResultRow {
  const total = nanToNull(b.totalIndex[a]!);
  const band = total === null ? null : classify(total, entry.compiled.bands);
  const base = a * b.tops;
  return {
    agencyId: agency.id,
    code: agency.code,
    nameVi: agency.nameVi,
    nameEn: agency.nameEn,
    totalIndex: indexText(total),
    totalPoints: unitsToDecimalString(b.totalPoints[a]!),
    applicableMax: unitsToDecimalString(b.applicableMax[a]!),
    bonus: unitsToDecimalString(b.bonus[a]!),
    deduction: unitsToDecimalString(b.deduction[a]!),
    notScoredCount,
    rank: rank.rank,
    tied: rank.tied,
    previousRank: rank.previousRank,
    rankChange: rank.previousRank === null ? null : rank.previousRank - rank.rank,
    classification: band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn } : null,
    components: entry.fields.map((f) => {
      const points = b.topPoints[base + f.t]!;
      const max = b.topApplicableMax[base + f.t]!;
      return {
        code: f.code,
        nameVi: f.nameVi,
        nameEn: f.nameEn,
        index: indexText(nanToNull(b.topIndex[base + f.t]!)),
        points: unitsToDecimalString(points),
        applicableMax: unitsToDecimalString(max),
        lost: unitsToDecimalString(max - points),
      };
    }),
  };
}

interface Computed {
  period: NonNullable<Awaited<ReturnType<typeof q.findPeriodByYear>>>;
  frameworkId: number;
  entry: CompiledEntry;
  agencies: AgencyRef[];
  batch: BatchResult;
  notScored: Int32Array;
  rank: Int32Array;
  tied: Uint8Array;
  /** Indices into `agencies` in display order (rank, then the core's deterministic tie order). */
  order: Int32Array;
}

/** Computes and ranks a year's group from the trigger-maintained field totals (no per-leaf rows leave the database). */
async function computeFromScores(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<Computed | null> {
  const found = await q.findPeriodWithFramework(db, provinceId, year, groupId);
  if (!found) return null;
  const { period, frameworkId } = found;
  const entry = await compiledFramework(db, frameworkId);
  if (!entry) return null;
  const { compiled } = entry;
  const tops = compiled.tops.length;
  const aggregates = (await q.aggregateGroup(db, period.id, frameworkId, compiled.tops.map((t) => t.code))).filter((a) => a.scored > 0);
  const count = aggregates.length;
  const sums = new Float64Array(count * tops);
  const na: (string[] | null)[] = new Array(count);
  const agencies: AgencyRef[] = new Array(count);
  const notScored = new Int32Array(count);
  const keys = compiled.tops.map((_, t) => `t${t}` as const);
  for (let a = 0; a < count; a++) {
    const row = aggregates[a]!;
    for (let t = 0; t < tops; t++) sums[a * tops + t] = Number(row[keys[t]!] ?? 0);
    na[a] = row.na ? row.na.split(',') : null;
    agencies[a] = { id: row.agency_id, code: row.code, nameVi: row.name_vi, nameEn: row.name_en };
    notScored[a] = compiled.leafCodes.length - row.scored;
  }
  const batch = computeBatchFromTopSums(compiled, sums, na);
  const ranked = rankBatch(
    batch.totalIndex,
    agencies.map((x) => x.code),
    agencies.map((x) => String(x.id)),
  );
  return { period, frameworkId, entry, agencies, batch, notScored, rank: ranked.rank, tied: ranked.tied, order: ranked.order };
}

/**
 * Previous-year ranks by agency id: from that year's scores, else the imported history's published ranks (never
 * recomputed among the imported rows, so a partial import keeps "19 of 63").
 */
async function previousRanks(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<{ source: 'scores' | 'history' | null; ranks: Map<number, number> }> {
  const prev = await computeFromScores(db, provinceId, year - 1, groupId);
  if (prev && prev.agencies.length) return { source: 'scores', ranks: new Map(prev.agencies.map((a, i) => [a.id, prev.rank[i]!])) };
  const history = await q.loadHistory(db, provinceId, year - 1, groupId);
  if (!history.length) return { source: null, ranks: new Map() };
  return { source: 'history', ranks: new Map(history.filter((h) => h.rank !== null).map((h) => [h.agencyId, h.rank!])) };
}

/**
 * Every agency's component indices, total index, rank, rank change (against the previous year's scores, or the
 * imported history, matched by agency) and classification for a year's group, computed from stored scores.
 */
export async function computeGroupResults(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<GroupResults | null> {
  const [current, group, prev, lineage] = await Promise.all([
    computeFromScores(db, provinceId, year, groupId),
    q.findGroup(db, provinceId, { id: groupId }),
    previousRanks(db, provinceId, year, groupId),
    q.lineageEventsOfYear(db, provinceId, year),
  ]);
  if (!current) return null;
  const doc = current.entry.document;
  return {
    year,
    periodId: current.period.id,
    periodPhase: current.period.phase,
    group: { id: groupId, code: group?.code ?? '', nameVi: group?.nameVi ?? '', nameEn: group?.nameEn ?? '' },
    framework: { id: current.frameworkId, nameVi: doc.nameVi, nameEn: doc.nameEn, bands: doc.bands },
    fields: current.entry.fields.map((f) => ({ code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, maxPoints: unitsToDecimalString(current.entry.compiled.tops[f.t]!.max) })),
    previousSource: prev.source,
    agencies: Array.from(current.order, (i) =>
      resultRow(current.entry, current.agencies[i]!, current.batch, i, current.notScored[i]!, {
        rank: current.rank[i]!,
        tied: current.tied[i] === 1,
        previousRank: prev.ranks.get(comparedWith(current.agencies[i]!.id, year, lineage) ?? -1) ?? null,
      }),
    ),
  };
}

/** The stored inputs of one agency in a period, with its compiled framework (for the explainable scorecard). */
export async function computeAgencyScorecard(db: DbOrTx, provinceId: number, year: number, agencyId: number) {
  const agency = await q.findAgency(db, agencyId);
  if (!agency || agency.provinceId !== provinceId) return null;
  const period = await q.findPeriodByYear(db, provinceId, year);
  if (!period) return null;
  const frameworkId = await q.findPeriodFramework(db, period.id, agency.groupId);
  if (!frameworkId) return null;
  const loaded = await compiledFramework(db, frameworkId);
  if (!loaded) return null;
  const entry = [...inputsByAssessment(await q.loadGroupScores(db, period.id, frameworkId, agencyId)).values()][0];
  return { agency, period, frameworkId, framework: loaded.document, compiled: loaded.compiled, inputs: entry?.inputs ?? {} };
}

/** Every assessment of a framework in a period with its stored leaf inputs (for snapshots and reports). */
export async function groupInputs(db: DbOrTx, periodId: number, frameworkId: number) {
  return [...inputsByAssessment(await q.loadGroupScores(db, periodId, frameworkId)).values()];
}

/** Effective leaf units (null = not applicable) by agency, for a framework in a period, as the engine stores them. */
export async function effectiveLeavesOfGroup(db: DbOrTx, periodId: number, frameworkId: number): Promise<Map<number, Record<string, number | null>>> {
  const out = new Map<number, Record<string, number | null>>();
  for (const r of await q.effectiveLeafRows(db, periodId, frameworkId)) {
    let rec = out.get(r.agency_id);
    if (!rec) out.set(r.agency_id, (rec = {}));
    rec[r.node_code] = r.effective_na ? null : Number(r.effective_units);
  }
  return out;
}
