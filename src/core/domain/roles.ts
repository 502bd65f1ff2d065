/** The roles of ParIndex (product.md, "Who uses it"); a user holds one or more role grants. */
export const ROLES = ['admin', 'secretariat', 'appraiser', 'agency_focal', 'agency_head', 'division_head'] as const;

export type Role = (typeof ROLES)[number];

/** Roles that must be scoped to one agency. */
export const AGENCY_SCOPED_ROLES: readonly Role[] = ['agency_focal', 'agency_head'];

/** Vietnamese and English labels of each role, as the UI shows them. */
export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  secretariat: { vi: 'Thường trực (Sở Nội vụ)', en: 'Secretariat (Home Affairs)' },
  appraiser: { vi: 'Thẩm định viên', en: 'Appraiser' },
  agency_focal: { vi: 'Cán bộ đầu mối CCHC', en: 'Agency focal point' },
  agency_head: { vi: 'Thủ trưởng cơ quan', en: 'Agency head' },
  division_head: { vi: 'Trưởng phòng', en: 'Division head' },
};
