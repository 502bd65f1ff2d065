import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LeafInput } from '../../../core/schemas/framework';
import { frameworks } from './frameworks';
import { agencies, agencyGroups, provinces, users } from './org';

/**
 * A period (kỳ đánh giá): one year's evaluation in a province. `phase` moves forward by the secretariat's
 * action; each phase also has a deadline after which the server refuses changes.
 */
export const periods = pgTable(
  'periods',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    year: integer('year').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull().default(''),
    phase: text('phase').notNull().default('setup'),
    selfAssessmentDueAt: timestamp('self_assessment_due_at', { withTimezone: true }),
    appraisal1DueAt: timestamp('appraisal1_due_at', { withTimezone: true }),
    explanationDueAt: timestamp('explanation_due_at', { withTimezone: true }),
    appraisal2DueAt: timestamp('appraisal2_due_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('periods_year_uq').on(t.provinceId, t.year),
    check(
      'periods_phase_ck',
      sql`${t.phase} in ('setup','self_assessment','appraisal1','explanation','appraisal2','finalised','published')`,
    ),
  ],
);

/** Which framework a period applies to each agency group. */
export const periodFrameworks = pgTable(
  'period_frameworks',
  {
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => agencyGroups.id),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.groupId] })],
);

/** One agency's assessment in a period (its self-assessment, appraisals and explanation). */
export const assessments = pgTable(
  'assessments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id),
    status: text('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessments_agency_uq').on(t.periodId, t.agencyId),
    index('assessments_period_idx').on(t.periodId),
    check('assessments_status_ck', sql`${t.status} in ('draft','submitted','appraised','explained','finalised')`),
  ],
);

/**
 * The scores of one leaf of one assessment, stage by stage: self-assessment, appraisal round 1, final (round 2)
 * and survey points. `*_input` is what was entered in the leaf's method; `*_points` is the engine's result
 * (null when not applicable or not scored). `version` guards concurrent edits.
 */
export const leafScores = pgTable(
  'leaf_scores',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id),
    nodeCode: text('node_code').notNull(),
    /** The top-level node (field) of the leaf, derived by the database, so group results aggregate per field cheaply. */
    topCode: text('top_code')
      .notNull()
      .generatedAlwaysAs(sql`split_part(node_code, '.', 1)`),
    selfInput: jsonb('self_input').$type<LeafInput>(),
    selfPoints: numeric('self_points', { precision: 10, scale: 4 }),
    selfComment: text('self_comment'),
    /** Why a leaf is scored without evidence (required at submission when no evidence is attached). */
    selfExplanation: text('self_explanation'),
    appraisal1Input: jsonb('appraisal1_input').$type<LeafInput>(),
    appraisal1Points: numeric('appraisal1_points', { precision: 10, scale: 4 }),
    appraisal1ReasonCode: text('appraisal1_reason_code'),
    appraisal1Comment: text('appraisal1_comment'),
    appraisal1Decision: text('appraisal1_decision'),
    appraisal1By: integer('appraisal1_by').references(() => users.id),
    appraisal1At: timestamp('appraisal1_at', { withTimezone: true }),
    finalInput: jsonb('final_input').$type<LeafInput>(),
    finalPoints: numeric('final_points', { precision: 10, scale: 4 }),
    finalReasonCode: text('final_reason_code'),
    finalComment: text('final_comment'),
    finalDecision: text('final_decision'),
    finalBy: integer('final_by').references(() => users.id),
    finalAt: timestamp('final_at', { withTimezone: true }),
    surveyPoints: numeric('survey_points', { precision: 10, scale: 4 }),
    /** The effective stage's points (final, else round 1, else self; survey tally for survey leaves) in units of
     * 1/10000 point, kept by every write so that group results aggregate in SQL; 0 when N/A or not scored. */
    effectiveUnits: integer('effective_units').notNull().default(0),
    effectiveNa: boolean('effective_na').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('leaf_scores_leaf_uq').on(t.assessmentId, t.nodeCode)],
);

/** Results of years before the system (totals and component indices), imported so rank changes and trends work. */
export const historicalResults = pgTable(
  'historical_results',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    year: integer('year').notNull(),
    groupId: integer('group_id')
      .notNull()
      .references(() => agencyGroups.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The published total index rounded half-up once to 2 decimals; null when only a rank was published. */
    totalIndex: numeric('total_index', { precision: 7, scale: 2 }),
    /** The published rank: the authority for that year (never recomputed among the imported rows). */
    rank: integer('rank'),
    /** The published number of ranked units ("of N"); null when the file did not give it. */
    rankedCount: integer('ranked_count'),
    /** The published class (from the file) or the class of that year's bands; null when neither is known. */
    classification: jsonb('classification').$type<{ code: string; labelVi: string; labelEn: string; source: 'file' | 'bands' }>(),
    components: jsonb('components').$type<{ code: string; nameVi: string; index: string }[]>().notNull().default([]),
    source: text('source'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('historical_results_uq').on(t.provinceId, t.year, t.agencyId),
    check('historical_results_rank_ck', sql`${t.rank} is null or (${t.rank} >= 1 and (${t.rankedCount} is null or ${t.rank} <= ${t.rankedCount}))`),
    check('historical_results_value_ck', sql`${t.totalIndex} is not null or ${t.rank} is not null`),
  ],
);

/**
 * Per assessment and top-level field: the sum of effective leaf units, the not-applicable leaves and the number of
 * scored leaves. Maintained by statement-level triggers on leaf_scores (migration 0005) for every write path, so
 * group results read agencies × fields rows instead of every leaf. Derived: not backed up, rebuilt on restore.
 */
export const assessmentFieldTotals = pgTable(
  'assessment_field_totals',
  {
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    topCode: text('top_code').notNull(),
    units: bigint('units', { mode: 'number' }).notNull().default(0),
    naCodes: text('na_codes').array().notNull().default(sql`'{}'::text[]`),
    scored: integer('scored').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.topCode] })],
);
