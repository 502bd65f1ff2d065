import type { Role } from '../../core/domain/roles';

/** One role grant held by the actor, with its scope. */
export interface Grant {
  role: Role;
  agencyId: number | null;
  divisionId: number | null;
  fieldCodes: string[];
  agencyIds: number[];
}

/** The authenticated user making a request, as policies see them. */
export interface Actor {
  userId: number;
  provinceId: number;
  username: string;
  fullName: string;
  grants: Grant[];
}

/** True when the actor holds `role` (in any scope). */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/**
 * Roles that make a user a member of their grant's agency. An appraiser's grant also names an agency (the
 * department they work for), but appraising does not make them one of its people: they do not see or create its
 * tasks, proposals, initiatives or assessments through that grant.
 */
export const MEMBER_ROLES: readonly Role[] = ['agency_focal', 'agency_head', 'division_head'];

/** True when the actor is one of the agency's people (focal point, head or division head there). */
export function isMemberOf(actor: Actor, agencyId: unknown): boolean {
  return typeof agencyId === 'number' && actor.grants.some((g) => g.agencyId === agencyId && MEMBER_ROLES.includes(g.role));
}

/** Agencies the actor belongs to through agency_focal / agency_head / division_head grants (never an appraiser's). */
export function ownAgencyIds(actor: Actor): number[] {
  const ids = new Set<number>();
  for (const g of actor.grants) if (g.agencyId != null && MEMBER_ROLES.includes(g.role)) ids.add(g.agencyId);
  return [...ids];
}

/** The resource a policy decides on; `provinceId` is the tenant and is always checked first. */
export interface Resource {
  provinceId: number;
  agencyId?: number | null;
  divisionId?: number | null;
  userId?: number | null;
  [key: string]: unknown;
}
