import { z } from 'zod';
import { abilities, code, LIMITS, version, year, multilineText, optionalMultilineText } from './common';

/** Commendation proposals (đề xuất khen thưởng) for the yearly review, generated from results and approved initiatives. */

export const COMMENDATION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export const commendationStatus = z.enum(COMMENDATION_STATUSES);
export const commendationKind = z.enum(['agency', 'initiative']);

export const commendationRules = z.object({
  /** Top N of each group (null: rule off). */
  topN: z.number().int().min(1).max(100).nullable().default(3),
  /** This classification band or better, by band code of the group's framework ("good" = Tốt); null: rule off. */
  minClassCode: z.string().trim().min(1).max(LIMITS.code).nullable().default(null),
  /** Climbed at least this many places (null: rule off). */
  minRise: z.number().int().min(1).max(100).nullable().default(null),
});

export const commendationGenerate = z.object({
  year,
  rules: commendationRules,
  /** Only these agency groups (codes); all groups of the year when absent. */
  groupCodes: z.array(code).max(20).optional(),
  /** Also propose the approved initiatives of the year. */
  includeInitiatives: z.boolean().default(true),
});

export const commendationUpdate = z.object({ version, basisVi: multilineText(LIMITS.longText), basisEn: optionalMultilineText(LIMITS.longText) });

export const commendationDecision = z.object({ version, decision: z.enum(['approve', 'reject', 'reopen']) });

export const commendationListQuery = z.object({ year, status: commendationStatus.optional(), kind: commendationKind.optional() });

export const commendationView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  periodId: z.number().int(),
  kind: commendationKind,
  agency: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string(), groupCode: z.string() }),
  initiative: z.object({ id: z.number().int(), title: z.string(), authors: z.string() }).nullable(),
  basisVi: z.string(),
  basisEn: z.string(),
  status: commendationStatus,
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  abilities,
});
export type CommendationView = z.infer<typeof commendationView>;

export const commendationList = z.object({ items: z.array(commendationView), abilities });
export type CommendationList = z.infer<typeof commendationList>;

export const commendationGenerateResult = z.object({ created: z.number().int(), existing: z.number().int(), items: z.array(commendationView) });
export type CommendationGenerateResult = z.infer<typeof commendationGenerateResult>;
