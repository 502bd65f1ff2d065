import { z } from 'zod';
import { abilities, id, year } from './common';
import { classificationBand } from './framework';

/** Results (computed from stored scores, or read from a published snapshot). Indices are "84.64" strings (%). */

export const classificationView = z.object({ code: z.string(), labelVi: z.string(), labelEn: z.string() });

export const componentView = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  index: z.string().nullable(),
  points: z.string(),
  applicableMax: z.string(),
  lost: z.string(),
});

export const agencyResultRow = z.object({
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  totalIndex: z.string().nullable(),
  totalPoints: z.string(),
  applicableMax: z.string(),
  bonus: z.string(),
  deduction: z.string(),
  notScoredCount: z.number().int(),
  rank: z.number().int(),
  tied: z.boolean(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  classification: classificationView.nullable(),
  components: z.array(componentView),
});
export type AgencyResultRow = z.infer<typeof agencyResultRow>;

export const groupResults = z.object({
  year: z.number().int(),
  periodId: z.number().int(),
  periodPhase: z.string(),
  group: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  framework: z.object({ id: z.number().int(), nameVi: z.string(), nameEn: z.string(), bands: z.array(classificationBand) }),
  fields: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), maxPoints: z.string() })),
  previousSource: z.enum(['scores', 'history', 'snapshot']).nullable(),
  agencies: z.array(agencyResultRow),
});
export type GroupResults = z.infer<typeof groupResults>;

export const groupResultsQuery = z.object({ year, groupId: id });

export interface ExplainedNodeView {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: 'regular' | 'bonus' | 'deduction';
  points: string;
  max: string;
  applicableMax: string;
  lost: string;
  notApplicable: boolean;
  index: string | null;
  leaf?: { method: string; status: string; source: string | null; explanation: string | null; derivation: unknown } | undefined;
  children: ExplainedNodeView[];
}

export const explainedNodeView: z.ZodType<ExplainedNodeView> = z.lazy(() =>
  z.object({
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(['regular', 'bonus', 'deduction']),
    points: z.string(),
    max: z.string(),
    applicableMax: z.string(),
    lost: z.string(),
    notApplicable: z.boolean(),
    index: z.string().nullable(),
    leaf: z
      .object({ method: z.string(), status: z.string(), source: z.string().nullable(), explanation: z.string().nullable(), derivation: z.unknown() })
      .optional(),
    children: z.array(explainedNodeView),
  }),
);

export const stageTotalsView = z.object({
  stage: z.string(),
  totalIndex: z.string().nullable(),
  regularPoints: z.string(),
  applicableMax: z.string(),
  bonus: z.string(),
  deduction: z.string(),
  totalPoints: z.string(),
  classification: classificationView.nullable(),
  notScoredCount: z.number().int(),
});

export const scorecard = z.object({
  year: z.number().int(),
  agency: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  framework: z.object({ id: z.number().int().nullable(), nameVi: z.string(), nameEn: z.string() }),
  group: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  /** The agency's place in its group: the published ranking once published (everyone), else live (staff and appraisers only), else null. */
  ranking: z
    .object({
      source: z.enum(['published', 'live']),
      rank: z.number().int(),
      of: z.number().int(),
      tied: z.boolean(),
      previousRank: z.number().int().nullable(),
      rankChange: z.number().int().nullable(),
      totalIndex: z.string().nullable(),
      classification: classificationView.nullable(),
    })
    .nullable(),
  stages: z.array(stageTotalsView),
  summary: z.string(),
  components: z.array(componentView),
  tree: z.array(explainedNodeView),
  abilities,
});
export type Scorecard = z.infer<typeof scorecard>;

export const scorecardQuery = z.object({ year, stage: z.enum(['self', 'appraisal1', 'final', 'effective']).default('effective') });
