import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';
import { acquireDirLock, type DirLock } from './lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; it has the same query API as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs raw SQL and returns the rows with normalised types (int8 → number, numeric → string). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs raw SQL statements in one transaction (used by restore and benchmarks). */
  rawTransaction<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance (for dumps in tests). */
  pglite?: PGlite;
  /** PostgreSQL only: the pool. */
  pool?: pg.Pool;
  /** PostgreSQL only: the connection string (for a dedicated session such as the startup lock). */
  url?: string;
}

export type RawQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Runs raw SQL as a named prepared statement, so PostgreSQL parses and plans it once per connection instead of on
 * every call: for the few statements on the hottest paths (leaf writes, survey submissions). The name comes from
 * `prefix` and a hash of the statement's text, so statements whose text varies with their shape (the columns a
 * write sets) each get their own. Returns the rows as `db.execute` does.
 */
export async function executePrepared<T = Record<string, unknown>>(db: DbOrTx, prefix: string, query: SQL): Promise<T[]> {
  // drizzle's db.execute() is this same call with no name; the session and dialect are public on the handle.
  const handle = db as unknown as { dialect: PgDialect; session: PgSession };
  const built = handle.dialect.sqlToQuery(query);
  const name = `${prefix}_${crypto.createHash('sha1').update(built.sql).digest('hex').slice(0, 16)}`;
  const res = (await handle.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return res.rows;
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const INT8_OID = 20;

/** int8 is returned as a JS number (counts and ids stay far below 2^53); numeric stays an exact string. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return parseInt8;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dumped data dir (tarball), used by the test helper. */
  loadDataDir?: Blob;
  poolSize?: number;
  /** PostgreSQL: how long one connection attempt may take (ms). */
  connectTimeoutMs?: number;
  /** PostgreSQL: statement_timeout of every connection (ms, 0 = none). */
  statementTimeoutMs?: number;
  /** PostgreSQL: idle_in_transaction_session_timeout of every connection (ms, 0 = none). */
  idleInTransactionTimeoutMs?: number;
  /** PostgreSQL: keep retrying an unreachable server for this long before failing (ms, 0 = one attempt). */
  connectRetryMs?: number;
  /** Told of each failed attempt while retrying (the server logs one line per attempt). */
  onRetry?: (attempt: { attempt: number; error: Error; delayMs: number; remainingMs: number }) => void;
}

/** Opens the database: PostgreSQL when a URL is given, else PGlite in `dataDir` under an exclusive lock. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

/** Errors that will not go away by waiting: bad credentials, no such role or privilege, a bad URL. */
function isPermanent(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '');
  return code.startsWith('28') || code.startsWith('42') || err instanceof TypeError;
}

/**
 * Takes a first connection, retrying while the server is unreachable (not started yet, restarting, starting
 * up) with growing pauses (0.5 s doubling to 5 s) for at most `retryMs`; permanent errors fail at once.
 */
async function connectWithRetry(pool: pg.Pool, options: OpenOptions): Promise<void> {
  const deadline = Date.now() + (options.connectRetryMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      client.release();
      return;
    } catch (err) {
      const remainingMs = deadline - Date.now();
      if (isPermanent(err) || remainingMs <= 0) throw err;
      const delayMs = Math.min(5_000, 500 * 2 ** (attempt - 1), remainingMs);
      options.onRetry?.({ attempt, error: err as Error, delayMs, remainingMs });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
  });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  try {
    await connectWithRetry(pool, options);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    url,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await pool.query(text, params);
      return res.rows as T[];
    },
    async rawTransaction<T>(fn: (query: RawQuery) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[]);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DirLock | undefined;
  let dir = dataDir;
  if (!inMemory) {
    dir = path.resolve(dataDir, 'pglite');
    lock = acquireDirLock(path.resolve(dataDir));
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: dir,
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: { [INT8_OID]: (v: string) => parseInt8(v) },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const res = await client.query<T>(text, params);
      return res.rows;
    },
    async rawTransaction<T>(fn: (query: RawQuery) => Promise<T>): Promise<T> {
      return client.transaction(async (tx) => fn(async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows));
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** The advisory lock key that serialises migrations and the demo seed across instances. */
const STARTUP_LOCK = 7318420051;

/**
 * Applies pending migrations (the application's and the job queue's schema), then runs `after` (the server's
 * demo seed), all under one advisory lock held on a dedicated session: instances starting together on one
 * PostgreSQL database take turns, and each sees what the one before it did. PGlite has one process already.
 */
export async function migrateDatabase(database: Database, after?: () => Promise<void>): Promise<void> {
  // Loaded here, not at the top: opening a database (tests, most CLI commands) does not need the job queue.
  const { installJobSchema } = await import('../jobs/boss');
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    await installJobSchema(database);
    await after?.();
    return;
  }
  const lock = new pg.Client({ connectionString: database.url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    // Migrations run on the lock's own session: the pool's statement timeout does not cut a long one short.
    await migratePg(drizzlePg({ client: lock, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await installJobSchema(database);
    await after?.();
  } finally {
    // Closing the session releases the lock, also when the unlock cannot be sent.
    await lock.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

/** True when the organisation tables hold no province yet (a fresh install). */
export async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.execute(sql`select count(*)::int as n from provinces`);
  const first = (rows as unknown as { rows: { n: number }[] }).rows[0];
  return (first?.n ?? 0) === 0;
}
