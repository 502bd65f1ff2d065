import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/** One agency × leaf row of the matrix query; points in units of 1/10000 point (null when not entered). */
export interface MatrixScoreRow {
  agency_id: number;
  code: string;
  name_vi: string;
  name_en: string;
  node_code: string | null;
  self_u: number | null;
  self_na: boolean;
  appraisal1_u: number | null;
  appraisal1_na: boolean;
  final_u: number | null;
  final_na: boolean;
  survey_u: number | null;
}

const na = (column: string) => sql.raw(`coalesce(s.${column} @> '{"notApplicable": true}', false)`);

/**
 * Every stored stage score of a framework's assessments in a period, with the agency's names, in one query (unordered:
 * the caller groups by agency; an agency without a leaf row comes once with a null `node_code`). `agencyIds` narrows to some
 * agencies (an agency reading its own row). Points come as integer units so both database drivers agree.
 */
export async function matrixScores(db: DbOrTx, periodId: number, frameworkId: number, agencyIds: number[] | null): Promise<MatrixScoreRow[]> {
  const only = agencyIds ? sql` and ag.id in (${sql.join(agencyIds.length ? agencyIds.map((x) => sql`${x}`) : [sql`null`], sql`, `)})` : sql``;
  const res = await db.execute(sql`
    select ag.id as agency_id, ag.code, ag.name_vi, ag.name_en, s.node_code,
      (s.self_points * 10000)::int as self_u, ${na('self_input')} as self_na,
      (s.appraisal1_points * 10000)::int as appraisal1_u, ${na('appraisal1_input')} as appraisal1_na,
      (s.final_points * 10000)::int as final_u, ${na('final_input')} as final_na,
      (s.survey_points * 10000)::int as survey_u
    from assessments a
    join agencies ag on ag.id = a.agency_id
    left join leaf_scores s on s.assessment_id = a.id
    where a.period_id = ${periodId} and a.framework_id = ${frameworkId}${only}`);
  return (res as unknown as { rows: MatrixScoreRow[] }).rows;
}

/** A province's agency group with the year's period and the framework the period applies to it, in one round trip. */
export async function findGroupPeriod(db: DbOrTx, provinceId: number, year: number, groupId: number) {
  const res = await db.execute(sql`
    select g.id as group_id, g.code as group_code, g.name_vi as group_name_vi, g.name_en as group_name_en,
      p.id as period_id, p.phase, pf.framework_id
    from agency_groups g
    left join periods p on p.province_id = g.province_id and p.year = ${year}
    left join period_frameworks pf on pf.period_id = p.id and pf.group_id = g.id
    where g.id = ${groupId} and g.province_id = ${provinceId}`);
  return ((res as unknown as { rows: GroupPeriodRow[] }).rows[0] ?? null);
}

export interface GroupPeriodRow {
  group_id: number;
  group_code: string;
  group_name_vi: string;
  group_name_en: string;
  period_id: number | null;
  phase: string | null;
  framework_id: number | null;
}
