import { classify } from '../../../core/domain/classification';
import { compileFramework, computeStageResult, type AgencyInputs, type CompiledFramework, type LeafStageInputs } from '../../../core/domain/compute-index';
import { formatUnits, parsePoints, unitsToDecimalString } from '../../../core/domain/decimal';
import { rankAgencies, rankChanges } from '../../../core/domain/ranking';
import type { Framework } from '../../../core/schemas/framework';
import type { AgencyResultRow, GroupResults } from '../../../core/schemas/results';
import type { DbOrTx } from '../../db/client';
import { documentById } from '../frameworks/service';
import * as q from './queries';

/** Hundredths of a percent as the wire's decimal string ("84.64"). */
export const indexText = (h: number | null) => (h === null ? null : formatUnits(h * 100, 2));

/** Builds each assessment's inputs from the stored rows. */
export function inputsByAssessment(rows: q.ScoreRow[]): Map<number, { agency: { id: number; code: string; nameVi: string; nameEn: string }; inputs: Record<string, LeafStageInputs> }> {
  const out = new Map<number, { agency: { id: number; code: string; nameVi: string; nameEn: string }; inputs: Record<string, LeafStageInputs> }>();
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

/** One agency's result row (effective stage) before ranking. */
export function resultRowOf(compiled: CompiledFramework, agency: { id: number; code: string; nameVi: string; nameEn: string }, inputs: AgencyInputs) {
  const r = computeStageResult(compiled, inputs, 'effective');
  const f = compiled.framework;
  const band = r.totalIndex === null ? null : classify(r.totalIndex, f.bands);
  const nodeByCode = new Map(f.nodes.map((n) => [n.code, n]));
  return {
    agencyId: agency.id,
    code: agency.code,
    nameVi: agency.nameVi,
    nameEn: agency.nameEn,
    indexHundredths: r.totalIndex ?? 0,
    totalIndex: indexText(r.totalIndex),
    totalPoints: unitsToDecimalString(r.totalPoints),
    applicableMax: unitsToDecimalString(r.applicableMax),
    bonus: unitsToDecimalString(r.bonus),
    deduction: unitsToDecimalString(r.deduction),
    notScoredCount: r.notScoredCount,
    classification: band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn } : null,
    components: r.components
      .filter((c) => c.kind === 'regular')
      .map((c) => ({
        code: c.code,
        nameVi: nodeByCode.get(c.code)?.nameVi ?? c.code,
        nameEn: nodeByCode.get(c.code)?.nameEn ?? '',
        index: indexText(c.index),
        points: unitsToDecimalString(c.points),
        applicableMax: unitsToDecimalString(c.applicableMax),
        lost: unitsToDecimalString(c.lost),
      })),
  };
}

interface PreviousRanks {
  source: 'scores' | 'history' | null;
  ranks: Map<string, number>;
}

async function previousRanks(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<PreviousRanks> {
  const prev = await computeFromScores(db, provinceId, year - 1, groupId);
  if (prev && prev.rows.length) return { source: 'scores', ranks: new Map(prev.ranked.map((r) => [r.agencyId, r.rank])) };
  const history = await q.loadHistory(db, provinceId, year - 1, groupId);
  if (!history.length) return { source: null, ranks: new Map() };
  const ranked = rankAgencies(
    history.map((h) => ({ agencyId: String(h.agencyId), code: h.code, nameVi: h.nameVi, indexHundredths: Math.round(parsePoints(h.totalIndex) / 100) })),
  );
  return { source: 'history', ranks: new Map(ranked.map((r) => [r.agencyId, r.rank])) };
}

async function computeFromScores(db: DbOrTx, provinceId: number, year: number, groupId: number) {
  const period = await q.findPeriodByYear(db, provinceId, year);
  if (!period) return null;
  const frameworkId = await q.findPeriodFramework(db, period.id, groupId);
  if (!frameworkId) return null;
  const loaded = await documentById(db, frameworkId);
  if (!loaded) return null;
  const compiled = compileFramework(loaded.document);
  const rows = [...inputsByAssessment(await q.loadGroupScores(db, period.id, groupId)).values()]
    .filter((e) => Object.keys(e.inputs).length > 0)
    .map((e) => resultRowOf(compiled, e.agency, e.inputs));
  const ranked = rankAgencies(rows.map((r) => ({ ...r, agencyId: String(r.agencyId) })));
  return { period, frameworkId, framework: loaded.document, compiled, rows, ranked };
}

/**
 * Every agency's component indices, total index, rank, rank change (against the previous year's scores, or the
 * imported history) and classification for a year's group, computed from stored scores by the core engine.
 */
export async function computeGroupResults(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<GroupResults | null> {
  const current = await computeFromScores(db, provinceId, year, groupId);
  if (!current) return null;
  const group = await q.findGroup(db, provinceId, { id: groupId });
  const prev = await previousRanks(db, provinceId, year, groupId);
  const withChange = rankChanges(current.ranked, prev.ranks);
  const agencies: AgencyResultRow[] = withChange.map(({ indexHundredths: _h, agencyId, ...r }) => ({
    ...r,
    agencyId: Number(agencyId),
    previousRank: r.previousRank,
    rankChange: r.change,
  }));
  return {
    year,
    periodId: current.period.id,
    periodPhase: current.period.phase,
    group: { id: groupId, code: group?.code ?? '', nameVi: group?.nameVi ?? '', nameEn: group?.nameEn ?? '' },
    framework: { id: current.frameworkId, nameVi: current.framework.nameVi, nameEn: current.framework.nameEn, bands: current.framework.bands },
    fields: current.framework.nodes
      .filter((n) => n.parentCode === null && n.kind === 'regular')
      .map((n) => ({ code: n.code, nameVi: n.nameVi, nameEn: n.nameEn, maxPoints: n.maxPoints })),
    previousSource: prev.source,
    agencies,
  };
}

/** The effective-stage explanation tree and stage totals of one agency in a period (for the scorecard). */
export async function computeAgencyScorecard(db: DbOrTx, provinceId: number, year: number, agencyId: number) {
  const agency = await q.findAgency(db, agencyId);
  if (!agency || agency.provinceId !== provinceId) return null;
  const period = await q.findPeriodByYear(db, provinceId, year);
  if (!period) return null;
  const frameworkId = await q.findPeriodFramework(db, period.id, agency.groupId);
  if (!frameworkId) return null;
  const loaded = await documentById(db, frameworkId);
  if (!loaded) return null;
  const entry = [...inputsByAssessment(await q.loadGroupScores(db, period.id, agency.groupId, agencyId)).values()][0];
  return { agency, period, framework: loaded.document as Framework, inputs: entry?.inputs ?? {} };
}
