import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { emailOutbox, notifications, userRoles, users } from '../../db/schema/index';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) if (rows.slice(i, i + 500).length) await db.insert(notifications).values(rows.slice(i, i + 500));
}

export async function insertEmails(db: DbOrTx, rows: (typeof emailOutbox.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) if (rows.slice(i, i + 500).length) await db.insert(emailOutbox).values(rows.slice(i, i + 500));
}

/** Active users with their email, by id. */
export async function findRecipients(db: DbOrTx, userIds: number[]) {
  if (!userIds.length) return [];
  return db
    .select({ id: users.id, email: users.email, lang: users.lang })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.isActive, true)));
}

/** Active users holding one of the roles for one of the agencies (agencyIds empty = province-wide roles). */
export async function findUsersByRole(db: DbOrTx, provinceId: number, roles: string[], agencyIds: number[] | null): Promise<number[]> {
  const conds = [eq(users.provinceId, provinceId), eq(users.isActive, true), inArray(userRoles.role, roles)];
  if (agencyIds) {
    if (!agencyIds.length) return [];
    conds.push(inArray(userRoles.agencyId, agencyIds));
  }
  const rows = await db.selectDistinct({ id: users.id }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(...conds));
  return rows.map((r) => r.id);
}

export async function listForUser(db: DbOrTx, userId: number, limit: number, unreadOnly: boolean) {
  const where = unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const [items, unread] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(limit),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, unread: Number(unread[0]?.n ?? 0) };
}

export async function markRead(db: DbOrTx, userId: number, ids: number[] | 'all', at: Date): Promise<void> {
  const base = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(ids === 'all' ? base : and(base, inArray(notifications.id, ids.length ? ids : [-1])));
}

/**
 * Outbox rows due to be (re)queued as send jobs: new ones, and queued ones whose hourly re-check came (their
 * job is re-created if it was lost, e.g. after a restore; otherwise the insert of the same job id is a no-op).
 */
export async function dueEmailIds(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(inArray(emailOutbox.status, ['pending', 'queued']), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(emailOutbox.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Marks rows as queued (a send job exists), to be re-checked at `recheckAt`; rows already sent or failed stay so. */
export async function markEmailsQueued(db: DbOrTx, ids: number[], recheckAt: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .update(emailOutbox)
    .set({ status: 'queued', nextAttemptAt: recheckAt })
    .where(and(inArray(emailOutbox.id, ids), inArray(emailOutbox.status, ['pending', 'queued'])));
}

/** The row to send, unless it was already sent or has failed for good. */
export async function emailToSend(db: DbOrTx, id: number) {
  const rows = await db
    .select({ id: emailOutbox.id, toAddress: emailOutbox.toAddress, subject: emailOutbox.subject, bodyText: emailOutbox.bodyText })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, id), inArray(emailOutbox.status, ['pending', 'queued'])));
  return rows[0] ?? null;
}

/** Records one delivery attempt: sent, failed for now (retried by the job queue) or failed for good. */
export async function recordEmailAttempt(db: DbOrTx, id: number, now: Date, outcome: 'sent' | 'retry' | 'failed', error: string | null): Promise<void> {
  await db
    .update(emailOutbox)
    .set({
      attempts: sql`${emailOutbox.attempts} + 1`,
      lastError: error?.slice(0, 500) ?? null,
      ...(outcome === 'sent' ? { status: 'sent', sentAt: now } : outcome === 'failed' ? { status: 'failed' } : {}),
    })
    .where(eq(emailOutbox.id, id));
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const rows = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(rows[0]?.n ?? 0);
}
