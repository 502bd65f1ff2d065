import { computeStageResult, RESULT_STAGES, scoreStageLeaf, type LeafStageInputs } from '../../../core/domain/compute-index';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { leafNodes } from '../../../core/domain/framework';
import { type CycleAction, phaseIndex, type Phase } from '../../../core/domain/workflow';
import type { AssessmentSummary, LeafView } from '../../../core/schemas/assessments';
import type { LeafInput } from '../../../core/schemas/framework';
import type { Ctx } from '../../lib/context';
import { presentStageTotals } from '../results/present';
import { allowed, deadlineOf, fieldOf, type Loaded } from './access';
import { trimPoints } from './leaf-write';
import type * as q from './queries';

const points = (p: string | null) => trimPoints(p);

/** The stage inputs of every leaf, for the engine. */
export function inputsOf(rows: q.LeafScoreRow[]): Record<string, LeafStageInputs> {
  const out: Record<string, LeafStageInputs> = {};
  for (const r of rows) out[r.nodeCode] = { self: r.selfInput, appraisal1: r.appraisal1Input, final: r.finalInput, surveyPoints: r.surveyPoints };
  return out;
}

/** Progress of an assessment: leaves scored, evidence attached, appraised, adjusted, disputed. */
export function progressOf(l: Pick<Loaded, 'framework'>, rows: q.LeafScoreRow[], evidenceByLeaf: Map<string, unknown[]>, disputed: Set<string>) {
  const leaves = leafNodes(l.framework.nodes);
  const byCode = new Map(rows.map((r) => [r.nodeCode, r]));
  let scored = 0;
  let withEvidence = 0;
  let missing = 0;
  let appraised1 = 0;
  let adjusted = 0;
  let finalised = 0;
  let selfScorable = 0;
  for (const leaf of leaves) {
    if (leaf.method?.type === 'survey') continue;
    selfScorable++;
    const r = byCode.get(leaf.code);
    const hasEvidence = (evidenceByLeaf.get(leaf.code)?.length ?? 0) > 0;
    if (r?.selfInput) {
      scored++;
      if (hasEvidence) withEvidence++;
      else if (!r.selfExplanation && !r.selfInput.notApplicable) missing++;
    }
    if (r?.appraisal1Input) appraised1++;
    if (r?.appraisal1Decision === 'adjusted') adjusted++;
    if (r?.finalInput) finalised++;
  }
  return { leafCount: leaves.length, selfScorable, scored, withEvidence, withoutEvidenceOrExplanation: missing, appraised1, adjusted, disputed: disputed.size, finalised };
}

/** The action whose deadline matters for the agency now. */
function currentAction(phase: Phase): CycleAction | null {
  switch (phase) {
    case 'self_assessment':
      return 'submit';
    case 'appraisal1':
      return 'appraise1';
    case 'explanation':
      return 'explain';
    case 'appraisal2':
      return 'appraise2';
    default:
      return null;
  }
}

export function abilitiesOf(ctx: Ctx, l: Loaded): Record<string, boolean> {
  const status = l.row.assessment.status;
  return {
    selfAssess: status === 'draft' && allowed(ctx, l, 'assessment.selfAssess', 'selfAssess'),
    submit: status === 'draft' && allowed(ctx, l, 'assessment.submit', 'submit'),
    withdraw: status === 'submitted' && allowed(ctx, l, 'assessment.withdraw', 'withdraw'),
    appraise1: status === 'submitted' && allowed(ctx, l, 'assessment.appraise', 'appraise1'),
    explain: allowed(ctx, l, 'assessment.explain', 'explain'),
    appraise2: status !== 'draft' && allowed(ctx, l, 'assessment.appraise', 'appraise2'),
    enterSurvey: allowed(ctx, l, 'assessment.enterSurvey', 'enterSurvey'),
  };
}

export function summaryOf(ctx: Ctx, l: Loaded, rows: q.LeafScoreRow[], evidenceByLeaf: Map<string, unknown[]>, disputed: Set<string>): AssessmentSummary {
  const a = l.row.assessment;
  const action = currentAction(l.row.period.phase as Phase);
  return {
    id: a.id,
    periodId: l.row.period.id,
    year: l.row.period.year,
    phase: l.row.period.phase,
    agencyId: l.row.agency.id,
    agencyCode: l.row.agency.code,
    agencyNameVi: l.row.agency.nameVi,
    agencyNameEn: l.row.agency.nameEn,
    groupCode: l.row.groupCode,
    frameworkId: a.frameworkId,
    status: a.status as AssessmentSummary['status'],
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    progress: progressOf(l, rows, evidenceByLeaf, disputed),
    deadline: action ? deadlineOf(l, action) : null,
    version: a.version,
    abilities: abilitiesOf(ctx, l),
  };
}

function stage(input: LeafInput | null, p: string | null, decision: string | null, reason: string | null, comment: string | null, at: Date | null) {
  if (!input) return null;
  return { input, points: points(p), notApplicable: input.notApplicable === true, decision, reasonCode: reason, comment, at: at ? at.toISOString() : null };
}

/** The leaves the actor sees, each with its stages (as visible), evidence, thread and last year's points. */
export function leavesOf(
  l: Loaded,
  rows: q.LeafScoreRow[],
  evidenceByLeaf: Map<string, LeafView['evidence']>,
  threads: Map<string, LeafView['thread']>,
  lastYear: Map<string, string | null>,
  canAppraise: (fieldCode: string) => boolean,
): LeafView[] {
  const byCode = new Map(rows.map((r) => [r.nodeCode, r]));
  const inputs = inputsOf(rows);
  return leafNodes(l.framework.nodes)
    .filter((leaf) => l.view.fields === null || l.view.fields.has(fieldOf(leaf.code)))
    .map((leaf) => {
      const r = byCode.get(leaf.code);
      const survey = leaf.method?.type === 'survey';
      const effective = scoreStageLeaf(leaf, inputs[leaf.code], l.view.final ? 'effective' : l.view.appraisal1 ? 'appraisal1' : 'self');
      return {
        code: leaf.code,
        fieldCode: fieldOf(leaf.code),
        survey,
        self: r ? stage(r.selfInput, r.selfPoints, null, null, r.selfComment, null) : null,
        selfExplanation: r?.selfExplanation ?? null,
        appraisal1: r && l.view.appraisal1 ? stage(r.appraisal1Input, r.appraisal1Points, r.appraisal1Decision, r.appraisal1ReasonCode, r.appraisal1Comment, r.appraisal1At) : null,
        final: r && l.view.final ? stage(r.finalInput, r.finalPoints, r.finalDecision, r.finalReasonCode, r.finalComment, r.finalAt) : null,
        surveyPoints: r?.surveyPoints != null ? points(r.surveyPoints) : null,
        effectivePoints: effective.status === 'scored' || effective.status === 'not_scored' ? unitsToDecimalString(effective.units) : null,
        evidence: evidenceByLeaf.get(leaf.code) ?? [],
        thread: threads.get(leaf.code) ?? [],
        lastYearPoints: lastYear.get(leaf.code) ?? null,
        version: r?.version ?? 0,
        canAppraise: canAppraise(fieldOf(leaf.code)),
      };
    });
}

/** Stage totals by the engine, limited to the stages the actor may see. */
export function stagesOf(l: Loaded, rows: q.LeafScoreRow[]) {
  const inputs = inputsOf(rows);
  const visible = RESULT_STAGES.filter((s) => s === 'self' || (s === 'appraisal1' && l.view.appraisal1) || ((s === 'final' || s === 'effective') && l.view.final));
  return visible.map((s) => presentStageTotals(computeStageResult(l.compiled, inputs, s)));
}

export const isAfter = (phase: Phase, than: Phase) => phaseIndex(phase) > phaseIndex(than);
