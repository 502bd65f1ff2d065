import type pg from 'pg';
import { type ConstructorOptions, type Db as BossDb, fromPglite, PgBoss } from 'pg-boss';
import type { Database } from '../db/client';

/** The PostgreSQL schema pg-boss keeps its queues, jobs and schedules in (beside the application's tables). */
export const JOB_SCHEMA = 'pgboss';

/**
 * pg-boss over the server's own pool: its statements share DATABASE_POOL_SIZE and the pool's timeouts. A
 * statement without parameters may be several statements (pg-boss's schema and locked blocks); node-postgres
 * answers those with one result per statement, whose rows are joined as pg-boss's own driver does.
 */
function poolAdapter(pool: pg.Pool): BossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const res = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(res) ? { rows: res.flatMap((r) => r.rows ?? []) } : res;
    },
  };
}

/**
 * A pg-boss instance on the server's database: on PostgreSQL through the pool, on PGlite through the single
 * embedded connection (pg-boss's `pglite` backend). The same queue code runs on both.
 */
export function createBoss(database: Database, options: Omit<ConstructorOptions, 'db' | 'backend' | 'schema'>): PgBoss {
  const db = database.kind === 'pglite' ? fromPglite(database.pglite!) : poolAdapter(database.pool!);
  return new PgBoss({ ...options, db, backend: database.kind === 'pglite' ? 'pglite' : 'postgres', schema: JOB_SCHEMA });
}

/**
 * Creates or upgrades the job queue's schema (pg-boss's own versioned migrations). Called by migrateDatabase,
 * so `npm run cli -- migrate` installs it with the application's tables and the server itself never needs to.
 */
export async function installJobSchema(database: Database): Promise<void> {
  const boss = createBoss(database, { migrate: true, supervise: false, schedule: false, registerInstance: false });
  let failure: unknown = null;
  boss.on('error', (err) => (failure = err));
  await boss.start();
  await boss.stop({ graceful: false });
  if (failure) throw failure;
}
