import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, frameworks, historicalResults } from '../../db/schema/index';

export async function agenciesOfProvince(db: DbOrTx, provinceId: number) {
  return db.select({ id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId }).from(agencies).where(eq(agencies.provinceId, provinceId));
}

/** The bands of the province's frameworks by year and group (for the class of an imported year). */
export async function bandsOfProvince(db: DbOrTx, provinceId: number) {
  return db
    .select({ year: frameworks.year, groupId: frameworks.groupId, bands: frameworks.bands, status: frameworks.status })
    .from(frameworks)
    .where(eq(frameworks.provinceId, provinceId))
    .orderBy(asc(frameworks.year), desc(frameworks.revision));
}

/** The number of top-level fields of the province's widest framework (for the template's LV1…LVn). */
export async function maxFieldCount(db: DbOrTx, provinceId: number): Promise<number> {
  const res = await db.execute(
    sql`select coalesce(max(c), 0)::int as n from (select count(*)::int as c from framework_nodes n join frameworks f on f.id = n.framework_id where f.province_id = ${provinceId} and n.parent_code is null and n.kind = 'regular' group by f.id) x`,
  );
  return Number((res as unknown as { rows: { n: number | string }[] }).rows[0]?.n ?? 0);
}

export async function upsertHistory(db: DbOrTx, values: typeof historicalResults.$inferInsert) {
  await db
    .insert(historicalResults)
    .values(values)
    .onConflictDoUpdate({
      target: [historicalResults.provinceId, historicalResults.year, historicalResults.agencyId],
      set: {
        totalIndex: values.totalIndex ?? null,
        rank: values.rank ?? null,
        rankedCount: values.rankedCount ?? null,
        classification: values.classification ?? null,
        components: values.components ?? [],
        groupId: values.groupId,
        source: values.source ?? null,
        version: sql`${historicalResults.version} + 1`,
      },
    });
}

/** Stored rows of the given years and agencies (what an import would replace). */
export async function existingRows(db: DbOrTx, provinceId: number, years: number[]) {
  if (!years.length) return [];
  return db
    .select({ year: historicalResults.year, agencyId: historicalResults.agencyId, totalIndex: historicalResults.totalIndex, rank: historicalResults.rank, rankedCount: historicalResults.rankedCount })
    .from(historicalResults)
    .where(and(eq(historicalResults.provinceId, provinceId), inArray(historicalResults.year, years)));
}

const itemColumns = {
  id: historicalResults.id,
  year: historicalResults.year,
  agencyId: historicalResults.agencyId,
  code: agencies.code,
  nameVi: agencies.nameVi,
  nameEn: agencies.nameEn,
  groupId: historicalResults.groupId,
  totalIndex: historicalResults.totalIndex,
  rank: historicalResults.rank,
  rankedCount: historicalResults.rankedCount,
  classification: historicalResults.classification,
  components: historicalResults.components,
  source: historicalResults.source,
  version: historicalResults.version,
};

/** A page of stored history rows, newest year first, then group and rank. */
export async function listHistory(db: DbOrTx, provinceId: number, f: { year?: number | undefined; agencyId?: number | undefined }, page: number, pageSize: number) {
  const conds = [eq(historicalResults.provinceId, provinceId)];
  if (f.year !== undefined) conds.push(eq(historicalResults.year, f.year));
  if (f.agencyId !== undefined) conds.push(eq(historicalResults.agencyId, f.agencyId));
  const where = and(...conds);
  const [items, [total], years] = await Promise.all([
    db
      .select(itemColumns)
      .from(historicalResults)
      .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
      .where(where)
      .orderBy(desc(historicalResults.year), asc(historicalResults.groupId), sql`${historicalResults.rank} asc nulls last`, asc(agencies.code))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(historicalResults).where(where),
    db.selectDistinct({ year: historicalResults.year }).from(historicalResults).where(eq(historicalResults.provinceId, provinceId)).orderBy(desc(historicalResults.year)),
  ]);
  return { items, total: Number(total?.n ?? 0), years: years.map((y) => y.year) };
}

export async function findHistoryRow(db: DbOrTx, provinceId: number, id: number) {
  const [row] = await db
    .select(itemColumns)
    .from(historicalResults)
    .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
    .where(and(eq(historicalResults.provinceId, provinceId), eq(historicalResults.id, id)));
  return row ?? null;
}

/** Updates one row when its version matches; returns the new version or null (someone changed it). */
export async function updateHistoryRow(db: DbOrTx, id: number, expectedVersion: number, set: Partial<typeof historicalResults.$inferInsert>) {
  const [row] = await db
    .update(historicalResults)
    .set({ ...set, version: sql`${historicalResults.version} + 1` })
    .where(and(eq(historicalResults.id, id), eq(historicalResults.version, expectedVersion)))
    .returning({ version: historicalResults.version });
  return row?.version ?? null;
}

export async function deleteHistoryRow(db: DbOrTx, id: number, expectedVersion: number): Promise<boolean> {
  const rows = await db.delete(historicalResults).where(and(eq(historicalResults.id, id), eq(historicalResults.version, expectedVersion))).returning({ id: historicalResults.id });
  return rows.length > 0;
}

/** History rows of a province filtered by year, group or agency, with the agency's names and the published "of N". */
export async function historyRows(db: DbOrTx, provinceId: number, f: { year?: number; groupId?: number; agencyId?: number; agencyIds?: number[] }) {
  const conds = [eq(historicalResults.provinceId, provinceId)];
  if (f.year !== undefined) conds.push(eq(historicalResults.year, f.year));
  if (f.groupId !== undefined) conds.push(eq(historicalResults.groupId, f.groupId));
  if (f.agencyId !== undefined) conds.push(eq(historicalResults.agencyId, f.agencyId));
  if (f.agencyIds !== undefined) conds.push(inArray(historicalResults.agencyId, f.agencyIds.length ? f.agencyIds : [-1]));
  return db
    .select({
      year: historicalResults.year,
      groupId: historicalResults.groupId,
      agencyId: historicalResults.agencyId,
      code: agencies.code,
      nameVi: agencies.nameVi,
      nameEn: agencies.nameEn,
      totalIndex: historicalResults.totalIndex,
      rank: historicalResults.rank,
      rankedCount: historicalResults.rankedCount,
      classification: historicalResults.classification,
      components: historicalResults.components,
    })
    .from(historicalResults)
    .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
    .where(and(...conds))
    .orderBy(asc(historicalResults.year), asc(agencies.code));
}
