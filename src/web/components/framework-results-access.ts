import type { Role } from '../../core/domain/roles';
import type { Me } from '../api/auth';

// Stop-gaps until /api/auth/me carries `framework.create` and `results.readGroup` (see the report): the roles the
// server's framework and results policies name. Kept apart from api/ so the navigation pulls no schemas.
const FRAMEWORK_ROLES: readonly Role[] = ['admin', 'secretariat', 'appraiser'];
const GROUP_RESULT_ROLES: readonly Role[] = ['admin', 'secretariat', 'appraiser'];

/** True when the navigation offers the frameworks (the global ability when the server sends it, else the roles). */
export function canSeeFrameworks(me: Me): boolean {
  return me.abilities['framework.create'] === true || me.user.roles.some((g) => FRAMEWORK_ROLES.includes(g.role));
}

/** True when the server lets the user read a whole group's results (the global ability, else the policy's roles). */
export function canReadGroupResults(me: Me): boolean {
  const granted = me.abilities['results.readGroup'];
  if (granted !== undefined) return granted;
  return me.user.roles.some((g) => GROUP_RESULT_ROLES.includes(g.role));
}

/** The agency whose scorecard an agency user reads (their first agency-scoped grant), if any. */
export function ownAgencyId(me: Me): number | null {
  return me.user.roles.find((g) => g.agencyId != null)?.agencyId ?? null;
}
