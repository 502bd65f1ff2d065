import { z } from 'zod';
import { lineageNote } from './history';
import { classificationView } from './results';

/**
 * The national tier (docs/analysis.md, "National tier"): a province's results in the Ministry of Home Affairs'
 * ranking of provinces, read from the national tenant's published results through the province's national links.
 */
export const nationalYear = z.object({
  year: z.number().int(),
  /** The national tenant's agency that was this province that year (after 2025, the merged province). */
  agency: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  group: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  rank: z.number().int(),
  /** How many were ranked ("rank of N"). */
  of: z.number().int(),
  tied: z.boolean(),
  totalIndex: z.string().nullable(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  /** Index change against the previous year's row of the agency compared with (itself, or its predecessor through the national tenant's lineage), else null. */
  indexChange: z.string().nullable(),
  /** When the national agency was formed this year (merger, rename, split): the rule used and the predecessor compared with (null: compared with none). */
  lineage: lineageNote.nullable(),
  classification: classificationView.nullable(),
  components: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), index: z.string().nullable() })),
  decisionNumber: z.string(),
  periodNameVi: z.string(),
  periodNameEn: z.string(),
});
export type NationalYear = z.infer<typeof nationalYear>;

export const nationalResults = z.object({
  /** The national tenant the results come from, or null when the province is linked to none. */
  national: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), isSynthetic: z.boolean() }).nullable(),
  /** Newest first. */
  years: z.array(nationalYear),
});
export type NationalResults = z.infer<typeof nationalResults>;
