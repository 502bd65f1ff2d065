/** Finalisation, publication (frozen snapshots with a SHA-256 hash), corrections, and the public results (no login). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { periodView } from '../../core/schemas/periods';
import { completenessRow, publicGroupResults, publicIndex, publicScorecard, snapshotSummary } from '../../core/schemas/publication';
import type { LeafInput } from '../../core/schemas/framework';
import { ApiError, request } from './client';
import { ASSESSMENTS_KEY, PERIODS_KEY, PUBLIC_RESULTS_KEY, PUBLICATION_KEY } from './keys';

export type SnapshotSummary = z.infer<typeof snapshotSummary>;
export type PublicIndex = z.infer<typeof publicIndex>;
export type PublicGroupResults = z.infer<typeof publicGroupResults>;
export type PublicScorecard = z.infer<typeof publicScorecard>;

export type CompletenessRow = z.infer<typeof completenessRow>;

export function useCompleteness(periodId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...PUBLICATION_KEY, 'completeness', periodId],
    queryFn: () => request('GET', `/api/periods/${periodId}/completeness`, z.array(completenessRow)),
    enabled,
    staleTime: 0,
  });
}

function useInvalidateCycle() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: PERIODS_KEY });
    void qc.invalidateQueries({ queryKey: ASSESSMENTS_KEY });
    void qc.invalidateQueries({ queryKey: PUBLICATION_KEY });
    void qc.invalidateQueries({ queryKey: PUBLIC_RESULTS_KEY });
  };
}

export function useFinalisePeriod(periodId: number) {
  const invalidate = useInvalidateCycle();
  return useMutation({
    mutationFn: (v: { version: number; acknowledgeIncomplete: boolean }) => request('POST', `/api/periods/${periodId}/finalise`, periodView, { body: v }),
    onSettled: invalidate,
  });
}

export function usePublishPeriod(periodId: number) {
  const invalidate = useInvalidateCycle();
  return useMutation({
    mutationFn: (v: { version: number; decisionNumber: string; decisionDate: string | null }) =>
      request('POST', `/api/periods/${periodId}/publish`, z.object({ period: periodView, snapshot: snapshotSummary }), { body: v }),
    onSettled: invalidate,
  });
}

export interface CorrectionChange {
  agencyId: number;
  nodeCode: string;
  input: LeafInput;
  comment?: string;
}

export function useCorrectPublished(periodId: number) {
  const invalidate = useInvalidateCycle();
  return useMutation({
    mutationFn: (v: { reason: string; changes: CorrectionChange[]; decisionNumber?: string }) =>
      request('POST', `/api/periods/${periodId}/corrections`, snapshotSummary, { body: v }),
    onSettled: invalidate,
  });
}

export function useSnapshots(periodId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...PUBLICATION_KEY, 'snapshots', periodId],
    queryFn: () => request('GET', `/api/periods/${periodId}/snapshots`, z.array(snapshotSummary)),
    enabled,
  });
}

export function useSnapshot(periodId: number, revision: number | null) {
  return useQuery({
    queryKey: [...PUBLICATION_KEY, 'snapshot', periodId, revision],
    queryFn: () => request('GET', `/api/periods/${periodId}/snapshots/${revision}`, snapshotSummary.extend({ verified: z.boolean(), content: z.unknown() })),
    enabled: revision !== null,
  });
}

// ---------- public (no login) ----------

/** Public data is the same for everyone: a 404 ("not published") is an answer, not a glitch to retry. */
const noRetryOn404 = (count: number, err: Error) => !(err instanceof ApiError && err.status < 500) && count < 2;

const publicProvinces = z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), latestYear: z.number().int() }));

/** Provinces with published results (the public landing page lists them, or opens the only one). */
export function usePublicProvinces() {
  return useQuery({ queryKey: [...PUBLIC_RESULTS_KEY, 'provinces'], queryFn: () => request('GET', '/api/public/provinces', publicProvinces), staleTime: 5 * 60_000 });
}

export function usePublicIndex(province: string) {
  return useQuery({
    queryKey: [...PUBLIC_RESULTS_KEY, province, 'index'],
    queryFn: () => request('GET', `/api/public/${encodeURIComponent(province)}/results`, publicIndex),
    retry: noRetryOn404,
    staleTime: 5 * 60_000,
  });
}

export function usePublicGroup(province: string, year: number, group: string | undefined) {
  return useQuery({
    queryKey: [...PUBLIC_RESULTS_KEY, province, year, group],
    queryFn: () => request('GET', `/api/public/${encodeURIComponent(province)}/results/${year}`, publicGroupResults, { query: { group } }),
    enabled: group !== undefined,
    retry: noRetryOn404,
    staleTime: 5 * 60_000,
  });
}

export function usePublicScorecard(province: string, year: number, agencyCode: string | null) {
  return useQuery({
    queryKey: [...PUBLIC_RESULTS_KEY, province, year, 'agency', agencyCode],
    queryFn: () => request('GET', `/api/public/${encodeURIComponent(province)}/results/${year}/agencies/${encodeURIComponent(agencyCode ?? '')}`, publicScorecard),
    enabled: agencyCode !== null,
    retry: noRetryOn404,
    staleTime: 5 * 60_000,
  });
}

/** The URL of the frozen content whose SHA-256 is the published hash. */
export function publicSnapshotUrl(province: string, year: number): string {
  return `/api/public/${encodeURIComponent(province)}/results/${year}/snapshot.json`;
}
