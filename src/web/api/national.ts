/** The national tier: the province's results in the Ministry's ranking of provinces (signed in, and public). */
import { useQuery } from '@tanstack/react-query';
import { type NationalResults, nationalResults } from '../../core/schemas/national';
import { request } from './client';
import { PUBLIC_RESULTS_KEY, RESULTS_KEY } from './keys';

export type { NationalResults };

export function useNationalResults() {
  return useQuery({ queryKey: [...RESULTS_KEY, 'national'], queryFn: () => request('GET', '/api/national/results', nationalResults), staleTime: 5 * 60_000 });
}

export function usePublicNationalResults(province: string) {
  return useQuery({
    queryKey: [...PUBLIC_RESULTS_KEY, province, 'national'],
    queryFn: () => request('GET', `/api/public/${encodeURIComponent(province)}/national-results`, nationalResults),
    enabled: province !== '',
    staleTime: 5 * 60_000,
  });
}
