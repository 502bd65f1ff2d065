import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { agencies, commendations, divisions, initiatives, periods, users } from '../../db/schema/index';

export type InitiativeRow = typeof initiatives.$inferSelect;

export async function findAgency(db: DbOrTx, id: number) {
  const rows = await db
    .select({ id: agencies.id, provinceId: agencies.provinceId, groupId: agencies.groupId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
    .from(agencies)
    .where(eq(agencies.id, id))
    .limit(1);
  return rows[0] ?? null;
}

export async function findDivision(db: DbOrTx, id: number) {
  return (await db.select().from(divisions).where(eq(divisions.id, id)).limit(1))[0] ?? null;
}

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number) {
  return (await db.select({ id: periods.id, year: periods.year }).from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1))[0] ?? null;
}

const creator = alias(users, 'creator');
const reviewer = alias(users, 'reviewer');

const selection = {
  i: initiatives,
  agency: { id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId, provinceId: agencies.provinceId },
  division: { id: divisions.id, code: divisions.code, nameVi: divisions.nameVi, nameEn: divisions.nameEn },
  createdByName: creator.fullName,
  reviewedByName: reviewer.fullName,
  commendationId: commendations.id,
  commendationStatus: commendations.status,
};

function base(db: DbOrTx) {
  return db
    .select(selection)
    .from(initiatives)
    .innerJoin(agencies, eq(agencies.id, initiatives.agencyId))
    .leftJoin(divisions, eq(divisions.id, initiatives.divisionId))
    .leftJoin(creator, eq(creator.id, initiatives.createdBy))
    .leftJoin(reviewer, eq(reviewer.id, initiatives.reviewedBy))
    .leftJoin(commendations, and(eq(commendations.initiativeId, initiatives.id), eq(commendations.kind, 'initiative')));
}
export type InitiativeListRow = NonNullable<Awaited<ReturnType<typeof findInitiative>>>;

export async function findInitiative(db: DbOrTx, id: number) {
  return (await base(db).where(eq(initiatives.id, id)).limit(1))[0] ?? null;
}

export interface InitiativeFilter {
  provinceId: number;
  /** Restrict to these agencies (null: the whole province). */
  agencyIds: number[] | null;
  year?: number | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

function where(f: InitiativeFilter, withStatus: boolean): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(initiatives.provinceId, f.provinceId)];
  if (f.agencyIds) parts.push(f.agencyIds.length ? inArray(initiatives.agencyId, f.agencyIds) : sql`false`);
  if (f.year) parts.push(eq(initiatives.year, f.year));
  if (withStatus && f.status) parts.push(eq(initiatives.status, f.status));
  if (f.q) {
    const pattern = `%${f.q.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(initiatives.title, pattern), ilike(initiatives.authors, pattern), ilike(initiatives.summary, pattern)));
  }
  return and(...parts);
}

/** A page of initiatives, newest year first then newest first, with the total and the count per status. */
export async function listInitiatives(db: DbOrTx, f: InitiativeFilter, page: number, pageSize: number) {
  const [items, total, counts] = await Promise.all([
    base(db)
      .where(where(f, true))
      .orderBy(desc(initiatives.year), desc(initiatives.createdAt), desc(initiatives.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(initiatives).where(where(f, true)),
    db.select({ status: initiatives.status, n: count() }).from(initiatives).where(where(f, false)).groupBy(initiatives.status).orderBy(asc(initiatives.status)),
  ]);
  return { items, total: Number(total[0]?.n ?? 0), counts: new Map(counts.map((c) => [c.status, Number(c.n)])) };
}

export async function insertInitiative(db: DbOrTx, values: typeof initiatives.$inferInsert) {
  return (await db.insert(initiatives).values(values).returning())[0]!;
}

export async function updateInitiativeVersioned(db: DbOrTx, id: number, version: number, expectedStatus: string, values: Partial<typeof initiatives.$inferInsert>) {
  const rows = await db
    .update(initiatives)
    .set({ ...values, version: sql`${initiatives.version} + 1` })
    .where(and(eq(initiatives.id, id), eq(initiatives.version, version), eq(initiatives.status, expectedStatus)))
    .returning();
  return rows[0] ?? null;
}
