import { type Actor, hasRole, type Resource as R } from './actor';

const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');

/**
 * Framework rules (issue 3): the secretariat (and admins) build, import, publish frameworks; everyone in the
 * province reads published ones (agencies score against them); drafts stay with the secretariat and appraisers.
 * A published framework is immutable: edits go to a new revision.
 */
export const frameworkRules = {
  'framework.read': (a: Actor, r: R) => r.status === 'published' || isStaff(a) || hasRole(a, 'appraiser'),
  'framework.create': (a: Actor) => isStaff(a),
  'framework.update': (a: Actor, r: R) => isStaff(a) && r.status === 'draft',
  'framework.publish': (a: Actor, r: R) => isStaff(a) && r.status === 'draft',
  'framework.newRevision': (a: Actor, r: R) => isStaff(a) && r.status === 'published',
  'framework.clone': (a: Actor) => isStaff(a),
  'framework.delete': (a: Actor, r: R) => isStaff(a) && r.status === 'draft' && r.usedByPeriods === 0,
  'framework.import': (a: Actor) => isStaff(a),
};
