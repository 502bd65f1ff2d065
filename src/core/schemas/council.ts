import { z } from 'zod';
import { parseCouncilScore } from '../domain/council';
import { abilities, id, LIMITS, text, version, optionalMultilineText } from './common';
import { classificationView } from './results';

/**
 * The internal council (hội đồng đánh giá CCHC nội bộ) of an agency for a period: which division answers for which
 * leaf, the council sheet (per division: leaves, points lost in the published result, tasks, score, rank), the
 * recorded decision and the agency head's accountability view. Scores are decimal texts with 2 decimals.
 */

/** A calendar date YYYY-MM-DD that exists. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      const y = Number(s.slice(0, 4));
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s && y >= LIMITS.yearMin && y <= LIMITS.yearMax;
    },
    { params: { vi: 'Ngày không hợp lệ.', en: 'Invalid date.' } },
  );

/** A council score 0..100 with at most 2 decimals, as text ("85.5") or a number. */
export const councilScoreInput = z
  .union([z.string().max(12), z.number()])
  .refine((v) => parseCouncilScore(v) !== null, { params: { vi: 'Điểm từ 0 đến 100, tối đa 2 chữ số thập phân.', en: 'A score from 0 to 100 with at most 2 decimals.' } });

export const councilQuery = z.object({ periodId: id });
export const agencyIdParams = z.object({ agencyId: id });

export const responsibilitiesBody = z.object({
  periodId: id,
  /** Leaves to (re)assign; divisionId null removes the leaf's division. Leaves not listed keep theirs. */
  assignments: z
    .array(z.object({ nodeCode: z.string().trim().min(1).max(LIMITS.code), divisionId: id.nullable() }))
    .min(1)
    .max(2000),
});

export const councilScoresBody = z.object({
  periodId: id,
  /** The evaluation's version; null when the council has no evaluation yet (the first save creates the draft). */
  version: z.number().int().positive().nullable(),
  note: optionalMultilineText(LIMITS.longText).optional(),
  scores: z
    .array(z.object({ divisionId: id, score: councilScoreInput.nullable(), comment: optionalMultilineText(2000) }))
    .max(200),
});

export const councilRecordBody = z.object({
  periodId: id,
  version,
  decisionNumber: text(LIMITS.shortText),
  decidedOn: localDate,
});

export const divisionBrief = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string(), isActive: z.boolean() });
export type DivisionBrief = z.infer<typeof divisionBrief>;

const agencyBrief = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() });
const periodBrief = z.object({ id: z.number().int(), year: z.number().int(), phase: z.string() });

/** A leaf as the council sees it: `lost` is the points the agency lost on it (docs/council-initiatives.md), null before publication. */
export const councilLeaf = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.enum(['regular', 'bonus', 'deduction']),
  max: z.string(),
  points: z.string().nullable(),
  lost: z.string().nullable(),
});
export type CouncilLeaf = z.infer<typeof councilLeaf>;

export const taskStatsView = z.object({
  total: z.number().int(),
  done: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  completionRate: z.string().nullable(),
});
export type TaskStatsView = z.infer<typeof taskStatsView>;

/** The agency's published result of the period's year (null before publication). */
export const councilResult = z.object({
  revision: z.number().int(),
  decisionNumber: z.string(),
  rank: z.number().int(),
  groupSize: z.number().int(),
  groupNameVi: z.string(),
  groupNameEn: z.string(),
  totalIndex: z.string().nullable(),
  rankChange: z.number().int().nullable(),
  classification: classificationView.nullable(),
  /** Points lost over every leaf (regular leaves' lost points plus deductions applied). */
  totalLost: z.string(),
});
export type CouncilResult = z.infer<typeof councilResult>;

export const councilEvaluationView = z.object({
  id: z.number().int(),
  status: z.enum(['draft', 'recorded']),
  decisionNumber: z.string(),
  decidedOn: z.string().nullable(),
  note: z.string(),
  recordedAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CouncilEvaluationView = z.infer<typeof councilEvaluationView>;

export const councilDivisionRow = z.object({
  division: divisionBrief,
  leaves: z.array(councilLeaf),
  lostPoints: z.string().nullable(),
  /** Share of the agency's lost points, % with 2 decimals. */
  lossShare: z.string().nullable(),
  tasks: taskStatsView,
  score: z.string().nullable(),
  comment: z.string(),
  rank: z.number().int().nullable(),
  tied: z.boolean(),
});
export type CouncilDivisionRow = z.infer<typeof councilDivisionRow>;

export const councilSheet = z.object({
  agency: agencyBrief,
  period: periodBrief,
  result: councilResult.nullable(),
  evaluation: councilEvaluationView.nullable(),
  /** When the facts (leaves, points lost, tasks) are those frozen at recording, the recording time; else null (live). */
  factsAsOf: z.string().nullable(),
  /** Today in Việt Nam (tasks overdue are counted against it). */
  today: z.string(),
  divisions: z.array(councilDivisionRow),
  unassigned: z.object({ leafCount: z.number().int(), lostPoints: z.string().nullable(), leaves: z.array(councilLeaf) }),
  leafCount: z.number().int(),
  abilities,
});
export type CouncilSheet = z.infer<typeof councilSheet>;

export const responsibilityLeaf = z.object({
  code: z.string(),
  fieldCode: z.string(),
  fieldNameVi: z.string(),
  fieldNameEn: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  kind: z.enum(['regular', 'bonus', 'deduction']),
  max: z.string(),
  lost: z.string().nullable(),
  divisionId: z.number().int().nullable(),
});
export type ResponsibilityLeaf = z.infer<typeof responsibilityLeaf>;

export const responsibilitiesView = z.object({
  agency: agencyBrief,
  period: periodBrief,
  framework: z.object({ id: z.number().int(), nameVi: z.string() }),
  published: z.boolean(),
  /** Recorded councils lock their responsibilities (the recorded sheet rests on them). */
  locked: z.boolean(),
  divisions: z.array(divisionBrief),
  leaves: z.array(responsibilityLeaf),
  abilities,
});
export type ResponsibilitiesView = z.infer<typeof responsibilitiesView>;

export const overdueTask = z.object({
  id: z.number().int(),
  title: z.string(),
  nodeCode: z.string().nullable(),
  dueOn: z.string(),
  daysOverdue: z.number().int(),
  status: z.string(),
});

export const accountabilityView = z.object({
  agency: agencyBrief,
  period: periodBrief,
  result: councilResult.nullable(),
  today: z.string(),
  totalLost: z.string().nullable(),
  unassignedLost: z.string().nullable(),
  unassignedLeafCount: z.number().int(),
  divisions: z.array(
    z.object({
      division: divisionBrief,
      lostPoints: z.string().nullable(),
      lossShare: z.string().nullable(),
      topLeaves: z.array(councilLeaf),
      tasks: taskStatsView,
      overdueTasks: z.array(overdueTask),
      score: z.string().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
});
export type AccountabilityView = z.infer<typeof accountabilityView>;
