import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  agencies,
  agencyGroups,
  appraiserAssignments,
  assessments,
  deadlineExtensions,
  frameworks,
  historicalResults,
  periodFrameworks,
  periods,
  users,
} from '../../db/schema/index';

export type PeriodRow = typeof periods.$inferSelect;

export async function listPeriods(db: DbOrTx, provinceId: number): Promise<PeriodRow[]> {
  return db.select().from(periods).where(eq(periods.provinceId, provinceId)).orderBy(desc(periods.year));
}

/** The years of imported historical results of a province. */
export async function listHistoryYears(db: DbOrTx, provinceId: number): Promise<number[]> {
  const rows = await db.selectDistinct({ year: historicalResults.year }).from(historicalResults).where(eq(historicalResults.provinceId, provinceId));
  return rows.map((r) => r.year);
}

export async function findPeriod(db: DbOrTx, id: number): Promise<PeriodRow | null> {
  return (await db.select().from(periods).where(eq(periods.id, id)).limit(1))[0] ?? null;
}

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number): Promise<PeriodRow | null> {
  return (await db.select().from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1))[0] ?? null;
}

/** The frameworks a set of periods apply, with group and framework names. */
export async function listPeriodFrameworks(db: DbOrTx, periodIds: number[]) {
  if (!periodIds.length) return [];
  return db
    .select({
      periodId: periodFrameworks.periodId,
      groupId: periodFrameworks.groupId,
      groupCode: agencyGroups.code,
      groupNameVi: agencyGroups.nameVi,
      frameworkId: periodFrameworks.frameworkId,
      frameworkNameVi: frameworks.nameVi,
      frameworkRevision: frameworks.revision,
    })
    .from(periodFrameworks)
    .innerJoin(agencyGroups, eq(agencyGroups.id, periodFrameworks.groupId))
    .innerJoin(frameworks, eq(frameworks.id, periodFrameworks.frameworkId))
    .where(inArray(periodFrameworks.periodId, periodIds))
    .orderBy(asc(agencyGroups.position));
}

export async function countAssessments(db: DbOrTx, periodIds: number[]) {
  if (!periodIds.length) return new Map<number, number>();
  const rows = await db
    .select({ periodId: assessments.periodId, n: sql<number>`count(*)::int` })
    .from(assessments)
    .where(inArray(assessments.periodId, periodIds))
    .groupBy(assessments.periodId);
  return new Map(rows.map((r) => [r.periodId, r.n]));
}

export async function insertPeriod(db: DbOrTx, values: typeof periods.$inferInsert): Promise<PeriodRow> {
  return (await db.insert(periods).values(values).returning())[0]!;
}

export async function updatePeriodVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof periods.$inferInsert>): Promise<PeriodRow | null> {
  const rows = await db
    .update(periods)
    .set({ ...values, version: sql`${periods.version} + 1` })
    .where(and(eq(periods.id, id), eq(periods.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function replacePeriodFrameworks(db: DbOrTx, periodId: number, items: { groupId: number; frameworkId: number }[]): Promise<void> {
  await db.delete(periodFrameworks).where(eq(periodFrameworks.periodId, periodId));
  if (items.length) await db.insert(periodFrameworks).values(items.map((i) => ({ periodId, ...i })));
}

export async function findFrameworks(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select().from(frameworks).where(inArray(frameworks.id, ids));
}

export async function findGroups(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select().from(agencyGroups).where(inArray(agencyGroups.id, ids));
}

/** Active agencies of the given groups that exist in `year`. */
export async function agenciesForYear(db: DbOrTx, groupIds: number[], year: number) {
  if (!groupIds.length) return [];
  return db
    .select({ id: agencies.id, groupId: agencies.groupId })
    .from(agencies)
    .where(
      and(
        inArray(agencies.groupId, groupIds),
        eq(agencies.isActive, true),
        sql`${agencies.activeFromYear} <= ${year} and (${agencies.activeToYear} is null or ${agencies.activeToYear} >= ${year})`,
      ),
    );
}

/** Creates the missing assessments of a period (one per agency); existing ones are kept. */
export async function createAssessments(db: DbOrTx, periodId: number, rows: { agencyId: number; frameworkId: number }[], now: Date): Promise<number> {
  if (!rows.length) return 0;
  const res = await db
    .insert(assessments)
    .values(rows.map((r) => ({ periodId, agencyId: r.agencyId, frameworkId: r.frameworkId, status: 'draft', createdAt: now, updatedAt: now })))
    .onConflictDoNothing()
    .returning({ id: assessments.id });
  return res.length;
}

export async function periodAgencyIds(db: DbOrTx, periodId: number): Promise<number[]> {
  const rows = await db.select({ agencyId: assessments.agencyId }).from(assessments).where(eq(assessments.periodId, periodId));
  return rows.map((r) => r.agencyId);
}

export async function setAssessmentStatuses(db: DbOrTx, periodId: number, from: string[], to: string, now: Date): Promise<void> {
  await db
    .update(assessments)
    .set({ status: to, updatedAt: now, version: sql`${assessments.version} + 1` })
    .where(and(eq(assessments.periodId, periodId), inArray(assessments.status, from)));
}

export async function listExtensions(db: DbOrTx, periodId: number, agencyId?: number) {
  const where = agencyId === undefined ? eq(deadlineExtensions.periodId, periodId) : and(eq(deadlineExtensions.periodId, periodId), eq(deadlineExtensions.agencyId, agencyId));
  return db
    .select({ ext: deadlineExtensions, agencyCode: agencies.code, agencyNameVi: agencies.nameVi, agencyNameEn: agencies.nameEn })
    .from(deadlineExtensions)
    .innerJoin(agencies, eq(agencies.id, deadlineExtensions.agencyId))
    .where(where)
    .orderBy(asc(agencies.code));
}

export async function upsertExtension(db: DbOrTx, values: typeof deadlineExtensions.$inferInsert) {
  const rows = await db
    .insert(deadlineExtensions)
    .values(values)
    .onConflictDoUpdate({
      target: [deadlineExtensions.periodId, deadlineExtensions.agencyId, deadlineExtensions.phase],
      set: { dueAt: values.dueAt, reason: values.reason, createdBy: values.createdBy ?? null, createdAt: values.createdAt ?? new Date() },
    })
    .returning();
  return rows[0]!;
}

export async function deleteExtension(db: DbOrTx, id: number) {
  const rows = await db.delete(deadlineExtensions).where(eq(deadlineExtensions.id, id)).returning();
  return rows[0] ?? null;
}

export async function findExtension(db: DbOrTx, id: number) {
  return (await db.select().from(deadlineExtensions).where(eq(deadlineExtensions.id, id)).limit(1))[0] ?? null;
}

export async function listAssignments(db: DbOrTx, periodId: number) {
  return db
    .select({
      userId: appraiserAssignments.userId,
      fullName: users.fullName,
      username: users.username,
      fieldCode: appraiserAssignments.fieldCode,
      agencyId: appraiserAssignments.agencyId,
      agencyNameVi: agencies.nameVi,
      agencyNameEn: agencies.nameEn,
    })
    .from(appraiserAssignments)
    .innerJoin(users, eq(users.id, appraiserAssignments.userId))
    .leftJoin(agencies, eq(agencies.id, appraiserAssignments.agencyId))
    .where(eq(appraiserAssignments.periodId, periodId))
    .orderBy(asc(appraiserAssignments.fieldCode), asc(users.username));
}

export async function replaceAssignments(db: DbOrTx, periodId: number, rows: { userId: number; fieldCode: string; agencyId: number | null }[]): Promise<void> {
  await db.delete(appraiserAssignments).where(eq(appraiserAssignments.periodId, periodId));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (chunk.length) await db.insert(appraiserAssignments).values(chunk.map((r) => ({ periodId, ...r })));
  }
}

export async function findUsers(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: users.id, provinceId: users.provinceId }).from(users).where(inArray(users.id, ids));
}

export async function findAgencies(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: agencies.id, provinceId: agencies.provinceId }).from(agencies).where(inArray(agencies.id, ids));
}
