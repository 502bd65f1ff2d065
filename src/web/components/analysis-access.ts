import type { Role } from '../../core/domain/roles';
import type { Me } from '../api/auth';

// The server's analysis rules (policies/remediation.ts): every signed-in user may read any agency's analysis of
// published results; the province view is the secretariat's and administrators'. /api/auth/me does not carry
// `analysis.province` yet, so the roles the policy names stand in when the ability is absent. Kept apart from
// api/ so the navigation pulls no schemas.
const PROVINCE_ROLES: readonly Role[] = ['admin', 'secretariat'];
const AGENCY_ROLES: readonly Role[] = ['agency_focal', 'agency_head', 'division_head'];

/** True when the user may open the province view (the ability when the server sends it, else the policy's roles). */
export function canReadProvinceAnalysis(me: Me): boolean {
  const granted = me.abilities['analysis.province'];
  if (granted !== undefined) return granted;
  return me.user.roles.some((g) => PROVINCE_ROLES.includes(g.role));
}

/** The agency whose analysis an agency user lands on (their first agency-scoped grant), if any. */
export function ownAnalysisAgencyId(me: Me): number | null {
  return me.user.roles.find((g) => g.agencyId != null && AGENCY_ROLES.includes(g.role))?.agencyId ?? null;
}

/** True when the page offers a choice of agency: users who are not an agency's own (secretariat, administrators, appraisers). */
export function canChooseAnalysisAgency(me: Me): boolean {
  return canReadProvinceAnalysis(me) || ownAnalysisAgencyId(me) === null;
}
