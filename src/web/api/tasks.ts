/**
 * The remediation plan (kế hoạch khắc phục): an agency's tasks from lost leaves and plan lines, one task with its
 * history and outputs, proposals from a published year, plan import/template, export, next year's evidence.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  nextYearResult,
  proposalsView,
  type ProposalsView,
  taskDetail,
  type TaskDetail,
  type TaskEventView,
  taskImportResult,
  taskList,
  type TaskList,
  type TaskOutputView,
  type TaskView,
  taskView,
} from '../../core/schemas/tasks';
import { download, request, upload } from './client';
import { ASSESSMENTS_KEY, EVIDENCE_KEY, TASKS_KEY } from './keys';

export type { ProposalsView, TaskDetail, TaskEventView, TaskList, TaskOutputView, TaskView };

export interface TaskFilters {
  status?: string | undefined;
  kind?: string | undefined;
  divisionId?: number | undefined;
  due?: 'overdue' | 'soon' | undefined;
  q?: string | undefined;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
  includeCancelled?: boolean | undefined;
}

export function useTasks(agencyId: number | null | undefined, filters: TaskFilters & { page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'list', agencyId, filters],
    queryFn: () => request('GET', `/api/agencies/${agencyId}/tasks`, taskList, { query: { ...filters, includeCancelled: filters.includeCancelled ? 'true' : undefined } }),
    enabled: agencyId != null,
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: number | null | undefined) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'one', id],
    queryFn: () => request('GET', `/api/tasks/${id}`, taskDetail),
    enabled: id != null,
  });
}

/** Lost leaves of a published year (the latest when `year` is undefined) that have no task yet. */
export function useProposals(agencyId: number | null | undefined, year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'proposals', agencyId, year ?? 'latest'],
    queryFn: () => request('GET', `/api/agencies/${agencyId}/tasks/proposals`, proposalsView, { query: { year } }),
    enabled: agencyId != null && enabled,
  });
}

export interface ProposalItemInput {
  nodeCode: string;
  title?: string;
  leadDivisionId?: number | null;
  supportDivisionIds?: number[];
  dueOn?: string | null;
}

function useInvalidate() {
  const qc = useQueryClient();
  return (extra: readonly (readonly unknown[])[] = []) => {
    void qc.invalidateQueries({ queryKey: TASKS_KEY });
    for (const key of extra) void qc.invalidateQueries({ queryKey: key });
  };
}

export function useCreateFromProposals(agencyId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { year: number; items: ProposalItemInput[] }) =>
      request('POST', `/api/agencies/${agencyId}/tasks/proposals`, z.object({ items: z.array(taskView) }), { body }),
    onSuccess: () => invalidate(),
  });
}

export interface TaskInput {
  kind: 'remediation' | 'par_plan' | 'procedure_control';
  title: string;
  description?: string;
  sourceYear?: number | null;
  nodeCode?: string | null;
  planRef?: string;
  leadDivisionId?: number | null;
  supportDivisionIds?: number[];
  dueOn?: string | null;
}

export function useCreateTask(agencyId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TaskInput) => request('POST', `/api/agencies/${agencyId}/tasks`, taskDetail, { body }),
    onSuccess: () => invalidate(),
  });
}

export interface TaskPatch {
  version: number;
  title?: string;
  description?: string;
  planRef?: string;
  leadDivisionId?: number | null;
  supportDivisionIds?: number[];
  dueOn?: string | null;
  status?: string;
  progress?: number;
  note?: string;
}

export function useUpdateTask() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; body: TaskPatch }) => request('PATCH', `/api/tasks/${v.id}`, taskDetail, { body: v.body }),
    onSuccess: (detail) => {
      qc.setQueryData([...TASKS_KEY, 'one', detail.id], detail);
      invalidate();
    },
  });
}

export function useAddNote() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; note: string }) => request('POST', `/api/tasks/${v.id}/notes`, taskDetail, { body: { note: v.note } }),
    onSuccess: (detail) => {
      qc.setQueryData([...TASKS_KEY, 'one', detail.id], detail);
      invalidate();
    },
  });
}

/** Links documents of the agency's library (e.g. just uploaded) as outputs of a task. */
export function useLinkOutputs() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; evidenceIds: number[] }) => request('POST', `/api/tasks/${v.id}/outputs/link`, taskDetail, { body: { evidenceIds: v.evidenceIds } }),
    onSuccess: (detail) => {
      qc.setQueryData([...TASKS_KEY, 'one', detail.id], detail);
      invalidate([EVIDENCE_KEY]);
    },
  });
}

/** Uploads an output document (into the agency's library) and links it in one request. */
export function useUploadOutput() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; file: File; meta: { title: string; docNumber: string; issuedOn: string; issuer: string } }) =>
      upload(`/api/tasks/${v.id}/outputs`, v.file, taskDetail, { ...v.meta }),
    onSuccess: (detail) => {
      qc.setQueryData([...TASKS_KEY, 'one', detail.id], detail);
      invalidate([EVIDENCE_KEY]);
    },
  });
}

export function useUnlinkOutput() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; evidenceId: number }) => request('DELETE', `/api/tasks/${v.id}/outputs/${v.evidenceId}`, taskDetail),
    onSuccess: (detail) => {
      qc.setQueryData([...TASKS_KEY, 'one', detail.id], detail);
      invalidate();
    },
  });
}

/** "Dùng làm tài liệu kiểm chứng năm sau": attaches outputs to the same leaf of next year's assessment. */
export function useUseAsEvidence() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: number; evidenceIds: number[] }) => request('POST', `/api/tasks/${v.id}/next-year-evidence`, nextYearResult, { body: { evidenceIds: v.evidenceIds } }),
    onSuccess: () => invalidate([ASSESSMENTS_KEY, EVIDENCE_KEY]),
  });
}

export function useImportPlan(agencyId: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => upload(`/api/agencies/${agencyId}/tasks/import`, file, taskImportResult),
    onSuccess: () => invalidate(),
  });
}

export function downloadTasks(agencyId: number, filters: TaskFilters): Promise<string> {
  const { includeCancelled, ...rest } = filters;
  return download(`/api/agencies/${agencyId}/tasks/export.xlsx`, 'ke-hoach-khac-phuc.xlsx', { ...rest, includeCancelled: includeCancelled ? 'true' : undefined });
}

export function downloadPlanTemplate(agencyId: number): Promise<string> {
  return download(`/api/agencies/${agencyId}/tasks/template.xlsx`, 'mau-nhap-ke-hoach.xlsx');
}
