import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, assessments, leafScores, periods, provinces, resultSnapshots, users } from '../../db/schema/index';

export type SnapshotRow = typeof resultSnapshots.$inferSelect;

export async function listSnapshots(db: DbOrTx, periodId: number) {
  return db
    .select({ snapshot: resultSnapshots, publishedByName: users.fullName })
    .from(resultSnapshots)
    .leftJoin(users, eq(users.id, resultSnapshots.publishedBy))
    .where(eq(resultSnapshots.periodId, periodId))
    .orderBy(desc(resultSnapshots.revision));
}

export async function latestSnapshot(db: DbOrTx, periodId: number): Promise<SnapshotRow | null> {
  return (await db.select().from(resultSnapshots).where(eq(resultSnapshots.periodId, periodId)).orderBy(desc(resultSnapshots.revision)).limit(1))[0] ?? null;
}

/** What names the latest published revision of a province's year (no content): enough to answer a conditional GET. */
export async function latestSnapshotHead(db: DbOrTx, provinceId: number, year: number): Promise<{ id: number; revision: number; contentHash: string; rowVersion: string } | null> {
  const rows = await db
    .select({ id: resultSnapshots.id, revision: resultSnapshots.revision, contentHash: resultSnapshots.contentHash, rowVersion: sql<string>`${resultSnapshots}.xmin::text` })
    .from(resultSnapshots)
    .innerJoin(periods, eq(periods.id, resultSnapshots.periodId))
    .where(and(eq(periods.provinceId, provinceId), eq(periods.year, year)))
    .orderBy(desc(resultSnapshots.revision))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * A snapshot by id with its row version (PostgreSQL's `xmin`: it changes with any write to the row, so a verified
 * hash can be remembered per row version and a quiet edit is seen at once).
 */
export async function snapshotVersionedById(db: DbOrTx, id: number): Promise<(SnapshotRow & { rowVersion: string }) | null> {
  const rows = await db
    .select({ ...getTableColumns(resultSnapshots), rowVersion: sql<string>`${resultSnapshots}.xmin::text` })
    .from(resultSnapshots)
    .where(eq(resultSnapshots.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * A snapshot by id without its scorecards (the ranking of every group, the decision: a small part of a large
 * province's content), with its row version.
 */
export async function snapshotRankingById(db: DbOrTx, id: number) {
  const rows = await db
    .select({
      id: resultSnapshots.id,
      revision: resultSnapshots.revision,
      contentHash: resultSnapshots.contentHash,
      decisionNumber: resultSnapshots.decisionNumber,
      decisionDate: resultSnapshots.decisionDate,
      publishedAt: resultSnapshots.publishedAt,
      groups: sql<unknown>`${resultSnapshots.content} -> 'groups'`,
      rowVersion: sql<string>`${resultSnapshots}.xmin::text`,
    })
    .from(resultSnapshots)
    .where(eq(resultSnapshots.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** A snapshot's content and hash by id (to verify it). */
export async function snapshotContent(db: DbOrTx, id: number) {
  return (await db.select({ content: resultSnapshots.content, contentHash: resultSnapshots.contentHash }).from(resultSnapshots).where(eq(resultSnapshots.id, id)).limit(1))[0] ?? null;
}

export async function snapshotByRevision(db: DbOrTx, periodId: number, revision: number): Promise<SnapshotRow | null> {
  return (await db.select().from(resultSnapshots).where(and(eq(resultSnapshots.periodId, periodId), eq(resultSnapshots.revision, revision))).limit(1))[0] ?? null;
}

export async function insertSnapshot(db: DbOrTx, values: typeof resultSnapshots.$inferInsert): Promise<SnapshotRow> {
  return (await db.insert(resultSnapshots).values(values).returning())[0]!;
}

export async function findProvinceByCode(db: DbOrTx, code: string) {
  return (await db.select().from(provinces).where(eq(provinces.code, code)).limit(1))[0] ?? null;
}

export async function findProvince(db: DbOrTx, id: number) {
  return (await db.select().from(provinces).where(eq(provinces.id, id)).limit(1))[0] ?? null;
}

/** Published periods of a province with their latest snapshot (metadata only). */
export async function publishedPeriods(db: DbOrTx, provinceId: number) {
  const res = await db.execute(sql`
    select distinct on (p.id) p.id as period_id, p.year, s.id as snapshot_id, s.xmin::text as row_version, s.revision, s.published_at,
      s.decision_number, s.decision_date, s.content_hash, s.content -> 'groups' as groups
    from periods p join result_snapshots s on s.period_id = p.id
    where p.province_id = ${provinceId}
    order by p.id, s.revision desc`);
  return (res as unknown as { rows: { period_id: number; year: number; snapshot_id: number; row_version: string; revision: number; published_at: Date; decision_number: string; decision_date: string | null; content_hash: string; groups: unknown }[] }).rows;
}

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number) {
  return (await db.select().from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1))[0] ?? null;
}

/** Completeness of a period's assessments: submitted or not, leaves without any appraisal, survey leaves without points. */
export async function completeness(db: DbOrTx, periodId: number) {
  return db
    .select({
      assessmentId: assessments.id,
      agencyId: agencies.id,
      code: agencies.code,
      nameVi: agencies.nameVi,
      nameEn: agencies.nameEn,
      status: assessments.status,
      frameworkId: assessments.frameworkId,
      appraised: sql<number>`count(${leafScores.id}) filter (where ${leafScores.appraisal1Input} is not null or ${leafScores.finalInput} is not null)::int`,
      surveyed: sql<number>`count(${leafScores.id}) filter (where ${leafScores.surveyPoints} is not null)::int`,
    })
    .from(assessments)
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .leftJoin(leafScores, eq(leafScores.assessmentId, assessments.id))
    .where(eq(assessments.periodId, periodId))
    .groupBy(assessments.id, agencies.id)
    .orderBy(asc(agencies.code));
}

export async function finaliseAssessments(db: DbOrTx, periodId: number, now: Date) {
  await db.update(assessments).set({ status: 'finalised', updatedAt: now, version: sql`${assessments.version} + 1` }).where(eq(assessments.periodId, periodId));
}

export async function findAssessmentOf(db: DbOrTx, periodId: number, agencyId: number) {
  return (await db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, agencyId))).limit(1))[0] ?? null;
}

export async function agencyByCode(db: DbOrTx, provinceId: number, code: string) {
  return (await db.select().from(agencies).where(and(eq(agencies.provinceId, provinceId), eq(agencies.code, code))).limit(1))[0] ?? null;
}

export async function findPeriod(db: DbOrTx, id: number) {
  return (await db.select().from(periods).where(eq(periods.id, id)).limit(1))[0] ?? null;
}

/** Provinces (not the national tenant, whose ranking a province's page shows) that have published at least one year, with their latest published year. */
export async function provincesWithResults(db: DbOrTx) {
  const res = await db.execute(sql`
    select pr.code, pr.name_vi, pr.name_en, max(p.year)::int as latest_year
    from provinces pr join periods p on p.province_id = pr.id
    where pr.kind = 'province' and exists (select 1 from result_snapshots s where s.period_id = p.id)
    group by pr.id order by pr.name_vi`);
  return (res as unknown as { rows: { code: string; name_vi: string; name_en: string; latest_year: number }[] }).rows;
}

/** The latest snapshot of a period without its scorecards (rankings, province, period, decision): what annexes read. */
export async function latestSnapshotResults(db: DbOrTx, periodId: number) {
  const res = await db.execute(sql`
    select s.revision, s.content_hash, s.decision_number, s.decision_date::text as decision_date, s.published_at, s.content - 'scorecards' as content
    from result_snapshots s where s.period_id = ${periodId} order by s.revision desc limit 1`);
  const row = (res as unknown as { rows: { revision: number; content_hash: string; decision_number: string; decision_date: string | null; published_at: string | Date; content: unknown }[] }).rows[0];
  return row ?? null;
}
