import { leafNodes, topLevelCodes } from '../../../core/domain/framework-tree';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import type { Phase } from '../../../core/domain/workflow';
import { AppError } from '../../../core/errors';
import { type LeafMatrix, MATRIX_STAGES, type MatrixCell, type MatrixLeaf, type MatrixQuery, type MatrixRow } from '../../../core/schemas/matrix';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, matrixViewFor, requireActor } from '../../policies';
import { appraiserScope } from '../periods/service';
import { compiledFramework } from '../results/compute';
import * as q from './queries';

const STAGE_COUNT = MATRIX_STAGES.length;

/**
 * A year's agency group as agencies × leaves × (self, appraisal 1, final) for the actor: the secretariat sees
 * everything, an appraiser the agencies and fields of their scope, an agency its own row (policies/results.ts).
 * Cells are the stored stage points (scored by the core engine on every write); survey leaves show the survey
 * tally at every stage, as the engine scores them. One query reads every cell (no per-agency round trips).
 */
export async function leafMatrix(ctx: Ctx, query: MatrixQuery): Promise<LeafMatrix> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'matrix.read', { provinceId: actor.provinceId });
  const found = await q.findGroupPeriod(ctx.db, actor.provinceId, query.year, query.groupId);
  if (!found) throw new AppError('not_found');
  if (found.period_id === null || found.framework_id === null) {
    throw new AppError('not_found', {
      vi: `Chưa có kỳ đánh giá năm ${query.year} áp dụng cho nhóm này.`,
      en: `There is no ${query.year} period with a framework for this group.`,
    });
  }
  const entry = await compiledFramework(ctx.db, found.framework_id);
  if (!entry) throw new AppError('not_found');
  const phase = found.phase as Phase;
  const view = matrixViewFor(actor, phase);
  const scopeOf = view.scope === 'appraiser' ? await appraiserScope(ctx.db, actor, found.period_id) : null;

  const document = entry.document;
  const tops = topLevelCodes(document.nodes);
  const byCode = new Map(leafNodes(document.nodes).map((l) => [l.code, l]));
  const ordered = entry.compiled.leafCodes.map((code) => byCode.get(code)!);
  const leaves: MatrixLeaf[] = ordered.map((l) => ({
    code: l.code,
    fieldCode: tops.get(l.code) ?? l.code,
    nameVi: l.nameVi,
    nameEn: l.nameEn,
    maxPoints: l.maxPoints,
    isSurvey: l.method?.type === 'survey',
  }));
  const leafIndex = new Map(leaves.map((l, i) => [l.code, i]));
  const nodeByCode = new Map(document.nodes.map((n) => [n.code, n]));
  const fields = entry.compiled.tops.map((t) => ({ code: t.code, nameVi: nodeByCode.get(t.code)?.nameVi ?? t.code, nameEn: nodeByCode.get(t.code)?.nameEn ?? '' }));

  const shows = new Set(view.stages);
  const byAgency = new Map<number, { row: MatrixRow; fields: Set<string> | null } | null>();
  const scores = await q.matrixScores(ctx.db, found.period_id, found.framework_id, view.scope === 'own' ? view.ownAgencyIds : null);
  for (const r of scores) {
    let entry = byAgency.get(r.agency_id);
    if (entry === undefined) {
      const visible = scopeOf ? scopeOf(r.agency_id) : null;
      // Outside the appraiser's scope: the agency is not shown at all.
      entry = visible && visible.length === 0
        ? null
        : { row: { agencyId: r.agency_id, code: r.code, nameVi: r.name_vi, nameEn: r.name_en, visibleFields: visible, cells: new Array<MatrixCell>(leaves.length * STAGE_COUNT).fill(null) }, fields: visible ? new Set(visible) : null };
      byAgency.set(r.agency_id, entry);
    }
    if (!entry || r.node_code === null) continue;
    const i = leafIndex.get(r.node_code);
    if (i === undefined) continue;
    const leaf = leaves[i]!;
    if (entry.fields && !entry.fields.has(leaf.fieldCode)) continue;
    const cell = (units: number | null, isNa: boolean): MatrixCell => {
      if (isNa) return 'na';
      if (leaf.isSurvey) return r.survey_u === null ? null : unitsToDecimalString(r.survey_u);
      return units === null ? null : unitsToDecimalString(units);
    };
    const cells = entry.row.cells;
    const base = i * STAGE_COUNT;
    if (shows.has('self')) cells[base] = cell(r.self_u, r.self_na);
    if (shows.has('appraisal1')) cells[base + 1] = cell(r.appraisal1_u, r.appraisal1_na);
    if (shows.has('final')) cells[base + 2] = cell(r.final_u, r.final_na);
  }
  const rowsOut = [...byAgency.values()].flatMap((e) => (e ? [e.row] : [])).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.agencyId - b.agencyId));
  return {
    year: query.year,
    periodId: found.period_id,
    periodPhase: phase,
    group: { id: found.group_id, code: found.group_code, nameVi: found.group_name_vi, nameEn: found.group_name_en },
    framework: { id: found.framework_id, nameVi: document.nameVi, nameEn: document.nameEn },
    fields,
    leaves,
    stages: view.stages,
    scope: view.scope,
    rows: rowsOut,
    abilities: abilitiesFor(actor, ['matrix.read'], { provinceId: actor.provinceId }),
  };
}
