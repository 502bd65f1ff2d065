import { effectiveDeadline, type Phase } from '../../../core/domain/workflow';
import type { AssessmentSummary } from '../../../core/schemas/assessments';
import type { GroupResults } from '../../../core/schemas/results';
import type { Ctx } from '../../lib/context';
import { can, hasRole, ownAgencyIds, requireActor } from '../../policies';
import { appraiserQueue, listAssessments } from '../assessments/service';
import { getPeriod, listPeriods } from '../periods/service';
import { latestPublishedResults } from '../publication/service';

/**
 * The home page by role for a period (default: the latest one not yet published): the agency's card and to-dos, the
 * appraiser's queue, the secretariat's agencies × phases matrix with late agencies and province figures.
 */
export async function dashboard(ctx: Ctx, periodId?: number) {
  const actor = requireActor(ctx.actor);
  const periods = (await listPeriods(ctx)).items;
  const current = periodId ? await getPeriod(ctx, periodId) : (periods.find((p) => p.phase !== 'published') ?? periods[0] ?? null);
  if (!current) return { period: null, agency: null, appraiser: null, secretariat: null, lastResults: null };
  const { items } = await listAssessments(ctx, { periodId: current.id });
  const lastYear = await latestPublishedResults(ctx, actor.provinceId, current.year - 1);
  const rowOf = (agencyId: number) => {
    for (const g of lastYear?.groups ?? []) {
      const a = g.agencies.find((x) => x.agencyId === agencyId);
      if (a) return { year: current.year - 1, groupCode: g.group.code, of: g.agencies.length, rank: a.rank, change: a.rankChange, totalIndex: a.totalIndex, classification: a.classification };
    }
    return null;
  };
  const own = new Set(ownAgencyIds(actor));
  const agencyItems = items.filter((i) => own.has(i.agencyId));
  const agency = agencyItems.length
    ? agencyItems.map((a) => ({
        assessment: a,
        todo: {
          notScored: a.progress.selfScorable - a.progress.scored,
          withoutEvidenceOrExplanation: a.progress.withoutEvidenceOrExplanation,
          adjustedToExplain: current.phase === 'explanation' ? a.progress.adjusted - a.progress.disputed : 0,
        },
        lastYear: rowOf(a.agencyId),
      }))
    : null;
  // The appraiser's queue in one pass: submitted assessments × the fields the actor appraises (issue 11 part 4).
  const appraiser = hasRole(actor, 'appraiser')
    ? { rows: await appraiserQueue(ctx, current.id), submitted: items.filter((a) => a.status !== 'draft').length, total: items.length }
    : null;
  const staff = can(actor, 'dashboard.secretariat', { provinceId: actor.provinceId });
  const secretariat = staff ? secretariatView(ctx, current, items, lastYear) : null;
  return { period: current, agency, appraiser, secretariat, lastResults: lastYear ? { year: current.year - 1, groups: lastYear.groups.map(summary) } : null };
}

function summary(g: GroupResults) {
  const indices = g.agencies.map((a) => Number(a.totalIndex ?? 0));
  const byClass: Record<string, number> = {};
  for (const a of g.agencies) if (a.classification) byClass[a.classification.code] = (byClass[a.classification.code] ?? 0) + 1;
  return {
    groupCode: g.group.code,
    groupNameVi: g.group.nameVi,
    groupNameEn: g.group.nameEn,
    agencyCount: g.agencies.length,
    averageIndex: indices.length ? (indices.reduce((s, x) => s + x, 0) / indices.length).toFixed(2) : null,
    best: g.agencies[0] ? { code: g.agencies[0].code, nameVi: g.agencies[0].nameVi, totalIndex: g.agencies[0].totalIndex } : null,
    byClass,
  };
}

function secretariatView(ctx: Ctx, period: Awaited<ReturnType<typeof getPeriod>>, items: AssessmentSummary[], _last: { groups: GroupResults[] } | null) {
  const phase = period.phase as Phase;
  const dueSelf = effectiveDeadline('submit', { selfAssessmentDueAt: period.selfAssessmentDueAt });
  // Lateness is a matter of the running cycle: once results are finalised or published nobody is late any more.
  const running = phase !== 'setup' && phase !== 'finalised' && phase !== 'published';
  const late = items.filter((a) => a.status === 'draft' && running && dueSelf !== null && ctx.now > dueSelf && (!a.deadline || ctx.now > new Date(a.deadline)));
  const counts: Record<string, number> = {};
  for (const a of items) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return {
    matrix: items.map((a) => ({
      assessmentId: a.id,
      agencyId: a.agencyId,
      agencyCode: a.agencyCode,
      agencyNameVi: a.agencyNameVi,
      groupCode: a.groupCode,
      status: a.status,
      submittedAt: a.submittedAt,
      scored: a.progress.scored,
      selfScorable: a.progress.selfScorable,
      appraised1: a.progress.appraised1,
      adjusted: a.progress.adjusted,
      disputed: a.progress.disputed,
      finalised: a.progress.finalised,
      late: late.some((l) => l.id === a.id),
    })),
    counts,
    late: late.map((a) => ({ agencyId: a.agencyId, agencyCode: a.agencyCode, agencyNameVi: a.agencyNameVi })),
  };
}
