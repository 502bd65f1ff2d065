/** Query keys, one place: invalidating a prefix refreshes every view of that resource. */
export const ME_KEY = ['me'] as const;
export const PROVINCE_KEY = ['province'] as const;
export const AGENCY_GROUPS_KEY = ['agency-groups'] as const;
export const AGENCIES_KEY = ['agencies'] as const;
export const DIVISIONS_KEY = ['divisions'] as const;
export const USERS_KEY = ['users'] as const;
export const AUDIT_KEY = ['audit'] as const;
export const FRAMEWORKS_KEY = ['frameworks'] as const;
export const RESULTS_KEY = ['results'] as const;
export const PERIODS_KEY = ['periods'] as const;
export const ASSESSMENTS_KEY = ['assessments'] as const;
export const EVIDENCE_KEY = ['evidence'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const PUBLICATION_KEY = ['publication'] as const;
export const PUBLIC_RESULTS_KEY = ['public-results'] as const;
export const SURVEYS_KEY = ['surveys'] as const;
