import type { z } from 'zod';
import { AppError, type Bilingual } from '../../../core/errors';
import type { RoleGrant, User, userCreate, userListQuery, userUpdate } from '../../../core/schemas/users';
import type { DbOrTx } from '../../db/client';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { hashPassword } from '../../lib/passwords';
import { abilitiesFor, authorize, requireActor } from '../../policies';
import { assertPasswordAcceptable } from '../../lib/password-policy';
import { endUserSessions, loginThrottleStatus, storePassword, unlockLogin } from '../auth/service';
import { presentUser } from './present';
import * as q from './queries';

type FieldErr = { path: string; message: Bilingual };

/** Role grants of the given users with agency and division names (used by the auth module for `me`). */
export async function grantsOf(db: DbOrTx, userIds: number[]): Promise<q.GrantRow[]> {
  return q.listGrants(db, userIds);
}

/** Checks that every agency/division a grant names exists in the actor's province; fills a division head's agency. */
export async function resolveGrants(
  ctx: Ctx,
  provinceId: number,
  grants: RoleGrant[],
  pathPrefix = 'roles',
): Promise<{ grants: q.GrantInsert[]; fields: FieldErr[] }> {
  const fields: FieldErr[] = [];
  const agencyIds = new Set<number>();
  for (const g of grants) {
    if (g.agencyId != null) agencyIds.add(g.agencyId);
    for (const a of g.agencyIds) agencyIds.add(a);
  }
  const divisionIds = grants.map((g) => g.divisionId).filter((d): d is number => d != null);
  const [agencyRows, divisionRows] = await Promise.all([
    q.findAgencyProvinces(ctx.db, [...agencyIds]),
    q.findDivisionsWithAgency(ctx.db, divisionIds),
  ]);
  const knownAgencies = new Set(agencyRows.filter((a) => a.provinceId === provinceId).map((a) => a.id));
  const divisionsById = new Map(divisionRows.filter((d) => d.provinceId === provinceId).map((d) => [d.id, d]));
  const out: q.GrantInsert[] = [];
  const notFound = { vi: 'Không tồn tại.', en: 'Does not exist.' };
  grants.forEach((g, i) => {
    let agencyId = g.agencyId;
    if (agencyId != null && !knownAgencies.has(agencyId)) fields.push({ path: `${pathPrefix}.${i}.agencyId`, message: notFound });
    g.agencyIds.forEach((a, j) => {
      if (!knownAgencies.has(a)) fields.push({ path: `${pathPrefix}.${i}.agencyIds.${j}`, message: notFound });
    });
    if (g.divisionId != null) {
      const d = divisionsById.get(g.divisionId);
      if (!d) fields.push({ path: `${pathPrefix}.${i}.divisionId`, message: notFound });
      else if (agencyId != null && agencyId !== d.agencyId)
        fields.push({
          path: `${pathPrefix}.${i}.divisionId`,
          message: { vi: 'Phòng không thuộc cơ quan đã chọn.', en: 'The division is not in the chosen agency.' },
        });
      else agencyId = d.agencyId;
    }
    const scoped = g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head';
    out.push({
      role: g.role,
      agencyId: scoped || g.role === 'appraiser' ? agencyId : null,
      divisionId: g.role === 'division_head' ? g.divisionId : null,
      fieldCodes: g.role === 'appraiser' ? g.fieldCodes : [],
      agencyIds: g.role === 'appraiser' ? g.agencyIds : [],
    });
  });
  const seen = new Set<string>();
  out.forEach((g, i) => {
    const key = `${g.role}:${g.agencyId}:${g.divisionId}`;
    if (seen.has(key))
      fields.push({ path: `${pathPrefix}.${i}.role`, message: { vi: 'Vai trò bị trùng.', en: 'Duplicate role.' } });
    seen.add(key);
  });
  return { grants: out, fields };
}

/** Lists the users of the actor's province (admin, secretariat). */
export async function listUsers(ctx: Ctx, query: z.infer<typeof userListQuery>) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'user.list', { provinceId: actor.provinceId });
  const { items, total } = await q.listUsers(
    ctx.db,
    { provinceId: actor.provinceId, q: query.q, role: query.role, agencyId: query.agencyId, active: query.active },
    query.page,
    query.pageSize,
  );
  const grants = await q.listGrants(
    ctx.db,
    items.map((u) => u.id),
  );
  const throttles = await loginThrottleStatus(ctx.db, items.map((u) => u.username), ctx.now);
  return {
    items: items.map((u) => presentUser(u, grants, actor, ctx.now, throttles.get(u.username))),
    total,
    page: query.page,
    pageSize: query.pageSize,
    abilities: abilitiesFor(actor, ['user.create', 'user.import'], { provinceId: actor.provinceId }),
  };
}

async function loadUser(ctx: Ctx, id: number) {
  const row = await q.findUser(ctx.db, id);
  if (!row || row.provinceId !== ctx.actor?.provinceId) throw new AppError('not_found');
  return row;
}

/** A user's wire shape with their grants and login throttling. */
async function present(ctx: Ctx, actor: NonNullable<Ctx['actor']>, row: q.UserRow): Promise<User> {
  const [grants, throttles] = await Promise.all([q.listGrants(ctx.db, [row.id]), loginThrottleStatus(ctx.db, [row.username], ctx.now)]);
  return presentUser(row, grants, actor, ctx.now, throttles.get(row.username));
}

/** One user with their role grants. */
export async function getUser(ctx: Ctx, id: number): Promise<User> {
  const actor = requireActor(ctx.actor);
  const row = await loadUser(ctx, id);
  authorize(actor, 'user.read', { provinceId: row.provinceId, userId: row.id });
  return present(ctx, actor, row);
}

function auditView(row: q.UserRow, grants: q.GrantInsert[] | q.GrantRow[]) {
  return {
    username: row.username,
    fullName: row.fullName,
    email: row.email,
    isActive: row.isActive,
    roles: grants.map((g) => ({ role: g.role, agencyId: g.agencyId, divisionId: g.divisionId, fieldCodes: g.fieldCodes, agencyIds: g.agencyIds })),
  };
}

/** Creates a user with a hashed password and role grants; `duplicate` when the username is taken. */
export async function createUser(ctx: Ctx, input: z.infer<typeof userCreate>): Promise<User> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'user.create', { provinceId: actor.provinceId });
  const { grants, fields } = await resolveGrants(ctx, actor.provinceId, input.roles);
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  if (await q.findUserByUsername(ctx.db, input.username)) {
    throw new AppError('duplicate', undefined, {
      fields: [{ path: 'username', message: { vi: 'Tên đăng nhập đã tồn tại.', en: 'This username is taken.' } }],
    });
  }
  assertPasswordAcceptable(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await q.insertUser(tx, {
      provinceId: actor.provinceId,
      username: input.username,
      fullName: input.fullName,
      email: input.email,
      passwordHash,
      mustChangePassword: input.mustChangePassword,
      passwordChangedAt: ctx.now,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await q.replaceGrants(tx, created.id, grants);
    await appendAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: created.id, newValue: auditView(created, grants) });
    return created;
  });
  return present(ctx, actor, row);
}

/** Updates name, email, active flag and roles under optimistic concurrency; deactivation ends the user's sessions. */
export async function updateUser(ctx: Ctx, id: number, input: z.infer<typeof userUpdate>): Promise<User> {
  const actor = requireActor(ctx.actor);
  const before = await loadUser(ctx, id);
  const resource = { provinceId: before.provinceId, userId: before.id };
  authorize(actor, 'user.update', resource);
  if (input.isActive === false && before.isActive) authorize(actor, 'user.deactivate', resource);
  let grants: q.GrantInsert[] | undefined;
  if (input.roles) {
    const resolved = await resolveGrants(ctx, actor.provinceId, input.roles);
    if (resolved.fields.length) throw new AppError('validation_failed', undefined, { fields: resolved.fields });
    grants = resolved.grants;
    if (id === actor.userId && !grants.some((g) => g.role === 'admin')) {
      throw new AppError('validation_failed', undefined, {
        fields: [{ path: 'roles', message: { vi: 'Bạn không thể tự bỏ quyền quản trị của mình.', en: 'You cannot remove your own admin role.' } }],
      });
    }
  }
  const row = await ctx.db.transaction(async (tx) => {
    const oldGrants = await q.listGrants(tx, [id]);
    const updated = await q.updateUserVersioned(tx, id, input.version, {
      ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    if (grants) await q.replaceGrants(tx, id, grants);
    if (input.isActive === false) await endUserSessions(tx, id);
    await appendAudit(tx, ctx, {
      action: input.isActive === false && before.isActive ? 'user.deactivate' : 'user.update',
      entityType: 'user',
      entityId: id,
      oldValue: auditView(before, oldGrants),
      newValue: auditView(updated, grants ?? oldGrants),
    });
    return updated;
  });
  // Committed: this instance drops the user's cached sessions now (the others on the announcement).
  await ctx.sessions?.afterChange(id);
  return present(ctx, actor, row);
}

/** An admin sets a new password for a user, clears their failed logins and ends the user's sessions. */
export async function resetPassword(ctx: Ctx, id: number, password: string, mustChangePassword: boolean): Promise<User> {
  const actor = requireActor(ctx.actor);
  const before = await loadUser(ctx, id);
  authorize(actor, 'user.resetPassword', { provinceId: before.provinceId, userId: before.id });
  assertPasswordAcceptable(password, before.username, 'password');
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await storePassword(tx, id, passwordHash, ctx.now, mustChangePassword);
    await endUserSessions(tx, id);
    const unlocked = await unlockLogin(tx, before.username);
    await appendAudit(tx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id, newValue: { mustChangePassword, unlocked: unlocked > 0 } });
  });
  await ctx.sessions?.afterChange(id);
  return getUser(ctx, id);
}

/**
 * An admin lets a user log in again at once: their failed logins are forgotten on every client (and the
 * per-client counters of the addresses they failed from), without touching their password or sessions.
 */
export async function unlockUser(ctx: Ctx, id: number): Promise<User> {
  const actor = requireActor(ctx.actor);
  const before = await loadUser(ctx, id);
  authorize(actor, 'user.unlock', { provinceId: before.provinceId, userId: before.id });
  await ctx.db.transaction(async (tx) => {
    const counters = await unlockLogin(tx, before.username);
    await appendAudit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, newValue: { counters } });
  });
  return getUser(ctx, id);
}
