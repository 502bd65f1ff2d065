import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ClassificationBand, LeafMethod } from '../../../core/schemas/framework';
import { agencyGroups, provinces, users } from './org';

/**
 * A criteria framework (bộ tiêu chí) of one year and agency group. `revision` counts versions: a published
 * framework is immutable and edits make a new draft revision. `version` is the optimistic-concurrency counter.
 */
export const frameworks = pgTable(
  'frameworks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => agencyGroups.id),
    year: integer('year').notNull(),
    revision: integer('revision').notNull().default(1),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull().default(''),
    declaredTotal: numeric('declared_total', { precision: 10, scale: 4 }).notNull(),
    bonusCap: numeric('bonus_cap', { precision: 10, scale: 4 }).notNull().default('0'),
    deductionCap: numeric('deduction_cap', { precision: 10, scale: 4 }).notNull().default('0'),
    bands: jsonb('bands').$type<ClassificationBand[]>().notNull(),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    clonedFromId: integer('cloned_from_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('frameworks_revision_uq').on(t.provinceId, t.groupId, t.year, t.revision),
    check('frameworks_status_ck', sql`${t.status} in ('draft','published')`),
  ],
);

/** The flat node list of a framework: fields, criteria, sub-criteria; points and methods on the leaves. */
export const frameworkNodes = pgTable(
  'framework_nodes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    frameworkId: integer('framework_id')
      .notNull()
      .references(() => frameworks.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    position: integer('position').notNull().default(0),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull().default(''),
    guidanceVi: text('guidance_vi'),
    guidanceEn: text('guidance_en'),
    evidenceVi: text('evidence_vi'),
    appraisingBody: text('appraising_body'),
    maxPoints: numeric('max_points', { precision: 10, scale: 4 }).notNull(),
    mayBeNotApplicable: boolean('may_be_not_applicable').notNull().default(false),
    kind: text('kind').notNull().default('regular'),
    method: jsonb('method').$type<LeafMethod | null>(),
  },
  (t) => [uniqueIndex('framework_nodes_code_uq').on(t.frameworkId, t.code), index('framework_nodes_fw_idx').on(t.frameworkId)],
);
