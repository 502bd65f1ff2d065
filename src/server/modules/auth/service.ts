import { AppError } from '../../../core/errors';
import type { DbOrTx } from '../../db/client';
import type { Me } from '../../../core/schemas/auth';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { randomToken } from '../../lib/tokens';
import { assertPasswordAcceptable } from '../../lib/password-policy';
import { type Action, can, requireActor } from '../../policies';
import { grantsOf } from '../users/service';
import * as q from './queries';
import { accountKey, assertNotThrottled, countFailure, LOGIN_THROTTLE, throttleKeys } from './throttle';

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  me: Me;
}

/**
 * Checks username and password and, on success, creates a server-side session. An unknown username, a wrong
 * password and a deactivated account get the same `invalid_credentials` after the same work (a password hash is
 * checked in every case, a dummy one for an unknown user, and the failure is counted and audited alike). Failures
 * slow down the account from this client and the client (see ./throttle.ts): a blocked attempt is `rate_limited`.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string },
  sessionTtlMs: number,
): Promise<LoginResult> {
  const keys = throttleKeys(input.username, ctx.ip);
  await assertNotThrottled(ctx.db, keys, ctx.now);
  const user = await q.findUserForLogin(ctx.db, input.username);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !passwordOk || !user.isActive) {
    await ctx.db.transaction(async (tx) => {
      const { failures, blockedUntil } = await countFailure(tx, keys, ctx.now);
      await appendAudit(tx, { ...ctx, actor: null }, {
        action: blockedUntil ? 'auth.login_throttled' : 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        provinceId: user?.provinceId ?? null,
        newValue: {
          ...(user ? { username: user.username } : { unknownUser: true }),
          failures,
          ...(blockedUntil ? { blockedUntil: blockedUntil.toISOString() } : {}),
        },
      });
    });
    throw new AppError('invalid_credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    await q.clearLoginFailures(tx, keys.pair);
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

/** Ends the current session server-side (the cookie alone no longer opens anything). */
export async function logout(ctx: Ctx, sessionId: string | null): Promise<void> {
  if (!sessionId) return;
  await ctx.db.transaction(async (tx) => {
    await q.deleteSession(tx, sessionId, ctx.actor?.userId ?? null);
    if (ctx.actor) await appendAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
  ctx.sessions?.forgetSession(sessionId);
  if (ctx.actor) await ctx.sessions?.afterChange(ctx.actor.userId);
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
  'matrix.read',
  'results.readSnapshots',
  'history.import',
  'lineage.manage',
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
      preferredYear: user.preferredYear,
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
  assertPasswordAcceptable(input.newPassword, user.username, 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await q.updatePassword(tx, actor.userId, hash, ctx.now, false);
    await q.deleteUserSessions(tx, actor.userId, sessionId ?? undefined);
    await appendAudit(tx, ctx, { action: 'auth.change_password', entityType: 'user', entityId: actor.userId });
  });
  await ctx.sessions?.afterChange(actor.userId);
}

/** Remembers the assessment year the actor chose in the top bar (null forgets it); see decision 0015. */
export async function setPreferredYear(ctx: Ctx, year: number | null): Promise<void> {
  const actor = requireActor(ctx.actor);
  await q.updateUserYear(ctx.db, actor.userId, year);
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

/** Stores a new password hash for a user. */
export async function storePassword(tx: DbOrTx, userId: number, passwordHash: string, now: Date, mustChange: boolean): Promise<void> {
  await q.updatePassword(tx, userId, passwordHash, now, mustChange);
}

/** An administrator's unlock: forgets the account's failed logins from every client. Returns how many counters went. */
export async function unlockLogin(tx: DbOrTx, username: string): Promise<number> {
  return q.unlockAccount(tx, accountKey(username));
}

/** Housekeeping: drops login failure counters quiet for longer than the longest memory of the policy. */
export async function forgetOldLoginFailures(db: DbOrTx, now: Date): Promise<void> {
  await q.pruneLoginThrottles(db, now, Math.max(LOGIN_THROTTLE.account.forgetMs, LOGIN_THROTTLE.client.forgetMs));
}

/** Failed logins still counted and the block in force, by username (for the users screen). */
export async function loginThrottleStatus(db: DbOrTx, usernames: string[], now: Date): Promise<Map<string, { failures: number; blockedUntil: Date | null }>> {
  const byKey = await q.throttleStatus(db, usernames.map(accountKey), now, LOGIN_THROTTLE.account.forgetMs);
  return new Map(usernames.map((u) => [u, byKey.get(accountKey(u)) ?? { failures: 0, blockedUntil: null }]));
}
