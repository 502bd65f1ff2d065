/**
 * Assessments: one agency's self-assessment, appraisal rounds and explanation threads. Leaf writes carry the
 * version read; a stale one comes back as `conflict` and the caller reloads the leaf.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  assessmentDetail,
  type AssessmentDetail,
  assessmentSummary,
  type AssessmentSummary,
  leafHistoryEntry,
  leafWriteResult,
  type LeafView,
  type LeafWriteResult,
} from '../../core/schemas/assessments';
import type { LeafInput } from '../../core/schemas/framework';
import type { AssessmentStatus } from '../../core/domain/workflow';
import { request } from './client';
import { ASSESSMENTS_KEY, NOTIFICATIONS_KEY } from './keys';

export type { AssessmentDetail, AssessmentSummary, LeafView, LeafWriteResult };
export type LeafHistoryEntry = z.infer<typeof leafHistoryEntry>;

const summaryList = z.object({ items: z.array(assessmentSummary) });

export interface AssessmentListParams {
  periodId: number | undefined;
  groupId?: number | undefined;
  status?: AssessmentStatus | undefined;
  q?: string | undefined;
}

export function useAssessments(params: AssessmentListParams, options: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...ASSESSMENTS_KEY, 'list', params],
    queryFn: () => request('GET', '/api/assessments', summaryList, { query: { ...params } }),
    enabled: params.periodId !== undefined && (options.enabled ?? true),
    placeholderData: keepPreviousData,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}

export const assessmentKey = (id: number) => [...ASSESSMENTS_KEY, 'one', id] as const;

export function useAssessment(id: number | undefined) {
  return useQuery({
    queryKey: assessmentKey(id ?? 0),
    queryFn: () => request('GET', `/api/assessments/${id}`, assessmentDetail),
    enabled: id !== undefined,
    staleTime: 10_000,
  });
}

/** Refreshes one assessment and every list that summarises it. */
export function useRefreshAssessment() {
  const qc = useQueryClient();
  return (id: number) => {
    void qc.invalidateQueries({ queryKey: assessmentKey(id) });
    void qc.invalidateQueries({ queryKey: [...ASSESSMENTS_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  };
}

export interface SelfScoreBody {
  input: LeafInput | null;
  comment?: string | null;
  explanation?: string | null;
  version: number;
}

export function saveSelfScore(id: number, code: string, body: SelfScoreBody): Promise<LeafWriteResult> {
  return request('PUT', `/api/assessments/${id}/leaves/${encodeURIComponent(code)}/self`, leafWriteResult, { body });
}

/** Sets a leaf's evidence at the version read; the reply carries the leaf's new version. */
export function setLeafEvidence(id: number, code: string, evidenceIds: number[], version: number) {
  return request('PUT', `/api/assessments/${id}/leaves/${encodeURIComponent(code)}/evidence`, z.object({ code: z.string(), evidenceIds: z.array(z.number().int()), version: z.number().int() }), {
    body: { evidenceIds, version },
  });
}

const checklist = z.object({ notScored: z.array(z.string()), noEvidence: z.array(z.string()) });
export type Checklist = z.infer<typeof checklist>;

export function useChecklist(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...assessmentKey(id), 'checklist'],
    queryFn: () => request('GET', `/api/assessments/${id}/checklist`, checklist),
    enabled,
    staleTime: 0,
  });
}

function useAssessmentMutation<V>(id: number, fn: (v: V) => Promise<AssessmentDetail>) {
  const qc = useQueryClient();
  const refresh = useRefreshAssessment();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => qc.setQueryData(assessmentKey(id), detail),
    onSettled: () => refresh(id),
  });
}

export function useSubmitAssessment(id: number) {
  return useAssessmentMutation(id, (version: number) => request('POST', `/api/assessments/${id}/submit`, assessmentDetail, { body: { version } }));
}

export function useWithdrawAssessment(id: number) {
  return useAssessmentMutation(id, (version: number) => request('POST', `/api/assessments/${id}/withdraw`, assessmentDetail, { body: { version } }));
}

export interface AppraisalBody {
  round: 1 | 2;
  decision: 'accept' | 'confirm' | 'adjust';
  input?: LeafInput | null;
  reasonCode?: string | null;
  comment?: string | null;
  version: number;
}

export function appraiseLeaf(id: number, code: string, body: AppraisalBody): Promise<LeafWriteResult> {
  return request('PUT', `/api/assessments/${id}/leaves/${encodeURIComponent(code)}/appraisal`, leafWriteResult, { body });
}

export function useAppraiseLeaf(id: number) {
  const refresh = useRefreshAssessment();
  return useMutation({ mutationFn: (v: { code: string; body: AppraisalBody }) => appraiseLeaf(id, v.code, v.body), onSettled: () => refresh(id) });
}

export function useBulkAccept(id: number) {
  const refresh = useRefreshAssessment();
  return useMutation({
    mutationFn: (v: { round: 1 | 2; codes?: string[]; versions?: Record<string, number> }) =>
      request('POST', `/api/assessments/${id}/appraisal/bulk-accept`, z.object({ accepted: z.number().int(), skipped: z.array(z.string()) }), { body: v }),
    onSettled: () => refresh(id),
  });
}

export interface ExplanationBody {
  kind: 'accept' | 'dispute' | 'reply';
  body: string;
  evidenceIds: number[];
  /** The leaf's version read: a message is a write to the leaf. */
  version: number;
}

export function usePostExplanation(id: number) {
  const refresh = useRefreshAssessment();
  return useMutation({
    mutationFn: (v: { code: string; body: ExplanationBody }) =>
      request('POST', `/api/assessments/${id}/leaves/${encodeURIComponent(v.code)}/explanations`, z.object({ id: z.number().int(), createdAt: z.string(), version: z.number().int() }), { body: v.body }),
    onSettled: () => refresh(id),
  });
}

export function useLeafHistory(id: number, code: string | null) {
  return useQuery({
    queryKey: [...assessmentKey(id), 'history', code],
    queryFn: () => request('GET', `/api/assessments/${id}/leaves/${encodeURIComponent(code ?? '')}/history`, z.array(leafHistoryEntry)),
    enabled: code !== null,
    staleTime: 0,
  });
}
