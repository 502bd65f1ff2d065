import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { type AuditEntry, auditEntry } from '../../core/schemas/audit';
import { pageOf } from '../../core/schemas/common';
import { request } from './client';
import { AUDIT_KEY } from './keys';

export type { AuditEntry };

const auditPage = pageOf(auditEntry).extend({
  facets: z.object({ entityTypes: z.array(z.string()), actions: z.array(z.string()) }),
});

export interface AuditListParams {
  page: number;
  pageSize: number;
  actorId?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export function useAudit(params: AuditListParams) {
  return useQuery({
    queryKey: [...AUDIT_KEY, params],
    queryFn: () => request('GET', '/api/audit', auditPage, { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
