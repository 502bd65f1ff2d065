import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { abilities, pageOf } from '../../core/schemas/common';
import {
  type Agency,
  agency,
  type AgencyGroup,
  agencyGroup,
  type Division,
  division,
  importResult,
  type Province,
  province,
} from '../../core/schemas/org';
import { download, request, upload } from './client';
import { AGENCIES_KEY, AGENCY_GROUPS_KEY, DIVISIONS_KEY, PROVINCE_KEY } from './keys';

export type { Agency, AgencyGroup, Division, Province };

const agencyPage = pageOf(agency);
const groupList = z.object({ items: z.array(agencyGroup), abilities });
const divisionList = z.object({ items: z.array(division), abilities });

// ---------- province ----------

export function useProvince() {
  return useQuery({ queryKey: PROVINCE_KEY, queryFn: () => request('GET', '/api/province', province) });
}

export interface ProvinceInput {
  nameVi?: string;
  nameEn?: string;
  governingBodyVi?: string;
}

export function useUpdateProvince() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProvinceInput) => request('PATCH', '/api/province', province, { body }),
    onSuccess: (p) => {
      qc.setQueryData(PROVINCE_KEY, p);
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

// ---------- agency groups ----------

export function useAgencyGroups() {
  return useQuery({ queryKey: AGENCY_GROUPS_KEY, queryFn: () => request('GET', '/api/agency-groups', groupList), staleTime: 60_000 });
}

export interface AgencyGroupInput {
  code?: string;
  nameVi?: string;
  nameEn?: string;
  position?: number;
  isActive?: boolean;
}

export function useSaveAgencyGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number | null; version?: number; body: AgencyGroupInput }) =>
      v.id == null
        ? request('POST', '/api/agency-groups', agencyGroup, { body: v.body })
        : request('PATCH', `/api/agency-groups/${v.id}`, agencyGroup, { body: { ...v.body, version: v.version } }),
    // Settled, not only succeeded: after a conflict the lists must show the other person's version.
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: AGENCY_GROUPS_KEY });
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
    },
  });
}

// ---------- agencies ----------

export interface AgencyListParams {
  page: number;
  pageSize: number;
  q?: string | undefined;
  groupId?: number | undefined;
  active?: 'true' | 'false' | 'all' | undefined;
  sort?: 'code' | 'nameVi' | 'group' | 'activeFromYear' | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export function fetchAgencies(params: AgencyListParams) {
  return request('GET', '/api/agencies', agencyPage, { query: { ...params } });
}

export function useAgencies(params: AgencyListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'list', params],
    queryFn: () => fetchAgencies(params),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function fetchAgency(id: number) {
  return request('GET', `/api/agencies/${id}`, agency);
}

export interface AgencyInput {
  code: string;
  nameVi: string;
  nameEn: string;
  abbreviation: string;
  groupId: number;
  parentId: number | null;
  activeFromYear: number;
  activeToYear: number | null;
}

export function useSaveAgency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number | null; version?: number; body: Partial<AgencyInput> & { isActive?: boolean } }) =>
      v.id == null
        ? request('POST', '/api/agencies', agency, { body: v.body })
        : request('PATCH', `/api/agencies/${v.id}`, agency, { body: { ...v.body, version: v.version } }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
      void qc.invalidateQueries({ queryKey: AGENCY_GROUPS_KEY });
    },
  });
}

export function useImportAgencies() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload('/api/agencies/import', file, importResult),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
      void qc.invalidateQueries({ queryKey: DIVISIONS_KEY });
      void qc.invalidateQueries({ queryKey: AGENCY_GROUPS_KEY });
    },
  });
}

export function exportAgencies(): Promise<string> {
  return download('/api/agencies/export.xlsx', 'co-quan.xlsx');
}

// ---------- divisions ----------

export function useDivisions(agencyId: number | null | undefined) {
  return useQuery({
    queryKey: [...DIVISIONS_KEY, agencyId],
    queryFn: () => request('GET', `/api/agencies/${agencyId}/divisions`, divisionList),
    enabled: agencyId != null,
  });
}

export interface DivisionInput {
  code?: string;
  nameVi?: string;
  nameEn?: string;
  isActive?: boolean;
}

export function useSaveDivision(agencyId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number | null; version?: number; body: DivisionInput }) =>
      v.id == null
        ? request('POST', `/api/agencies/${agencyId}/divisions`, division, { body: v.body })
        : request('PATCH', `/api/divisions/${v.id}`, division, { body: { ...v.body, version: v.version } }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: [...DIVISIONS_KEY, agencyId] });
      void qc.invalidateQueries({ queryKey: AGENCIES_KEY });
    },
  });
}
