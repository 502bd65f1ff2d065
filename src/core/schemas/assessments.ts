import { z } from 'zod';
import { ADJUSTMENT_REASONS, ASSESSMENT_STATUSES } from '../domain/workflow';
import { abilities, id, LIMITS, version } from './common';
import { framework, leafInput } from './framework';
import { stageTotalsView } from './results';

export const assessmentStatus = z.enum(ASSESSMENT_STATUSES);
export const adjustmentReason = z.enum(Object.keys(ADJUSTMENT_REASONS) as [keyof typeof ADJUSTMENT_REASONS, ...(keyof typeof ADJUSTMENT_REASONS)[]]);

export const progressView = z.object({
  leafCount: z.number().int(),
  /** Leaves the agency scores itself (survey leaves excluded). */
  selfScorable: z.number().int(),
  scored: z.number().int(),
  withEvidence: z.number().int(),
  withoutEvidenceOrExplanation: z.number().int(),
  appraised1: z.number().int(),
  adjusted: z.number().int(),
  disputed: z.number().int(),
  finalised: z.number().int(),
});

export const assessmentSummary = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  year: z.number().int(),
  phase: z.string(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyNameVi: z.string(),
  agencyNameEn: z.string(),
  groupCode: z.string(),
  frameworkId: z.number().int(),
  status: assessmentStatus,
  submittedAt: z.string().nullable(),
  progress: progressView,
  /** The deadline of the action open for this agency now (with its extension), or null. */
  deadline: z.string().nullable(),
  version: z.number().int(),
  abilities,
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

export const evidenceBrief = z.object({
  id: z.number().int(),
  title: z.string(),
  docNumber: z.string(),
  issuedOn: z.string().nullable(),
  issuer: z.string(),
  originalName: z.string(),
  mime: z.string(),
  inline: z.boolean(),
});

const stageView = z.object({
  input: leafInput.nullable(),
  points: z.string().nullable(),
  notApplicable: z.boolean(),
  decision: z.string().nullable(),
  reasonCode: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string().nullable(),
});

export const threadMessage = z.object({
  id: z.number().int(),
  side: z.enum(['agency', 'appraiser']),
  kind: z.enum(['accept', 'dispute', 'reply']),
  body: z.string(),
  authorName: z.string().nullable(),
  evidence: z.array(evidenceBrief),
  createdAt: z.string(),
});

export const leafView = z.object({
  code: z.string(),
  fieldCode: z.string(),
  survey: z.boolean(),
  self: stageView.nullable(),
  selfExplanation: z.string().nullable(),
  appraisal1: stageView.nullable(),
  final: stageView.nullable(),
  surveyPoints: z.string().nullable(),
  effectivePoints: z.string().nullable(),
  evidence: z.array(evidenceBrief),
  thread: z.array(threadMessage),
  lastYearPoints: z.string().nullable(),
  version: z.number().int(),
  canAppraise: z.boolean(),
});
export type LeafView = z.infer<typeof leafView>;

export const assessmentDetail = assessmentSummary.extend({
  deadlines: z.object({
    selfAssessment: z.string().nullable(),
    appraisal1: z.string().nullable(),
    explanation: z.string().nullable(),
    appraisal2: z.string().nullable(),
  }),
  framework,
  leaves: z.array(leafView),
  appraiserFields: z.array(z.string()),
  stages: z.array(stageTotalsView),
});
export type AssessmentDetail = z.infer<typeof assessmentDetail>;

export const assessmentListQuery = z.object({
  periodId: id,
  groupId: id.optional(),
  status: assessmentStatus.optional(),
  q: z.string().trim().max(LIMITS.shortText).optional(),
});

export const leafParams = z.object({ id, code: z.string().min(1).max(LIMITS.code).regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/) });

export const selfScoreBody = z.object({
  input: leafInput.nullable(),
  comment: z.string().normalize('NFC').trim().max(LIMITS.longText).nullable().optional(),
  explanation: z.string().normalize('NFC').trim().max(LIMITS.longText).nullable().optional(),
  /** The leaf's version you read (0 for a leaf with no score yet). */
  version: z.number().int().min(0),
});

export const leafEvidenceBody = z.object({ evidenceIds: z.array(id).max(50), version: z.number().int().min(0) });

export const appraisalBody = z
  .object({
    round: z.union([z.literal(1), z.literal(2)]),
    /** Round 1: accept (take the self-score) or adjust. Round 2: accept (the agency's claim), confirm (round 1), adjust. */
    decision: z.enum(['accept', 'confirm', 'adjust']),
    input: leafInput.nullable().optional(),
    reasonCode: adjustmentReason.nullable().optional(),
    comment: z.string().normalize('NFC').trim().max(LIMITS.longText).nullable().optional(),
    version: z.number().int().min(0),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'adjust' && !b.input) ctx.addIssue({ code: 'custom', path: ['input'], params: { vi: 'Nhập điểm thẩm định.', en: 'Enter the appraised score.' } });
    if (b.decision === 'adjust' && !b.reasonCode)
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], params: { vi: 'Chọn lý do điều chỉnh.', en: 'Choose the reason for the adjustment.' } });
    if (b.round === 1 && b.decision === 'confirm')
      ctx.addIssue({ code: 'custom', path: ['decision'], params: { vi: 'Vòng 1 chỉ chấp nhận hoặc điều chỉnh.', en: 'Round 1 only accepts or adjusts.' } });
  });

export const bulkAcceptBody = z.object({
  round: z.union([z.literal(1), z.literal(2)]),
  codes: z.array(z.string().max(LIMITS.code)).max(2000).optional(),
  /** The version of each leaf as the appraiser read it: a leaf changed since makes the whole batch a `conflict`. */
  versions: z.record(z.string().max(LIMITS.code), z.number().int().min(0)).optional(),
});

export const explanationBody = z.object({
  kind: z.enum(['accept', 'dispute', 'reply']),
  body: z.string().normalize('NFC').trim().max(LIMITS.longText).default(''),
  evidenceIds: z.array(id).max(20).default([]),
  /** The leaf's version you read: a message is a write to the leaf. */
  version: z.number().int().min(0),
});

export const submitBody = z.object({ version });

export const surveyPointsBody = z.object({
  entries: z
    .array(
      z.object({
        agencyId: id,
        nodeCode: z.string().max(LIMITS.code),
        points: z.string().regex(/^\d{1,6}(\.\d{1,4})?$/),
        /** The leaf's version as read; when absent, the version read in the same transaction. */
        version: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .max(100_000),
});

export const leafHistoryEntry = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  reason: z.string().nullable(),
});

/** What a leaf write returns: the leaf's new version and points (the browser recomputes totals with the same engine). */
export const leafWriteResult = z.object({
  assessmentId: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  self: z.object({ input: leafInput.nullable(), points: z.string().nullable() }),
  appraisal1: z.object({ input: leafInput.nullable(), points: z.string().nullable(), decision: z.string().nullable() }).nullable(),
  final: z.object({ input: leafInput.nullable(), points: z.string().nullable(), decision: z.string().nullable() }).nullable(),
  effectivePoints: z.string().nullable(),
  notApplicable: z.boolean(),
  updatedAt: z.string(),
});
export type LeafWriteResult = z.infer<typeof leafWriteResult>;
