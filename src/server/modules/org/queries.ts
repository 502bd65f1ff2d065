import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { agencies, agencyGroups, divisions, provinces } from '../../db/schema/index';

export type ProvinceRow = typeof provinces.$inferSelect;
export type AgencyGroupRow = typeof agencyGroups.$inferSelect;
export type AgencyRow = typeof agencies.$inferSelect;
export type DivisionRow = typeof divisions.$inferSelect;

export async function findProvince(db: DbOrTx, id: number): Promise<ProvinceRow | null> {
  const rows = await db.select().from(provinces).where(eq(provinces.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateProvinceVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof provinces.$inferInsert>) {
  const rows = await db
    .update(provinces)
    .set({ ...values, version: sql`${provinces.version} + 1` })
    .where(and(eq(provinces.id, id), eq(provinces.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Agency groups of a province with the number of agencies in each. */
export async function listGroups(db: DbOrTx, provinceId: number) {
  return db
    .select({
      group: agencyGroups,
      // Qualified by hand: without a join drizzle renders the outer column unqualified, and it would bind to a.id.
      agencyCount: sql<number>`(select count(*)::int from agencies a where a.group_id = "agency_groups"."id")`,
    })
    .from(agencyGroups)
    .where(eq(agencyGroups.provinceId, provinceId))
    .orderBy(asc(agencyGroups.position), asc(agencyGroups.code));
}

export async function findGroup(db: DbOrTx, id: number): Promise<AgencyGroupRow | null> {
  const rows = await db.select().from(agencyGroups).where(eq(agencyGroups.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertGroup(db: DbOrTx, values: typeof agencyGroups.$inferInsert): Promise<AgencyGroupRow> {
  return (await db.insert(agencyGroups).values(values).returning())[0]!;
}

export async function updateGroupVersioned(
  db: DbOrTx,
  id: number,
  version: number,
  values: Partial<typeof agencyGroups.$inferInsert>,
): Promise<AgencyGroupRow | null> {
  const rows = await db
    .update(agencyGroups)
    .set({ ...values, version: sql`${agencyGroups.version} + 1` })
    .where(and(eq(agencyGroups.id, id), eq(agencyGroups.version, version)))
    .returning();
  return rows[0] ?? null;
}

export interface AgencyFilter {
  provinceId: number;
  q?: string | undefined;
  groupId?: number | undefined;
  active: 'true' | 'false' | 'all';
}

const parent = alias(agencies, 'parent');

function agencyWhere(f: AgencyFilter): SQL {
  const parts: SQL[] = [eq(agencies.provinceId, f.provinceId)];
  if (f.groupId) parts.push(eq(agencies.groupId, f.groupId));
  if (f.active !== 'all') parts.push(eq(agencies.isActive, f.active === 'true'));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`${agencies.searchText} like ${like}`);
  }
  return and(...parts)!;
}

const agencySelection = {
  agency: agencies,
  groupCode: agencyGroups.code,
  groupNameVi: agencyGroups.nameVi,
  groupNameEn: agencyGroups.nameEn,
  parentNameVi: parent.nameVi,
  divisionCount: sql<number>`(select count(*)::int from ${divisions} d where d.agency_id = ${agencies.id})`,
};

export type AgencyListRow = {
  agency: AgencyRow;
  groupCode: string;
  groupNameVi: string;
  groupNameEn: string;
  parentNameVi: string | null;
  divisionCount: number;
};

const SORTS = {
  code: agencies.code,
  nameVi: agencies.nameVi,
  nameEn: agencies.nameEn,
  group: agencyGroups.position,
  activeFromYear: agencies.activeFromYear,
} as const;

/** A page of agencies with group and parent names; search `q` must already be folded (no accents). */
export async function listAgencies(
  db: DbOrTx,
  f: AgencyFilter,
  page: { page: number; pageSize: number; sort: keyof typeof SORTS; order: 'asc' | 'desc' },
): Promise<{ items: AgencyListRow[]; total: number }> {
  const where = agencyWhere(f);
  const dir = page.order === 'desc' ? desc : asc;
  const [items, totals] = await Promise.all([
    db
      .select(agencySelection)
      .from(agencies)
      .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
      .leftJoin(parent, eq(parent.id, agencies.parentId))
      .where(where)
      .orderBy(dir(SORTS[page.sort]), asc(agencies.code))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(agencies).where(where),
  ]);
  return { items: items as AgencyListRow[], total: Number(totals[0]?.n ?? 0) };
}

export async function findAgencyView(db: DbOrTx, id: number): Promise<AgencyListRow | null> {
  const rows = await db
    .select(agencySelection)
    .from(agencies)
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .where(eq(agencies.id, id))
    .limit(1);
  return (rows[0] as AgencyListRow | undefined) ?? null;
}

export async function findAgency(db: DbOrTx, id: number): Promise<AgencyRow | null> {
  const rows = await db.select().from(agencies).where(eq(agencies.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findAgenciesByCodes(db: DbOrTx, provinceId: number, codes: string[]): Promise<AgencyRow[]> {
  if (!codes.length) return [];
  return db.select().from(agencies).where(and(eq(agencies.provinceId, provinceId), inArray(agencies.code, codes)));
}

export async function insertAgency(db: DbOrTx, values: typeof agencies.$inferInsert): Promise<AgencyRow> {
  return (await db.insert(agencies).values(values).returning())[0]!;
}

export async function updateAgencyVersioned(
  db: DbOrTx,
  id: number,
  version: number,
  values: Partial<typeof agencies.$inferInsert>,
): Promise<AgencyRow | null> {
  const rows = await db
    .update(agencies)
    .set({ ...values, version: sql`${agencies.version} + 1` })
    .where(and(eq(agencies.id, id), eq(agencies.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** True when setting `parentId` as the parent of `id` would create a cycle. */
export async function wouldCreateCycle(db: DbOrTx, id: number, parentId: number): Promise<boolean> {
  const res = await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from agencies where id = ${parentId}
      union all
      select a.id, a.parent_id, up.depth + 1 from agencies a join up on a.id = up.parent_id where up.depth < 50
    )
    select exists(select 1 from up where id = ${id}) as cyc`);
  return Boolean((res as unknown as { rows: { cyc: boolean }[] }).rows[0]?.cyc);
}

export async function listGroupsByCode(db: DbOrTx, provinceId: number): Promise<AgencyGroupRow[]> {
  return db.select().from(agencyGroups).where(eq(agencyGroups.provinceId, provinceId));
}

export async function listDivisions(db: DbOrTx, agencyId: number): Promise<DivisionRow[]> {
  return db.select().from(divisions).where(eq(divisions.agencyId, agencyId)).orderBy(asc(divisions.code));
}

export async function findDivision(db: DbOrTx, id: number) {
  const rows = await db
    .select({ division: divisions, provinceId: agencies.provinceId })
    .from(divisions)
    .innerJoin(agencies, eq(agencies.id, divisions.agencyId))
    .where(eq(divisions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertDivision(db: DbOrTx, values: typeof divisions.$inferInsert): Promise<DivisionRow> {
  return (await db.insert(divisions).values(values).returning())[0]!;
}

export async function updateDivisionVersioned(
  db: DbOrTx,
  id: number,
  version: number,
  values: Partial<typeof divisions.$inferInsert>,
): Promise<DivisionRow | null> {
  const rows = await db
    .update(divisions)
    .set({ ...values, version: sql`${divisions.version} + 1` })
    .where(and(eq(divisions.id, id), eq(divisions.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function listDivisionsOfAgencies(db: DbOrTx, agencyIds: number[]): Promise<DivisionRow[]> {
  if (!agencyIds.length) return [];
  return db.select().from(divisions).where(inArray(divisions.agencyId, agencyIds));
}
