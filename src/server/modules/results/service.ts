import { computeStageResult, explainAgencyResult, RESULT_STAGES, type ResultStage } from '../../../core/domain/compute-index';
import { AppError } from '../../../core/errors';
import type { GroupResults, Scorecard } from '../../../core/schemas/results';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, can, requireActor, type Actor } from '../../policies';
import { publishedAgencyResult } from '../publication/service';
import { computeAgencyScorecard, computeGroupResults } from './compute';
import { presentComponents, presentNode, presentStageTotals } from './present';
import * as q from './queries';

/** Results of a year's group computed from stored scores (staff and appraisers: these may be unpublished). */
export async function groupResults(ctx: Ctx, year: number, groupId: number): Promise<GroupResults> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'results.readGroup', { provinceId: actor.provinceId });
  const group = await q.findGroup(ctx.db, actor.provinceId, { id: groupId });
  if (!group) throw new AppError('not_found');
  const res = await computeGroupResults(ctx.db, actor.provinceId, year, groupId);
  if (!res) {
    throw new AppError('not_found', {
      vi: `Chưa có kỳ đánh giá năm ${year} áp dụng cho nhóm này.`,
      en: `There is no ${year} period with a framework for this group.`,
    });
  }
  return res;
}

/**
 * One agency's scorecard: totals at every stage and the explained tree of the chosen stage, each number traced to
 * the leaf inputs. Readable by staff, appraisers and the agency's own people.
 */
export async function agencyScorecard(ctx: Ctx, year: number, agencyId: number, stage: ResultStage): Promise<Scorecard> {
  const actor = requireActor(ctx.actor);
  const agency = await q.findAgency(ctx.db, agencyId);
  if (!agency || agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'results.readAgency', { provinceId: agency.provinceId, agencyId });
  const loaded = await computeAgencyScorecard(ctx.db, actor.provinceId, year, agencyId);
  if (!loaded) throw new AppError('not_found', { vi: `Cơ quan chưa có kết quả năm ${year}.`, en: `The agency has no ${year} results.` });
  const compiled = loaded.compiled;
  const explained = explainAgencyResult(compiled, loaded.inputs, stage);
  const frameworkId = await q.findPeriodFramework(ctx.db, loaded.period.id, agency.groupId);
  const group = await q.findGroup(ctx.db, actor.provinceId, { id: agency.groupId });
  return {
    year,
    agency: { id: agency.id, code: agency.code, nameVi: agency.nameVi, nameEn: agency.nameEn },
    framework: { id: frameworkId, nameVi: loaded.framework.nameVi, nameEn: loaded.framework.nameEn },
    group: group ? { id: group.id, code: group.code, nameVi: group.nameVi, nameEn: group.nameEn } : null,
    ranking: await rankingOf(ctx, actor, year, agency.id, agency.groupId),
    stages: RESULT_STAGES.map((s) => presentStageTotals(computeStageResult(compiled, loaded.inputs, s))),
    summary: explained.summary[ctx.lang],
    components: presentComponents(explained),
    tree: explained.tree.map((n) => presentNode(n, ctx.lang)),
    abilities: abilitiesFor(actor, ['results.readGroup'], { provinceId: actor.provinceId }),
  };
}

/**
 * Where the agency stands: the published row when the year is published (what everybody sees), else, for staff and
 * appraisers only, the live ranking from stored scores. An agency never learns its place among unpublished results.
 */
async function rankingOf(ctx: Ctx, actor: Actor, year: number, agencyId: number, groupId: number): Promise<Scorecard['ranking']> {
  const published = await publishedAgencyResult(ctx, actor.provinceId, year, agencyId);
  const pick = (source: 'published' | 'live', rows: GroupResults['agencies']) => {
    const row = rows.find((a) => a.agencyId === agencyId);
    return row
      ? { source, rank: row.rank, of: rows.length, tied: row.tied, previousRank: row.previousRank, rankChange: row.rankChange, totalIndex: row.totalIndex, classification: row.classification }
      : null;
  };
  if (published) return pick('published', published.group.agencies);
  if (!can(actor, 'results.readGroup', { provinceId: actor.provinceId })) return null;
  const live = await computeGroupResults(ctx.db, actor.provinceId, year, groupId);
  return live ? pick('live', live.agencies) : null;
}
