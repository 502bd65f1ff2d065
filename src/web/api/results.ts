/**
 * Results computed from stored scores: a year's ranking of one agency group (staff and appraisers) and one
 * agency's explainable scorecard (staff, appraisers and the agency's own people).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AgencyResultRow, type GroupResults, groupResults, type Scorecard, scorecard } from '../../core/schemas/results';
import type { Lang } from '../i18n/translate';
import { canReadGroupResults, ownAgencyId } from '../components/framework-results-access';
import { useCurrentUser } from './auth';
import { request } from './client';
import { RESULTS_KEY } from './keys';

export type { AgencyResultRow, GroupResults, Scorecard };

export type ScorecardStage = 'effective' | 'self' | 'appraisal1' | 'final';

export function useGroupResults(year: number | undefined, groupId: number | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'group', year, groupId],
    queryFn: () => request('GET', '/api/results', groupResults, { query: { year, groupId } }),
    enabled: year !== undefined && groupId !== undefined && (options.enabled ?? true),
    placeholderData: keepPreviousData,
  });
}

/** One agency's scorecard; its summary and leaf sentences are localised by the server, so the language is in the key. */
export function useScorecard(year: number, agencyId: number, stage: ScorecardStage, lang: Lang) {
  return useQuery({
    queryKey: [...RESULTS_KEY, 'agency', agencyId, year, stage, lang],
    queryFn: () => request('GET', `/api/results/agencies/${agencyId}`, scorecard, { query: { year, stage } }),
    placeholderData: keepPreviousData,
  });
}

export function useResultsAccess(): { group: boolean; agencyId: number | null } {
  const me = useCurrentUser();
  return { group: canReadGroupResults(me), agencyId: ownAgencyId(me) };
}
