/** Evidence documents (tài liệu kiểm chứng): an agency's reusable library, uploads with metadata, preview URLs. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf } from '../../core/schemas/common';
import { evidenceView, type EvidenceView } from '../../core/schemas/evidence';
import { request, upload } from './client';
import { EVIDENCE_KEY } from './keys';

export type { EvidenceView };

const evidencePage = pageOf(evidenceView);

/** Largest upload the server accepts by default (UPLOAD_MAX_BYTES); the server remains the judge (413). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
/** File types the server accepts as evidence. */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.doc,.xls,.odt,.ods';

export function useEvidenceLibrary(agencyId: number | undefined, params: { q?: string | undefined; page?: number; pageSize?: number } = {}) {
  return useQuery({
    queryKey: [...EVIDENCE_KEY, agencyId, params],
    queryFn: () => request('GET', `/api/agencies/${agencyId}/evidence`, evidencePage, { query: { ...params } }),
    enabled: agencyId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export interface EvidenceMeta {
  title: string;
  docNumber: string;
  /** YYYY-MM-DD or ''. */
  issuedOn: string;
  issuer: string;
}

export function useUploadEvidence(agencyId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; meta: EvidenceMeta }) => upload(`/api/agencies/${agencyId}/evidence`, v.file, evidenceView, { ...v.meta }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...EVIDENCE_KEY, agencyId] }),
  });
}

export function useUpdateEvidence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; body: Partial<Omit<EvidenceMeta, 'issuedOn'>> & { issuedOn?: string | null } }) =>
      request('PATCH', `/api/evidence/${v.id}`, evidenceView, { body: v.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: EVIDENCE_KEY }),
  });
}

/** The URL that shows a document inline (PDF, images) or downloads it. */
export function evidenceFileUrl(id: number, download = false): string {
  return `/api/evidence/${id}/file${download ? '?download=1' : ''}`;
}
