import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** The tenant: one province per installation by default, many on a national deployment. */
export const provinces = pgTable(
  'provinces',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** Governing body line of documents, e.g. "UBND TỈNH QUẢNG NAM". */
    governingBodyVi: text('governing_body_vi').notNull().default(''),
    /** 'province' (a province ranks its agencies) or 'national' (the Ministry of Home Affairs ranks provinces and ministries). */
    kind: text('kind').notNull().default('province'),
    /** True for demo tenants whose results are made up (labelled "synthetic" wherever they are shown). */
    isSynthetic: boolean('is_synthetic').notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('provinces_code_uq').on(t.code), check('provinces_kind_ck', sql`${t.kind} in ('province','national')`)],
);

/** Agency groups (nhóm cơ quan) are data: departments, district level, commune level, vertical agencies... */
export const agencyGroups = pgTable(
  'agency_groups',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('agency_groups_code_uq').on(t.provinceId, t.code)],
);

/** Agencies (cơ quan, đơn vị) ranked by the index; `parentId` links e.g. a commune to its district. */
export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => agencyGroups.id),
    parentId: integer('parent_id').references((): AnyPgColumn => agencies.id),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** Abbreviation used in document numbers, e.g. "BDT" in "Số: 45/BC-BDT". */
    abbreviation: text('abbreviation').notNull().default(''),
    activeFromYear: integer('active_from_year').notNull(),
    activeToYear: integer('active_to_year'),
    isActive: boolean('is_active').notNull().default(true),
    /** Lower-case, accent-free code and names, for search that ignores diacritics ("ban dan toc"). */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('agencies_code_uq').on(t.provinceId, t.code),
    index('agencies_group_idx').on(t.groupId),
    check('agencies_years_ck', sql`${t.activeToYear} is null or ${t.activeToYear} >= ${t.activeFromYear}`),
  ],
);

/** Divisions (phòng, bộ phận) inside an agency. */
export const divisions = pgTable(
  'divisions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('divisions_code_uq').on(t.agencyId, t.code)],
);

/** User accounts; a user may hold several role grants (see `userRoles`). */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    /** Lower-cased login name. */
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lang: text('lang').notNull().default('vi'),
    /** The assessment year the user last chose in the top bar (null: the period in progress, else the latest published). */
    preferredYear: integer('preferred_year'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/**
 * A role grant. `agencyId` scopes agency_focal/agency_head; `divisionId` scopes division_head; an appraiser
 * is scoped by `fieldCodes` (top-level framework codes) and/or `agencyIds` (empty = all).
 */
export const userRoles = pgTable(
  'user_roles',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id),
    divisionId: integer('division_id').references(() => divisions.id),
    fieldCodes: jsonb('field_codes').$type<string[]>().notNull().default([]),
    agencyIds: jsonb('agency_ids').$type<number[]>().notNull().default([]),
  },
  (t) => [
    index('user_roles_user_idx').on(t.userId),
    check(
      'user_roles_role_ck',
      sql`${t.role} in ('admin','secretariat','appraiser','agency_focal','agency_head','division_head')`,
    ),
  ],
);

/**
 * A change of agencies taking effect in `year` (the first year the successors are assessed): a rename (A → A′),
 * a merger (A + B → C) or a split (A → B + C). For a merger, `comparison` is the secretariat's rule for the
 * successor's trend and rank change: 'predecessor' (the named predecessor's years) or 'none' (a new history).
 */
export const agencyLineageEvents = pgTable(
  'agency_lineage_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    year: integer('year').notNull(),
    kind: text('kind').$type<'rename' | 'merge' | 'split'>().notNull(),
    comparison: text('comparison').$type<'predecessor' | 'none'>().notNull().default('predecessor'),
    /** For a merger compared with a predecessor: which predecessor's history the successor continues. */
    predecessorId: integer('predecessor_id').references(() => agencies.id),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('agency_lineage_events_province_idx').on(t.provinceId, t.year),
    check('agency_lineage_events_kind_ck', sql`${t.kind} in ('rename', 'merge', 'split')`),
    check('agency_lineage_events_comparison_ck', sql`${t.comparison} in ('predecessor', 'none')`),
  ],
);

/** The agencies of a lineage event: the predecessors ('from') and the successors ('to'). */
export const agencyLineageParts = pgTable(
  'agency_lineage_parts',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => agencyLineageEvents.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    side: text('side').$type<'from' | 'to'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.agencyId, t.side] }), index('agency_lineage_parts_agency_idx').on(t.agencyId), check('agency_lineage_parts_side_ck', sql`${t.side} in ('from', 'to')`)],
);

/**
 * Which agency of a national tenant a province is, year by year (docs/analysis.md, "National tier"): Quảng Nam is
 * the national row "Quảng Nam" up to 2024 and the merged "Đà Nẵng" from 2025. `toYear` null = still so.
 */
export const nationalLinks = pgTable(
  'national_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    provinceId: integer('province_id')
      .notNull()
      .references(() => provinces.id),
    nationalAgencyId: integer('national_agency_id')
      .notNull()
      .references(() => agencies.id),
    fromYear: integer('from_year').notNull(),
    toYear: integer('to_year'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('national_links_from_uq').on(t.provinceId, t.fromYear),
    check('national_links_years_ck', sql`${t.toYear} is null or ${t.toYear} >= ${t.fromYear}`),
  ],
);
