import { canonicalDecimal } from '../../../core/domain/decimal';
import { deadlineState, vietnamDate, type TaskKind, type TaskStatus } from '../../../core/domain/tasks';
import type { DivisionRef, TaskEventView, TaskView } from '../../../core/schemas/tasks';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, can } from '../../policies';
import type * as q from './queries';

export interface NodeName {
  nameVi: string;
  nameEn: string;
}

/** Lookups shared by the tasks of one page: divisions, source periods and leaf names per period, output counts. */
export interface PresentContext {
  divisions: Map<number, q.DivisionRow>;
  periodYears: Map<number, number>;
  names: Map<number, Map<string, NodeName>>;
  outputs: Map<number, number>;
}

export function divisionRef(d: q.DivisionRow): DivisionRef {
  return { id: d.id, code: d.code, nameVi: d.nameVi, nameEn: d.nameEn, isActive: d.isActive };
}

/** The resource the `task.*` policies decide on: the agency and the task's lead and supporting divisions. */
export function taskResource(task: Pick<q.TaskRow, 'provinceId' | 'agencyId' | 'leadDivisionId' | 'supportDivisionIds'>) {
  return {
    provinceId: task.provinceId,
    agencyId: task.agencyId,
    divisionIds: [...(task.leadDivisionId ? [task.leadDivisionId] : []), ...task.supportDivisionIds],
  };
}

/** A task on the wire, with its deadline state (today in Vietnam) and what the actor may do with it. */
export function presentTask(ctx: Ctx, t: q.TaskRow, p: PresentContext): TaskView {
  const resource = taskResource(t);
  const today = vietnamDate(ctx.now);
  const { state, daysLeft } = deadlineState(t.status, t.dueOn, today);
  const name = t.nodeCode && t.sourcePeriodId ? p.names.get(t.sourcePeriodId)?.get(t.nodeCode) : undefined;
  const division = (id: number) => p.divisions.get(id);
  const canUpdate = can(ctx.actor, 'task.update', resource);
  const canManage = can(ctx.actor, 'task.manage', resource);
  const open = t.status !== 'cancelled';
  return {
    id: t.id,
    agencyId: t.agencyId,
    kind: t.kind as TaskKind,
    sourcePeriodId: t.sourcePeriodId,
    sourceYear: t.sourcePeriodId ? (p.periodYears.get(t.sourcePeriodId) ?? null) : null,
    nodeCode: t.nodeCode,
    nodeNameVi: name?.nameVi ?? null,
    nodeNameEn: name?.nameEn ?? null,
    pointsLost: t.pointsLost !== null ? canonicalDecimal(t.pointsLost) : null,
    planRef: t.planRef,
    title: t.title,
    description: t.description,
    leadDivision: t.leadDivisionId && division(t.leadDivisionId) ? divisionRef(division(t.leadDivisionId)!) : null,
    supportDivisions: t.supportDivisionIds.map(division).filter((d): d is q.DivisionRow => !!d).map(divisionRef),
    dueOn: t.dueOn,
    status: t.status as TaskStatus,
    progress: t.progress,
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
    deadline: state,
    daysLeft,
    outputCount: p.outputs.get(t.id) ?? 0,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
    abilities: {
      // Division heads of the task's divisions update status, progress and notes; managers everything.
      update: canUpdate && (open || canManage),
      manage: canManage,
      note: canUpdate,
      // Documents go into the agency's evidence library, which only its focal point and head may add to.
      addOutput: open && canUpdate && abilitiesFor(ctx.actor, ['evidence.upload'], { provinceId: t.provinceId, agencyId: t.agencyId }).upload === true,
      removeOutput: canUpdate,
      useAsEvidence: canManage && !!t.nodeCode && !!t.sourcePeriodId,
    },
  };
}

export function presentEvent(row: { event: { id: number; at: Date; kind: string; note: string; data: Record<string, unknown> }; userName: string | null }): TaskEventView {
  return { id: row.event.id, at: row.event.at.toISOString(), kind: row.event.kind, note: row.event.note, data: row.event.data ?? {}, userName: row.userName };
}
