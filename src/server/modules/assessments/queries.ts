import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  agencies,
  agencyGroups,
  assessments,
  auditLog,
  deadlineExtensions,
  evidence,
  explanationMessages,
  files,
  leafEvidence,
  leafScores,
  periods,
  users,
} from '../../db/schema/index';

export type AssessmentRow = typeof assessments.$inferSelect;
export type LeafScoreRow = typeof leafScores.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;

export interface AssessmentContext {
  assessment: AssessmentRow;
  period: PeriodRow;
  agency: { id: number; provinceId: number; code: string; nameVi: string; nameEn: string; groupId: number };
  groupCode: string;
}

/** An assessment with its period, agency and group, in one query. */
export async function findAssessmentContext(db: DbOrTx, id: number): Promise<AssessmentContext | null> {
  const rows = await db
    .select({
      assessment: assessments,
      period: periods,
      agency: { id: agencies.id, provinceId: agencies.provinceId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId },
      groupCode: agencyGroups.code,
    })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .where(eq(assessments.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Assessments of a period with agency and group (filters by group, status, agency ids). */
export async function listAssessments(db: DbOrTx, periodId: number, f: { groupId?: number | undefined; status?: string | undefined; agencyIds?: number[] | undefined }) {
  const conds = [eq(assessments.periodId, periodId)];
  if (f.groupId) conds.push(eq(agencies.groupId, f.groupId));
  if (f.status) conds.push(eq(assessments.status, f.status));
  if (f.agencyIds) conds.push(inArray(assessments.agencyId, f.agencyIds.length ? f.agencyIds : [-1]));
  return db
    .select({
      assessment: assessments,
      agency: { id: agencies.id, provinceId: agencies.provinceId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId },
      groupCode: agencyGroups.code,
    })
    .from(assessments)
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .where(and(...conds))
    .orderBy(asc(agencyGroups.position), asc(agencies.code));
}

export async function listLeafScores(db: DbOrTx, assessmentIds: number[]): Promise<LeafScoreRow[]> {
  if (!assessmentIds.length) return [];
  return db.select().from(leafScores).where(inArray(leafScores.assessmentId, assessmentIds));
}

export async function findLeafScore(db: DbOrTx, assessmentId: number, code: string): Promise<LeafScoreRow | null> {
  return (await db.select().from(leafScores).where(and(eq(leafScores.assessmentId, assessmentId), eq(leafScores.nodeCode, code))).limit(1))[0] ?? null;
}

/** Inserts a leaf row (expected version 0) or updates it when its version still matches; null on a stale version. */
export async function writeLeafScore(
  db: DbOrTx,
  assessmentId: number,
  code: string,
  expectedVersion: number,
  values: Partial<typeof leafScores.$inferInsert>,
): Promise<LeafScoreRow | null> {
  if (expectedVersion === 0) {
    const rows = await db
      .insert(leafScores)
      .values({ assessmentId, nodeCode: code, ...values })
      .onConflictDoNothing()
      .returning();
    return rows[0] ?? null;
  }
  const rows = await db
    .update(leafScores)
    .set({ ...values, version: sql`${leafScores.version} + 1` })
    .where(and(eq(leafScores.assessmentId, assessmentId), eq(leafScores.nodeCode, code), eq(leafScores.version, expectedVersion)))
    .returning();
  return rows[0] ?? null;
}

export async function deleteLeafScore(db: DbOrTx, id: number): Promise<void> {
  await db.delete(leafScores).where(eq(leafScores.id, id));
}

export async function updateAssessmentVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof assessments.$inferInsert>) {
  const rows = await db
    .update(assessments)
    .set({ ...values, version: sql`${assessments.version} + 1` })
    .where(and(eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function touchAssessment(db: DbOrTx, id: number, now: Date): Promise<void> {
  await db.update(assessments).set({ updatedAt: now }).where(eq(assessments.id, id));
}

export async function listExtensions(db: DbOrTx, periodId: number, agencyId: number) {
  return db.select().from(deadlineExtensions).where(and(eq(deadlineExtensions.periodId, periodId), eq(deadlineExtensions.agencyId, agencyId)));
}

export async function listExtensionsOf(db: DbOrTx, periodId: number) {
  return db.select().from(deadlineExtensions).where(eq(deadlineExtensions.periodId, periodId));
}

export interface LeafEvidenceRow {
  assessmentId: number;
  nodeCode: string;
  id: number;
  agencyId: number;
  title: string;
  docNumber: string;
  issuedOn: string | null;
  issuer: string;
  originalName: string;
  mime: string;
}

export async function listLeafEvidence(db: DbOrTx, assessmentIds: number[]): Promise<LeafEvidenceRow[]> {
  if (!assessmentIds.length) return [];
  return db
    .select({
      assessmentId: leafEvidence.assessmentId,
      nodeCode: leafEvidence.nodeCode,
      id: evidence.id,
      agencyId: evidence.agencyId,
      title: evidence.title,
      docNumber: evidence.docNumber,
      issuedOn: evidence.issuedOn,
      issuer: evidence.issuer,
      originalName: evidence.originalName,
      mime: files.mime,
    })
    .from(leafEvidence)
    .innerJoin(evidence, eq(evidence.id, leafEvidence.evidenceId))
    .innerJoin(files, eq(files.id, evidence.fileId))
    .where(inArray(leafEvidence.assessmentId, assessmentIds))
    .orderBy(asc(leafEvidence.createdAt));
}

export async function replaceLeafEvidence(db: DbOrTx, assessmentId: number, code: string, evidenceIds: number[], now: Date): Promise<void> {
  await db.delete(leafEvidence).where(and(eq(leafEvidence.assessmentId, assessmentId), eq(leafEvidence.nodeCode, code)));
  if (evidenceIds.length) await db.insert(leafEvidence).values(evidenceIds.map((evidenceId) => ({ assessmentId, nodeCode: code, evidenceId, createdAt: now })));
}

export async function addLeafEvidence(db: DbOrTx, assessmentId: number, code: string, evidenceIds: number[], now: Date): Promise<void> {
  if (evidenceIds.length) await db.insert(leafEvidence).values(evidenceIds.map((evidenceId) => ({ assessmentId, nodeCode: code, evidenceId, createdAt: now }))).onConflictDoNothing();
}

export async function findEvidenceAgencies(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: evidence.id, agencyId: evidence.agencyId }).from(evidence).where(inArray(evidence.id, ids));
}

export async function listThreads(db: DbOrTx, assessmentIds: number[]) {
  if (!assessmentIds.length) return [];
  return db
    .select({ message: explanationMessages, authorName: users.fullName })
    .from(explanationMessages)
    .leftJoin(users, eq(users.id, explanationMessages.authorId))
    .where(inArray(explanationMessages.assessmentId, assessmentIds))
    .orderBy(asc(explanationMessages.id));
}

export async function insertMessage(db: DbOrTx, values: typeof explanationMessages.$inferInsert) {
  return (await db.insert(explanationMessages).values(values).returning())[0]!;
}

/** The previous year's assessment of an agency (for last year's scores side by side). */
export async function previousAssessment(db: DbOrTx, provinceId: number, year: number, agencyId: number) {
  const rows = await db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .where(and(eq(periods.provinceId, provinceId), eq(periods.year, year - 1), eq(assessments.agencyId, agencyId)))
    .limit(1);
  return rows[0]?.id ?? null;
}

export async function previousEffective(db: DbOrTx, assessmentId: number) {
  return db
    .select({ nodeCode: leafScores.nodeCode, units: leafScores.effectiveUnits, na: leafScores.effectiveNa })
    .from(leafScores)
    .where(eq(leafScores.assessmentId, assessmentId));
}

export async function leafHistory(db: DbOrTx, provinceId: number, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.provinceId, provinceId), eq(auditLog.entityType, 'leaf_score'), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}
