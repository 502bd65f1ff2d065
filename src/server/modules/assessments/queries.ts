import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, executePrepared } from '../../db/client';
import {
  agencies,
  agencyGroups,
  assessments,
  auditLog,
  deadlineExtensions,
  evidence,
  explanationMessages,
  files,
  leafEvidence,
  leafScores,
  periods,
  users,
} from '../../db/schema/index';

export type AssessmentRow = typeof assessments.$inferSelect;
export type LeafScoreRow = typeof leafScores.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;

export interface AssessmentContext {
  /** The agency's deadline extensions in this period. */
  extensions?: { phase: string; dueAt: string }[];
  assessment: AssessmentRow;
  period: PeriodRow;
  agency: { id: number; provinceId: number; code: string; nameVi: string; nameEn: string; groupId: number };
  groupCode: string;
  /** The row of the leaf asked for (`leafCode`), or null when it has none yet; absent when no leaf was asked for. */
  leaf?: LeafScoreRow | null;
  /** What the detail shows, when asked for. */
  detail?: AssessmentDetailRows;
}

/** What an assessment's detail shows besides the context: leaf rows, evidence links, threads, last year's points. */
export interface AssessmentDetailRows {
  leaves: LeafScoreRow[];
  evidence: LeafEvidenceRow[];
  threads: { message: typeof explanationMessages.$inferSelect; authorName: string | null }[];
  previous: { nodeCode: string; units: number; na: boolean }[];
}

type ContextMode = 'plain' | 'leaf' | 'detail';

function detailColumns() {
  return {
    // row_to_json, as for the single leaf of the context: numeric columns come as JSON numbers (points have at most
    // four decimals, exact as doubles) and are shown trimmed; building jsonb per row would cost ten times more.
    leaves: sql<unknown>`coalesce((select json_agg(s) from leaf_scores s where s.assessment_id = ${assessments.id}), '[]'::json)`,
    evidence: sql<unknown>`coalesce((select json_agg(json_build_object('assessmentId', le.assessment_id, 'nodeCode', le.node_code, 'id', e.id, 'agencyId', e.agency_id,
        'title', e.title, 'docNumber', e.doc_number, 'issuedOn', e.issued_on, 'issuer', e.issuer, 'originalName', e.original_name, 'mime', f.mime) order by le.created_at)
      from leaf_evidence le join evidence e on e.id = le.evidence_id join files f on f.id = e.file_id where le.assessment_id = ${assessments.id}), '[]'::json)`,
    threads: sql<unknown>`coalesce((select json_agg(json_build_object('id', m.id, 'assessmentId', m.assessment_id, 'nodeCode', m.node_code, 'authorId', m.author_id,
        'side', m.side, 'kind', m.kind, 'body', m.body, 'evidenceIds', m.evidence_ids, 'createdAt', m.created_at, 'authorName', u.full_name) order by m.id)
      from explanation_messages m left join users u on u.id = m.author_id where m.assessment_id = ${assessments.id}), '[]'::json)`,
    // Last year's scored leaves of the same agency (rows kept without any input are left out).
    previous: sql<unknown>`coalesce((select json_agg(json_build_object('nodeCode', s.node_code, 'units', s.effective_units, 'na', s.effective_na))
      from leaf_scores s where s.assessment_id = (select pa.id from assessments pa join periods pp on pp.id = pa.period_id
        where pp.province_id = ${agencies.provinceId} and pp.year = ${periods.year} - 1 and pa.agency_id = ${assessments.agencyId} limit 1)
      and (s.self_input is not null or s.appraisal1_input is not null or s.final_input is not null or s.survey_points is not null)), '[]'::json)`,
  };
}

function contextSelect(db: DbOrTx, mode: ContextMode) {
  const leaf =
    mode === 'leaf'
      ? sql<Record<string, unknown> | string | null>`(select row_to_json(s) from leaf_scores s where s.assessment_id = ${assessments.id} and s.node_code = ${sql.placeholder('code')})`
      : sql<null>`null`;
  const none = sql<unknown>`null`;
  const detail = mode === 'detail' ? detailColumns() : { leaves: none, evidence: none, threads: none, previous: none };
  return db
    .select({
      assessment: assessments,
      period: periods,
      agency: { id: agencies.id, provinceId: agencies.provinceId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId },
      groupCode: agencyGroups.code,
      extensions: sql<{ phase: string; dueAt: string }[]>`coalesce((select json_agg(json_build_object('phase', e.phase, 'dueAt', e.due_at))
        from deadline_extensions e where e.period_id = ${assessments.periodId} and e.agency_id = ${assessments.agencyId}), '[]'::json)`,
      leaf,
      ...detail,
    })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .where(eq(assessments.id, sql.placeholder('id')))
    .limit(1)
    .prepare(`assessment_context_${mode}`);
}

/**
 * The context query is on the path of every assessment request (each autosave, each opening of the form): built
 * once per database handle and run as a named prepared statement, so neither drizzle nor PostgreSQL builds or plans
 * it again.
 */
const contextQueries = new WeakMap<DbOrTx, Partial<Record<ContextMode, ReturnType<typeof contextSelect>>>>();

const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * An assessment with its period, agency and group, in one query; with `leafCode`, also the row of that leaf
 * (`leaf`); with `detail`, also everything the assessment's detail shows (`detail`: one round trip to open a form).
 */
export async function findAssessmentContext(db: DbOrTx, id: number, leafCode?: string, options: { detail?: boolean } = {}): Promise<AssessmentContext | null> {
  let prepared = contextQueries.get(db);
  if (!prepared) contextQueries.set(db, (prepared = {}));
  const mode: ContextMode = leafCode !== undefined ? 'leaf' : options.detail ? 'detail' : 'plain';
  const query = (prepared[mode] ??= contextSelect(db, mode));
  const rows = await query.execute(leafCode === undefined ? { id } : { id, code: leafCode });
  const found = rows[0];
  if (!found) return null;
  const { leaf: raw, leaves, evidence: evidenceRows, threads, previous, ...row } = found;
  if (mode === 'detail') {
    return {
      ...row,
      detail: {
        leaves: parsed<Record<string, unknown>[]>(leaves).map(toLeafRow),
        evidence: parsed<LeafEvidenceRow[]>(evidenceRows),
        threads: parsed<(Omit<typeof explanationMessages.$inferSelect, 'createdAt'> & { createdAt: string; authorName: string | null })[]>(threads).map(({ authorName, ...m }) => ({
          message: { ...m, createdAt: new Date(m.createdAt) },
          authorName,
        })),
        previous: parsed<AssessmentDetailRows['previous']>(previous),
      },
    };
  }
  if (leafCode === undefined) return row;
  return { ...row, leaf: raw == null ? null : toLeafRow(typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : raw) };
}

/** Assessments of a period with agency and group (filters by group, status, agency ids). */
export async function listAssessments(db: DbOrTx, periodId: number, f: { groupId?: number | undefined; status?: string | undefined; agencyIds?: number[] | undefined }) {
  const conds = [eq(assessments.periodId, periodId)];
  if (f.groupId) conds.push(eq(agencies.groupId, f.groupId));
  if (f.status) conds.push(eq(assessments.status, f.status));
  if (f.agencyIds) conds.push(inArray(assessments.agencyId, f.agencyIds.length ? f.agencyIds : [-1]));
  return db
    .select({
      assessment: assessments,
      agency: { id: agencies.id, provinceId: agencies.provinceId, code: agencies.code, nameVi: agencies.nameVi, nameEn: agencies.nameEn, groupId: agencies.groupId },
      groupCode: agencyGroups.code,
    })
    .from(assessments)
    .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
    .innerJoin(agencyGroups, eq(agencyGroups.id, agencies.groupId))
    .where(and(...conds))
    .orderBy(asc(agencyGroups.position), asc(agencies.code));
}

export async function listLeafScores(db: DbOrTx, assessmentIds: number[]): Promise<LeafScoreRow[]> {
  if (!assessmentIds.length) return [];
  return db.select().from(leafScores).where(inArray(leafScores.assessmentId, assessmentIds));
}

export async function findLeafScore(db: DbOrTx, assessmentId: number, code: string): Promise<LeafScoreRow | null> {
  return (await db.select().from(leafScores).where(and(eq(leafScores.assessmentId, assessmentId), eq(leafScores.nodeCode, code))).limit(1))[0] ?? null;
}

export async function updateAssessmentVersioned(db: DbOrTx, id: number, version: number, values: Partial<typeof assessments.$inferInsert>) {
  const rows = await db
    .update(assessments)
    .set({ ...values, version: sql`${assessments.version} + 1` })
    .where(and(eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return rows[0] ?? null;
}


export async function listExtensions(db: DbOrTx, periodId: number, agencyId: number) {
  return db.select().from(deadlineExtensions).where(and(eq(deadlineExtensions.periodId, periodId), eq(deadlineExtensions.agencyId, agencyId)));
}

export async function listExtensionsOf(db: DbOrTx, periodId: number) {
  return db.select().from(deadlineExtensions).where(eq(deadlineExtensions.periodId, periodId));
}

export interface LeafEvidenceRow {
  assessmentId: number;
  nodeCode: string;
  id: number;
  agencyId: number;
  title: string;
  docNumber: string;
  issuedOn: string | null;
  issuer: string;
  originalName: string;
  mime: string;
}

export async function listLeafEvidence(db: DbOrTx, assessmentIds: number[]): Promise<LeafEvidenceRow[]> {
  if (!assessmentIds.length) return [];
  return db
    .select({
      assessmentId: leafEvidence.assessmentId,
      nodeCode: leafEvidence.nodeCode,
      id: evidence.id,
      agencyId: evidence.agencyId,
      title: evidence.title,
      docNumber: evidence.docNumber,
      issuedOn: evidence.issuedOn,
      issuer: evidence.issuer,
      originalName: evidence.originalName,
      mime: files.mime,
    })
    .from(leafEvidence)
    .innerJoin(evidence, eq(evidence.id, leafEvidence.evidenceId))
    .innerJoin(files, eq(files.id, evidence.fileId))
    .where(inArray(leafEvidence.assessmentId, assessmentIds))
    .orderBy(asc(leafEvidence.createdAt));
}

export async function replaceLeafEvidence(db: DbOrTx, assessmentId: number, code: string, evidenceIds: number[], now: Date): Promise<void> {
  await db.delete(leafEvidence).where(and(eq(leafEvidence.assessmentId, assessmentId), eq(leafEvidence.nodeCode, code)));
  if (evidenceIds.length) await db.insert(leafEvidence).values(evidenceIds.map((evidenceId) => ({ assessmentId, nodeCode: code, evidenceId, createdAt: now })));
}

export async function addLeafEvidence(db: DbOrTx, assessmentId: number, code: string, evidenceIds: number[], now: Date): Promise<void> {
  if (evidenceIds.length) await db.insert(leafEvidence).values(evidenceIds.map((evidenceId) => ({ assessmentId, nodeCode: code, evidenceId, createdAt: now }))).onConflictDoNothing();
}

export async function findEvidenceAgencies(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: evidence.id, agencyId: evidence.agencyId }).from(evidence).where(inArray(evidence.id, ids));
}

export async function listThreads(db: DbOrTx, assessmentIds: number[]) {
  if (!assessmentIds.length) return [];
  return db
    .select({ message: explanationMessages, authorName: users.fullName })
    .from(explanationMessages)
    .leftJoin(users, eq(users.id, explanationMessages.authorId))
    .where(inArray(explanationMessages.assessmentId, assessmentIds))
    .orderBy(asc(explanationMessages.id));
}

export async function insertMessage(db: DbOrTx, values: typeof explanationMessages.$inferInsert) {
  return (await db.insert(explanationMessages).values(values).returning())[0]!;
}

/** The previous year's assessment of an agency (for last year's scores side by side). */
export async function previousAssessment(db: DbOrTx, provinceId: number, year: number, agencyId: number) {
  const rows = await db
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .where(and(eq(periods.provinceId, provinceId), eq(periods.year, year - 1), eq(assessments.agencyId, agencyId)))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** A leaf row that holds an input at some stage or survey points (a row may outlive its inputs: it keeps the version). */
const hasInput = sql`(${leafScores.selfInput} is not null or ${leafScores.appraisal1Input} is not null or ${leafScores.finalInput} is not null or ${leafScores.surveyPoints} is not null)`;

/** The effective points of last year's scored leaves (rows kept without any input are left out). */
export async function previousEffective(db: DbOrTx, assessmentId: number) {
  return db
    .select({ nodeCode: leafScores.nodeCode, units: leafScores.effectiveUnits, na: leafScores.effectiveNa })
    .from(leafScores)
    .where(and(eq(leafScores.assessmentId, assessmentId), hasInput));
}


export async function leafHistory(db: DbOrTx, provinceId: number, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.provinceId, provinceId), eq(auditLog.entityType, 'leaf_score'), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));
}

/** Column names of leaf_scores by the drizzle property names a leaf write may set. */
const LEAF_COLUMNS: Record<string, { column: string; json?: boolean }> = {
  selfInput: { column: 'self_input', json: true },
  selfPoints: { column: 'self_points' },
  selfComment: { column: 'self_comment' },
  selfExplanation: { column: 'self_explanation' },
  appraisal1Input: { column: 'appraisal1_input', json: true },
  appraisal1Points: { column: 'appraisal1_points' },
  appraisal1ReasonCode: { column: 'appraisal1_reason_code' },
  appraisal1Comment: { column: 'appraisal1_comment' },
  appraisal1Decision: { column: 'appraisal1_decision' },
  appraisal1By: { column: 'appraisal1_by' },
  appraisal1At: { column: 'appraisal1_at' },
  finalInput: { column: 'final_input', json: true },
  finalPoints: { column: 'final_points' },
  finalReasonCode: { column: 'final_reason_code' },
  finalComment: { column: 'final_comment' },
  finalDecision: { column: 'final_decision' },
  finalBy: { column: 'final_by' },
  finalAt: { column: 'final_at' },
  surveyPoints: { column: 'survey_points' },
  effectiveUnits: { column: 'effective_units' },
  effectiveNa: { column: 'effective_na' },
  updatedAt: { column: 'updated_at' },
  updatedBy: { column: 'updated_by' },
};

function param(key: string, value: unknown) {
  const spec = LEAF_COLUMNS[key]!;
  if (spec.json) return value == null ? sql`null` : sql`${JSON.stringify(value)}::jsonb`;
  return sql`${value ?? null}`;
}

export interface AuditRow {
  at: Date;
  provinceId: number | null;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  requestId: string;
}

const auditValues = (a: AuditRow) =>
  sql`${a.at}, ${a.provinceId}, ${a.actorId}, ${a.actorName}, ${a.action}, 'leaf_score', ${a.entityId}, ${JSON.stringify(a.oldValue)}::jsonb, ${JSON.stringify(a.newValue)}::jsonb, ${a.reason}, ${a.requestId}`;

/**
 * Writes a leaf and its audit entry in ONE statement (atomic without a transaction round trip): insert when the
 * expected version is 0, else update guarded by the version. Null when the version is stale (nothing written).
 */
export async function writeLeafAudited(
  db: DbOrTx,
  assessmentId: number,
  code: string,
  expectedVersion: number,
  values: Record<string, unknown>,
  audit: AuditRow | null,
): Promise<LeafScoreRow | null> {
  const keys = Object.keys(values).filter((k) => k in LEAF_COLUMNS);
  const auditCte = audit
    ? sql`, aud as (insert into audit_log (at, province_id, actor_id, actor_name, action, entity_type, entity_id, old_value, new_value, reason, request_id)
        select ${auditValues(audit)} from w)`
    : sql``;
  let write;
  if (expectedVersion === 0) {
    const cols = sql.join([sql.raw('assessment_id'), sql.raw('node_code'), ...keys.map((k) => sql.raw(LEAF_COLUMNS[k]!.column))], sql`, `);
    const vals = sql.join([sql`${assessmentId}`, sql`${code}`, ...keys.map((k) => param(k, values[k]))], sql`, `);
    write = sql`insert into leaf_scores (${cols}) values (${vals}) on conflict (assessment_id, node_code) do nothing returning *`;
  } else {
    const sets = sql.join([...keys.map((k) => sql`${sql.raw(LEAF_COLUMNS[k]!.column)} = ${param(k, values[k])}`), sql`version = version + 1`], sql`, `);
    write = sql`update leaf_scores set ${sets} where assessment_id = ${assessmentId} and node_code = ${code} and version = ${expectedVersion} returning *`;
  }
  const [row] = await executePrepared(db, 'leaf_write', sql`with w as (${write})${auditCte} select * from w`);
  return row ? toLeafRow(row) : null;
}

const num = (v: unknown) => (v == null ? null : String(v));
const date = (v: unknown) => (v == null ? null : new Date(v as string));
const json = <T>(v: unknown): T | null => (v == null ? null : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** A raw leaf_scores row (snake_case) as the drizzle row type. */
function toLeafRow(r: Record<string, unknown>): LeafScoreRow {
  return {
    id: r.id as number,
    assessmentId: r.assessment_id as number,
    nodeCode: r.node_code as string,
    topCode: r.top_code as string,
    selfInput: json(r.self_input),
    selfPoints: num(r.self_points),
    selfComment: (r.self_comment as string | null) ?? null,
    selfExplanation: (r.self_explanation as string | null) ?? null,
    appraisal1Input: json(r.appraisal1_input),
    appraisal1Points: num(r.appraisal1_points),
    appraisal1ReasonCode: (r.appraisal1_reason_code as string | null) ?? null,
    appraisal1Comment: (r.appraisal1_comment as string | null) ?? null,
    appraisal1Decision: (r.appraisal1_decision as string | null) ?? null,
    appraisal1By: (r.appraisal1_by as number | null) ?? null,
    appraisal1At: date(r.appraisal1_at),
    finalInput: json(r.final_input),
    finalPoints: num(r.final_points),
    finalReasonCode: (r.final_reason_code as string | null) ?? null,
    finalComment: (r.final_comment as string | null) ?? null,
    finalDecision: (r.final_decision as string | null) ?? null,
    finalBy: (r.final_by as number | null) ?? null,
    finalAt: date(r.final_at),
    surveyPoints: num(r.survey_points),
    effectiveUnits: r.effective_units as number,
    effectiveNa: r.effective_na as boolean,
    version: r.version as number,
    updatedAt: new Date(r.updated_at as string),
    updatedBy: (r.updated_by as number | null) ?? null,
  };
}
