import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, executePrepared } from '../../db/client';
import { agencies, periods, questionnaires, surveyBatches, surveyCodes, surveyQuotas, surveyResponses } from '../../db/schema/index';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export async function listQuestionnaires(db: DbOrTx, provinceId: number, periodId?: number) {
  const where = periodId ? and(eq(questionnaires.provinceId, provinceId), eq(questionnaires.periodId, periodId)) : eq(questionnaires.provinceId, provinceId);
  return db
    .select({ q: questionnaires, year: periods.year, responses: sql<number>`(select count(*)::int from survey_responses r where r.questionnaire_id = "questionnaires"."id")` })
    .from(questionnaires)
    .innerJoin(periods, eq(periods.id, questionnaires.periodId))
    .where(where)
    .orderBy(desc(periods.year), asc(questionnaires.code));
}

export async function findQuestionnaire(db: DbOrTx, id: number) {
  const rows = await db
    .select({ q: questionnaires, year: periods.year, responses: sql<number>`(select count(*)::int from survey_responses r where r.questionnaire_id = "questionnaires"."id")` })
    .from(questionnaires)
    .innerJoin(periods, eq(periods.id, questionnaires.periodId))
    .where(eq(questionnaires.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** The questionnaire of a public token, whatever the case it was typed in (tokens are printed for people to type). */
export async function findByToken(db: DbOrTx, token: string) {
  return (await db.select().from(questionnaires).where(sql`lower(${questionnaires.publicToken}) = ${token.toLowerCase()}`).limit(1))[0] ?? null;
}

export async function insertQuestionnaire(db: DbOrTx, values: typeof questionnaires.$inferInsert) {
  return (await db.insert(questionnaires).values(values).returning())[0]!;
}

export async function updateQuestionnaireVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof questionnaires.$inferInsert>) {
  const rows = await db
    .update(questionnaires)
    .set({ ...values, version: sql`${questionnaires.version} + 1` })
    .where(and(eq(questionnaires.id, id), eq(questionnaires.version, version)))
    .returning();
  return rows[0] ?? null;
}

export async function agenciesByIds(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: agencies.id, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, provinceId: agencies.provinceId }).from(agencies).where(inArray(agencies.id, ids));
}

export async function replaceQuotas(db: DbOrTx, questionnaireId: number, rows: { agencyId: number; respondentGroup: string; target: number }[]) {
  await db.delete(surveyQuotas).where(eq(surveyQuotas.questionnaireId, questionnaireId));
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length) await db.insert(surveyQuotas).values(chunk.map((r) => ({ questionnaireId, ...r })));
  }
}

export async function listQuotas(db: DbOrTx, questionnaireId: number) {
  return db.select().from(surveyQuotas).where(eq(surveyQuotas.questionnaireId, questionnaireId));
}

export async function insertBatch(db: DbOrTx, values: typeof surveyBatches.$inferInsert) {
  return (await db.insert(surveyBatches).values(values).returning())[0]!;
}

export async function insertCodes(db: DbOrTx, rows: (typeof surveyCodes.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length) await db.insert(surveyCodes).values(chunk);
  }
}

export async function listBatches(db: DbOrTx, questionnaireId: number) {
  return db
    .select({
      batch: surveyBatches,
      used: sql<number>`(select count(*)::int from survey_codes c where c.batch_id = "survey_batches"."id" and c.used_at is not null)`,
    })
    .from(surveyBatches)
    .where(eq(surveyBatches.questionnaireId, questionnaireId))
    .orderBy(desc(surveyBatches.id));
}

export async function batchCodes(db: DbOrTx, batchId: number) {
  return db.select().from(surveyCodes).where(eq(surveyCodes.batchId, batchId)).orderBy(asc(surveyCodes.id));
}

export async function findBatch(db: DbOrTx, id: number) {
  return (await db.select().from(surveyBatches).where(eq(surveyBatches.id, id)).limit(1))[0] ?? null;
}

export async function findCode(db: DbOrTx, questionnaireId: number, code: string) {
  return (await db.select().from(surveyCodes).where(and(eq(surveyCodes.questionnaireId, questionnaireId), eq(surveyCodes.code, code))).limit(1))[0] ?? null;
}

export async function findResponseByKey(db: DbOrTx, key: string) {
  return (await db.select().from(surveyResponses).where(eq(surveyResponses.idempotencyKey, key)).limit(1))[0] ?? null;
}

export async function insertResponse(db: DbOrTx, values: typeof surveyResponses.$inferInsert) {
  const rows = await db.insert(surveyResponses).values(values).onConflictDoNothing({ target: surveyResponses.idempotencyKey }).returning();
  return rows[0] ?? null;
}

export async function listResponses(db: DbOrTx, questionnaireId: number, status?: string) {
  const where = status ? and(eq(surveyResponses.questionnaireId, questionnaireId), eq(surveyResponses.status, status)) : eq(surveyResponses.questionnaireId, questionnaireId);
  return db.select().from(surveyResponses).where(where).orderBy(asc(surveyResponses.id));
}

export async function findResponse(db: DbOrTx, id: number) {
  return (await db.select().from(surveyResponses).where(eq(surveyResponses.id, id)).limit(1))[0] ?? null;
}

export async function updateResponse(db: DbOrTx, id: number, values: Partial<typeof surveyResponses.$inferInsert>) {
  return (await db.update(surveyResponses).set(values).where(eq(surveyResponses.id, id)).returning())[0] ?? null;
}

export async function responseCounts(db: DbOrTx, questionnaireId: number) {
  return db
    .select({ group: surveyResponses.respondentGroup, status: surveyResponses.status, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.questionnaireId, questionnaireId))
    .groupBy(surveyResponses.respondentGroup, surveyResponses.status);
}

export async function codeCounts(db: DbOrTx, questionnaireId: number) {
  return db
    .select({ group: surveyCodes.respondentGroup, issued: count(), used: sql<number>`count(${surveyCodes.usedAt})::int` })
    .from(surveyCodes)
    .where(eq(surveyCodes.questionnaireId, questionnaireId))
    .groupBy(surveyCodes.respondentGroup);
}

/** Counts a hit in a fixed window and returns the count so far (shared by every instance). */
/**
 * Stores a public submission in one statement: the questionnaire must still be published at `version`, the code
 * (when given) is claimed only if unused and no response has this idempotency key, and the response is inserted
 * unless the key exists. Returns the new response, or null when nothing was stored (the caller finds out why).
 * Anonymity: the response does not point to its code, and the code keeps only the day it was used, so the
 * identity a code may carry (`issued_to`) cannot be joined to answers, not even by time.
 */
export async function storeSubmission(
  db: DbOrTx,
  s: { questionnaireId: number; version: number; code: string | null; openGroup: string; key: string; answers: unknown[]; now: Date },
): Promise<{ id: number; submittedAt: Date } | null> {
  const answers = JSON.stringify(s.answers);
  const rows = s.code
    ? await executePrepared<{ id: number; submitted_at: Date | string }>(db, 'survey_submit_code', sql`
        with q as (select id from questionnaires where id = ${s.questionnaireId} and status = 'published' and version = ${s.version}),
        claimed as (
          update survey_codes c set used_at = date_trunc('day', ${s.now}::timestamptz)
          where c.questionnaire_id = (select id from q) and c.code = ${s.code} and c.used_at is null
            and not exists (select 1 from survey_responses r where r.idempotency_key = ${s.key})
          returning c.id, c.respondent_group)
        insert into survey_responses (questionnaire_id, code_id, respondent_group, channel, idempotency_key, answers, submitted_at)
        select ${s.questionnaireId}, null, respondent_group, 'code', ${s.key}, ${answers}::jsonb, ${s.now} from claimed
        on conflict (idempotency_key) do nothing
        returning id, submitted_at`)
    : await executePrepared<{ id: number; submitted_at: Date | string }>(db, 'survey_submit_open', sql`
        insert into survey_responses (questionnaire_id, code_id, respondent_group, channel, idempotency_key, answers, submitted_at)
        select ${s.questionnaireId}, null, ${s.openGroup}, 'open_link', ${s.key}, ${answers}::jsonb, ${s.now}
        where exists (select 1 from questionnaires where id = ${s.questionnaireId} and status = 'published' and version = ${s.version})
        on conflict (idempotency_key) do nothing
        returning id, submitted_at`);
  const row = rows[0];
  return row ? { id: row.id, submittedAt: new Date(row.submitted_at) } : null;
}
