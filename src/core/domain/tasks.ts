/**
 * Remediation tasks (kế hoạch khắc phục): kinds, statuses, deadline states and reminders, and the lost leaves of a
 * published scorecard that tasks are proposed from. Pure: the caller passes "today" (a Vietnam calendar date).
 */
import type { Bilingual } from '../errors';
import { parsePoints, type Units, unitsToDecimalString } from './decimal';

export const TASK_KINDS = ['remediation', 'par_plan', 'procedure_control'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_KIND_LABELS: Record<TaskKind, Bilingual> = {
  remediation: { vi: 'Khắc phục điểm bị mất', en: 'Remediation' },
  par_plan: { vi: 'Kế hoạch CCHC năm', en: 'Annual PAR plan' },
  procedure_control: { vi: 'Kế hoạch kiểm soát TTHC', en: 'Procedure control plan' },
};

export const TASK_STATUS_LABELS: Record<TaskStatus, Bilingual> = {
  open: { vi: 'Chưa thực hiện', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/**
 * The status a task takes after an update (issue 11): an explicit status wins; otherwise progress moves it — a
 * task not started that reports progress (1–99 %) is in progress, and one that reaches 100 % is done. Progress never
 * moves a cancelled or done task, nor a task back to "not started".
 */
export function statusAfterUpdate(current: TaskStatus, requested: TaskStatus | undefined, progress: number): TaskStatus {
  if (requested !== undefined) return requested;
  if (current !== 'open' && current !== 'in_progress') return current;
  if (progress >= 100) return 'done';
  if (progress > 0) return 'in_progress';
  return current;
}

/** A task is "due soon" when its due date is at most this many days away. */
export const DUE_SOON_DAYS = 7;

/** Open tasks are the ones still to be done (reminders, overdue). */
export const isOpenStatus = (s: string): boolean => s === 'open' || s === 'in_progress';

/** Today's date in Vietnam (UTC+7) as YYYY-MM-DD: due dates are calendar days of the province. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type DeadlineState = 'none' | 'on_track' | 'due_soon' | 'overdue' | 'closed';

/**
 * Where a task stands against its due date: closed (done or cancelled), none (no due date), overdue (the due day
 * has passed), due soon (due within {@link DUE_SOON_DAYS} days, today included), or on track.
 */
export function deadlineState(status: string, dueOn: string | null, today: string): { state: DeadlineState; daysLeft: number | null } {
  if (!isOpenStatus(status)) return { state: 'closed', daysLeft: dueOn ? daysBetween(today, dueOn) : null };
  if (!dueOn) return { state: 'none', daysLeft: null };
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return { state: 'overdue', daysLeft };
  return { state: daysLeft <= DUE_SOON_DAYS ? 'due_soon' : 'on_track', daysLeft };
}

export const TASK_REMINDERS = ['due7', 'due3', 'due1', 'overdue'] as const;
export type TaskReminder = (typeof TASK_REMINDERS)[number];

/**
 * The deadline warning due today for an open task, if any: `overdue` once the due day has passed, else the
 * smallest of 1/3/7 days that is at least the days left (a task created 2 days before its deadline gets the 3-day
 * warning, not a belated 7-day one). Each kind is sent once per task (the caller records it).
 */
export function taskReminderDue(status: string, dueOn: string | null, today: string): TaskReminder | null {
  if (!isOpenStatus(status) || !dueOn) return null;
  const days = daysBetween(today, dueOn);
  if (days < 0) return 'overdue';
  if (days <= 1) return 'due1';
  if (days <= 3) return 'due3';
  if (days <= 7) return 'due7';
  return null;
}

/** A published scorecard node, as the snapshot stores it (decimal text points). */
export interface ScorecardNode {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  points: string;
  max: string;
  lost: string;
  notApplicable: boolean;
  children: ScorecardNode[];
}

/** A leaf where points were lost, with the field (top-level node) it belongs to. */
export interface LostLeaf {
  code: string;
  nameVi: string;
  nameEn: string;
  fieldCode: string;
  fieldNameVi: string;
  fieldNameEn: string;
  kind: string;
  max: string;
  points: string;
  lost: string;
  lostUnits: Units;
}

/**
 * The leaves of a published scorecard that lost points, most points lost first (then by code): a regular leaf
 * loses its applicable maximum minus its points; a deduction leaf loses the points it deducted. Not-applicable
 * leaves and bonus leaves lose nothing.
 */
export function lostLeaves(tree: readonly ScorecardNode[]): LostLeaf[] {
  const out: LostLeaf[] = [];
  const walk = (n: ScorecardNode, field: ScorecardNode) => {
    if (n.children.length) {
      for (const c of n.children) walk(c, field);
      return;
    }
    if (n.notApplicable) return;
    let lost: Units;
    if (n.kind === 'regular') lost = parsePoints(n.lost);
    else if (n.kind === 'deduction') lost = parsePoints(n.points);
    else return;
    if (lost <= 0) return;
    out.push({
      code: n.code,
      nameVi: n.nameVi,
      nameEn: n.nameEn,
      fieldCode: field.code,
      fieldNameVi: field.nameVi,
      fieldNameEn: field.nameEn,
      kind: n.kind,
      max: n.max,
      points: n.points,
      lost: unitsToDecimalString(lost),
      lostUnits: lost,
    });
  };
  for (const top of tree) walk(top, top);
  return out.sort((a, b) => b.lostUnits - a.lostUnits || compareCodes(a.code, b.code));
}

/** Compares node codes numerically part by part ("1.10" after "1.9"). */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}
