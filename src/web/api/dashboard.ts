/**
 * Home dashboards by role: the agency's current assessment and last year's published result, the appraiser's queue
 * (one summary request), the province's figures.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { assessmentDetail } from '../../core/schemas/assessments';
import { appraiserDashboardView } from '../../core/schemas/dashboard';
import { groupResults } from '../../core/schemas/results';
import { useCurrentUser } from './auth';
import { type AssessmentSummary, assessmentKey, useAssessments } from './assessments';
import { request } from './client';
import { useSelectedPeriod } from './periods';
import { usePublicGroup, usePublicIndex } from './publication';

/** The agencies the user works for (agency-scoped roles). */
export function useOwnAgencyIds(): Set<number> {
  const me = useCurrentUser();
  return new Set(me.user.roles.filter((g) => g.agencyId !== null && g.role !== 'appraiser').map((g) => g.agencyId as number));
}

/** The agency's assessment of the selected year (summary and, for the to-dos, the detail). */
export function useAgencyHome() {
  const own = useOwnAgencyIds();
  const { year, period, list } = useSelectedPeriod();
  const assessments = useAssessments({ periodId: period?.id }, { enabled: own.size > 0 });
  const mine: AssessmentSummary | null = (assessments.data?.items ?? []).find((a) => own.has(a.agencyId)) ?? null;
  const detail = useQuery({
    queryKey: assessmentKey(mine?.id ?? 0),
    queryFn: () => request('GET', `/api/assessments/${mine!.id}`, assessmentDetail),
    enabled: mine !== null && (mine.phase === 'explanation' || mine.phase === 'self_assessment'),
    staleTime: 10_000,
  });
  return { year, period, periods: list, assessments, mine, detail };
}

/** Last year's published result of an agency in its group (from the public snapshot: agencies cannot read group rankings). */
export function useLastYearResult(provinceCode: string, year: number, groupCode: string | undefined, agencyCode: string | undefined) {
  const index = usePublicIndex(provinceCode);
  const published = index.data?.years.some((y) => y.year === year && y.groups.some((g) => g.code === groupCode)) ?? false;
  const group = usePublicGroup(provinceCode, year, published ? groupCode : undefined);
  const row = group.data?.results.agencies.find((a) => a.code === agencyCode) ?? null;
  return { loading: index.isPending || (published && group.isPending), published, row, total: group.data?.results.agencies.length ?? 0, error: index.error ?? group.error };
}

/**
 * The appraiser's queue for the selected year's period from one summary request (GET /api/dashboard): submitted
 * assessments × the fields the appraiser reviews, with the leaves left in the current round.
 */
export function useAppraiserQueue(enabled: boolean) {
  const { year, period, list } = useSelectedPeriod();
  const summary = useQuery({
    queryKey: ['dashboard', 'appraiser', period?.id],
    queryFn: () => request('GET', '/api/dashboard', appraiserDashboardView, { query: { periodId: period?.id } }),
    enabled: enabled && period !== null,
    staleTime: 30_000,
  });
  const queue = summary.data?.appraiser ?? null;
  return { year, period, periods: list, summary, rows: queue?.rows ?? [], submitted: queue?.submitted ?? 0, total: queue?.total ?? 0 };
}

/** Province figures from stored scores for each group of the period (average index, classes). */
export function useProvinceFigures(year: number, groupIds: number[]) {
  return useQueries({
    queries: groupIds.map((groupId) => ({
      queryKey: ['results', 'group', year, groupId],
      queryFn: () => request('GET', '/api/results', groupResults, { query: { year, groupId } }),
      staleTime: 60_000,
    })),
  });
}
