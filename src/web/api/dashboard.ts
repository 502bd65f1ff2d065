/**
 * Home dashboards by role, composed from the cycle's endpoints (there is no aggregate endpoint yet): the agency's
 * current assessment and last year's published result, the appraiser's queue, the province's figures.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { assessmentDetail, type AssessmentDetail } from '../../core/schemas/assessments';
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

export interface QueueEntry {
  assessment: AssessmentSummary;
  fieldCode: string;
  fieldName: string;
  toReview: number;
  disputed: number;
  total: number;
  due: string | null;
}

/** The appraiser's queue: agencies × assigned fields with the leaves still to review in the current round. */
export function useAppraiserQueue(enabled: boolean) {
  const { year, period } = useSelectedPeriod();
  const list = useAssessments({ periodId: period?.id }, { enabled });
  const reviewable = (list.data?.items ?? []).filter((a) => a.status !== 'draft');
  const details = useQueries({
    queries: reviewable.map((a) => ({
      queryKey: assessmentKey(a.id),
      queryFn: () => request('GET', `/api/assessments/${a.id}`, assessmentDetail),
      staleTime: 30_000,
      enabled: enabled && period !== null && ['appraisal1', 'explanation', 'appraisal2'].includes(period.phase),
    })),
  });
  const entries: QueueEntry[] = [];
  details.forEach((q, i) => {
    const d: AssessmentDetail | undefined = q.data;
    const a = reviewable[i];
    if (!d || !a) return;
    const round2 = d.phase === 'appraisal2';
    for (const field of d.appraiserFields) {
      const leaves = d.leaves.filter((l) => l.fieldCode === field && !l.survey);
      const disputed = leaves.filter((l) => [...l.thread].reverse().find((m) => m.side === 'agency')?.kind === 'dispute');
      const toReview = round2 ? disputed.filter((l) => !l.final).length : leaves.filter((l) => !l.appraisal1 && l.self).length;
      const node = d.framework.nodes.find((n) => n.code === field);
      entries.push({ assessment: a, fieldCode: field, fieldName: node?.nameVi ?? field, toReview, disputed: disputed.length, total: leaves.length, due: round2 ? d.deadlines.appraisal2 : d.deadlines.appraisal1 });
    }
  });
  return { year, period, list, entries, loading: list.isPending || details.some((q) => q.isPending && q.fetchStatus !== 'idle'), drafts: (list.data?.items ?? []).filter((a) => a.status === 'draft').length };
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
