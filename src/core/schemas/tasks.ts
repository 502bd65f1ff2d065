import { z } from 'zod';
import { TASK_KINDS, TASK_STATUSES } from '../domain/tasks';
import { evidenceBrief } from './assessments';
import { abilities, code, id, LIMITS, optionalText, text, year, multilineText, optionalMultilineText } from './common';

/** Remediation plan (kế hoạch khắc phục) wire contracts: tasks, their history and outputs, proposals, plan import. */

export const taskKind = z.enum(TASK_KINDS);
export const taskStatus = z.enum(TASK_STATUSES);
export const deadlineStateSchema = z.enum(['none', 'on_track', 'due_soon', 'overdue', 'closed']);

/** A calendar date YYYY-MM-DD (a due date), between the years the application knows. */
export const dueDate = z
  .string()
  .refine(
    (s) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
      const t = Date.parse(`${s}T00:00:00Z`);
      const y = Number(s.slice(0, 4));
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s && y >= LIMITS.yearMin && y <= LIMITS.yearMax;
    },
    { params: { vi: 'Ngày không hợp lệ (YYYY-MM-DD).', en: 'Invalid date (YYYY-MM-DD).' } },
  );

export const divisionRef = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string(), isActive: z.boolean() });
export type DivisionRef = z.infer<typeof divisionRef>;

export const taskView = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  kind: taskKind,
  sourcePeriodId: z.number().int().nullable(),
  /** The year of the source period: the published results a remediation task answers, or the plan's year. */
  sourceYear: z.number().int().nullable(),
  nodeCode: z.string().nullable(),
  nodeNameVi: z.string().nullable(),
  nodeNameEn: z.string().nullable(),
  pointsLost: z.string().nullable(),
  planRef: z.string(),
  title: z.string(),
  description: z.string(),
  leadDivision: divisionRef.nullable(),
  supportDivisions: z.array(divisionRef),
  dueOn: z.string().nullable(),
  status: taskStatus,
  progress: z.number().int(),
  completedAt: z.string().nullable(),
  /** Against the due date, today in Vietnam: overdue (red), due soon (amber), on track, none, closed. */
  deadline: deadlineStateSchema,
  daysLeft: z.number().int().nullable(),
  outputCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities,
});
export type TaskView = z.infer<typeof taskView>;

export const taskEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  note: z.string(),
  data: z.record(z.string(), z.unknown()),
  userName: z.string().nullable(),
});
export type TaskEventView = z.infer<typeof taskEventView>;

export const taskOutputView = evidenceBrief.extend({
  sizeBytes: z.number().int(),
  linkedAt: z.string(),
  /** Already attached to the same leaf of the evidence target (next year's assessment). */
  attachedToTarget: z.boolean(),
});
export type TaskOutputView = z.infer<typeof taskOutputView>;

/**
 * Where the task's outputs can go as evidence: the same leaf of the agency's assessment in the next period (a
 * remediation task) or in the plan's own period (a plan task). `canAttach` says whether the actor may attach now;
 * `reason` why not.
 */
export const evidenceTarget = z.object({
  year: z.number().int(),
  periodId: z.number().int().nullable(),
  assessmentId: z.number().int().nullable(),
  phase: z.string().nullable(),
  nodeCode: z.string(),
  canAttach: z.boolean(),
  reason: z.string().nullable(),
});
export type EvidenceTarget = z.infer<typeof evidenceTarget>;

export const taskLeaf = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  fieldCode: z.string(),
  fieldNameVi: z.string(),
  fieldNameEn: z.string(),
  /** From the published results of the source year (null when the year is not published or the leaf lost nothing). */
  max: z.string().nullable(),
  points: z.string().nullable(),
  lost: z.string().nullable(),
});

export const taskDetail = taskView.extend({
  agencyCode: z.string(),
  agencyNameVi: z.string(),
  agencyNameEn: z.string(),
  leaf: taskLeaf.nullable(),
  events: z.array(taskEventView),
  outputs: z.array(taskOutputView),
  evidenceTarget: evidenceTarget.nullable(),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const taskCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  in_progress: z.number().int(),
  done: z.number().int(),
  cancelled: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
});

export const taskList = z.object({
  items: z.array(taskView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts over all the agency's tasks (not only the filtered page), for the summary. */
  counts: taskCounts,
  /** The agency's divisions (to filter and assign). */
  divisions: z.array(divisionRef),
  abilities,
});
export type TaskList = z.infer<typeof taskList>;

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const taskListQuery = z.object({
  status: taskStatus.optional(),
  kind: taskKind.optional(),
  divisionId: id.optional(),
  /** overdue: open tasks past their due date; soon: open tasks due within 7 days. */
  due: z.enum(['overdue', 'soon']).optional(),
  /** Include cancelled tasks when no status is chosen (default false). */
  includeCancelled: booleanText.optional(),
  q: z.string().trim().max(LIMITS.shortText).optional(),
  sort: z.enum(['dueOn', 'pointsLost', 'createdAt', 'progress', 'title']).default('dueOn'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

export const taskExportQuery = taskListQuery.omit({ page: true, pageSize: true });

const divisionIds = z.array(id).max(20);

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** An optional free text of an update: absent stays absent (no default), '' clears it. */
const editText = (max: number) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { params: { vi: 'Chứa ký tự điều khiển không hợp lệ.', en: 'Contains invalid control characters.' } });

export const taskCreate = z
  .object({
    kind: taskKind.default('remediation'),
    title: text(LIMITS.name),
    description: optionalMultilineText(LIMITS.longText),
    /** The year whose results the task answers (remediation) or the plan's year; its period must exist. */
    sourceYear: year.nullish(),
    nodeCode: code.nullish(),
    planRef: optionalText(LIMITS.code),
    leadDivisionId: id.nullish(),
    supportDivisionIds: divisionIds.default([]),
    dueOn: dueDate.nullish(),
  })
  .superRefine((b, ctx) => {
    if (b.nodeCode && !b.sourceYear) ctx.addIssue({ code: 'custom', path: ['sourceYear'], params: { vi: 'Chọn năm của tiêu chí.', en: 'Choose the year of the leaf.' } });
  });

export const proposalsQuery = z.object({ year: year.optional() });

export const proposalItem = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  fieldCode: z.string(),
  fieldNameVi: z.string(),
  fieldNameEn: z.string(),
  kind: z.string(),
  max: z.string(),
  points: z.string(),
  lost: z.string(),
});

export const proposalsView = z.object({
  agencyId: z.number().int(),
  /** The published year shown (the latest by default), or null when nothing is published. */
  year: z.number().int().nullable(),
  periodId: z.number().int().nullable(),
  publishedYears: z.array(z.number().int()),
  /** The agency's rank and index that year, for the heading. */
  rank: z.number().int().nullable(),
  rankOf: z.number().int().nullable(),
  totalIndex: z.string().nullable(),
  /** Lost leaves without a task yet, most points lost first. */
  items: z.array(proposalItem),
  /** Lost leaves that already have a task for that year. */
  existing: z.array(proposalItem.extend({ taskId: z.number().int() })),
  divisions: z.array(divisionRef),
  abilities,
});
export type ProposalsView = z.infer<typeof proposalsView>;

export const proposalsCreate = z.object({
  year,
  items: z
    .array(
      z.object({
        nodeCode: code,
        /** Defaults to "Khắc phục tiêu chí <code>: <name>". */
        title: text(LIMITS.name).optional(),
        description: optionalMultilineText(LIMITS.longText),
        leadDivisionId: id.nullish(),
        supportDivisionIds: divisionIds.default([]),
        dueOn: dueDate.nullish(),
      }),
    )
    .min(1)
    .max(200),
});

export const taskUpdate = z
  .object({
    /** The version you read; a stale version is a 409 conflict. */
    version: z.number().int().positive(),
    title: text(LIMITS.name).optional(),
    description: editText(LIMITS.longText).optional(),
    planRef: editText(LIMITS.code).optional(),
    leadDivisionId: id.nullable().optional(),
    supportDivisionIds: divisionIds.optional(),
    dueOn: dueDate.nullable().optional(),
    status: taskStatus.optional(),
    progress: z.number().int().min(0).max(100).optional(),
    /** A progress note recorded with the change. */
    note: editText(LIMITS.longText).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { params: { vi: 'Không có thay đổi nào.', en: 'Nothing to change.' } });

export const taskNoteBody = z.object({ note: multilineText(LIMITS.longText) });

export const outputLinkBody = z.object({ evidenceIds: z.array(id).min(1).max(20) });

export const outputParams = z.object({ id, evidenceId: id });

export const nextYearBody = z.object({ evidenceIds: z.array(id).min(1).max(20) });

export const nextYearResult = z.object({
  year: z.number().int(),
  periodId: z.number().int(),
  assessmentId: z.number().int(),
  nodeCode: z.string(),
  /** Documents this call attached (the others were already there). */
  attached: z.array(z.number().int()),
  /** Every document now attached to the leaf. */
  evidenceIds: z.array(z.number().int()),
});
export type NextYearResult = z.infer<typeof nextYearResult>;

export const taskImportResult = z.object({ created: z.number().int(), rows: z.number().int() });

export const taskAgencyParams = z.object({ agencyId: id });
