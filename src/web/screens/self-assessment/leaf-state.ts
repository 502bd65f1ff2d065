/** What the self-assessment screens derive from an assessment and the unsaved edits: per-leaf state and live totals. */
import { computeStageResult, type CompiledFramework, type LeafStageInputs, type StageResult } from '../../../core/domain/compute-index';
import { buildTree, leafNodes, type TreeNode } from '../../../core/domain/framework';
import type { FrameworkNode, LeafInput } from '../../../core/schemas/framework';
import type { AssessmentDetail, LeafView } from '../../api/assessments';
import { isEmptyLeafInput } from '../../components/leaf-input';
import type { Draft } from './use-self-autosave';

/** How a leaf stands for the agency: survey (not self-scored), empty, scored without evidence or explanation, done. */
export type LeafCompletion = 'survey' | 'empty' | 'missing' | 'done';

export interface LeafRow {
  node: FrameworkNode;
  leaf: LeafView | undefined;
  /** The input shown: the unsaved edit, else the saved one. */
  input: LeafInput | null;
  comment: string | null;
  explanation: string | null;
  completion: LeafCompletion;
  unsaved: boolean;
}

export function completionOf(node: FrameworkNode, leaf: LeafView | undefined, input: LeafInput | null, explanation: string | null): LeafCompletion {
  if (node.method?.type === 'survey') return 'survey';
  if (isEmptyLeafInput(input)) return 'empty';
  if (input?.notApplicable === true) return 'done';
  if ((leaf?.evidence.length ?? 0) > 0 || (explanation ?? '').trim() !== '') return 'done';
  return 'missing';
}

/** Every leaf of the framework in tree order with its visible input and completion. */
export function leafRows(detail: AssessmentDetail, drafts: Record<string, Draft>): LeafRow[] {
  const byCode = new Map(detail.leaves.map((l) => [l.code, l]));
  const ordered = leafNodes(detail.framework.nodes);
  return ordered
    .filter((n) => byCode.has(n.code))
    .map((node) => {
      const leaf = byCode.get(node.code);
      const d = drafts[node.code];
      const input = d ? d.input : (leaf?.self?.input ?? null);
      const comment = d ? d.comment : (leaf?.self?.comment ?? null);
      const explanation = d ? d.explanation : (leaf?.selfExplanation ?? null);
      return { node, leaf, input, comment, explanation, completion: completionOf(node, leaf, input, explanation), unsaved: !!d };
    });
}

/** Self-stage totals computed in the browser by the core engine, as the server computes them. */
export function liveSelfResult(compiled: CompiledFramework, rows: LeafRow[]): StageResult {
  const inputs: Record<string, LeafStageInputs> = {};
  for (const r of rows) inputs[r.node.code] = { self: r.input, appraisal1: r.leaf?.appraisal1?.input ?? null, final: r.leaf?.final?.input ?? null, surveyPoints: r.leaf?.surveyPoints ?? null };
  return computeStageResult(compiled, inputs, 'self');
}

export interface Progress {
  scorable: number;
  scored: number;
  withEvidence: number;
  missing: number;
}

export function progressOf(rows: LeafRow[]): Progress {
  let scorable = 0;
  let scored = 0;
  let withEvidence = 0;
  let missing = 0;
  for (const r of rows) {
    if (r.completion === 'survey') continue;
    scorable++;
    if (r.completion !== 'empty') scored++;
    if (r.completion !== 'empty' && (r.leaf?.evidence.length ?? 0) > 0) withEvidence++;
    if (r.completion === 'missing') missing++;
  }
  return { scorable, scored, withEvidence, missing };
}

/** The framework tree (fields → criteria → leaves). */
export function frameworkTree(detail: AssessmentDetail): TreeNode[] {
  return buildTree(detail.framework.nodes);
}

/** The next leaf after `code` (in order, wrapping) that still needs work, or null. */
export function nextIncomplete(rows: LeafRow[], code: string | null): string | null {
  const start = rows.findIndex((r) => r.node.code === code);
  for (let i = 1; i <= rows.length; i++) {
    const r = rows[(start + i) % rows.length];
    if (r && (r.completion === 'empty' || r.completion === 'missing')) return r.node.code;
  }
  return null;
}
