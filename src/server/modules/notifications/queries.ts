import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
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

/** Claims up to `limit` due emails for sending (SKIP LOCKED: safe with several instances). */
export async function claimEmails(db: DbOrTx, now: Date, limit: number) {
  const res = await db.execute(sql`
    update email_outbox set status = 'sending', attempts = attempts + 1
    where id in (
      select id from email_outbox where status = 'pending' and next_attempt_at <= ${now}
      order by id limit ${limit} for update skip locked)
    returning id, to_address, subject, body_text, attempts`);
  return (res as unknown as { rows: { id: number; to_address: string; subject: string; body_text: string; attempts: number }[] }).rows;
}

export async function markEmail(db: DbOrTx, id: number, ok: boolean, now: Date, error: string | null, attempts: number): Promise<void> {
  if (ok) {
    await db.update(emailOutbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(emailOutbox.id, id));
  } else {
    const failed = attempts >= 5;
    await db
      .update(emailOutbox)
      .set({ status: failed ? 'failed' : 'pending', lastError: error?.slice(0, 500) ?? null, nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** attempts) })
      .where(eq(emailOutbox.id, id));
  }
}

/** Emails stuck in "sending" (the instance died mid-send) go back to pending after 10 minutes. */
export async function releaseStaleEmails(db: DbOrTx, now: Date): Promise<void> {
  await db.execute(sql`update email_outbox set status = 'pending' where status = 'sending' and next_attempt_at < ${new Date(now.getTime() - 600_000)}`);
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const rows = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(rows[0]?.n ?? 0);
}
