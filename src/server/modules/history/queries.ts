import { and, asc, eq } from 'drizzle-orm';
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
