import type { Bilingual } from '../../../core/errors';
import type { DbOrTx } from '../../db/client';
import type { Ctx } from '../../lib/context';
import { requireActor } from '../../policies';
import * as q from './queries';

export interface Message {
  kind: string;
  title: Bilingual;
  body?: Bilingual;
  link?: string;
}

/**
 * Notifies users in-app and, for those with an email address, queues an email in their language; runs inside the
 * caller's transaction so a notification exists exactly when the change that caused it does.
 */
export async function notifyUsers(tx: DbOrTx, userIds: number[], message: Message, now: Date): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const recipients = await q.findRecipients(tx, unique);
  await q.insertNotifications(
    tx,
    recipients.map((r) => ({
      userId: r.id,
      kind: message.kind,
      titleVi: message.title.vi,
      titleEn: message.title.en,
      bodyVi: message.body?.vi ?? '',
      bodyEn: message.body?.en ?? '',
      link: message.link ?? null,
      createdAt: now,
    })),
  );
  await q.insertEmails(
    tx,
    recipients
      .filter((r) => r.email)
      .map((r) => {
        const lang = r.lang === 'en' ? 'en' : 'vi';
        return {
          toAddress: r.email!,
          subject: `[ParIndex] ${message.title[lang]}`,
          bodyText: `${message.title[lang]}\n\n${message.body?.[lang] ?? ''}${message.link ? `\n\n${message.link}` : ''}\n\n— ParIndex`,
          createdAt: now,
          nextAttemptAt: now,
        };
      }),
  );
  return recipients.length;
}

/** Users with agency roles (focal, head, ...) of some agencies. */
export function agencyUsers(tx: DbOrTx, provinceId: number, agencyIds: number[], roles: string[] = ['agency_focal', 'agency_head']) {
  return q.findUsersByRole(tx, provinceId, roles, agencyIds);
}

/** Users with province-wide roles (secretariat, appraiser, ...). */
export function provinceUsers(tx: DbOrTx, provinceId: number, roles: string[]) {
  return q.findUsersByRole(tx, provinceId, roles, null);
}

/** My notifications, newest first, with the unread count for the bell. */
export async function listMyNotifications(ctx: Ctx, limit: number, unreadOnly: boolean) {
  const actor = requireActor(ctx.actor);
  const { items, unread } = await q.listForUser(ctx.db, actor.userId, limit, unreadOnly);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: ctx.lang === 'en' ? n.titleEn : n.titleVi,
      body: ctx.lang === 'en' ? n.bodyEn : n.bodyVi,
      link: n.link,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt !== null,
    })),
  };
}

/** Marks some (or all) of my notifications read. */
export async function markMyNotificationsRead(ctx: Ctx, ids: number[] | 'all'): Promise<number> {
  const actor = requireActor(ctx.actor);
  await q.markRead(ctx.db, actor.userId, ids, ctx.now);
  return q.unreadCount(ctx.db, actor.userId);
}
