import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { LeafInput } from '../../../core/schemas/framework';
import type { LineageEvent } from '../../../core/domain/lineage';
import type { DbOrTx } from '../../db/client';
import { agencies, agencyGroups, agencyLineageEvents, agencyLineageParts, assessments, historicalResults, leafScores, periodFrameworks, periods } from '../../db/schema/index';

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number) {
  const rows = await db.select().from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1);
  return rows[0] ?? null;
}

export async function findGroup(db: DbOrTx, provinceId: number, ref: { id?: number; code?: string }) {
  const cond = ref.id !== undefined ? eq(agencyGroups.id, ref.id) : eq(agencyGroups.code, ref.code ?? '');
  const rows = await db.select().from(agencyGroups).where(and(eq(agencyGroups.provinceId, provinceId), cond)).limit(1);
  return rows[0] ?? null;
}

/** A year's period of a province with the framework it applies to a group, in one round trip. */
export async function findPeriodWithFramework(db: DbOrTx, provinceId: number, year: number, groupId: number) {
  const rows = await db
    .select({ period: periods, frameworkId: periodFrameworks.frameworkId })
    .from(periods)
    .innerJoin(periodFrameworks, and(eq(periodFrameworks.periodId, periods.id), eq(periodFrameworks.groupId, groupId)))
    .where(and(eq(periods.provinceId, provinceId), eq(periods.year, year)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findPeriodFramework(db: DbOrTx, periodId: number, groupId: number): Promise<number | null> {
  const rows = await db
    .select({ frameworkId: periodFrameworks.frameworkId })
    .from(periodFrameworks)
    .where(and(eq(periodFrameworks.periodId, periodId), eq(periodFrameworks.groupId, groupId)))
    .limit(1);
  return rows[0]?.frameworkId ?? null;
}

export interface ScoreRow {
  assessmentId: number;
  agencyId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  nodeCode: string | null;
  selfInput: LeafInput | null;
  appraisal1Input: LeafInput | null;
  finalInput: LeafInput | null;
  surveyPoints: string | null;
}

/** Every assessment of a group in a period with its stored leaf inputs (one row per leaf, agencies without scores once). */
export async function loadGroupScores(db: DbOrTx, periodId: number, frameworkId: number, agencyId?: number): Promise<ScoreRow[]> {
  const conds = [eq(assessments.periodId, periodId), eq(assessments.frameworkId, frameworkId)];
  if (agencyId !== undefined) conds.push(eq(agencies.id, agencyId));
  return db
    .select({
      assessmentId: assessments.id,
      agencyId: agencies.id,
      code: agencies.code,
      nameVi: agencies.nameVi,
      nameEn: agencies.nameEn,
      nodeCode: leafScores.nodeCode,
      selfInput: leafScores.selfInput,
      appraisal1Input: leafScores.appraisal1Input,
      finalInput: leafScores.finalInput,
      surveyPoints: leafScores.surveyPoints,
    })
    .from(assessments)
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .leftJoin(leafScores, eq(leafScores.assessmentId, assessments.id))
    .where(and(...conds))
    .orderBy(asc(assessments.id));
}

export async function loadHistory(db: DbOrTx, provinceId: number, year: number, groupId: number) {
  return db
    .select({ agencyId: historicalResults.agencyId, totalIndex: historicalResults.totalIndex, rank: historicalResults.rank, rankedCount: historicalResults.rankedCount, code: agencies.code, nameVi: agencies.nameVi })
    .from(historicalResults)
    .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
    .where(and(eq(historicalResults.provinceId, provinceId), eq(historicalResults.year, year), eq(historicalResults.groupId, groupId)));
}

export async function findAgency(db: DbOrTx, id: number) {
  const rows = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return rows[0] ?? null;
}


export interface AggregateRow {
  assessment_id: number;
  agency_id: number;
  code: string;
  name_vi: string;
  name_en: string;
  scored: number;
  /** Comma-separated codes of not-applicable leaves, or null. */
  na: string | null;
  [top: `t${number}`]: number;
}

/**
 * Per assessment of a framework in a period: the sum of effective leaf units under each top-level node (one column
 * `t<i>` per top, in the order given), the codes of not-applicable leaves and the number of scored leaves (leaf
 * rows holding an input at some stage or survey points; a row outlives its inputs to keep its version). It reads the
 * trigger-maintained assessment_field_totals, so a nation's results read agencies × fields rows, not every leaf.
 */
export async function aggregateGroup(db: DbOrTx, periodId: number, frameworkId: number, topCodes: readonly string[]): Promise<AggregateRow[]> {
  const sums = topCodes.map((code, i) => sql`coalesce(sum(t.units) filter (where t.top_code = ${code}), 0)::int8 as ${sql.identifier(`t${i}`)}`);
  const res = await db.execute(sql`
    select a.id as assessment_id, ag.id as agency_id, ag.code, ag.name_vi, ag.name_en,
      sum(t.scored)::int as scored,
      string_agg(array_to_string(t.na_codes, ','), ',') filter (where cardinality(t.na_codes) > 0) as na
      ${sums.length ? sql`, ${sql.join(sums, sql`, `)}` : sql``}
    from assessments a
    join agencies ag on ag.id = a.agency_id
    join assessment_field_totals t on t.assessment_id = a.id
    where a.period_id = ${periodId} and a.framework_id = ${frameworkId}
    group by a.id, ag.id`);
  return (res as unknown as { rows: AggregateRow[] }).rows;
}

/** Every agency's effective leaf units of a framework in a period (one row per scored leaf). */
export async function effectiveLeafRows(db: DbOrTx, periodId: number, frameworkId: number) {
  const res = await db.execute(sql`
    select a.agency_id, s.node_code, s.effective_units, s.effective_na
    from leaf_scores s join assessments a on a.id = s.assessment_id
    where a.period_id = ${periodId} and a.framework_id = ${frameworkId}
      and (s.self_input is not null or s.appraisal1_input is not null or s.final_input is not null or s.survey_points is not null)`);
  return (res as unknown as { rows: { agency_id: number; node_code: string; effective_units: number; effective_na: boolean }[] }).rows;
}

/** The lineage events taking effect in a year (agencies renamed, merged or split), with their predecessors and successors. */
export async function lineageEventsOfYear(db: DbOrTx, provinceId: number, year: number): Promise<LineageEvent[]> {
  const events = await db.select().from(agencyLineageEvents).where(and(eq(agencyLineageEvents.provinceId, provinceId), eq(agencyLineageEvents.year, year)));
  if (!events.length) return [];
  const parts = await db
    .select()
    .from(agencyLineageParts)
    .where(
      inArray(
        agencyLineageParts.eventId,
        events.map((e) => e.id),
      ),
    );
  return events.map((e) => ({
    id: e.id,
    year: e.year,
    kind: e.kind,
    comparison: e.comparison,
    predecessorId: e.predecessorId,
    from: parts.filter((p) => p.eventId === e.id && p.side === 'from').map((p) => p.agencyId),
    to: parts.filter((p) => p.eventId === e.id && p.side === 'to').map((p) => p.agencyId),
  }));
}
