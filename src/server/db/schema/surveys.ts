import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { QuestionnaireContent } from '../../../core/schemas/surveys';
import { agencies, provinces, users } from './org';
import { periods } from './periods';

/**
 * A questionnaire (phiếu khảo sát) of a period's sociological survey: its content (sections, questions, options with
 * weights, mapping to survey leaves), the respondent groups and the agencies it rates. Immutable once published
 * with answers.
 */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    code: text('code').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull().default(''),
    content: jsonb('content').$type<QuestionnaireContent>().notNull(),
    status: text('status').notNull().default('draft'),
    /** Token of the public link (codes are carried in the URL, or an open link for citizens when allowed). */
    publicToken: text('public_token').notNull(),
    openLink: text('open_link').notNull().default('off'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('questionnaires_code_uq').on(t.periodId, t.code),
    uniqueIndex('questionnaires_token_uq').on(t.publicToken),
    check('questionnaires_status_ck', sql`${t.status} in ('draft','published','closed')`),
  ],
);

/** Target number of responses per rated agency and respondent group. */
export const surveyQuotas = pgTable(
  'survey_quotas',
  {
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    respondentGroup: text('respondent_group').notNull(),
    target: integer('target').notNull(),
  },
  (t) => [uniqueIndex('survey_quotas_uq').on(t.questionnaireId, t.agencyId, t.respondentGroup)],
);

/** A printed batch of one-time codes for a respondent group. */
export const surveyBatches = pgTable('survey_batches', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  questionnaireId: integer('questionnaire_id')
    .notNull()
    .references(() => questionnaires.id),
  respondentGroup: text('respondent_group').notNull(),
  label: text('label').notNull().default(''),
  size: integer('size').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One-time codes. `issuedTo` (a name or unit, when the secretariat records one) is the only identity stored, apart
 * from answers; a code is used once.
 */
export const surveyCodes = pgTable(
  'survey_codes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    batchId: integer('batch_id').references(() => surveyBatches.id),
    code: text('code').notNull(),
    respondentGroup: text('respondent_group').notNull(),
    issuedTo: text('issued_to'),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('survey_codes_code_uq').on(t.code), index('survey_codes_q_idx').on(t.questionnaireId)],
);

/**
 * One submitted questionnaire: answers as one JSON array (one row per submission keeps a submission one INSERT).
 * `idempotencyKey` (made by the respondent's device) makes a retried submission land once. The code link is kept
 * for re-verification only and never exported.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    /** Unused for code submissions since anonymity hardening (a response never points to its code); kept for old rows. */
    codeId: integer('code_id').references(() => surveyCodes.id),
    respondentGroup: text('respondent_group').notNull(),
    channel: text('channel').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    answers: jsonb('answers').$type<{ q: string; a?: number | null; o?: string | null; l?: number | null; t?: string | null; m?: string[] | null }[]>().notNull(),
    status: text('status').notNull().default('valid'),
    invalidReason: text('invalid_reason'),
    verification: text('verification'),
    /** When the response was drawn into the re-verification sample, and the seed of that draw. */
    sampledAt: timestamp('sampled_at', { withTimezone: true }),
    sampleSeed: integer('sample_seed'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: integer('verified_by').references(() => users.id),
    enteredBy: integer('entered_by').references(() => users.id),
    entrySlot: integer('entry_slot'),
    paperRef: text('paper_ref'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_responses_idem_uq').on(t.idempotencyKey),
    index('survey_responses_q_idx').on(t.questionnaireId, t.status),
    check('survey_responses_channel_ck', sql`${t.channel} in ('code','open_link','paper')`),
    check('survey_responses_status_ck', sql`${t.status} in ('valid','invalid','pending_check','superseded')`),
  ],
);
