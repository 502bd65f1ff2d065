/** Commendation proposals (đề xuất khen thưởng) for the yearly review: generation, list, basis edits, decisions, export. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CommendationGenerateResult, commendationGenerateResult, type CommendationList, commendationList, type CommendationView, commendationView } from '../../core/schemas/commendations';
import { download, request } from './client';
import { COMMENDATIONS_KEY, INITIATIVES_KEY } from './keys';

export type { CommendationGenerateResult, CommendationList, CommendationView };

export function useCommendations(year: number, filters: { status?: string | undefined; kind?: string | undefined } = {}) {
  return useQuery({
    queryKey: [...COMMENDATIONS_KEY, 'list', year, filters],
    queryFn: () => request('GET', '/api/commendations', commendationList, { query: { year, ...filters } }),
    placeholderData: keepPreviousData,
  });
}

export interface GenerateInput {
  year: number;
  rules: { topN: number | null; minClassCode: string | null; minRise: number | null };
  groupCodes?: string[];
  includeInitiatives: boolean;
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: COMMENDATIONS_KEY });
    void qc.invalidateQueries({ queryKey: INITIATIVES_KEY });
  };
}

export function useGenerateCommendations() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: GenerateInput) => request('POST', '/api/commendations/generate', commendationGenerateResult, { body }), onSettled: invalidate });
}

export function useUpdateCommendation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; version: number; basisVi: string; basisEn: string }) =>
      request('PATCH', `/api/commendations/${v.id}`, commendationView, { body: { version: v.version, basisVi: v.basisVi, basisEn: v.basisEn } }),
    onSettled: invalidate,
  });
}

export function useDecideCommendation() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; version: number; decision: 'approve' | 'reject' | 'reopen' }) =>
      request('POST', `/api/commendations/${v.id}/decision`, commendationView, { body: { version: v.version, decision: v.decision } }),
    onSettled: invalidate,
  });
}

export function exportCommendations(year: number): Promise<string> {
  return download('/api/commendations/export.xlsx', `de-xuat-khen-thuong-${year}.xlsx`, { year });
}
