import { z } from 'zod';
import { code, id, LIMITS, version, multilineText } from './common';
import { leafInput } from './framework';
import { groupResults } from './results';

export const finaliseBody = z.object({ version, acknowledgeIncomplete: z.boolean().default(false) });

/** One agency still incomplete before finalising (the completeness report). */
export const completenessRow = z.object({
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  submitted: z.boolean(),
  notAppraised: z.number().int(),
  surveyMissing: z.number().int(),
});

export const publishBody = z.object({
  version,
  decisionNumber: z.string().normalize('NFC').trim().max(LIMITS.shortText).default(''),
  decisionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
});

export const correctionBody = z.object({
  reason: multilineText(LIMITS.longText),
  changes: z
    .array(
      z.object({
        agencyId: id,
        nodeCode: z.string().max(LIMITS.code),
        input: leafInput,
        comment: z.string().max(LIMITS.longText).optional(),
        /** The leaf's version as read; when absent, the version read in the correction's transaction. */
        version: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .max(1000),
  decisionNumber: z.string().normalize('NFC').trim().max(LIMITS.shortText).optional(),
});

export const snapshotSummary = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  year: z.number().int(),
  revision: z.number().int(),
  contentHash: z.string(),
  reason: z.string().nullable(),
  decisionNumber: z.string(),
  decisionDate: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  isLatest: z.boolean(),
});

export const publicIndex = z.object({
  province: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  years: z.array(
    z.object({
      year: z.number().int(),
      revision: z.number().int(),
      publishedAt: z.string(),
      decisionNumber: z.string(),
      decisionDate: z.string().nullable(),
      contentHash: z.string(),
      /** False when the stored content no longer matches its published hash (altered after publication). */
      verified: z.boolean(),
      groups: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), agencyCount: z.number().int() })),
    }),
  ),
});

export const publicGroupResults = z.object({
  province: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  year: z.number().int(),
  revision: z.number().int(),
  publishedAt: z.string(),
  decisionNumber: z.string(),
  decisionDate: z.string().nullable(),
  contentHash: z.string(),
  /** False when the stored content no longer matches its published hash (altered after publication). */
  verified: z.boolean(),
  results: groupResults,
});

export const publicParams = z.object({ province: code, year: z.coerce.number().int().min(2000).max(2100) });
export const publicGroupQuery = z.object({ group: code });

export interface SnapshotNode {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  points: string;
  max: string;
  applicableMax: string;
  lost: string;
  notApplicable: boolean;
  index: string | null;
  explanationVi?: string | undefined;
  explanationEn?: string | undefined;
  children: SnapshotNode[];
}

export const snapshotNode: z.ZodType<SnapshotNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.string(),
    points: z.string(),
    max: z.string(),
    applicableMax: z.string(),
    lost: z.string(),
    notApplicable: z.boolean(),
    index: z.string().nullable(),
    explanationVi: z.string().optional(),
    explanationEn: z.string().optional(),
    children: z.array(snapshotNode),
  }),
);

export const snapshotScorecard = z.object({
  agency: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string(), groupCode: z.string() }),
  summaryVi: z.string(),
  summaryEn: z.string(),
  tree: z.array(snapshotNode),
});

export const publicScorecard = z.object({
  province: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  year: z.number().int(),
  revision: z.number().int(),
  contentHash: z.string(),
  /** False when the stored content no longer matches its published hash (altered after publication). */
  verified: z.boolean(),
  decisionNumber: z.string(),
  publishedAt: z.string(),
  row: z.unknown(),
  scorecard: snapshotScorecard,
});
