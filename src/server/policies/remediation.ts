import { type Actor, hasRole, isMemberOf, type Resource as R } from './actor';

const isSecretariat = (a: Actor) => hasRole(a, 'secretariat');
const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const hasAgencyRole = (a: Actor, agencyId: unknown, roles: readonly string[]) =>
  typeof agencyId === 'number' && a.grants.some((g) => roles.includes(g.role) && g.agencyId === agencyId);
/** A division head of one of the resource's divisions (`divisionIds`: the lead and supporting divisions of a task). */
const headsDivisionOf = (a: Actor, r: R) => {
  const ids = Array.isArray(r.divisionIds) ? (r.divisionIds as unknown[]) : [];
  return a.grants.some((g) => g.role === 'division_head' && g.agencyId === r.agencyId && g.divisionId != null && ids.includes(g.divisionId));
};
const MANAGERS = ['agency_focal', 'agency_head'] as const;

/**
 * Issue 6 rules. The analysis reads published results only, which are public within the province, so every
 * signed-in user may read any agency's analysis and report; the province view is the secretariat's. An agency's
 * remediation tasks, internal council and initiatives are its own: its focal point and head manage them, division
 * heads update the tasks of their divisions, the secretariat and admins read them (monitoring); no other agency
 * sees them. Commendation proposals are the secretariat's.
 */
export const remediationRules = {
  'analysis.read': () => true,
  'analysis.province': (a: Actor) => isStaff(a),
  /** Reports (docs/reports.md): the results annex holds published, public results; a table export only formats rows the caller already has. */
  'report.annex': () => true,
  'report.exportTable': () => true,
  'task.read': (a: Actor, r: R) => isStaff(a) || isMemberOf(a, r.agencyId),
  'task.manage': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, MANAGERS),
  'task.update': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, MANAGERS) || headsDivisionOf(a, r),
  'council.read': (a: Actor, r: R) => isStaff(a) || hasAgencyRole(a, r.agencyId, [...MANAGERS, 'division_head']),
  'council.manage': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, MANAGERS),
  'initiative.read': (a: Actor, r: R) => isStaff(a) || isMemberOf(a, r.agencyId),
  /** Any staff of the agency registers; an existing initiative (with `createdBy`) is edited by its author or the agency's managers. */
  'initiative.create': (a: Actor, r: R) =>
    isMemberOf(a, r.agencyId) && (r.createdBy == null || r.createdBy === a.userId || hasAgencyRole(a, r.agencyId, MANAGERS)),
  'initiative.review': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_head']),
  'commendation.read': (a: Actor, r: R) => isStaff(a) || isMemberOf(a, r.agencyId),
  'commendation.manage': (a: Actor) => isSecretariat(a),
};
