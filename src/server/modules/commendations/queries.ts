import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, agencyGroups, commendations, initiatives, periods, users } from '../../db/schema/index';

export type CommendationRow = typeof commendations.$inferSelect;
export type CommendationInsert = typeof commendations.$inferInsert;

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number) {
  return (await db.select({ id: periods.id, year: periods.year }).from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1))[0] ?? null;
}

const selection = {
  c: commendations,
  year: periods.year,
  agency: { id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupCode: agencyGroups.code, groupPosition: agencyGroups.position },
  initiativeTitle: initiatives.title,
  initiativeAuthors: initiatives.authors,
  decidedByName: users.fullName,
};

function base(db: DbOrTx) {
  return db
    .select(selection)
    .from(commendations)
    .innerJoin(periods, eq(periods.id, commendations.periodId))
    .innerJoin(agencies, eq(agencies.id, commendations.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .leftJoin(initiatives, eq(initiatives.id, commendations.initiativeId))
    .leftJoin(users, eq(users.id, commendations.decidedBy));
}
export type CommendationListRow = NonNullable<Awaited<ReturnType<typeof findCommendation>>>;

export async function findCommendation(db: DbOrTx, id: number) {
  return (await base(db).where(eq(commendations.id, id)).limit(1))[0] ?? null;
}

/** The proposals of a period: agencies first (by group, then the basis's rank order of creation), then initiatives. */
export async function listCommendations(db: DbOrTx, f: { provinceId: number; periodId: number; agencyIds: number[] | null; status?: string | undefined; kind?: string | undefined }) {
  const parts: SQL[] = [eq(commendations.provinceId, f.provinceId), eq(commendations.periodId, f.periodId)];
  if (f.agencyIds) parts.push(f.agencyIds.length ? inArray(commendations.agencyId, f.agencyIds) : sql`false`);
  if (f.status) parts.push(eq(commendations.status, f.status));
  if (f.kind) parts.push(eq(commendations.kind, f.kind));
  return base(db)
    .where(and(...parts))
    .orderBy(asc(commendations.kind), asc(agencyGroups.position), asc(commendations.id));
}

/** Inserts proposals, skipping any that exist (one per agency and one per initiative in a period); returns the new ones. */
export async function insertCommendations(db: DbOrTx, rows: CommendationInsert[]) {
  if (!rows.length) return [];
  return db.insert(commendations).values(rows).onConflictDoNothing().returning({ id: commendations.id });
}

/** Approved initiatives of a year in a province, with their agency's group. */
export async function approvedInitiatives(db: DbOrTx, provinceId: number, year: number) {
  return db
    .select({
      id: initiatives.id,
      agencyId: initiatives.agencyId,
      title: initiatives.title,
      authors: initiatives.authors,
      nodeCodes: initiatives.nodeCodes,
      reviewedAt: initiatives.reviewedAt,
      agencyNameVi: agencies.nameVi,
      agencyNameEn: agencies.nameEn,
      groupCode: agencyGroups.code,
    })
    .from(initiatives)
    .innerJoin(agencies, eq(agencies.id, initiatives.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .where(and(eq(initiatives.provinceId, provinceId), eq(initiatives.year, year), eq(initiatives.status, 'approved')))
    .orderBy(asc(initiatives.id));
}

export async function updateCommendationVersioned(db: DbOrTx, id: number, version: number, expectedStatuses: string[], values: Partial<typeof commendations.$inferInsert>) {
  const rows = await db
    .update(commendations)
    .set({ ...values, version: sql`${commendations.version} + 1` })
    .where(and(eq(commendations.id, id), eq(commendations.version, version), inArray(commendations.status, expectedStatuses)))
    .returning();
  return rows[0] ?? null;
}
