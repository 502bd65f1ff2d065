/**
 * The internal council (hội đồng đánh giá CCHC nội bộ) of an agency for a period: responsibilities (which division
 * answers for which leaf), the council sheet with scores, recording, the accountability view and the .xlsx export.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AccountabilityView,
  accountabilityView,
  type CouncilDivisionRow,
  type CouncilLeaf,
  type CouncilSheet,
  councilSheet,
  type ResponsibilitiesView,
  responsibilitiesView,
  type ResponsibilityLeaf,
} from '../../core/schemas/council';
import { download, request } from './client';
import { COUNCIL_KEY, TASKS_KEY } from './keys';

export type { AccountabilityView, CouncilDivisionRow, CouncilLeaf, CouncilSheet, ResponsibilitiesView, ResponsibilityLeaf };

const path = (agencyId: number) => `/api/agencies/${agencyId}/council`;

export function useCouncilSheet(agencyId: number | null | undefined, periodId: number | undefined) {
  return useQuery({
    queryKey: [...COUNCIL_KEY, 'sheet', agencyId, periodId],
    queryFn: () => request('GET', path(agencyId!), councilSheet, { query: { periodId } }),
    enabled: agencyId != null && periodId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useResponsibilities(agencyId: number | null | undefined, periodId: number | undefined) {
  return useQuery({
    queryKey: [...COUNCIL_KEY, 'responsibilities', agencyId, periodId],
    queryFn: () => request('GET', `${path(agencyId!)}/responsibilities`, responsibilitiesView, { query: { periodId } }),
    enabled: agencyId != null && periodId !== undefined,
  });
}

/** Another period's responsibilities, fetched on demand (to copy last year's assignment). */
export function fetchResponsibilities(agencyId: number, periodId: number): Promise<ResponsibilitiesView> {
  return request('GET', `${path(agencyId)}/responsibilities`, responsibilitiesView, { query: { periodId } });
}

export function useAccountability(agencyId: number | null | undefined, periodId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...COUNCIL_KEY, 'accountability', agencyId, periodId],
    queryFn: () => request('GET', `${path(agencyId!)}/accountability`, accountabilityView, { query: { periodId } }),
    enabled: enabled && agencyId != null && periodId !== undefined,
  });
}

function useInvalidateCouncil() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: COUNCIL_KEY });
    void qc.invalidateQueries({ queryKey: TASKS_KEY });
  };
}

export function useSetResponsibilities(agencyId: number) {
  const invalidate = useInvalidateCouncil();
  return useMutation({
    mutationFn: (body: { periodId: number; assignments: { nodeCode: string; divisionId: number | null }[] }) =>
      request('PUT', `${path(agencyId)}/responsibilities`, responsibilitiesView, { body }),
    onSettled: invalidate,
  });
}

export interface ScoreInput {
  divisionId: number;
  score: string | null;
  comment: string;
}

export function useSaveScores(agencyId: number) {
  const invalidate = useInvalidateCouncil();
  return useMutation({
    mutationFn: (body: { periodId: number; version: number | null; note?: string; scores: ScoreInput[] }) => request('PUT', `${path(agencyId)}/scores`, councilSheet, { body }),
    onSettled: invalidate,
  });
}

export function useRecordCouncil(agencyId: number) {
  const invalidate = useInvalidateCouncil();
  return useMutation({
    mutationFn: (body: { periodId: number; version: number; decisionNumber: string; decidedOn: string }) => request('POST', `${path(agencyId)}/record`, councilSheet, { body }),
    onSettled: invalidate,
  });
}

export function exportCouncil(agencyId: number, periodId: number, year: number): Promise<string> {
  return download(`${path(agencyId)}/export.xlsx`, `hoi-dong-cchc-${year}.xlsx`, { periodId });
}
