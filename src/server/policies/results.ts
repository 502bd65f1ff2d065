import { type Actor, hasRole, isMemberOf, type Resource as R } from './actor';

const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');

/**
 * Results rules: results computed from unpublished scores are for the secretariat, admins and appraisers; an
 * agency's own scorecard is readable by its people (never another agency's unpublished data). Published
 * results are public (no login) and are served by the publication module.
 */
export const resultRules = {
  'results.readGroup': (a: Actor) => isStaff(a) || hasRole(a, 'appraiser'),
  'results.readAgency': (a: Actor, r: R) => isStaff(a) || hasRole(a, 'appraiser') || isMemberOf(a, r.agencyId),
};
