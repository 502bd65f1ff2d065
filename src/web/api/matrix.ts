/** The leaf matrix of a year's agency group (agencies × leaves × self / appraisal 1 / final) and its .xlsx address. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type LeafMatrix, leafMatrix } from '../../core/schemas/matrix';
import { request } from './client';
import { RESULTS_KEY } from './keys';

export type { LeafMatrix };

export function useLeafMatrix(year: number | undefined, groupId: number | undefined) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'matrix', year, groupId],
    queryFn: () => request('GET', '/api/matrix', leafMatrix, { query: { year, groupId } }),
    enabled: year !== undefined && groupId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The address of the streamed .xlsx of the same matrix (a plain download: the session cookie authorises it). */
export const matrixXlsxUrl = (year: number, groupId: number, lang: 'vi' | 'en') => `/api/matrix.xlsx?year=${year}&groupId=${groupId}&lang=${lang}`;
