import { computeStageResult, explainAgencyResult, RESULT_STAGES, type ResultStage } from '../../../core/domain/compute-index';
import { AppError } from '../../../core/errors';
import type { GroupResults, Scorecard } from '../../../core/schemas/results';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, requireActor } from '../../policies';
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
  return {
    year,
    agency: { id: agency.id, code: agency.code, nameVi: agency.nameVi, nameEn: agency.nameEn },
    framework: { id: frameworkId, nameVi: loaded.framework.nameVi },
    stages: RESULT_STAGES.map((s) => presentStageTotals(computeStageResult(compiled, loaded.inputs, s))),
    summary: explained.summary[ctx.lang],
    components: presentComponents(explained),
    tree: explained.tree.map((n) => presentNode(n, ctx.lang)),
    abilities: abilitiesFor(actor, ['results.readGroup'], { provinceId: actor.provinceId }),
  };
}
