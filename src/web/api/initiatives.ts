/** Reform initiatives (sáng kiến): list and filters, registration and edits, the head's review, linkable criteria. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CriteriaList, criteriaList, type InitiativePage, initiativePage, type InitiativeStatus, type InitiativeView, initiativeView } from '../../core/schemas/initiatives';
import { request } from './client';
import { COMMENDATIONS_KEY, INITIATIVES_KEY } from './keys';

export type { CriteriaList, InitiativePage, InitiativeStatus, InitiativeView };

export interface InitiativeFilters {
  agencyId?: number | undefined;
  year?: number | undefined;
  status?: InitiativeStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export function useInitiatives(filters: InitiativeFilters) {
  return useQuery({
    queryKey: [...INITIATIVES_KEY, 'list', filters],
    queryFn: () => request('GET', '/api/initiatives', initiativePage, { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export function useCriteria(agencyId: number | null | undefined, year: number | null | undefined) {
  return useQuery({
    queryKey: [...INITIATIVES_KEY, 'criteria', agencyId, year],
    queryFn: () => request('GET', '/api/initiatives/criteria', criteriaList, { query: { agencyId, year } }),
    enabled: agencyId != null && year != null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export interface InitiativeInput {
  agencyId: number;
  year: number;
  title: string;
  summary: string;
  authors: string;
  divisionId: number | null;
  nodeCodes: string[];
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: INITIATIVES_KEY });
    void qc.invalidateQueries({ queryKey: COMMENDATIONS_KEY });
  };
}

export function useSaveInitiative() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: null; body: InitiativeInput } | { id: number; version: number; body: Omit<InitiativeInput, 'agencyId' | 'year'> }) =>
      v.id === null ? request('POST', '/api/initiatives', initiativeView, { body: v.body }) : request('PATCH', `/api/initiatives/${v.id}`, initiativeView, { body: { ...v.body, version: v.version } }),
    onSettled: invalidate,
  });
}

export function useReviewInitiative() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; version: number; decision: 'approve' | 'reject'; note: string }) =>
      request('POST', `/api/initiatives/${v.id}/review`, initiativeView, { body: { version: v.version, decision: v.decision, note: v.note } }),
    onSettled: invalidate,
  });
}
