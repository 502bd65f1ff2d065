/**
 * Criteria frameworks (bộ tiêu chí): list, the document of one framework, whole-document saves of drafts,
 * publication, clones, new revisions, comparison, import and export. Replies are parsed with the core schemas.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { abilities, okReply } from '../../core/schemas/common';
import type { ClassificationBand, FrameworkNode } from '../../core/schemas/framework';
import {
  type FrameworkDetail,
  frameworkDetail,
  type FrameworkDiffView,
  frameworkDiffView,
  type FrameworkSummary,
  frameworkSummary,
} from '../../core/schemas/frameworks';
import type { Lang } from '../i18n/translate';
import { download, request, upload } from './client';
import { FRAMEWORKS_KEY } from './keys';

export type { FrameworkDetail, FrameworkDiffView, FrameworkSummary };

const frameworkList = z.object({ items: z.array(frameworkSummary), abilities });
export type FrameworkList = z.infer<typeof frameworkList>;

export interface FrameworkListParams {
  year?: number | undefined;
  groupId?: number | undefined;
  status?: 'draft' | 'published' | undefined;
}

export function useFrameworks(params: FrameworkListParams = {}) {
  return useQuery({
    queryKey: [...FRAMEWORKS_KEY, 'list', params],
    queryFn: () => request('GET', '/api/frameworks', frameworkList, { query: { ...params } }),
  });
}

export function fetchFramework(id: number) {
  return request('GET', `/api/frameworks/${id}`, frameworkDetail);
}

/** One framework; its problems are localised by the server, so the language is part of the key. */
export function useFramework(id: number | undefined, lang: Lang) {
  return useQuery({
    queryKey: [...FRAMEWORKS_KEY, 'one', id, lang],
    queryFn: () => fetchFramework(id as number),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

/** The editable part of a framework: what a save sends besides the version. */
export interface FrameworkDraft {
  nameVi: string;
  nameEn: string;
  declaredTotal: string;
  bonusCap: string;
  deductionCap: string;
  bands: ClassificationBand[];
  nodes: FrameworkNode[];
}

function invalidateAll(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: FRAMEWORKS_KEY });
}

/** Saves the whole document of a draft (stale version → `conflict`, published → `immutable`). */
export function saveFramework(id: number, version: number, draft: FrameworkDraft) {
  return request('PUT', `/api/frameworks/${id}`, frameworkDetail, { body: { version, ...draft } });
}

export function useCreateFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; groupId: number; nameVi: string; nameEn?: string }) =>
      request('POST', '/api/frameworks', frameworkDetail, { body }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function usePublishFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; version: number }) =>
      request('POST', `/api/frameworks/${v.id}/publish`, frameworkDetail, { body: { version: v.version } }),
    onSettled: () => invalidateAll(qc),
  });
}

export function useCloneFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; year: number; groupId: number; nameVi?: string | undefined; nameEn?: string | undefined }) =>
      request('POST', `/api/frameworks/${v.id}/clone`, frameworkDetail, {
        body: { year: v.year, groupId: v.groupId, ...(v.nameVi ? { nameVi: v.nameVi } : {}), ...(v.nameEn ? { nameEn: v.nameEn } : {}) },
      }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useNewRevision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request('POST', `/api/frameworks/${id}/revisions`, frameworkDetail),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useDeleteFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request('DELETE', `/api/frameworks/${id}`, okReply),
    onSettled: () => invalidateAll(qc),
  });
}

export function useImportFramework() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; year: number; groupId: number; nameVi?: string | undefined }) =>
      upload('/api/frameworks/import', v.file, frameworkDetail, {
        year: String(v.year),
        groupId: String(v.groupId),
        ...(v.nameVi ? { nameVi: v.nameVi } : {}),
      }),
    onSuccess: () => invalidateAll(qc),
  });
}

/** What changed from framework `against` (before) to framework `id` (after). */
export function useFrameworkDiff(id: number | undefined, against: number | undefined, lang: Lang) {
  return useQuery({
    queryKey: [...FRAMEWORKS_KEY, 'diff', id, against, lang],
    queryFn: () => request('GET', `/api/frameworks/${id}/diff`, frameworkDiffView, { query: { against } }),
    enabled: id !== undefined && against !== undefined && id !== against,
  });
}

/** Downloads the framework as .xlsx (the provinces' layout) or as JSON (the core document). */
export function exportFramework(f: Pick<FrameworkSummary, 'id' | 'groupCode' | 'year' | 'revision'>, format: 'xlsx' | 'json') {
  return download(`/api/frameworks/${f.id}/export.${format}`, `bo-tieu-chi-${f.groupCode}-${f.year}-v${f.revision}.${format}`);
}

