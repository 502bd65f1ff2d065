/** Query keys, one place: invalidating a prefix refreshes every view of that resource. */
export const ME_KEY = ['me'] as const;
export const PROVINCE_KEY = ['province'] as const;
export const AGENCY_GROUPS_KEY = ['agency-groups'] as const;
export const AGENCIES_KEY = ['agencies'] as const;
export const DIVISIONS_KEY = ['divisions'] as const;
export const USERS_KEY = ['users'] as const;
export const AUDIT_KEY = ['audit'] as const;
