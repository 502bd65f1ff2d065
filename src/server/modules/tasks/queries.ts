import { and, asc, count, desc, eq, ilike, inArray, lt, lte, gte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  agencies,
  assessments,
  divisions,
  evidence,
  files,
  leafEvidence,
  periodFrameworks,
  periods,
  resultSnapshots,
  taskEvents,
  taskOutputs,
  taskRemindersSent,
  tasks,
  userRoles,
  users,
} from '../../db/schema/index';

export type TaskRow = typeof tasks.$inferSelect;
export type DivisionRow = typeof divisions.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;

export interface AgencyRow {
  id: number;
  provinceId: number;
  groupId: number;
  code: string;
  nameVi: string;
  nameEn: string;
}

export async function findAgency(db: DbOrTx, id: number): Promise<AgencyRow | null> {
  const rows = await db
    .select({ id: agencies.id, provinceId: agencies.provinceId, groupId: agencies.groupId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn })
    .from(agencies)
    .where(eq(agencies.id, id))
    .limit(1);
  return rows[0] ?? null;
}

export function listDivisions(db: DbOrTx, agencyId: number): Promise<DivisionRow[]> {
  return db.select().from(divisions).where(eq(divisions.agencyId, agencyId)).orderBy(asc(divisions.code));
}

export async function findPeriod(db: DbOrTx, id: number): Promise<PeriodRow | null> {
  return (await db.select().from(periods).where(eq(periods.id, id)).limit(1))[0] ?? null;
}

export async function findPeriodByYear(db: DbOrTx, provinceId: number, year: number): Promise<PeriodRow | null> {
  return (await db.select().from(periods).where(and(eq(periods.provinceId, provinceId), eq(periods.year, year))).limit(1))[0] ?? null;
}

export async function periodsByIds(db: DbOrTx, ids: number[]): Promise<PeriodRow[]> {
  if (!ids.length) return [];
  return db.select().from(periods).where(inArray(periods.id, ids));
}

/** Years of the province with published (frozen) results, newest first. */
export async function publishedYears(db: DbOrTx, provinceId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: periods.year })
    .from(periods)
    .innerJoin(resultSnapshots, eq(resultSnapshots.periodId, periods.id))
    .where(eq(periods.provinceId, provinceId))
    .orderBy(desc(periods.year));
  return rows.map((r) => r.year);
}

/** The framework an agency is assessed on in a period: its assessment's, else its group's framework of the period. */
export async function frameworkIdFor(db: DbOrTx, periodId: number, agencyId: number): Promise<number | null> {
  const own = await db
    .select({ id: assessments.frameworkId })
    .from(assessments)
    .where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, agencyId)))
    .limit(1);
  if (own[0]) return own[0].id;
  const byGroup = await db
    .select({ id: periodFrameworks.frameworkId })
    .from(periodFrameworks)
    .innerJoin(agencies, eq(agencies.groupId, periodFrameworks.groupId))
    .where(and(eq(periodFrameworks.periodId, periodId), eq(agencies.id, agencyId)))
    .limit(1);
  return byGroup[0]?.id ?? null;
}

export async function assessmentIdFor(db: DbOrTx, periodId: number, agencyId: number): Promise<number | null> {
  const rows = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, agencyId)))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Evidence ids attached to a leaf of an assessment. */
export async function leafEvidenceIds(db: DbOrTx, assessmentId: number, nodeCode: string): Promise<number[]> {
  const rows = await db
    .select({ id: leafEvidence.evidenceId })
    .from(leafEvidence)
    .where(and(eq(leafEvidence.assessmentId, assessmentId), eq(leafEvidence.nodeCode, nodeCode)));
  return rows.map((r) => r.id);
}

/** Serialises task creation per agency inside a transaction (no duplicate task per leaf and year). */
export async function lockAgencyTasks(tx: DbOrTx, agencyId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${7_100_000}, ${agencyId})`);
}

export async function insertTask(db: DbOrTx, values: typeof tasks.$inferInsert): Promise<TaskRow> {
  return (await db.insert(tasks).values(values).returning())[0]!;
}

export async function findTask(db: DbOrTx, id: number): Promise<TaskRow | null> {
  return (await db.select().from(tasks).where(eq(tasks.id, id)).limit(1))[0] ?? null;
}

export async function updateTaskVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof tasks.$inferInsert>): Promise<TaskRow | null> {
  const rows = await db
    .update(tasks)
    .set({ ...values, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, id), eq(tasks.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Non-cancelled tasks of an agency on leaves of a source period (one task per lost leaf and year). */
export async function leafTasks(db: DbOrTx, agencyId: number, sourcePeriodId: number): Promise<{ id: number; nodeCode: string }[]> {
  const rows = await db
    .select({ id: tasks.id, nodeCode: tasks.nodeCode })
    .from(tasks)
    .where(and(eq(tasks.agencyId, agencyId), eq(tasks.sourcePeriodId, sourcePeriodId), eq(tasks.kind, 'remediation'), ne(tasks.status, 'cancelled')))
    .orderBy(asc(tasks.id));
  return rows.filter((r): r is { id: number; nodeCode: string } => r.nodeCode !== null);
}

/** Plan lines already entered for an agency (kind, plan year period, plan number), to refuse re-imports. */
export async function planRefs(db: DbOrTx, agencyId: number): Promise<{ id: number; kind: string; sourcePeriodId: number | null; planRef: string }[]> {
  return db
    .select({ id: tasks.id, kind: tasks.kind, sourcePeriodId: tasks.sourcePeriodId, planRef: tasks.planRef })
    .from(tasks)
    .where(and(eq(tasks.agencyId, agencyId), inArray(tasks.kind, ['par_plan', 'procedure_control']), ne(tasks.planRef, ''), ne(tasks.status, 'cancelled')));
}

export interface ListFilters {
  status?: string | undefined;
  kind?: string | undefined;
  divisionId?: number | undefined;
  due?: 'overdue' | 'soon' | undefined;
  includeCancelled?: boolean | undefined;
  q?: string | undefined;
}

const OPEN = ['open', 'in_progress'];

function whereOf(agencyId: number, f: ListFilters, today: string, soonUntil: string): SQL {
  const parts: SQL[] = [eq(tasks.agencyId, agencyId)];
  if (f.status) parts.push(eq(tasks.status, f.status));
  else if (!f.includeCancelled) parts.push(ne(tasks.status, 'cancelled'));
  if (f.kind) parts.push(eq(tasks.kind, f.kind));
  if (f.divisionId) parts.push(or(eq(tasks.leadDivisionId, f.divisionId), sql`${f.divisionId} = any(${tasks.supportDivisionIds})`)!);
  if (f.due === 'overdue') parts.push(inArray(tasks.status, OPEN), lt(tasks.dueOn, today));
  if (f.due === 'soon') parts.push(inArray(tasks.status, OPEN), gte(tasks.dueOn, today), lte(tasks.dueOn, soonUntil));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(or(ilike(tasks.title, like), ilike(tasks.planRef, like), ilike(tasks.nodeCode, like), ilike(tasks.description, like))!);
  }
  return and(...parts)!;
}

const SORTS = {
  dueOn: tasks.dueOn,
  pointsLost: tasks.pointsLost,
  createdAt: tasks.createdAt,
  progress: tasks.progress,
  title: tasks.title,
} as const;

/** A page of an agency's tasks with filters; `today`/`soonUntil` (YYYY-MM-DD) bound overdue and due soon. */
export async function listTasks(
  db: DbOrTx,
  agencyId: number,
  f: ListFilters,
  today: string,
  soonUntil: string,
  sort: keyof typeof SORTS,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
): Promise<{ items: TaskRow[]; total: number }> {
  const where = whereOf(agencyId, f, today, soonUntil);
  const col = SORTS[sort];
  const primary = order === 'desc' ? sql`${col} desc nulls last` : sql`${col} asc nulls last`;
  const [items, totals] = await Promise.all([
    db.select().from(tasks).where(where).orderBy(primary, asc(tasks.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(tasks).where(where),
  ]);
  return { items, total: Number(totals[0]?.n ?? 0) };
}

/** Counts of an agency's tasks by status, overdue and due soon. */
export async function countTasks(db: DbOrTx, agencyId: number, today: string, soonUntil: string) {
  const rows = await db
    .select({
      total: sql<number>`count(*) filter (where ${tasks.status} <> 'cancelled')::int`,
      open: sql<number>`count(*) filter (where ${tasks.status} = 'open')::int`,
      in_progress: sql<number>`count(*) filter (where ${tasks.status} = 'in_progress')::int`,
      done: sql<number>`count(*) filter (where ${tasks.status} = 'done')::int`,
      cancelled: sql<number>`count(*) filter (where ${tasks.status} = 'cancelled')::int`,
      overdue: sql<number>`count(*) filter (where ${tasks.status} in ('open','in_progress') and ${tasks.dueOn} < ${today})::int`,
      dueSoon: sql<number>`count(*) filter (where ${tasks.status} in ('open','in_progress') and ${tasks.dueOn} >= ${today} and ${tasks.dueOn} <= ${soonUntil})::int`,
    })
    .from(tasks)
    .where(eq(tasks.agencyId, agencyId));
  const r = rows[0]!;
  return {
    total: Number(r.total),
    open: Number(r.open),
    in_progress: Number(r.in_progress),
    done: Number(r.done),
    cancelled: Number(r.cancelled),
    overdue: Number(r.overdue),
    dueSoon: Number(r.dueSoon),
  };
}

export async function insertEvent(db: DbOrTx, values: typeof taskEvents.$inferInsert): Promise<void> {
  await db.insert(taskEvents).values(values);
}

export async function listEvents(db: DbOrTx, taskId: number) {
  return db
    .select({ event: taskEvents, userName: users.fullName })
    .from(taskEvents)
    .leftJoin(users, eq(users.id, taskEvents.userId))
    .where(eq(taskEvents.taskId, taskId))
    .orderBy(desc(taskEvents.at), desc(taskEvents.id));
}

export async function listOutputs(db: DbOrTx, taskId: number) {
  return db
    .select({ evidence, file: { mime: files.mime, sizeBytes: files.sizeBytes }, linkedAt: taskOutputs.createdAt })
    .from(taskOutputs)
    .innerJoin(evidence, eq(evidence.id, taskOutputs.evidenceId))
    .innerJoin(files, eq(files.id, evidence.fileId))
    .where(eq(taskOutputs.taskId, taskId))
    .orderBy(asc(taskOutputs.createdAt), asc(evidence.id));
}

/** Output counts per task. */
export async function outputCounts(db: DbOrTx, taskIds: number[]): Promise<Map<number, number>> {
  if (!taskIds.length) return new Map();
  const rows = await db
    .select({ taskId: taskOutputs.taskId, n: count() })
    .from(taskOutputs)
    .where(inArray(taskOutputs.taskId, taskIds))
    .groupBy(taskOutputs.taskId);
  return new Map(rows.map((r) => [r.taskId, Number(r.n)]));
}

export async function insertOutputs(db: DbOrTx, taskId: number, evidenceIds: number[], now: Date): Promise<number[]> {
  if (!evidenceIds.length) return [];
  const rows = await db
    .insert(taskOutputs)
    .values(evidenceIds.map((evidenceId) => ({ taskId, evidenceId, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: taskOutputs.evidenceId });
  return rows.map((r) => r.id);
}

export async function deleteOutput(db: DbOrTx, taskId: number, evidenceId: number): Promise<boolean> {
  const rows = await db
    .delete(taskOutputs)
    .where(and(eq(taskOutputs.taskId, taskId), eq(taskOutputs.evidenceId, evidenceId)))
    .returning({ id: taskOutputs.evidenceId });
  return rows.length > 0;
}

export async function outputIds(db: DbOrTx, taskId: number): Promise<number[]> {
  const rows = await db.select({ id: taskOutputs.evidenceId }).from(taskOutputs).where(eq(taskOutputs.taskId, taskId));
  return rows.map((r) => r.id);
}

/** The agency of each evidence document (to check a document is in the task's agency library). */
export async function evidenceAgencies(db: DbOrTx, ids: number[]): Promise<{ id: number; agencyId: number }[]> {
  if (!ids.length) return [];
  return db.select({ id: evidence.id, agencyId: evidence.agencyId }).from(evidence).where(inArray(evidence.id, ids));
}

// ---------- deadline warnings ----------

/**
 * Open tasks with a due date up to `until` (YYYY-MM-DD), with their agency (every province) and the warnings already
 * sent; tasks whose overdue warning went out are left out (nothing more is due for them).
 */
export async function tasksDueBy(db: DbOrTx, until: string) {
  return db
    .select({
      task: tasks,
      agency: { id: agencies.id, provinceId: agencies.provinceId, nameVi: agencies.nameVi, nameEn: agencies.nameEn },
      sent: sql<string[]>`coalesce((select array_agg(r.kind) from ${taskRemindersSent} r where r.task_id = ${tasks.id}), '{}'::text[])`,
    })
    .from(tasks)
    .innerJoin(agencies, eq(agencies.id, tasks.agencyId))
    .where(
      and(
        inArray(tasks.status, OPEN),
        lte(tasks.dueOn, until),
        sql`not exists (select 1 from ${taskRemindersSent} r where r.task_id = ${tasks.id} and r.kind = 'overdue')`,
      ),
    )
    .orderBy(asc(tasks.id));
}

/** Records that a warning was sent; false when it already was (another instance, an earlier run). */
export async function claimReminder(tx: DbOrTx, taskId: number, kind: string, now: Date): Promise<boolean> {
  const rows = await tx.insert(taskRemindersSent).values({ taskId, kind, sentAt: now }).onConflictDoNothing().returning({ taskId: taskRemindersSent.taskId });
  return rows.length > 0;
}

/** Forgets the warnings sent for a task (its due date moved: the warnings start again). */
export async function clearReminders(tx: DbOrTx, taskId: number): Promise<void> {
  await tx.delete(taskRemindersSent).where(eq(taskRemindersSent.taskId, taskId));
}

/** Active users heading a division. */
export async function divisionHeads(db: DbOrTx, divisionId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'division_head'), eq(userRoles.divisionId, divisionId), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

/** Marks a task changed (outputs) without a new version: outputs do not conflict with edits of the task itself. */
export async function updateTaskTouched(db: DbOrTx, id: number, now: Date): Promise<void> {
  await db.update(tasks).set({ updatedAt: now }).where(eq(tasks.id, id));
}

export async function evidenceTitles(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: evidence.id, title: evidence.title }).from(evidence).where(inArray(evidence.id, ids));
  return new Map(rows.map((r) => [r.id, r.title]));
}
