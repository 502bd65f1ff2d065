/**
 * Issue 6, parts 1 and 2: the analysis of an agency's published result (why it rose or fell, what it takes to
 * climb, how robust its rank is, its trends) and the province view, computed by the pure core
 * (src/core/domain/analysis) from the published snapshots and imported history. Numbers go out as the core
 * produces them: points in integer units of 1/10000 point, indices in integer hundredths of a percent.
 */
import {
  componentComparison,
  distribution,
  findAgency,
  heatmap,
  lossWaterfall,
  movers,
  rankRobustness,
  rankedAgencies,
  summarizeAgency,
  topLostLeaves,
  trends,
  weakestFields,
  weakestLeaves,
  whatItTakes,
  type GainMode,
} from '../../../core/domain/analysis';
import { AppError } from '../../../core/errors';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import { findAgencyForAnalysis } from '../org/service';
import { publishedYearsOf } from '../publication/service';
import { surveyIntervalsForPeriod } from '../surveys/tally';
import { lineageNotesOf } from '../lineage/service';
import { agencyTrendPoints, previousGroup, publishedGroup } from './load';

const notPublished = (year: number) =>
  new AppError('not_found', { vi: `Chưa công bố kết quả năm ${year} của cơ quan này.`, en: `No published result of this agency for ${year}.` });

export interface AgencyAnalysisOptions {
  year?: number | undefined;
  mode?: GainMode | undefined;
  seed?: number | undefined;
  draws?: number | undefined;
}

/** Everything the agency analysis page and report show, for one agency and one published year (default: the latest). */
export async function agencyAnalysis(ctx: Ctx, agencyId: number, options: AgencyAnalysisOptions = {}) {
  const actor = requireActor(ctx.actor);
  const agency = await findAgencyForAnalysis(ctx, agencyId);
  authorize(actor, 'analysis.read', { provinceId: agency.provinceId, agencyId });
  const years = await publishedYearsOf(ctx, agency.provinceId);
  const year = options.year ?? years.find(() => true);
  if (year === undefined || !years.includes(year)) throw notPublished(year ?? new Date(ctx.now).getFullYear());
  const current = await publishedGroup(ctx, agency.provinceId, year, { agencyId });
  if (!current) throw notPublished(year);
  const previous = await previousGroup(ctx, agency.provinceId, current);
  const id = String(agencyId);
  const me = findAgency(current.group, id);
  const prevMe = previous?.agencies.find((a) => a.agencyId === id) ?? null;
  const intervals = await surveyIntervalsForPeriod(ctx, current.periodId);
  const seed = options.seed ?? year;
  const robustness = rankRobustness(current.compiled, current.group, intervals, [id], { seed, draws: options.draws ?? 1000 });
  const ranked = rankedAgencies(current.group);
  return {
    agency: { id: agencyId, code: agency.code, nameVi: agency.nameVi, nameEn: agency.nameEn },
    year,
    years,
    previousYear: previous ? previous.year : null,
    published: { periodId: current.periodId, revision: current.revision, decisionNumber: current.decisionNumber, contentHash: current.contentHash },
    group: { id: current.results.group.id, code: current.results.group.code, nameVi: current.results.group.nameVi, nameEn: current.results.group.nameEn, size: current.group.agencies.length },
    fields: current.group.fields,
    agencies: ranked.map((a) => ({ agencyId: a.agencyId, code: a.code, nameVi: a.nameVi, nameEn: a.nameEn, rank: a.rank, tied: a.tied, totalIndex: a.totalIndex })),
    classification: current.results.agencies.find((a) => a.agencyId === agencyId)?.classification ?? null,
    summary: summarizeAgency(current.group, previous, id),
    comparison: componentComparison(current.group, previous, id),
    waterfall: lossWaterfall(current.compiled, me),
    topLost: topLostLeaves(current.compiled, me, prevMe?.leaves ? prevMe : null, 10),
    whatItTakes: whatItTakes(current.compiled, current.group, id, { mode: options.mode ?? 'one_step' }),
    robustness: {
      draws: robustness.draws,
      seed: robustness.seed,
      distribution: robustness.distribution,
      surveyLeavesDrawn: Object.values(intervals).reduce((s, r) => s + Object.keys(r).length, 0),
      agency: robustness.agencies[0] ?? null,
    },
    trend: trends(await agencyTrendPoints(ctx, agency.provinceId, agencyId, years)),
    lineage: await lineageNotesOf(ctx, agency.provinceId, agencyId),
  };
}

export type AgencyAnalysis = Awaited<ReturnType<typeof agencyAnalysis>>;

/** The province view of one group and published year: distribution, heat map, weakest fields and leaves, movers. */
export async function provinceAnalysis(ctx: Ctx, year: number, groupId: number) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'analysis.province', { provinceId: actor.provinceId });
  const current = await publishedGroup(ctx, actor.provinceId, year, { groupId });
  if (!current) throw new AppError('not_found', { vi: `Chưa công bố kết quả năm ${year} của nhóm này.`, en: `No published results of this group for ${year}.` });
  const previous = await previousGroup(ctx, actor.provinceId, current);
  const years = await publishedYearsOf(ctx, actor.provinceId);
  return {
    year,
    years,
    previousYear: previous ? previous.year : null,
    published: { periodId: current.periodId, revision: current.revision, decisionNumber: current.decisionNumber, contentHash: current.contentHash },
    group: { id: current.results.group.id, code: current.results.group.code, nameVi: current.results.group.nameVi, nameEn: current.results.group.nameEn, size: current.group.agencies.length },
    fields: current.group.fields,
    distribution: distribution(current.group.agencies.map((a) => a.totalIndex), 500),
    heatmap: heatmap(current.group),
    weakestFields: weakestFields(current.group),
    weakestLeaves: weakestLeaves(current.compiled, current.group, 15),
    movers: previous ? movers(current.group, previous, 5) : null,
  };
}

export type ProvinceAnalysis = Awaited<ReturnType<typeof provinceAnalysis>>;
