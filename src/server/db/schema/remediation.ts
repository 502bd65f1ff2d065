import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { evidence } from './cycle';
import { agencies, divisions, provinces, users } from './org';
import { periods } from './periods';

/**
 * Issue 6: the work that follows the results. Remediation tasks (kế hoạch khắc phục) proposed from lost leaves or
 * entered from the agency's annual PAR plan and administrative-procedure control plan; the internal council
 * (hội đồng đánh giá CCHC nội bộ) that scores divisions; initiatives (sáng kiến) and commendation proposals.
 */

/** A task of an agency: from a lost leaf of a period's results (`remediation`) or a plan line (`par_plan`, `procedure_control`). */
export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull().default('remediation'),
    /** The period whose results the task answers (remediation), or the plan's year period when known. */
    sourcePeriodId: integer('source_period_id').references(() => periods.id),
    /** The leaf (criterion) the task lifts; its outputs become evidence for the same leaf next period. */
    nodeCode: text('node_code'),
    /** Points lost on the leaf in the source period (decimal text, 4 decimals), for sorting and the council. */
    pointsLost: numeric('points_lost', { precision: 10, scale: 4 }),
    /** The plan's own numbering for imported plan lines ("II.3"). */
    planRef: text('plan_ref').notNull().default(''),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    leadDivisionId: integer('lead_division_id').references(() => divisions.id),
    supportDivisionIds: integer('support_division_ids').array().notNull().default(sql`'{}'::integer[]`),
    dueOn: date('due_on'),
    status: text('status').notNull().default('open'),
    /** 0..100. */
    progress: integer('progress').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('tasks_agency_idx').on(t.agencyId, t.status),
    index('tasks_lead_idx').on(t.leadDivisionId),
    // One live remediation task per agency, source year and leaf.
    uniqueIndex('tasks_leaf_uq').on(t.agencyId, t.sourcePeriodId, t.nodeCode).where(sql`${t.kind} = 'remediation' and ${t.status} <> 'cancelled'`),
    check('tasks_kind_ck', sql`${t.kind} in ('remediation','par_plan','procedure_control')`),
    check('tasks_status_ck', sql`${t.status} in ('open','in_progress','done','cancelled')`),
    check('tasks_progress_ck', sql`${t.progress} between 0 and 100`),
  ],
);

/** The history of a task: progress notes, status changes, assignments, outputs (kind + bilingual-free text + data). */
export const taskEvents = pgTable(
  'task_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    kind: text('kind').notNull(),
    note: text('note').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at)],
);

/** Output documents of a task: evidence items of the agency's library (so they can be attached to next period's leaf). */
export const taskOutputs = pgTable(
  'task_outputs',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidence.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.evidenceId] })],
);

/** Deadline warnings already sent for a task (7/3/1 days before, overdue), so each is sent once. */
export const taskRemindersSent = pgTable(
  'task_reminders_sent',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.kind] })],
);

/** Which division of an agency answers for which leaf in a period (the internal council's basis). */
export const divisionLeaves = pgTable(
  'division_leaves',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    nodeCode: text('node_code').notNull(),
    divisionId: integer('division_id')
      .notNull()
      .references(() => divisions.id),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.agencyId, t.nodeCode] }), index('division_leaves_division_idx').on(t.divisionId)],
);

/** One internal council evaluation of an agency's divisions for a period: draft until recorded (then immutable). */
export const councilEvaluations = pgTable(
  'council_evaluations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    status: text('status').notNull().default('draft'),
    /** The council's decision or minutes number and date once recorded. */
    decisionNumber: text('decision_number').notNull().default(''),
    decidedOn: date('decided_on'),
    note: text('note').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('council_evaluations_uq').on(t.agencyId, t.periodId), check('council_status_ck', sql`${t.status} in ('draft','recorded')`)],
);

/** A division's score in a council evaluation (0..100, 2 decimals) with the rank fixed when recorded. */
export const councilScores = pgTable(
  'council_scores',
  {
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => councilEvaluations.id),
    divisionId: integer('division_id')
      .notNull()
      .references(() => divisions.id),
    score: numeric('score', { precision: 6, scale: 2 }),
    rank: integer('rank'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.divisionId] }), check('council_score_ck', sql`${t.score} is null or ${t.score} between 0 and 100`)],
);

/** A reform initiative (sáng kiến) registered by staff, linked to criteria, reviewed by the agency. */
export const initiatives = pgTable(
  'initiatives',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Leaf or criterion codes the initiative serves. */
    nodeCodes: text('node_codes').array().notNull().default(sql`'{}'::text[]`),
    authors: text('authors').notNull(),
    divisionId: integer('division_id').references(() => divisions.id),
    status: text('status').notNull().default('submitted'),
    reviewNote: text('review_note').notNull().default(''),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('initiatives_agency_idx').on(t.agencyId, t.year), check('initiatives_status_ck', sql`${t.status} in ('submitted','approved','rejected')`)],
);

/** A commendation proposal for the yearly review: an agency (from its result) or an initiative. */
export const commendations = pgTable(
  'commendations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    initiativeId: integer('initiative_id').references(() => initiatives.id),
    /** Why it is proposed, as generated from results or the initiative, and editable. */
    basisVi: text('basis_vi').notNull(),
    basisEn: text('basis_en').notNull().default(''),
    status: text('status').notNull().default('proposed'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('commendations_agency_uq').on(t.periodId, t.agencyId).where(sql`${t.kind} = 'agency'`),
    uniqueIndex('commendations_initiative_uq').on(t.periodId, t.initiativeId).where(sql`${t.kind} = 'initiative'`),
    check('commendations_kind_ck', sql`${t.kind} in ('agency','initiative')`),
    check('commendations_status_ck', sql`${t.status} in ('proposed','approved','rejected')`),
  ],
);
