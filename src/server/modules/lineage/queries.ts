import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, agencyLineageEvents, agencyLineageParts } from '../../db/schema/index';

/** Every lineage event of a province with its parts (agency ids and names), oldest first. */
export async function listEvents(db: DbOrTx, provinceId: number) {
  const events = await db.select().from(agencyLineageEvents).where(eq(agencyLineageEvents.provinceId, provinceId)).orderBy(asc(agencyLineageEvents.year), asc(agencyLineageEvents.id));
  if (!events.length) return [];
  const parts = await db
    .select({ eventId: agencyLineageParts.eventId, side: agencyLineageParts.side, id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
    .from(agencyLineageParts)
    .innerJoin(agencies, eq(agencies.id, agencyLineageParts.agencyId))
    .where(
      inArray(
        agencyLineageParts.eventId,
        events.map((e) => e.id),
      ),
    )
    .orderBy(asc(agencies.code));
  return events.map((e) => ({
    ...e,
    from: parts.filter((p) => p.eventId === e.id && p.side === 'from').map(({ id, code, nameVi, nameEn }) => ({ id, code, nameVi, nameEn })),
    to: parts.filter((p) => p.eventId === e.id && p.side === 'to').map(({ id, code, nameVi, nameEn }) => ({ id, code, nameVi, nameEn })),
  }));
}

export async function agenciesByIds(db: DbOrTx, provinceId: number, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.provinceId, provinceId), inArray(agencies.id, ids)));
}

export async function insertEvent(db: DbOrTx, values: typeof agencyLineageEvents.$inferInsert, from: number[], to: number[]) {
  const [row] = await db.insert(agencyLineageEvents).values(values).returning({ id: agencyLineageEvents.id });
  await db.insert(agencyLineageParts).values([...from.map((agencyId) => ({ eventId: row!.id, agencyId, side: 'from' as const })), ...to.map((agencyId) => ({ eventId: row!.id, agencyId, side: 'to' as const }))]);
  return row!.id;
}

export async function updateEvent(db: DbOrTx, id: number, expectedVersion: number, set: Partial<typeof agencyLineageEvents.$inferInsert>) {
  const rows = await db
    .update(agencyLineageEvents)
    .set({ ...set, version: sql`${agencyLineageEvents.version} + 1`, updatedAt: new Date() })
    .where(and(eq(agencyLineageEvents.id, id), eq(agencyLineageEvents.version, expectedVersion)))
    .returning({ id: agencyLineageEvents.id });
  return rows.length > 0;
}

export async function deleteEvent(db: DbOrTx, id: number, expectedVersion: number) {
  const rows = await db.delete(agencyLineageEvents).where(and(eq(agencyLineageEvents.id, id), eq(agencyLineageEvents.version, expectedVersion))).returning({ id: agencyLineageEvents.id });
  return rows.length > 0;
}
