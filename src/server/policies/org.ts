import { type Actor, hasRole, type Resource as R } from './actor';

const isAdmin = (a: Actor) => hasRole(a, 'admin');
const isStaff = (a: Actor) => hasRole(a, 'admin') || hasRole(a, 'secretariat');
const anyone = () => true;
const headOf = (a: Actor, agencyId: number | null | undefined) =>
  agencyId != null && a.grants.some((g) => g.role === 'agency_head' && g.agencyId === agencyId);

/**
 * Organisation rules (issue 2): the organisation's structure is public inside the province (names and codes of
 * agencies are published with results anyway); only admins change it, except that an agency head manages the
 * divisions of their own agency. Accounts are managed by admins; everyone reads their own account.
 */
export const orgRules = {
  'province.read': anyone,
  'province.update': (a: Actor) => isAdmin(a),
  'agencyGroup.read': anyone,
  'agencyGroup.create': (a: Actor) => isAdmin(a),
  'agencyGroup.update': (a: Actor) => isAdmin(a),
  'agency.read': anyone,
  'agency.create': (a: Actor) => isAdmin(a),
  'agency.update': (a: Actor) => isAdmin(a),
  'agency.deactivate': (a: Actor) => isAdmin(a),
  'agency.import': (a: Actor) => isAdmin(a),
  'division.read': anyone,
  'division.create': (a: Actor, r: R) => isAdmin(a) || headOf(a, r.agencyId),
  'division.update': (a: Actor, r: R) => isAdmin(a) || headOf(a, r.agencyId),
  'user.list': (a: Actor) => isStaff(a),
  'user.read': (a: Actor, r: R) => isStaff(a) || r.userId === a.userId,
  'user.create': (a: Actor) => isAdmin(a),
  'user.update': (a: Actor) => isAdmin(a),
  'user.deactivate': (a: Actor, r: R) => isAdmin(a) && r.userId !== a.userId,
  'user.resetPassword': (a: Actor) => isAdmin(a),
  'user.unlock': (a: Actor) => isAdmin(a),
  'user.import': (a: Actor) => isAdmin(a),
  'audit.list': (a: Actor) => isStaff(a),
  'backup.list': (a: Actor) => isAdmin(a),
};
