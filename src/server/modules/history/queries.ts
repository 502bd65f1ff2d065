import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, historicalResults } from '../../db/schema/index';

export async function agenciesOfProvince(db: DbOrTx, provinceId: number) {
  return db.select({ id: agencies.id, code: agencies.code, groupId: agencies.groupId }).from(agencies).where(eq(agencies.provinceId, provinceId));
}

export async function upsertHistory(db: DbOrTx, values: typeof historicalResults.$inferInsert) {
  await db
    .insert(historicalResults)
    .values(values)
    .onConflictDoUpdate({
      target: [historicalResults.provinceId, historicalResults.year, historicalResults.agencyId],
      set: { totalIndex: values.totalIndex, rank: values.rank ?? null, components: values.components ?? [], groupId: values.groupId, source: values.source ?? null },
    });
}

export async function historyOf(db: DbOrTx, provinceId: number, agencyId: number) {
  return db
    .select()
    .from(historicalResults)
    .where(and(eq(historicalResults.provinceId, provinceId), eq(historicalResults.agencyId, agencyId)))
    .orderBy(asc(historicalResults.year));
}

/** History rows of a province filtered by year, group or agency, with the agency's names and the group size that year. */
export async function historyRows(db: DbOrTx, provinceId: number, f: { year?: number; groupId?: number; agencyId?: number }) {
  const conds = [eq(historicalResults.provinceId, provinceId)];
  if (f.year !== undefined) conds.push(eq(historicalResults.year, f.year));
  if (f.groupId !== undefined) conds.push(eq(historicalResults.groupId, f.groupId));
  if (f.agencyId !== undefined) conds.push(eq(historicalResults.agencyId, f.agencyId));
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
      components: historicalResults.components,
      groupSize: sql<number>`(select count(*)::int from historical_results h where h.province_id = ${historicalResults.provinceId} and h.year = ${historicalResults.year} and h.group_id = ${historicalResults.groupId})`,
    })
    .from(historicalResults)
    .innerJoin(agencies, eq(agencies.id, historicalResults.agencyId))
    .where(and(...conds))
    .orderBy(asc(historicalResults.year), asc(agencies.code));
}
