import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies, users } from './org';
import { assessments, periods } from './periods';

/** A per-agency deadline extension of a phase, with its reason. */
export const deadlineExtensions = pgTable(
  'deadline_extensions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    phase: text('phase').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('deadline_extensions_uq').on(t.periodId, t.agencyId, t.phase)],
);

/** Who appraises what in a period: a field, optionally only for one agency. */
export const appraiserAssignments = pgTable(
  'appraiser_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    fieldCode: text('field_code').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id),
  },
  (t) => [index('appraiser_assignments_period_idx').on(t.periodId), index('appraiser_assignments_user_idx').on(t.userId)],
);

/** Stored file contents, once per SHA-256 (duplicates are stored once). */
export const files = pgTable(
  'files',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('files_sha256_uq').on(t.sha256)],
);

/** An evidence document (tài liệu kiểm chứng) in an agency's library, reusable across leaves and years. */
export const evidence = pgTable(
  'evidence',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    title: text('title').notNull(),
    docNumber: text('doc_number').notNull().default(''),
    issuedOn: date('issued_on'),
    issuer: text('issuer').notNull().default(''),
    originalName: text('original_name').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_agency_idx').on(t.agencyId)],
);

/** Evidence attached to a leaf of an assessment. */
export const leafEvidence = pgTable(
  'leaf_evidence',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    nodeCode: text('node_code').notNull(),
    evidenceId: integer('evidence_id')
      .notNull()
      .references(() => evidence.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.nodeCode, t.evidenceId] }), index('leaf_evidence_evidence_idx').on(t.evidenceId)],
);

/** The per-leaf explanation thread (giải trình): the agency accepts or disputes an adjustment, appraisers reply. */
export const explanationMessages = pgTable(
  'explanation_messages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    nodeCode: text('node_code').notNull(),
    authorId: integer('author_id').references(() => users.id),
    side: text('side').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull().default(''),
    evidenceIds: jsonb('evidence_ids').$type<number[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('explanation_messages_leaf_idx').on(t.assessmentId, t.nodeCode),
    check('explanation_messages_kind_ck', sql`${t.kind} in ('accept','dispute','reply')`),
    check('explanation_messages_side_ck', sql`${t.side} in ('agency','appraiser')`),
  ],
);

/** A frozen, published result of a period (one row per publication revision; corrections add revisions). */
export const resultSnapshots = pgTable(
  'result_snapshots',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    revision: integer('revision').notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    reason: text('reason'),
    decisionNumber: text('decision_number').notNull().default(''),
    decisionDate: date('decision_date'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedBy: integer('published_by').references(() => users.id),
  },
  (t) => [uniqueIndex('result_snapshots_revision_uq').on(t.periodId, t.revision)],
);

/** In-app notifications. */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    bodyVi: text('body_vi').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Emails waiting to be sent by the mail worker (any instance may send; rows are claimed with SKIP LOCKED). */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('email_outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);

/** Deadline reminders already sent (7/3/1 days before), so any instance sends each once. */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    phase: text('phase').notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.agencyId, t.phase, t.daysBefore] })],
);
