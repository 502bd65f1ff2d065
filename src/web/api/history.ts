import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { okReply } from '../../core/schemas/common';
import {
  historyItem,
  historyList,
  historyPreview,
  lineageEvent,
  lineageList,
  type HistoryItem,
  type HistoryPreview,
  type HistoryUpdate,
  type LineageCreate,
  type LineageEventItem,
  type LineageUpdate,
} from '../../core/schemas/history';
import { z } from 'zod';
import { download, request, upload } from './client';
import { ANALYSIS_KEY, HISTORY_KEY, LINEAGE_KEY, RESULTS_KEY } from './keys';

export type { HistoryItem, HistoryPreview, LineageEventItem };

/** Stored history rows (secretariat), filtered by year. */
export function useHistory(params: { year?: number | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: [...HISTORY_KEY, params], queryFn: () => request('GET', '/api/history', historyList, { query: { ...params } }) });
}

/** Downloads the .xlsx template. */
export function downloadHistoryTemplate(): Promise<string> {
  return download('/api/history/template.xlsx', 'mau-lich-su-chi-so.xlsx');
}

/** Checks a workbook without storing anything: every row and every problem. */
export function previewHistory(file: File): Promise<HistoryPreview> {
  return upload('/api/history/preview', file, historyPreview);
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: HISTORY_KEY }), qc.invalidateQueries({ queryKey: RESULTS_KEY }), qc.invalidateQueries({ queryKey: ANALYSIS_KEY })]);
}

/** Stores a previewed workbook (the server checks it again). */
export function useImportHistory() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (file: File) => upload('/api/history/import', file, z.object({ rows: z.number().int() })), onSuccess: () => invalidate() });
}

export function useUpdateHistory() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: HistoryUpdate }) => request('PATCH', `/api/history/${id}`, historyItem, { body }), onSuccess: () => invalidate() });
}

export function useDeleteHistory() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (row: HistoryItem) => request('DELETE', `/api/history/${row.id}`, okReply, { query: { version: row.version } }), onSuccess: () => invalidate() });
}

/** Recorded renames, mergers and splits. */
export function useLineage() {
  return useQuery({ queryKey: LINEAGE_KEY, queryFn: () => request('GET', '/api/lineage', lineageList) });
}

function useInvalidateLineage() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: LINEAGE_KEY }), qc.invalidateQueries({ queryKey: RESULTS_KEY }), qc.invalidateQueries({ queryKey: ANALYSIS_KEY })]);
}

export function useCreateLineage() {
  const invalidate = useInvalidateLineage();
  return useMutation({ mutationFn: (body: LineageCreate) => request('POST', '/api/lineage', lineageEvent, { body }), onSuccess: () => invalidate() });
}

export function useUpdateLineage() {
  const invalidate = useInvalidateLineage();
  return useMutation({ mutationFn: ({ id, body }: { id: number; body: LineageUpdate }) => request('PATCH', `/api/lineage/${id}`, lineageEvent, { body }), onSuccess: () => invalidate() });
}

export function useDeleteLineage() {
  const invalidate = useInvalidateLineage();
  return useMutation({ mutationFn: (e: LineageEventItem) => request('DELETE', `/api/lineage/${e.id}`, okReply, { query: { version: e.version } }), onSuccess: () => invalidate() });
}
