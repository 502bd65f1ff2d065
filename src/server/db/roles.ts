import pg from 'pg';
import { JOB_SCHEMA } from '../jobs/boss';
import { type Database, migrateDatabase, openDatabase } from './client';

/** Tables whose rows are never changed once written: the application role may only read and insert them. */
export const APPEND_ONLY_TABLES = ['audit_log', 'result_snapshots'] as const;

/** The role name in a PostgreSQL URL (the user the server logs in as). */
export function roleOf(url: string): string {
  const name = decodeURIComponent(new URL(url).username);
  if (!name) throw new Error('DATABASE_URL names no user: with DATABASE_MIGRATION_URL, the server must log in as its own role.');
  return name;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives the application role what the server needs and nothing more: it reads and writes rows (only reads and
 * inserts on append-only tables) and uses the identity sequences. It owns nothing, so it cannot alter a table,
 * disable a trigger or drop anything. Run by the owner after every migration (new tables get their grants).
 */
export async function grantApplicationRole(owner: Database, role: string): Promise<void> {
  const r = ident(role);
  await owner.rawTransaction(async (query) => {
    await query(`grant usage on schema public to ${r}`);
    await query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
    await query(`revoke update, delete, truncate on ${APPEND_ONLY_TABLES.join(', ')} from ${r}`);
    await query(`grant usage, select on all sequences in schema public to ${r}`);
    // The migration journal, readable so the server can tell the migration level it runs against.
    await query(`grant usage on schema drizzle to ${r}`);
    await query(`grant select on all tables in schema drizzle to ${r}`);
    // The job queue (pg-boss): its rows and sequences, not its tables' definitions.
    await query(`grant usage on schema ${JOB_SCHEMA} to ${r}`);
    await query(`grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to ${r}`);
    await query(`grant usage, select on all sequences in schema ${JOB_SCHEMA} to ${r}`);
  });
}

/**
 * Applies pending migrations. With a separate owner URL (`DATABASE_MIGRATION_URL`), they run as the owner, who then
 * grants the server's role its rights; otherwise they run on the server's own connection (PGlite, or a single
 * PostgreSQL role).
 */
export async function migrate(
  database: Database,
  config: { databaseUrl: string | undefined; databaseMigrationUrl: string | undefined },
  after?: () => Promise<void>,
): Promise<void> {
  if (!config.databaseMigrationUrl || !config.databaseUrl || database.kind !== 'postgres') {
    await migrateDatabase(database, after);
    return;
  }
  const owner = await openDatabase({ databaseUrl: config.databaseMigrationUrl, poolSize: 1 });
  const role = roleOf(config.databaseUrl);
  try {
    // Still under the startup lock: the grants, then `after` (the demo seed) on the server's own connection.
    await migrateDatabase(owner, async () => {
      await grantApplicationRole(owner, role);
      await after?.();
    });
  } finally {
    await owner.close();
  }
}

/** True when `role` may bypass triggers or owns the tables (a superuser or the owner): what the server should not be. */
export async function isPrivilegedRole(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ privileged: boolean }>(`
      select r.rolsuper or r.rolbypassrls or exists (select 1 from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as privileged
      from pg_roles r where r.rolname = current_user`);
    return res.rows[0]?.privileged ?? false;
  } finally {
    await client.end();
  }
}
