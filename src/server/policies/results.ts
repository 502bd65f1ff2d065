import { phaseIndex, type Phase } from '../../core/domain/workflow';
import { MATRIX_STAGES, type MatrixStage } from '../../core/schemas/matrix';
import { type Actor, hasRole, isMemberOf, ownAgencyIds, type Resource as R } from './actor';

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

/**
 * The leaf matrix (issue 12): the secretariat and admins read every agency of a group at every stage; an appraiser
 * reads the agencies and fields of their appraisal scope (period assignments, else role grants); an agency's people
 * read only their own row, and its appraisal stages only once the workflow shows them to the agency (round 1 from
 * the explanation phase, final from finalisation), so an agency never sees another agency's data.
 */
export const matrixRules = {
  'matrix.read': (a: Actor) => isStaff(a) || hasRole(a, 'appraiser') || ownAgencyIds(a).length > 0,
};

/** What of a group's leaf matrix the actor reads in a period of this phase (see {@link matrixRules}). */
export function matrixViewFor(a: Actor, phase: Phase): { scope: 'all' | 'appraiser' | 'own'; stages: MatrixStage[]; ownAgencyIds: number[] } {
  if (isStaff(a)) return { scope: 'all', stages: [...MATRIX_STAGES], ownAgencyIds: [] };
  if (hasRole(a, 'appraiser')) return { scope: 'appraiser', stages: [...MATRIX_STAGES], ownAgencyIds: [] };
  const stages: MatrixStage[] = ['self'];
  if (phaseIndex(phase) >= phaseIndex('explanation')) stages.push('appraisal1');
  if (phaseIndex(phase) >= phaseIndex('finalised')) stages.push('final');
  return { scope: 'own', stages, ownAgencyIds: ownAgencyIds(a) };
}

/** The national tier: a province's results in the Ministry's published ranking are public, so every signed-in user of the province reads them. */
export const nationalRules = {
  'national.read': () => true,
};
