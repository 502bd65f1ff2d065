import { AppError } from '../../../core/errors';
import type { DbOrTx } from '../../db/client';
import type { Me } from '../../../core/schemas/auth';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { randomToken } from '../../lib/tokens';
import { type Action, can, requireActor } from '../../policies';
import { grantsOf } from '../users/service';
import * as q from './queries';

/** Lockout policy (issue 2): 5 failed attempts lock the account for 15 minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  me: Me;
}

/**
 * Checks username and password; counts failures and locks after 5 for 15 minutes; on success creates a
 * server-side session. The same `invalid_credentials` answers an unknown user and a wrong password.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
  sessionTtlMs: number,
): Promise<LoginResult> {
  const user = await q.findUserForLogin(ctx.db, input.username);
  if (!user) {
    await verifyPassword(input.password, await dummyPasswordHash());
    throw new AppError('invalid_credentials');
  }
  const auditCtx = { ...ctx, actor: null };
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    await appendAudit(ctx.db, auditCtx, {
      action: 'auth.login_refused_locked',
      entityType: 'user',
      entityId: user.id,
      provinceId: user.provinceId,
      newValue: { username: user.username },
    });
    throw lockedError(user.lockedUntil, ctx.now);
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const lockedUntil = await q.recordFailedLogin(ctx.db, user.id, ctx.now, MAX_FAILED_LOGINS, LOCK_MINUTES * 60_000);
    await appendAudit(ctx.db, auditCtx, {
      action: lockedUntil ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      provinceId: user.provinceId,
      newValue: { username: user.username, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) },
    });
    if (lockedUntil) throw lockedError(lockedUntil, ctx.now);
    throw new AppError('invalid_credentials');
  }
  if (!user.isActive) throw new AppError('account_inactive');
  const token = randomToken();
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    await q.recordSuccessfulLogin(tx, user.id, ctx.now);
    await q.insertSession(tx, {
      token,
      userId: user.id,
      csrfToken,
      now: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + sessionTtlMs),
      ...(ctx.ip ? { ip: ctx.ip } : {}),
      ...(input.userAgent ? { userAgent: input.userAgent } : {}),
    });
    const self = { userId: user.id, provinceId: user.provinceId, username: user.username, fullName: user.fullName, grants: [] };
    await appendAudit(tx, { ...ctx, actor: self }, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      provinceId: user.provinceId,
      newValue: { username: user.username },
    });
  });
  const session = await q.findSessionActor(ctx.db, token, ctx.now);
  if (!session) throw new AppError('internal');
  const described = await me({ ...ctx, actor: session.actor }, csrfToken);
  return { token, csrfToken, userId: user.id, me: described };
}

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'account_locked',
    {
      vi: `Tài khoản tạm khóa do đăng nhập sai ${MAX_FAILED_LOGINS} lần. Thử lại sau ${minutes} phút hoặc liên hệ quản trị.`,
      en: `The account is locked after ${MAX_FAILED_LOGINS} failed logins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} or ask an administrator.`,
    },
    { details: { lockedUntil: until.toISOString(), minutes } },
  );
}

/** Ends the current session server-side (the cookie alone no longer opens anything). */
export async function logout(ctx: Ctx, sessionId: string | null): Promise<void> {
  if (!sessionId) return;
  await ctx.db.transaction(async (tx) => {
    await q.deleteSession(tx, sessionId);
    if (ctx.actor) await appendAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
}

/** Global abilities that drive the navigation, keyed by full action name (e.g. `user.list`). */
const NAV_ACTIONS: Action[] = [
  'user.list',
  'user.create',
  'agency.create',
  'agencyGroup.create',
  'audit.list',
  'province.update',
  'period.manage',
  'assessment.list',
  'framework.create',
  'framework.import',
  'results.readGroup',
  'results.readSnapshots',
  'history.import',
  'survey.read',
  'survey.manage',
  'analysis.province',
  'commendation.manage',
];

/** The current user, their province, CSRF token and navigation abilities. */
export async function me(ctx: Ctx, csrfToken: string): Promise<Me> {
  const actor = requireActor(ctx.actor);
  const user = await q.findUserById(ctx.db, actor.userId);
  const province = await q.findProvince(ctx.db, actor.provinceId);
  if (!user || !province) throw new AppError('unauthenticated');
  const grants = await grantsOf(ctx.db, [user.id]);
  return {
    user: {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      lang: user.lang === 'en' ? 'en' : 'vi',
      mustChangePassword: user.mustChangePassword,
      roles: grants.map((g) => ({
        role: g.role,
        agencyId: g.agencyId,
        agencyNameVi: g.agencyNameVi,
        agencyNameEn: g.agencyNameEn,
        divisionId: g.divisionId,
        divisionNameVi: g.divisionNameVi,
        divisionNameEn: g.divisionNameEn,
        fieldCodes: g.fieldCodes,
        agencyIds: g.agencyIds,
      })),
    },
    province: { id: province.id, code: province.code, nameVi: province.nameVi, nameEn: province.nameEn },
    csrfToken,
    abilities: Object.fromEntries(NAV_ACTIONS.map((a) => [a, can(actor, a, { provinceId: actor.provinceId })])),
  };
}

/** Changes the actor's own password after checking the current one; other sessions of the user are ended. */
export async function changePassword(
  ctx: Ctx,
  sessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(ctx.actor);
  const user = await q.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'currentPassword', message: { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' } }],
    });
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'newPassword', message: { vi: 'Mật khẩu mới phải khác mật khẩu cũ.', en: 'The new password must differ from the old one.' } }],
    });
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await q.updatePassword(tx, actor.userId, hash, ctx.now, false);
    await q.deleteUserSessions(tx, actor.userId, sessionId ?? undefined);
    await appendAudit(tx, ctx, { action: 'auth.change_password', entityType: 'user', entityId: actor.userId });
  });
}

/** Stores the actor's preferred language. */
export async function setLanguage(ctx: Ctx, lang: 'vi' | 'en'): Promise<void> {
  const actor = requireActor(ctx.actor);
  await q.updateUserLang(ctx.db, actor.userId, lang);
}

/** Ends every session of a user (deactivation, password reset), optionally keeping one. */
export async function endUserSessions(tx: DbOrTx, userId: number, exceptSessionId?: string): Promise<void> {
  await q.deleteUserSessions(tx, userId, exceptSessionId);
}

/** Stores a new password hash for a user and clears any lockout. */
export async function storePassword(tx: DbOrTx, userId: number, passwordHash: string, now: Date, mustChange: boolean): Promise<void> {
  await q.updatePassword(tx, userId, passwordHash, now, mustChange);
}
