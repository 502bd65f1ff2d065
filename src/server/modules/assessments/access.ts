import { compileFramework, type CompiledFramework } from '../../../core/domain/compute-index';
import { actionGate, effectiveDeadline, phaseIndex, type CycleAction, type Phase } from '../../../core/domain/workflow';
import { AppError } from '../../../core/errors';
import type { Framework, FrameworkNode } from '../../../core/schemas/framework';
import type { Ctx } from '../../lib/context';
import { type Action, type Actor, authorize, can, hasRole, requireActor } from '../../policies';
import { compiledFramework } from '../results/compute';
import { appraiserFieldsFor } from '../periods/service';
import * as q from './queries';

/** Everything a request on one assessment needs: rows, framework, the actor's scope and what they may see. */
export interface Loaded {
  actor: Actor;
  row: q.AssessmentContext;
  framework: Framework;
  compiled: CompiledFramework;
  nodeByCode: Map<string, FrameworkNode>;
  /** Fields the actor may appraise in this assessment. */
  appraiserFields: string[];
  extensions: { phase: Phase; dueAt: Date }[];
  view: Visibility;
}

/** What of an assessment an actor sees: all fields or some; appraisal results once the phase allows. */
export interface Visibility {
  fields: Set<string> | null;
  appraisal1: boolean;
  final: boolean;
  isAgency: boolean;
}

export function visibilityFor(actor: Actor, agencyId: number, phase: Phase, appraiserFields: string[]): Visibility {
  if (hasRole(actor, 'admin') || hasRole(actor, 'secretariat')) return { fields: null, appraisal1: true, final: true, isAgency: false };
  if (actor.grants.some((g) => g.agencyId === agencyId && g.role !== 'appraiser')) {
    // The agency sees round 1 once the explanation round opens, and the final scores once finalised.
    return { fields: null, appraisal1: phaseIndex(phase) >= phaseIndex('explanation'), final: phaseIndex(phase) >= phaseIndex('finalised'), isAgency: true };
  }
  return { fields: new Set(appraiserFields), appraisal1: true, final: true, isAgency: false };
}

/**
 * Loads an assessment for the actor (404 outside the province, 403 without read access); with `leafCode`, the
 * leaf's current row comes in the same query (`row.leaf`); with `detail`, the rows of the detail (`row.detail`,
 * read with the context and shown only once the checks above pass).
 */
export async function loadAssessment(ctx: Ctx, id: number, leafCode?: string, options: { detail?: boolean } = {}): Promise<Loaded> {
  const actor = requireActor(ctx.actor);
  const row = await q.findAssessmentContext(ctx.db, id, leafCode, options);
  if (!row || row.agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  const appraiserFields = await appraiserFieldsFor(ctx.db, actor, row.period.id, row.agency.id);
  authorize(actor, 'assessment.read', { provinceId: row.agency.provinceId, agencyId: row.agency.id, appraiserFields });
  const entry = await compiledFramework(ctx.db, row.assessment.frameworkId);
  if (!entry) throw new AppError('not_found');
  const rawExtensions = typeof row.extensions === 'string' ? (JSON.parse(row.extensions) as { phase: string; dueAt: string }[]) : (row.extensions ?? []);
  const extensions = rawExtensions.map((e) => ({ phase: e.phase as Phase, dueAt: new Date(e.dueAt) }));
  return {
    actor,
    row,
    framework: entry.document,
    compiled: entry.compiled ?? compileFramework(entry.document),
    nodeByCode: new Map(entry.document.nodes.map((n) => [n.code, n])),
    appraiserFields,
    extensions,
    view: visibilityFor(actor, row.agency.id, row.period.phase as Phase, appraiserFields),
  };
}

export function deadlinesOf(period: q.PeriodRow) {
  return {
    selfAssessmentDueAt: period.selfAssessmentDueAt,
    appraisal1DueAt: period.appraisal1DueAt,
    explanationDueAt: period.explanationDueAt,
    appraisal2DueAt: period.appraisal2DueAt,
  };
}

/** The resource a policy sees for an action on (a field of) this assessment. */
export function resourceOf(l: Loaded, fieldCode?: string) {
  return { provinceId: l.row.agency.provinceId, agencyId: l.row.agency.id, appraiserFields: l.appraiserFields, ...(fieldCode !== undefined ? { fieldCode } : {}) };
}

/**
 * Checks an action on the assessment in order: who (403 forbidden), when (phase_closed, deadline_passed, with the
 * agency's extension). Returns nothing; throws the first failure.
 */
export function gate(ctx: Ctx, l: Loaded, policy: Action, action: CycleAction, fieldCode?: string): void {
  authorize(l.actor, policy, resourceOf(l, fieldCode));
  const g = actionGate(action, l.row.period.phase as Phase, ctx.now, deadlinesOf(l.row.period), l.extensions);
  if (g) throw new AppError(g.code, g.message, g.deadline ? { details: { deadline: g.deadline.toISOString() } } : {});
}

/** True when the action is allowed now (for abilities): policy and gate. */
export function allowed(ctx: Ctx, l: Loaded, policy: Action, action: CycleAction, fieldCode?: string): boolean {
  if (!can(l.actor, policy, resourceOf(l, fieldCode))) return false;
  return actionGate(action, l.row.period.phase as Phase, ctx.now, deadlinesOf(l.row.period), l.extensions) === null;
}

/** The effective deadline of an action for this agency (ISO), or null. */
export function deadlineOf(l: Loaded, action: CycleAction): string | null {
  return effectiveDeadline(action, deadlinesOf(l.row.period), l.extensions)?.toISOString() ?? null;
}

/** The top-level field of a node code. */
export const fieldOf = (code: string) => code.split('.')[0]!;

/** The leaf node of a code, or 404. */
export function leafNode(l: Loaded, code: string): FrameworkNode {
  const node = l.nodeByCode.get(code);
  if (!node || !node.method) throw new AppError('not_found', { vi: `Không có tiêu chí thành phần "${code}".`, en: `There is no leaf "${code}".` });
  return node;
}
