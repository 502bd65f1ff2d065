import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loginThrottles, provinces, sessions, users } from '../../db/schema/index';
import type { SessionCache } from '../../lib/session-cache';
import { announceSessionChange } from '../../lib/session-events';
import { sha256 } from '../../lib/tokens';
import type { Actor, Grant } from '../../policies';

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: number;
  province_id: number;
  username: string;
  full_name: string;
  must_change_password: boolean;
  grants: Grant[];
}

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  /** The user must change their password before doing anything else (enforced by the session plugin). */
  mustChangePassword: boolean;
}

/**
 * The actor behind a session token, or null when the session is unknown, expired or its user inactive. With a
 * cache, a fresh entry answers, and a lookup is cached unless the user's sessions changed while it ran.
 */
export async function findSessionActor(db: DbOrTx, token: string, now: Date, cache?: SessionCache): Promise<SessionActor | null> {
  const id = sha256(token);
  const cached = cache?.get<SessionActor>(id, now);
  if (cached) return cached;
  const startedAt = cache?.begin() ?? 0;
  const res = await db.execute(sql`
    select s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id as user_id, u.province_id, u.username, u.full_name, u.must_change_password,
      coalesce((select json_agg(json_build_object('role', r.role, 'agencyId', r.agency_id,
        'divisionId', r.division_id, 'fieldCodes', r.field_codes, 'agencyIds', r.agency_ids) order by r.id)
        from user_roles r where r.user_id = u.id), '[]'::json) as grants
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id} and s.expires_at > ${now} and u.is_active`);
  const row = (res as unknown as { rows: SessionRow[] }).rows[0];
  if (!row) return null;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as Grant[]) : row.grants;
  const value: SessionActor = {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    lastSeenAt: new Date(row.last_seen_at),
    mustChangePassword: row.must_change_password,
    actor: {
      userId: row.user_id,
      provinceId: row.province_id,
      username: row.username,
      fullName: row.full_name,
      grants,
    },
  };
  cache?.set(id, value, row.user_id, new Date(row.expires_at), startedAt);
  return value;
}

export async function touchSession(db: DbOrTx, sessionId: string, now: Date, expiresAt: Date, cache?: SessionCache): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
  cache?.touch<SessionActor>(sessionId, expiresAt, (v) => ({ ...v, lastSeenAt: now }));
}

export async function insertSession(
  db: DbOrTx,
  values: { token: string; userId: number; csrfToken: string; now: Date; expiresAt: Date; ip?: string; userAgent?: string },
): Promise<string> {
  const id = sha256(values.token);
  await db.insert(sessions).values({
    id,
    userId: values.userId,
    csrfToken: values.csrfToken,
    createdAt: values.now,
    lastSeenAt: values.now,
    expiresAt: values.expiresAt,
    ip: values.ip ?? null,
    userAgent: values.userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

/** Deletes one session and announces it (other instances drop the user's cached sessions). */
export async function deleteSession(db: DbOrTx, sessionId: string, userId: number | null): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
  await announceSessionChange(db, userId);
}

/** Ends every session of a user (logout everywhere, deactivation, password reset). */
export async function deleteUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string): Promise<void> {
  await announceSessionChange(db, userId);
  if (exceptSessionId) {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`));
  } else {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  }
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now}`);
}

export async function findUserForLogin(db: DbOrTx, username: string) {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: DbOrTx, id: number) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findProvince(db: DbOrTx, id: number) {
  const rows = await db.select().from(provinces).where(eq(provinces.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function recordSuccessfulLogin(db: DbOrTx, userId: number, now: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}

/** The latest end of a block in force at `now` among the given (account, client) keys, or null. */
export async function activeBlock(db: DbOrTx, keys: { account: string; client: string }[], now: Date): Promise<Date | null> {
  if (!keys.length) return null;
  const match = sql.join(
    keys.map((k) => sql`(${loginThrottles.accountKey} = ${k.account} and ${loginThrottles.clientKey} = ${k.client})`),
    sql` or `,
  );
  const rows = await db
    .select({ until: sql<Date | string | null>`max(${loginThrottles.blockedUntil})` })
    .from(loginThrottles)
    .where(and(sql`(${match})`, sql`${loginThrottles.blockedUntil} > ${now}`));
  const until = rows[0]?.until;
  return until ? new Date(until) : null;
}

/**
 * Counts one failed login for (account, client); a counter quiet for `forgetMs` starts again at 1. Sets the block
 * the policy gives for the new count. Returns the count and the end of the block (null when none).
 */
export async function recordLoginFailure(
  db: DbOrTx,
  key: { account: string; client: string },
  now: Date,
  forgetMs: number,
  blockFor: (failures: number) => number,
): Promise<{ failures: number; blockedUntil: Date | null }> {
  const forgetBefore = new Date(now.getTime() - forgetMs);
  const res = await db.execute(sql`
    insert into login_throttles as t (account_key, client_key, failures, blocked_until, last_failure_at)
    values (${key.account}, ${key.client}, 1, null, ${now})
    on conflict (account_key, client_key) do update set
      failures = case when t.last_failure_at < ${forgetBefore} then 1 else t.failures + 1 end,
      blocked_until = case when t.last_failure_at < ${forgetBefore} then null else t.blocked_until end,
      last_failure_at = ${now}
    returning failures`);
  const failures = (res as unknown as { rows: { failures: number }[] }).rows[0]!.failures;
  const ms = blockFor(failures);
  if (ms <= 0) return { failures, blockedUntil: null };
  const blockedUntil = new Date(now.getTime() + ms);
  await db
    .update(loginThrottles)
    .set({ blockedUntil })
    .where(and(eq(loginThrottles.accountKey, key.account), eq(loginThrottles.clientKey, key.client)));
  return { failures, blockedUntil };
}

/** Forgets the failures of an account from one client (after a successful login from it). */
export async function clearLoginFailures(db: DbOrTx, key: { account: string; client: string }): Promise<void> {
  await db.delete(loginThrottles).where(and(eq(loginThrottles.accountKey, key.account), eq(loginThrottles.clientKey, key.client)));
}

/**
 * An administrator's unlock: forgets the account's failures from every client, and the per-client counters of the
 * clients it failed from (so its owner is not kept out by a block on their own address).
 */
export async function unlockAccount(db: DbOrTx, accountKey: string): Promise<number> {
  const res = await db.execute(sql`
    with mine as (delete from login_throttles where account_key = ${accountKey} returning client_key),
    clients as (delete from login_throttles where account_key = '' and client_key in (select client_key from mine) returning 1)
    select count(*)::int as n from mine`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

/** Per account key: failed logins still counted (from any client) and the latest block in force at `now`. */
export async function throttleStatus(db: DbOrTx, accountKeys: string[], now: Date, forgetMs: number) {
  if (!accountKeys.length) return new Map<string, { failures: number; blockedUntil: Date | null }>();
  const rows = await db
    .select({
      accountKey: loginThrottles.accountKey,
      failures: sql<number>`sum(${loginThrottles.failures})::int`,
      blockedUntil: sql<Date | string | null>`max(${loginThrottles.blockedUntil}) filter (where ${loginThrottles.blockedUntil} > ${now})`,
    })
    .from(loginThrottles)
    .where(and(inArray(loginThrottles.accountKey, accountKeys), sql`${loginThrottles.lastFailureAt} >= ${new Date(now.getTime() - forgetMs)}`))
    .groupBy(loginThrottles.accountKey);
  return new Map(rows.map((r) => [r.accountKey, { failures: r.failures, blockedUntil: r.blockedUntil ? new Date(r.blockedUntil) : null }]));
}

/** Drops counters quiet for longer than `forgetMs` (housekeeping). */
export async function pruneLoginThrottles(db: DbOrTx, now: Date, forgetMs: number): Promise<void> {
  await db.delete(loginThrottles).where(sql`${loginThrottles.lastFailureAt} < ${new Date(now.getTime() - forgetMs)}`);
}

export async function updatePassword(
  db: DbOrTx,
  userId: number,
  passwordHash: string,
  now: Date,
  mustChangePassword: boolean,
): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: now,
      mustChangePassword,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

export async function updateUserYear(db: DbOrTx, userId: number, year: number | null): Promise<void> {
  await db.update(users).set({ preferredYear: year }).where(eq(users.id, userId));
}

export async function updateUserLang(db: DbOrTx, userId: number, lang: 'vi' | 'en'): Promise<void> {
  await db.update(users).set({ lang }).where(eq(users.id, userId));
}
