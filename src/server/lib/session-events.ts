import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, DbOrTx } from '../db/client';
import type { SessionCache } from './session-cache';

/** The PostgreSQL channel on which instances announce session changes (payload: a user id, or `*` for everyone). */
export const SESSION_CHANNEL = 'parindex_sessions';

/**
 * Announces, inside the transaction that ends sessions or changes a user's password, roles or active flag, that
 * every instance must drop that user's cached sessions (`null`: every user). PostgreSQL delivers the notification
 * to every listening instance when the transaction commits, and never when it rolls back.
 */
export async function announceSessionChange(db: DbOrTx, userId: number | null): Promise<void> {
  await db.execute(sql`select pg_notify(${SESSION_CHANNEL}, ${userId === null ? '*' : String(userId)})`);
}

/** Applies one announcement to the cache. */
export function applySessionAnnouncement(cache: SessionCache, payload: string | undefined): void {
  const id = Number(payload);
  cache.heard(payload !== '*' && Number.isSafeInteger(id) ? id : null);
}

const RETRY_MS = 1_000;

/**
 * Keeps a dedicated PostgreSQL connection listening for announcements of every instance (this one included) and
 * applies them to the cache. While the connection is down the cache is switched off (every request reads the
 * database), and it starts empty when the connection is back, since announcements may have been missed. On PGlite
 * (one process) the embedded database's own LISTEN delivers them to every app built on it. Resolves once the first
 * attempt is done; returns the stop function.
 */
export async function listenForSessionChanges(database: Database, cache: SessionCache, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  if (database.pglite) {
    const unlisten = await database.pglite.listen(SESSION_CHANNEL, (payload) => applySessionAnnouncement(cache, payload));
    cache.setListening(true);
    return async () => {
      cache.setListening(false);
      if (!database.pglite!.closed) await unlisten().catch(() => undefined);
    };
  }
  if (!database.pool) return async () => undefined;
  const { connectionString, host, port, user, password, database: name, ssl } = database.pool.options;
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  cache.setLive(false);

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const client = new pg.Client({ connectionString, host, port, user, password, database: name, ssl });
    let lost = false;
    const down = (err?: unknown) => {
      if (lost) return;
      lost = true;
      if (current === client) current = null;
      cache.setListening(false);
      cache.setLive(false);
      client.end().catch(() => undefined);
      if (stopped) return;
      log.warn({ err }, 'session announcements unheard: the session cache is off until the listener reconnects');
      retry = setTimeout(() => void connect(), RETRY_MS);
      retry.unref();
    };
    client.on('notification', (msg) => {
      if (msg.channel === SESSION_CHANNEL) applySessionAnnouncement(cache, msg.payload);
    });
    client.on('error', down);
    client.on('end', () => down());
    try {
      await client.connect();
      await client.query(`listen ${SESSION_CHANNEL}`);
      if (stopped) {
        await client.end();
        return;
      }
      current = client;
      cache.setListening(true);
      cache.setLive(true);
    } catch (err) {
      down(err);
    }
  };

  await connect();
  return async () => {
    stopped = true;
    cache.setListening(false);
    if (retry) clearTimeout(retry);
    const c = current;
    current = null;
    await c?.end().catch(() => undefined);
  };
}
