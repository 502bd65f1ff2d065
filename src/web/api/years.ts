/** The years the top bar offers and the default one (GET /api/years). */
import { useQuery } from '@tanstack/react-query';
import { yearsView } from '../../core/schemas/periods';
import { request } from './client';
import { PERIODS_KEY } from './keys';

/** Years with a period or history; refreshed with the periods (creating or publishing one changes them). */
export function useYears() {
  return useQuery({ queryKey: [...PERIODS_KEY, 'years'], queryFn: () => request('GET', '/api/years', yearsView), staleTime: 60_000 });
}
