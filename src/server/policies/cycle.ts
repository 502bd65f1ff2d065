import { type Actor, hasRole, isMemberOf, type Resource as R } from './actor';

const isSecretariat = (a: Actor) => hasRole(a, 'secretariat');
const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const hasAgencyRole = (a: Actor, agencyId: unknown, roles: readonly string[]) =>
  typeof agencyId === 'number' && a.grants.some((g) => roles.includes(g.role) && g.agencyId === agencyId);
/** The service computes which fields of this assessment the actor may appraise (period assignments or role scope). */
const appraisesField = (r: R) => {
  const fields = r.appraiserFields;
  if (!Array.isArray(fields) || fields.length === 0) return false;
  return r.fieldCode === undefined || fields.includes(r.fieldCode as string);
};

/**
 * Assessment-cycle rules (issue 4). Who may act; when (phase and deadline) is checked by core/domain/workflow in
 * the services. The secretariat runs the period and may appraise; appraisers act on the fields assigned to them;
 * the agency's focal point and head self-assess and explain, only the head submits or withdraws; an agency never
 * reads another agency's assessment or evidence; admins read but do not take part in the cycle.
 */
export const cycleRules = {
  'period.read': () => true,
  'period.manage': (a: Actor) => isSecretariat(a),
  'assessment.list': () => true,
  'assessment.read': (a: Actor, r: R) => isStaff(a) || appraisesField({ ...r, fieldCode: undefined }) || isMemberOf(a, r.agencyId),
  'assessment.selfAssess': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_focal', 'agency_head']),
  'assessment.submit': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_head']),
  'assessment.withdraw': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_head']),
  'assessment.appraise': (a: Actor, r: R) => isSecretariat(a) || appraisesField(r),
  'assessment.explain': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_focal', 'agency_head']),
  'assessment.enterSurvey': (a: Actor) => isSecretariat(a),
  'assessment.history': (a: Actor, r: R) => isStaff(a) || appraisesField({ ...r, fieldCode: undefined }) || isMemberOf(a, r.agencyId),
  'period.finalise': (a: Actor) => isSecretariat(a),
  'period.publish': (a: Actor) => isSecretariat(a),
  'period.correct': (a: Actor) => isSecretariat(a),
  'results.readPublished': () => true,
  'results.readSnapshots': (a: Actor) => isStaff(a),
  'evidence.read': (a: Actor, r: R) => isStaff(a) || hasRole(a, 'appraiser') || isMemberOf(a, r.agencyId),
  'evidence.upload': (a: Actor, r: R) => hasAgencyRole(a, r.agencyId, ['agency_focal', 'agency_head']),
  'history.import': (a: Actor) => isSecretariat(a),
  /** Correcting or deleting an imported history row (audited). */
  'history.manage': (a: Actor) => isSecretariat(a),
  'lineage.read': () => true,
  /** Recording renames, mergers and splits of agencies, and a merger's comparison rule. */
  'lineage.manage': (a: Actor) => isStaff(a),
  'dashboard.secretariat': (a: Actor) => isStaff(a),
};
