import { and, asc, eq, sql } from 'drizzle-orm';
import type { LeafInput } from '../../../core/schemas/framework';
import type { DbOrTx } from '../../db/client';
import { agencies, agencyGroups, assessments, historicalResults, leafScores, periodFrameworks, periods } from '../../db/schema/index';

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number) {
  const rows = await db.select().from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1);
  return rows[0] ?? null;
}

export async function findGroup(db: DbOrTx, provinceId: number, ref: { id?: number; code?: string }) {
  const cond = ref.id !== undefined ? eq(agencyGroups.id, ref.id) : eq(agencyGroups.code, ref.code ?? '');
  const rows = await db.select().from(agencyGroups).where(and(eq(agencyGroups.provinceId, provinceId), cond)).limit(1);
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
export async function loadGroupScores(db: DbOrTx, periodId: number, groupId: number, agencyId?: number): Promise<ScoreRow[]> {
  const conds = [eq(assessments.periodId, periodId), eq(agencies.groupId, groupId)];
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
    .select({ agencyId: historicalResults.agencyId, totalIndex: historicalResults.totalIndex, rank: historicalResults.rank, code: agencies.code, nameVi: agencies.nameVi })
    .from(historicalResults)
    .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
    .where(and(eq(historicalResults.provinceId, provinceId), eq(historicalResults.year, year), eq(historicalResults.groupId, groupId)));
}

export async function findAgency(db: DbOrTx, id: number) {
  const rows = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function countScores(db: DbOrTx, periodId: number, groupId: number): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(leafScores)
    .innerJoin(assessments, eq(assessments.id, leafScores.assessmentId))
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .where(and(eq(assessments.periodId, periodId), eq(agencies.groupId, groupId)));
  return rows[0]?.n ?? 0;
}
