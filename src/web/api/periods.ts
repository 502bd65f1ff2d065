/**
 * Periods (kỳ đánh giá): the yearly cycle's deadlines, frameworks per agency group, phases, per-agency extensions
 * and appraiser assignments, plus survey points entered by the secretariat.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { Phase } from '../../core/domain/workflow';
import { abilities } from '../../core/schemas/common';
import { frameworkDetail, frameworkSummary, type FrameworkSummary } from '../../core/schemas/frameworks';
import { assignmentView, extensionView, periodView, type PeriodView } from '../../core/schemas/periods';
import { usePeriod as useSelectedYear } from '../session/period-context';
import { okReply } from '../../core/schemas/common';
import { request, upload } from './client';
import { ASSESSMENTS_KEY, PERIODS_KEY, PUBLICATION_KEY } from './keys';

export type { FrameworkSummary, PeriodView };
export type ExtensionView = z.infer<typeof extensionView>;
export type AssignmentView = z.infer<typeof assignmentView>;

const periodList = z.object({ items: z.array(periodView), abilities });
const frameworkList = z.object({ items: z.array(frameworkSummary), abilities });

export function usePeriods() {
  return useQuery({ queryKey: [...PERIODS_KEY, 'list'], queryFn: () => request('GET', '/api/periods', periodList), staleTime: 30_000 });
}

/** The period of the year chosen in the top bar (null when that year has none), with the list's abilities. */
export function useSelectedPeriod() {
  const { year } = useSelectedYear();
  const list = usePeriods();
  const period = list.data?.items.find((p) => p.year === year) ?? null;
  return { year, period, list };
}

export function usePeriodById(id: number | undefined) {
  return useQuery({
    queryKey: [...PERIODS_KEY, 'one', id],
    queryFn: () => request('GET', `/api/periods/${id}`, periodView),
    enabled: id !== undefined,
  });
}

/** Published frameworks of a year (to choose one per agency group for a period). */
export function usePublishedFrameworks(year: number | undefined) {
  return useQuery({
    queryKey: ['frameworks', 'published', year],
    queryFn: () => request('GET', '/api/frameworks', frameworkList, { query: { year, status: 'published' } }),
    enabled: year !== undefined,
  });
}

export interface PeriodDeadlines {
  selfAssessmentDueAt?: string | null;
  appraisal1DueAt?: string | null;
  explanationDueAt?: string | null;
  appraisal2DueAt?: string | null;
}

export interface PeriodInput extends PeriodDeadlines {
  year: number;
  nameVi: string;
  nameEn?: string;
  frameworks: { groupId: number; frameworkId: number }[];
}

function useInvalidatePeriods() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: PERIODS_KEY });
    void qc.invalidateQueries({ queryKey: ASSESSMENTS_KEY });
    void qc.invalidateQueries({ queryKey: PUBLICATION_KEY });
  };
}

export function useCreatePeriod() {
  const invalidate = useInvalidatePeriods();
  return useMutation({ mutationFn: (body: PeriodInput) => request('POST', '/api/periods', periodView, { body }), onSettled: invalidate });
}

export function useUpdatePeriod() {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (v: { id: number; body: Partial<Omit<PeriodInput, 'year'>> & { version: number } }) =>
      request('PATCH', `/api/periods/${v.id}`, periodView, { body: v.body }),
    onSettled: invalidate,
  });
}

/** Moves the period to its next phase (secretariat); opening self-assessment creates the assessments. */
export function useAdvancePeriod() {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (v: { id: number; to: Phase; version: number }) => request('POST', `/api/periods/${v.id}/advance`, periodView, { body: { to: v.to, version: v.version } }),
    onSettled: invalidate,
  });
}

// ---------- extensions ----------

export function useExtensions(periodId: number | undefined) {
  return useQuery({
    queryKey: [...PERIODS_KEY, 'extensions', periodId],
    queryFn: () => request('GET', `/api/periods/${periodId}/extensions`, z.array(extensionView)),
    enabled: periodId !== undefined,
  });
}

export interface ExtensionInput {
  agencyId: number;
  phase: 'self_assessment' | 'appraisal1' | 'explanation' | 'appraisal2';
  dueAt: string;
  reason: string;
}

export function useGrantExtension(periodId: number) {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (body: ExtensionInput) => request('POST', `/api/periods/${periodId}/extensions`, extensionView, { body }),
    onSettled: invalidate,
  });
}

export function useRevokeExtension(periodId: number) {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (extensionId: number) => request('DELETE', `/api/periods/${periodId}/extensions/${extensionId}`, okReply),
    onSettled: invalidate,
  });
}

// ---------- appraiser assignments ----------

export function useAssignments(periodId: number | undefined) {
  return useQuery({
    queryKey: [...PERIODS_KEY, 'assignments', periodId],
    queryFn: () => request('GET', `/api/periods/${periodId}/assignments`, z.array(assignmentView)),
    enabled: periodId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export interface AssignmentInput {
  userId: number;
  fieldCode: string;
  agencyId: number | null;
}

export function useSetAssignments(periodId: number) {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (assignments: AssignmentInput[]) => request('PUT', `/api/periods/${periodId}/assignments`, z.array(assignmentView), { body: { assignments } }),
    onSettled: invalidate,
  });
}

// ---------- survey points ----------

export interface SurveyPointsEntry {
  agencyId: number;
  nodeCode: string;
  points: string;
}

const updatedReply = z.object({ updated: z.number().int() });

export function useEnterSurveyPoints(periodId: number) {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (entries: SurveyPointsEntry[]) => request('PUT', `/api/periods/${periodId}/survey-points`, updatedReply, { body: { entries } }),
    onSettled: invalidate,
  });
}

export function useImportSurveyPoints(periodId: number) {
  const invalidate = useInvalidatePeriods();
  return useMutation({
    mutationFn: (file: File) => upload(`/api/periods/${periodId}/survey-points/import`, file, updatedReply),
    onSettled: invalidate,
  });
}

/** The top-level fields (lĩnh vực) of the frameworks a period applies, for assignments and survey entry. */
export function usePeriodFrameworkDocs(period: PeriodView | null | undefined) {
  const ids = period?.frameworks.map((f) => f.frameworkId) ?? [];
  return useQuery({
    queryKey: ['frameworks', 'documents', ids],
    queryFn: () => Promise.all(ids.map((id) => request('GET', `/api/frameworks/${id}`, frameworkDetail))),
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
  });
}
