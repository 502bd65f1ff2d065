import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { announceSessionChange } from '../../lib/session-events';
import { agencies, divisions, userRoles, users } from '../../db/schema/index';
import type { Role } from '../../../core/domain/roles';
import { foldText, VIETNAMESE_FOLD } from '../../../core/domain/text';

export type UserRow = typeof users.$inferSelect;

export interface GrantRow {
  userId: number;
  role: Role;
  agencyId: number | null;
  agencyNameVi: string | null;
  agencyNameEn: string | null;
  divisionId: number | null;
  divisionNameVi: string | null;
  divisionNameEn: string | null;
  fieldCodes: string[];
  agencyIds: number[];
}

/** Role grants of the given users, with agency and division names. */
export async function listGrants(db: DbOrTx, userIds: number[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      agencyId: userRoles.agencyId,
      agencyNameVi: agencies.nameVi,
      agencyNameEn: agencies.nameEn,
      divisionId: userRoles.divisionId,
      divisionNameVi: divisions.nameVi,
      divisionNameEn: divisions.nameEn,
      fieldCodes: userRoles.fieldCodes,
      agencyIds: userRoles.agencyIds,
    })
    .from(userRoles)
    .leftJoin(agencies, eq(agencies.id, userRoles.agencyId))
    .leftJoin(divisions, eq(divisions.id, userRoles.divisionId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.id));
  return rows as GrantRow[];
}

export interface UserFilter {
  provinceId: number;
  q?: string | undefined;
  role?: Role | undefined;
  agencyId?: number | undefined;
  active?: 'true' | 'false' | 'all';
}

function userWhere(f: UserFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(users.provinceId, f.provinceId)];
  if (f.q) {
    // Accent-insensitive: both sides folded (lower case, no diacritics), as the agency search does.
    const like = `%${foldText(f.q).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const folded = sql`translate(lower(${users.username} || ' ' || ${users.fullName} || ' ' || coalesce(${users.email}, '')), ${VIETNAMESE_FOLD.from}, ${VIETNAMESE_FOLD.to})`;
    parts.push(sql`${folded} like ${like}`);
  }
  if (f.active === 'true') parts.push(eq(users.isActive, true));
  if (f.active === 'false') parts.push(eq(users.isActive, false));
  if (f.role || f.agencyId) {
    const conds: SQL[] = [sql`r.user_id = ${users.id}`];
    if (f.role) conds.push(sql`r.role = ${f.role}`);
    if (f.agencyId) conds.push(sql`r.agency_id = ${f.agencyId}`);
    parts.push(sql`exists (select 1 from user_roles r where ${sql.join(conds, sql` and `)})`);
  }
  return and(...parts)!;
}

export async function listUsers(db: DbOrTx, f: UserFilter, page: number, pageSize: number) {
  const where = userWhere(f);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: Number(totals[0]?.n ?? 0) };
}

export async function findUser(db: DbOrTx, id: number): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0] ?? null;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await db.insert(users).values(values).returning();
  return rows[0]!;
}

/** Updates a user if its version still matches; returns null on a stale version. */
export async function updateUserVersioned(
  db: DbOrTx,
  id: number,
  expectedVersion: number,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | null> {
  await announceSessionChange(db, id);
  const rows = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning();
  return rows[0] ?? null;
}

export interface GrantInsert {
  role: Role;
  agencyId: number | null;
  divisionId: number | null;
  fieldCodes: string[];
  agencyIds: number[];
}

/** Replaces a user's role grants and announces it (cached sessions carry the grants). */
export async function replaceGrants(db: DbOrTx, userId: number, grants: GrantInsert[]): Promise<void> {
  await announceSessionChange(db, userId);
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (grants.length) await db.insert(userRoles).values(grants.map((g) => ({ ...g, userId })));
}

/** Divisions by id with their agency, for validating grants. */
export async function findDivisionsWithAgency(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: divisions.id, agencyId: divisions.agencyId, provinceId: agencies.provinceId })
    .from(divisions)
    .innerJoin(agencies, eq(agencies.id, divisions.agencyId))
    .where(inArray(divisions.id, ids));
}

export async function findAgencyProvinces(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: agencies.id, provinceId: agencies.provinceId }).from(agencies).where(inArray(agencies.id, ids));
}

export async function findAgenciesByCode(db: DbOrTx, provinceId: number, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ id: agencies.id, code: agencies.code })
    .from(agencies)
    .where(and(eq(agencies.provinceId, provinceId), inArray(agencies.code, codes)));
}

export async function findDivisionsByCode(db: DbOrTx, agencyIds: number[]) {
  if (!agencyIds.length) return [];
  return db
    .select({ id: divisions.id, code: divisions.code, agencyId: divisions.agencyId })
    .from(divisions)
    .where(inArray(divisions.agencyId, agencyIds));
}
