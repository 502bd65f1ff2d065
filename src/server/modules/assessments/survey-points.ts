import { parsePoints, tryParsePoints } from '../../../core/domain/decimal';
import { actionGate, type Phase } from '../../../core/domain/workflow';
import { AppError, type Bilingual } from '../../../core/errors';
import type { Ctx } from '../../lib/context';
import { cellText, loadWorkbook, readTable } from '../../lib/xlsx';
import { authorize, requireActor } from '../../policies';
import { importFailed } from '../org/service';
import { loadPeriod } from '../periods/service';
import { compiledFramework } from '../results/compute';
import { visibilityFor, type Loaded } from './access';
import { writeLeaf } from './leaf-write';
import * as q from './queries';

export interface SurveyEntry {
  agencyId?: number;
  agencyCode?: string;
  nodeCode: string;
  points: string;
  row?: number;
  /** The leaf's version as the caller read it; when absent, the version read in the writing transaction. */
  version?: number | undefined;
}

/**
 * The secretariat enters or imports survey points per agency and survey leaf (until the survey module's tally
 * feeds them): all entries are validated first (agency in the period, survey leaf, 0 ≤ points ≤ max) and written in
 * one transaction, or none.
 */
export async function enterSurveyPoints(ctx: Ctx, periodId: number, entries: SurveyEntry[]): Promise<{ updated: number }> {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, periodId);
  authorize(actor, 'assessment.enterSurvey', { provinceId: period.provinceId });
  const g = actionGate('enterSurvey', period.phase as Phase, ctx.now, {});
  if (g) throw new AppError(g.code, g.message);
  const rows = await q.listAssessments(ctx.db, periodId, {});
  const problems: { row: number; column: string | null; message: Bilingual }[] = [];
  const work: { l: Loaded; code: string; points: string; version: number | undefined }[] = [];
  for (const [i, e] of entries.entries()) {
    const rowNo = e.row ?? i + 1;
    const a = rows.find((r) => (e.agencyId !== undefined ? r.agency.id === e.agencyId : r.agency.code === e.agencyCode));
    if (!a) {
      problems.push({ row: rowNo, column: 'agency', message: { vi: 'Cơ quan không tham gia kỳ đánh giá này.', en: 'The agency is not in this period.' } });
      continue;
    }
    const entry = await compiledFramework(ctx.db, a.assessment.frameworkId);
    const node = entry?.document.nodes.find((n) => n.code === e.nodeCode);
    if (!entry || !node || node.method?.type !== 'survey') {
      problems.push({ row: rowNo, column: 'nodeCode', message: { vi: `"${e.nodeCode}" không phải tiêu chí điều tra xã hội học.`, en: `"${e.nodeCode}" is not a survey leaf.` } });
      continue;
    }
    const value = tryParsePoints(e.points);
    const max = parsePoints(node.maxPoints);
    if (value === null || value < 0 || value > max) {
      problems.push({ row: rowNo, column: 'points', message: { vi: `Điểm phải từ 0 đến ${node.maxPoints}.`, en: `Points must be between 0 and ${node.maxPoints}.` } });
      continue;
    }
    work.push({
      l: {
        actor,
        row: { assessment: a.assessment, period, agency: a.agency, groupCode: a.groupCode },
        framework: entry.document,
        compiled: entry.compiled,
        nodeByCode: new Map(entry.document.nodes.map((n) => [n.code, n])),
        appraiserFields: [],
        extensions: [],
        view: visibilityFor(actor, a.agency.id, period.phase as Phase, []),
      },
      code: node.code,
      points: e.points,
      version: e.version,
    });
  }
  if (problems.length) throw importFailed(problems, ctx);
  await ctx.db.transaction(async (tx) => {
    for (const w of work) {
      const current = await q.findLeafScore(tx, w.l.row.assessment.id, w.code);
      await writeLeaf(tx, ctx, w.l, w.l.nodeByCode.get(w.code)!, w.version ?? current?.version ?? 0, { surveyPoints: w.points }, { action: 'leaf.survey_points' }, current);
    }
  });
  return { updated: work.length };
}

const COLUMNS = [
  { key: 'agency', headers: ['Mã cơ quan', 'Agency code'], required: true },
  { key: 'nodeCode', headers: ['Mã tiêu chí', 'Tiêu chí', 'Leaf code'], required: true },
  { key: 'points', headers: ['Điểm', 'Điểm điều tra', 'Points'], required: true },
] as const;

/** Imports survey points from .xlsx (Mã cơ quan | Mã tiêu chí | Điểm), every problem with row and column. */
export async function importSurveyPoints(ctx: Ctx, periodId: number, buffer: Buffer) {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, periodId);
  authorize(actor, 'assessment.enterSurvey', { provinceId: period.provinceId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw importFailed([], ctx);
  const { rows, problems } = readTable(sheet, [...COLUMNS]);
  if (problems.length) throw importFailed(problems, ctx);
  return enterSurveyPoints(
    ctx,
    periodId,
    rows.map((r) => ({ agencyCode: cellText(r.cells.agency), nodeCode: cellText(r.cells.nodeCode), points: cellText(r.cells.points).replace(',', '.'), row: r.rowNumber })),
  );
}

/** The period's assessments (agency, framework) and the survey points each leaf currently uses, for the survey tally. */
export async function surveyPointsState(ctx: Ctx, periodId: number) {
  const rows = await q.listAssessments(ctx.db, periodId, {});
  const current = new Map<string, string | null>();
  for (const s of await q.listLeafScores(ctx.db, rows.map((a) => a.assessment.id))) current.set(`${s.assessmentId}:${s.nodeCode}`, s.surveyPoints);
  return { assessments: rows, current };
}
