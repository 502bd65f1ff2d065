import { z } from 'zod';
import { abilities, id, year } from './common';

/**
 * The leaf matrix (docs/reports.md): a year's agency group as agencies × leaves with the self-assessment,
 * appraisal round 1 and final points of every leaf. A cell is the stage's points as decimal text ("1.5"), "na"
 * (not applicable) or null (not scored, or not visible to the reader).
 */

export const MATRIX_STAGES = ['self', 'appraisal1', 'final'] as const;
export const matrixStage = z.enum(MATRIX_STAGES);
export type MatrixStage = z.infer<typeof matrixStage>;

export const matrixQuery = z.object({ year, groupId: id });
export type MatrixQuery = z.infer<typeof matrixQuery>;

export const matrixExportQuery = matrixQuery.extend({ lang: z.enum(['vi', 'en']).optional() });

export const matrixLeaf = z.object({
  code: z.string(),
  fieldCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  maxPoints: z.string(),
  /** Survey leaves take the survey tally at every stage. */
  isSurvey: z.boolean(),
});
export type MatrixLeaf = z.infer<typeof matrixLeaf>;

export const matrixCell = z.union([z.string(), z.null()]);
export type MatrixCell = z.infer<typeof matrixCell>;

export const matrixRow = z.object({
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** Fields whose cells the reader sees in this row; null = every field. */
  visibleFields: z.array(z.string()).nullable(),
  /** Leaf-major: cells[3 × leafIndex + stageIndex] with stages in MATRIX_STAGES order. */
  cells: z.array(matrixCell),
});
export type MatrixRow = z.infer<typeof matrixRow>;

export const leafMatrix = z.object({
  year: z.number().int(),
  periodId: z.number().int(),
  periodPhase: z.string(),
  group: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  framework: z.object({ id: z.number().int(), nameVi: z.string(), nameEn: z.string() }),
  fields: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  leaves: z.array(matrixLeaf),
  /** Stages the reader may see (an agency sees appraisal results only once the workflow shows them). */
  stages: z.array(matrixStage),
  /** "all": every agency of the group; "own": only the reader's own agency (before publication, an agency sees no other). */
  scope: z.enum(['all', 'appraiser', 'own']),
  rows: z.array(matrixRow),
  abilities,
});
export type LeafMatrix = z.infer<typeof leafMatrix>;
