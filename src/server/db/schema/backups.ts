import { bigint, integer, jsonb, pgTable, text, timestamp, date, check, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Scheduled backups: one row per day, claimed by the instance that writes that day's backup (the unique day is the
 * guard that makes it run once across instances), with its outcome for the admin screen. Not itself backed up.
 */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    day: date('day').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(1),
    instance: text('instance').notNull().default(''),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    bytes: bigint('bytes', { mode: 'number' }),
    /** The manifest's summary (totals, migration level, source) and when the written file was verified. */
    summary: jsonb('summary'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [uniqueIndex('backup_runs_day_uq').on(t.day), check('backup_runs_status_ck', sql`${t.status} in ('running','done','failed')`)],
);
