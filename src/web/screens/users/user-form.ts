import type { User, RoleGrantInput } from '../../api/users';
import { EMPTY_GRANT, type GrantFormValue } from './role-grants-editor';

export interface UserFormValues {
  username: string;
  fullName: string;
  email: string;
  password: string;
  mustChangePassword: boolean;
  roles: GrantFormValue[];
}

export function toFormValues(u: User | null): UserFormValues {
  if (!u) return { username: '', fullName: '', email: '', password: '', mustChangePassword: true, roles: [{ ...EMPTY_GRANT }] };
  return {
    username: u.username,
    fullName: u.fullName,
    email: u.email ?? '',
    password: '',
    mustChangePassword: u.mustChangePassword,
    roles: u.roles.map((g) => ({
      role: g.role,
      agencyId: g.agencyId,
      agencyLabel: g.agencyNameVi,
      divisionId: g.divisionId,
      divisionLabel: g.divisionNameVi,
      fieldCodes: g.fieldCodes,
      agencyIds: g.agencyIds,
    })),
  };
}

/** Only what each role uses is sent (an admin grant carries no agency, only appraisers have fields). */
export function toGrantInputs(grants: GrantFormValue[]): RoleGrantInput[] {
  return grants
    .filter((g): g is GrantFormValue & { role: NonNullable<GrantFormValue['role']> } => g.role != null)
    .map((g) => ({
      role: g.role,
      agencyId: ['agency_focal', 'agency_head', 'division_head', 'appraiser'].includes(g.role) ? (g.agencyId ?? null) : null,
      divisionId: g.role === 'division_head' ? (g.divisionId ?? null) : null,
      fieldCodes: g.role === 'appraiser' ? (g.fieldCodes ?? []).map((c) => c.trim()).filter(Boolean) : [],
      agencyIds: g.role === 'appraiser' ? (g.agencyIds ?? []) : [],
    }));
}
