import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../../src/server/db/client';

export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The name of a benchmark's database: `BENCH_DB_PREFIX` (default `parindex_bench`) + `_` + what, so benchmarks run
 * side by side on one PostgreSQL server (say by people working in different checkouts) use separate databases.
 */
export function benchDatabaseName(what: string): string {
  return `${process.env.BENCH_DB_PREFIX ?? 'parindex_bench'}_${what}`;
}

/** Opens (creating if needed) a migrated PostgreSQL database named `name` for a benchmark. */
export async function openBenchPostgres(name: string, options: { fresh?: boolean } = {}): Promise<Database> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    if (options.fresh) await admin.query(`drop database if exists "${name}" with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  await migrateDatabase(database);
  return database;
}

/** Opens a fresh migrated in-memory PGlite database. */
export async function openBenchPglite(): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  return database;
}
