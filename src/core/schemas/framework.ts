import { z } from 'zod';
import { LIMITS } from './common';

/**
 * Wire/JSON contracts of a framework (bộ tiêu chí): the flat node list with each leaf's scoring method, the
 * classification bands, and a leaf's scoring input. Field limits live in FRAMEWORK_LIMITS. Points, percents and
 * counts travel as decimal strings (up to 6 integer and 4 decimal digits) so they never pass through floats.
 */

/** Field limits of a framework, in one place. */
export const FRAMEWORK_LIMITS = {
  code: LIMITS.code,
  name: 500,
  label: 200,
  guidance: LIMITS.longText,
  appraisingBody: LIMITS.shortText,
  groupCode: LIMITS.code,
  nodes: 2000,
  levels: 20,
  steps: 20,
  bands: 20,
  position: 100_000,
} as const;

/** A node code: dot-separated alphanumeric segments ("1", "1.2.3", "B.1"). */
export const NODE_CODE_RE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

/** A level code (what a leaf input stores as `levelCode`), e.g. "L1" or "on_time". */
export const LEVEL_CODE_RE = /^[0-9A-Za-z_.-]+$/;

/** A decimal as text: up to 6 integer and 4 decimal digits, optional minus sign. */
export const DECIMAL_RE = /^-?\d{1,6}(\.\d{1,4})?$/;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlMessage = {
  params: { vi: 'Chứa ký tự điều khiển không hợp lệ.', en: 'Contains invalid control characters.' },
};

const name = (max: number, min = 1) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), controlMessage);

/** A decimal number as text, e.g. "1.25" or "100". */
export const decimalText = z.string().refine((s) => DECIMAL_RE.test(s), {
  params: {
    vi: 'Số thập phân không hợp lệ (tối đa 6 chữ số phần nguyên và 4 chữ số thập phân).',
    en: 'Invalid decimal (at most 6 integer and 4 decimal digits).',
  },
});

/** A node code such as "1.2.3". */
export const nodeCode = z
  .string()
  .max(FRAMEWORK_LIMITS.code)
  .refine((s) => NODE_CODE_RE.test(s), {
    params: {
      vi: 'Mã chỉ gồm chữ cái không dấu và chữ số, phân cấp bằng dấu chấm (ví dụ 1.2.3).',
      en: 'A code is unaccented letters and digits separated by dots (e.g. 1.2.3).',
    },
  });

/** One level of a rubric: its code (what inputs store), labels and points. */
export const levelOption = z.object({
  code: z
    .string()
    .min(1)
    .max(FRAMEWORK_LIMITS.code)
    .refine((s) => LEVEL_CODE_RE.test(s), {
      params: {
        vi: 'Mã mức chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
        en: 'A level code uses unaccented letters, digits, dots, dashes or underscores.',
      },
    }),
  labelVi: name(FRAMEWORK_LIMITS.label),
  labelEn: name(FRAMEWORK_LIMITS.label, 0),
  points: decimalText,
});

/** One step of a percentage ladder: ratio ≥ (or >) minPercent gives `points`. */
export const ladderStep = z.object({
  minPercent: decimalText,
  inclusive: z.boolean(),
  points: decimalText,
});

/** What a ratio leaf scores when its denominator is 0. */
export const denominatorZeroRule = z.enum(['full', 'zero', 'not_applicable']);

const ratioLabels = {
  numeratorLabelVi: name(FRAMEWORK_LIMITS.label),
  numeratorLabelEn: name(FRAMEWORK_LIMITS.label, 0),
  denominatorLabelVi: name(FRAMEWORK_LIMITS.label),
  denominatorLabelEn: name(FRAMEWORK_LIMITS.label, 0),
};

/** How a leaf is scored (discriminated on `type`). */
export const leafMethod = z.discriminatedUnion('type', [
  z.object({ type: z.literal('levels'), levels: z.array(levelOption).min(1).max(FRAMEWORK_LIMITS.levels) }),
  z.object({
    type: z.literal('ratio_ladder'),
    ...ratioLabels,
    steps: z.array(ladderStep).min(1).max(FRAMEWORK_LIMITS.steps),
    whenDenominatorZero: denominatorZeroRule,
  }),
  z.object({
    type: z.literal('ratio_proportional'),
    ...ratioLabels,
    rounding: z.enum(['exact', 'floor_to_step']),
    step: decimalText.optional(),
    capPercent: decimalText.optional(),
    whenDenominatorZero: denominatorZeroRule,
  }),
  z.object({ type: z.literal('yes_no') }),
  z.object({ type: z.literal('manual'), step: decimalText }),
  z.object({ type: z.literal('survey') }),
]);

/** Whether a node counts toward the declared total (regular), adds bonus points or subtracts deductions. */
export const nodeKind = z.enum(['regular', 'bonus', 'deduction']);

/** One node of the flat framework list (field, criterion or sub-criterion). */
export const frameworkNode = z.object({
  code: nodeCode,
  parentCode: nodeCode.nullable(),
  position: z.number().int().min(0).max(FRAMEWORK_LIMITS.position),
  nameVi: name(FRAMEWORK_LIMITS.name),
  nameEn: name(FRAMEWORK_LIMITS.name, 0),
  guidanceVi: name(FRAMEWORK_LIMITS.guidance, 0).optional(),
  guidanceEn: name(FRAMEWORK_LIMITS.guidance, 0).optional(),
  evidenceVi: name(FRAMEWORK_LIMITS.guidance, 0).optional(),
  appraisingBody: name(FRAMEWORK_LIMITS.appraisingBody, 0).optional(),
  maxPoints: decimalText,
  mayBeNotApplicable: z.boolean(),
  method: leafMethod.nullable(),
  kind: nodeKind,
});

/** A classification band: an index ≥ minPercent (inclusive) and below the next band gets this band. */
export const classificationBand = z.object({
  code: z.string().min(1).max(FRAMEWORK_LIMITS.code),
  labelVi: name(FRAMEWORK_LIMITS.label),
  labelEn: name(FRAMEWORK_LIMITS.label, 0),
  minPercent: decimalText,
});

/** A whole framework for one year and (optionally) one agency group. */
export const framework = z.object({
  year: z.number().int().min(LIMITS.yearMin).max(LIMITS.yearMax),
  groupCode: z.string().min(1).max(FRAMEWORK_LIMITS.groupCode).optional(),
  nameVi: name(FRAMEWORK_LIMITS.name),
  nameEn: name(FRAMEWORK_LIMITS.name, 0),
  declaredTotal: decimalText,
  bonusCap: decimalText,
  deductionCap: decimalText,
  bands: z.array(classificationBand).max(FRAMEWORK_LIMITS.bands),
  nodes: z.array(frameworkNode).max(FRAMEWORK_LIMITS.nodes),
});

const count = z.union([decimalText, z.number().finite()]);

/** One stage's scoring input for one leaf; which fields matter depends on the leaf's method. */
export const leafInput = z.object({
  notApplicable: z.boolean().nullish(),
  levelCode: z.string().max(FRAMEWORK_LIMITS.code).nullish(),
  numerator: count.nullish(),
  denominator: count.nullish(),
  value: z.union([z.boolean(), decimalText, z.number().finite()]).nullish(),
  surveyPoints: z.union([decimalText, z.number().finite()]).nullish(),
});

/** A rubric level: code, labels, points (decimal text). */
export type LevelOption = z.infer<typeof levelOption>;
/** A percentage-ladder step: minPercent (inclusive or not) gives points. */
export type LadderStep = z.infer<typeof ladderStep>;
/** What a ratio leaf scores when its denominator is 0: 'full', 'zero' or 'not_applicable'. */
export type DenominatorZeroRule = z.infer<typeof denominatorZeroRule>;
/** How a leaf is scored (discriminated on `type`). */
export type LeafMethod = z.infer<typeof leafMethod>;
/** 'regular', 'bonus' or 'deduction'. */
export type NodeKind = z.infer<typeof nodeKind>;
/** One node of the flat framework list. */
export type FrameworkNode = z.infer<typeof frameworkNode>;
/** A classification band with its inclusive lower bound in percent. */
export type ClassificationBand = z.infer<typeof classificationBand>;
/** A framework: metadata, caps, bands and the flat node list. */
export type Framework = z.infer<typeof framework>;
/** One stage's scoring input for one leaf. */
export type LeafInput = z.infer<typeof leafInput>;
