import type { User } from '../../../core/schemas/users';
import { abilitiesFor, type Actor } from '../../policies';
import type { GrantRow, UserRow } from './queries';

export const USER_ACTIONS = ['user.update', 'user.deactivate', 'user.resetPassword', 'user.unlock'] as const;

/** Failed logins still counted for a user and the block in force (auth module's throttling). */
export interface LoginThrottle {
  failures: number;
  blockedUntil: Date | null;
}

/** The wire shape of a user (never the password hash), with the actor's abilities on it. */
export function presentUser(row: UserRow, grants: GrantRow[], actor: Actor | null, now: Date, throttle?: LoginThrottle): User {
  const until = throttle?.blockedUntil ?? null;
  const locked = until !== null && until > now;
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    email: row.email,
    isActive: row.isActive,
    mustChangePassword: row.mustChangePassword,
    isLocked: locked,
    lockedUntil: locked ? until.toISOString() : null,
    failedLogins: throttle?.failures ?? 0,
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
    roles: grants
      .filter((g) => g.userId === row.id)
      .map((g) => ({
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
    version: row.version,
    abilities: abilitiesFor(actor, USER_ACTIONS, { provinceId: row.provinceId, userId: row.id }),
  };
}
