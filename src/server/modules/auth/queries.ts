import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { provinces, sessions, users } from '../../db/schema/index';
import { cachedSession, cacheSession, forgetCachedSession, forgetCachedSessions, touchCachedSession } from '../../lib/session-cache';
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
  grants: Grant[];
}

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
}

/** The actor behind a session token, or null when the session is unknown, expired or its user inactive. */
export async function findSessionActor(db: DbOrTx, token: string, now: Date): Promise<SessionActor | null> {
  const id = sha256(token);
  const cached = cachedSession<SessionActor>(id, now);
  if (cached) return cached;
  const res = await db.execute(sql`
    select s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id as user_id, u.province_id, u.username, u.full_name,
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
    actor: {
      userId: row.user_id,
      provinceId: row.province_id,
      username: row.username,
      fullName: row.full_name,
      grants,
    },
  };
  cacheSession(id, value, row.user_id, new Date(row.expires_at));
  return value;
}

export async function touchSession(db: DbOrTx, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
  touchCachedSession<SessionActor>(sessionId, expiresAt, (v) => ({ ...v, lastSeenAt: now }));
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

export async function deleteSession(db: DbOrTx, sessionId: string): Promise<void> {
  forgetCachedSession(sessionId);
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (logout everywhere, deactivation, password reset). */
export async function deleteUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string): Promise<void> {
  forgetCachedSessions(userId);
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

/** Counts a failed login; locks the account for `lockMs` once `maxFailures` is reached. Returns the lock end. */
export async function recordFailedLogin(
  db: DbOrTx,
  userId: number,
  now: Date,
  maxFailures: number,
  lockMs: number,
): Promise<Date | null> {
  const res = await db.execute(sql`
    update users set
      failed_logins = case when failed_logins + 1 >= ${maxFailures} then 0 else failed_logins + 1 end,
      locked_until = case when failed_logins + 1 >= ${maxFailures} then ${new Date(now.getTime() + lockMs)}::timestamptz
                          else locked_until end
    where id = ${userId}
    returning locked_until`);
  const row = (res as unknown as { rows: { locked_until: Date | null }[] }).rows[0];
  const until = row?.locked_until ? new Date(row.locked_until) : null;
  return until && until > now ? until : null;
}

export async function recordSuccessfulLogin(db: DbOrTx, userId: number, now: Date): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId));
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
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

export async function updateUserLang(db: DbOrTx, userId: number, lang: 'vi' | 'en'): Promise<void> {
  await db.update(users).set({ lang }).where(eq(users.id, userId));
}
