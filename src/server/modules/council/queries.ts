import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agencies, auditLog, councilEvaluations, councilScores, divisionLeaves, divisions, tasks, users } from '../../db/schema/index';

export type EvaluationRow = typeof councilEvaluations.$inferSelect;
export type DivisionRow = typeof divisions.$inferSelect;

export async function findAgency(db: DbOrTx, id: number) {
  const rows = await db
    .select({ id: agencies.id, provinceId: agencies.provinceId, groupId: agencies.groupId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
    .from(agencies)
    .where(eq(agencies.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Every division of an agency (active or not), by code. */
export async function listDivisions(db: DbOrTx, agencyId: number): Promise<DivisionRow[]> {
  return db.select().from(divisions).where(eq(divisions.agencyId, agencyId)).orderBy(asc(divisions.code));
}

export async function listDivisionLeaves(db: DbOrTx, periodId: number, agencyId: number) {
  return db
    .select({ nodeCode: divisionLeaves.nodeCode, divisionId: divisionLeaves.divisionId })
    .from(divisionLeaves)
    .where(and(eq(divisionLeaves.periodId, periodId), eq(divisionLeaves.agencyId, agencyId)));
}

/** Sets the division of leaves (insert or replace). */
export async function upsertDivisionLeaves(db: DbOrTx, periodId: number, agencyId: number, rows: { nodeCode: string; divisionId: number }[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insert(divisionLeaves)
      .values(chunk.map((r) => ({ periodId, agencyId, nodeCode: r.nodeCode, divisionId: r.divisionId })))
      .onConflictDoUpdate({ target: [divisionLeaves.periodId, divisionLeaves.agencyId, divisionLeaves.nodeCode], set: { divisionId: sql`excluded.division_id` } });
  }
}

export async function deleteDivisionLeaves(db: DbOrTx, periodId: number, agencyId: number, nodeCodes: string[]) {
  if (!nodeCodes.length) return;
  await db.delete(divisionLeaves).where(and(eq(divisionLeaves.periodId, periodId), eq(divisionLeaves.agencyId, agencyId), inArray(divisionLeaves.nodeCode, nodeCodes)));
}

export async function findEvaluation(db: DbOrTx, agencyId: number, periodId: number) {
  const rows = await db
    .select({ e: councilEvaluations, recordedByName: users.fullName })
    .from(councilEvaluations)
    .leftJoin(users, eq(users.id, councilEvaluations.recordedBy))
    .where(and(eq(councilEvaluations.agencyId, agencyId), eq(councilEvaluations.periodId, periodId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Inserts the draft evaluation of an agency and period; null when one exists already (a concurrent first save). */
export async function insertEvaluation(db: DbOrTx, values: typeof councilEvaluations.$inferInsert) {
  const rows = await db.insert(councilEvaluations).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

/** Updates a draft evaluation at an expected version; null when the version moved on or it is no longer a draft. */
export async function updateDraftVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof councilEvaluations.$inferInsert>) {
  const rows = await db
    .update(councilEvaluations)
    .set({ ...values, version: sql`${councilEvaluations.version} + 1` })
    .where(and(eq(councilEvaluations.id, id), eq(councilEvaluations.version, version), eq(councilEvaluations.status, 'draft')))
    .returning();
  return rows[0] ?? null;
}

export async function listScores(db: DbOrTx, evaluationId: number) {
  return db.select().from(councilScores).where(eq(councilScores.evaluationId, evaluationId));
}

export async function upsertScores(db: DbOrTx, evaluationId: number, rows: { divisionId: number; score: string | null; comment: string }[]) {
  if (!rows.length) return;
  await db
    .insert(councilScores)
    .values(rows.map((r) => ({ evaluationId, divisionId: r.divisionId, score: r.score, comment: r.comment, rank: null })))
    .onConflictDoUpdate({
      target: [councilScores.evaluationId, councilScores.divisionId],
      set: { score: sql`excluded.score`, comment: sql`excluded.comment`, rank: sql`null` },
    });
}

export async function setRank(db: DbOrTx, evaluationId: number, divisionId: number, rank: number) {
  await db.update(councilScores).set({ rank }).where(and(eq(councilScores.evaluationId, evaluationId), eq(councilScores.divisionId, divisionId)));
}

/**
 * The agency's tasks led by a division that belong to the council of `year`: due in that year, or without a due
 * date and created in it (Việt Nam time). Read straight from the remediation module's table.
 */
export async function councilTasks(db: DbOrTx, agencyId: number, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      nodeCode: tasks.nodeCode,
      status: tasks.status,
      dueOn: tasks.dueOn,
      completedAt: tasks.completedAt,
      leadDivisionId: tasks.leadDivisionId,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.agencyId, agencyId),
        isNotNull(tasks.leadDivisionId),
        sql`((${tasks.dueOn} between ${from} and ${to}) or (${tasks.dueOn} is null and (${tasks.createdAt} at time zone 'Asia/Ho_Chi_Minh')::date between ${from} and ${to}))`,
      ),
    )
    .orderBy(asc(tasks.dueOn), asc(tasks.id));
}

/** The facts frozen when the evaluation was recorded (kept in its `council.record` audit entry). */
export async function recordedFacts(db: DbOrTx, evaluationId: number): Promise<unknown> {
  const rows = await db
    .select({ newValue: auditLog.newValue })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'council_evaluation'), eq(auditLog.entityId, String(evaluationId)), eq(auditLog.action, 'council.record')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return (rows[0]?.newValue as { facts?: unknown } | null)?.facts ?? null;
}
