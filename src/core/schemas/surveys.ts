import { z } from 'zod';
import { abilities, code, id, LIMITS, optionalText, text, version, multilineText, optionalMultilineText } from './common';

/** Wire and storage shapes of the sociological survey (điều tra xã hội học). */

const weight = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, { message: 'weight' })
  .nullable();

export const surveyOption = z.object({
  code: code,
  labelVi: text(LIMITS.shortText),
  labelEn: optionalText(LIMITS.shortText),
  /** Share of the item's points (0..1); null = "don't know" (excluded from the mean). */
  weight,
});

export const questionType = z.enum(['single', 'likert', 'multiple', 'text']);

export const surveyQuestion = z.object({
  code,
  type: questionType,
  textVi: multilineText(LIMITS.longText),
  textEn: optionalMultilineText(LIMITS.longText),
  required: z.boolean().default(true),
  /** Matrix question: asked once per rated agency. */
  perAgency: z.boolean().default(true),
  options: z.array(surveyOption).max(12).default([]),
  /** Survey leaves of the framework this question scores. */
  leafCodes: z.array(z.string().max(LIMITS.code)).max(20).default([]),
  maxLength: z.number().int().min(1).max(2000).default(1000),
});

export const surveySection = z.object({
  code,
  titleVi: text(LIMITS.name),
  titleEn: optionalText(LIMITS.name),
  questions: z.array(surveyQuestion).max(100),
});

export const respondentGroup = z.object({ code, nameVi: text(LIMITS.name), nameEn: optionalText(LIMITS.name) });

export const questionnaireContent = z.object({
  introVi: optionalMultilineText(LIMITS.longText),
  introEn: optionalMultilineText(LIMITS.longText),
  respondentGroups: z.array(respondentGroup).min(1).max(20),
  /** The agencies each respondent rates (matrix questions are asked for each). */
  ratedAgencyIds: z.array(id).min(1).max(500),
  sections: z.array(surveySection).min(1).max(30),
});
export type QuestionnaireContent = z.infer<typeof questionnaireContent>;

export const questionnaireView = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  year: z.number().int(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string(),
  status: z.enum(['draft', 'published', 'closed']),
  content: questionnaireContent,
  ratedAgencies: z.array(z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  publicToken: z.string(),
  openLink: z.enum(['off', 'on']),
  responseCount: z.number().int(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  abilities,
});
export type QuestionnaireView = z.infer<typeof questionnaireView>;

export const questionnaireCreate = z.object({
  periodId: id,
  code,
  titleVi: text(LIMITS.name),
  titleEn: optionalText(LIMITS.name),
  content: questionnaireContent,
  openLink: z.enum(['off', 'on']).default('off'),
});

export const questionnaireSave = questionnaireCreate.omit({ periodId: true }).extend({ version });

/** One answer: the question, the rated agency (matrix questions), and the option / Likert value / options / text. */
export const answerInput = z.object({
  questionCode: z.string().max(LIMITS.code),
  agencyId: id.nullable().optional(),
  optionCode: z.string().max(LIMITS.code).nullable().optional(),
  likert: z.number().int().min(1).max(5).nullable().optional(),
  optionCodes: z.array(z.string().max(LIMITS.code)).max(12).nullable().optional(),
  text: z.string().max(2000).nullable().optional(),
});
export type AnswerInput = z.infer<typeof answerInput>;

export const submissionBody = z.object({
  code: z.string().trim().toUpperCase().max(32).optional(),
  respondentGroup: z.string().max(LIMITS.code).optional(),
  /** Made once by the respondent's device; a retried submission with the same key is stored once. */
  idempotencyKey: z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/),
  answers: z.array(answerInput).min(1).max(5000),
});

export const submissionReceipt = z.object({
  receipt: z.string(),
  submittedAt: z.string(),
  duplicate: z.boolean(),
});

export const quotaBody = z.object({ quotas: z.array(z.object({ agencyId: id, respondentGroup: code, target: z.number().int().min(0).max(100_000) })).max(20_000) });

export const batchCreate = z.object({
  respondentGroup: code,
  size: z.number().int().min(1).max(5000),
  label: optionalText(LIMITS.shortText),
  issuedTo: z.array(z.string().max(LIMITS.shortText)).max(5000).optional(),
});

export const verificationBody = z.object({
  outcome: z.enum(['confirmed', 'invalid']),
  reason: z.string().normalize('NFC').trim().max(LIMITS.longText).optional(),
});

export const paperEntryBody = z.object({
  respondentGroup: code,
  paperRef: z.string().trim().min(1).max(60),
  /** 1 = first entry, 2 = the independent second entry (double entry). */
  slot: z.union([z.literal(1), z.literal(2)]).default(1),
  idempotencyKey: z.string().min(16).max(100).regex(/^[A-Za-z0-9_-]+$/),
  answers: z.array(answerInput).min(1).max(5000),
});

export const publicQuestionnaireQuery = z.object({ code: z.string().trim().toUpperCase().max(32).optional() });
export const surveyTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** The live participation dashboard of a questionnaire: responses, code use, quota fill, responses per day. */
const fillCell = z.object({
  agencyId: z.number().int().nullable(),
  agencyCode: z.string().nullable(),
  agencyNameVi: z.string().nullable(),
  respondentGroup: z.string().nullable(),
  target: z.number().int(),
  done: z.number().int(),
  /** Percent of the target, 2 decimals ("87.50"); null without a target. */
  percent: z.string().nullable(),
  complete: z.boolean(),
});
export const surveyDashboard = z.object({
  questionnaireId: z.number().int(),
  responses: z.object({ valid: z.number().int(), invalid: z.number().int(), pendingCheck: z.number().int(), superseded: z.number().int() }),
  byGroup: z.array(z.object({ respondentGroup: z.string(), valid: z.number().int(), online: z.number().int(), paper: z.number().int(), codesIssued: z.number().int(), codesUsed: z.number().int() })),
  codes: z.object({ issued: z.number().int(), used: z.number().int(), completionPercent: z.string().nullable() }),
  quota: z.object({ cells: z.array(fillCell), agencies: z.array(fillCell), overall: z.object({ target: z.number().int(), done: z.number().int(), capped: z.number().int(), percent: z.string().nullable(), complete: z.boolean() }) }),
  perDay: z.array(z.object({ date: z.string(), n: z.number().int() })),
});
export type SurveyDashboard = z.infer<typeof surveyDashboard>;

/** One agency × survey leaf of the tally; points as decimal text (4 decimals), null without valid answers. */
export const tallyCell = z.object({
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyNameVi: z.string(),
  agencyNameEn: z.string(),
  leafCode: z.string(),
  leafNameVi: z.string(),
  leafNameEn: z.string(),
  maxPoints: z.string(),
  points: z.string().nullable(),
  count: z.number().int(),
  dontKnow: z.number().int(),
  responses: z.number().int(),
  target: z.number().int(),
  belowTarget: z.boolean(),
  meanWeight: z.string().nullable(),
  interval: z.object({ low: z.string(), high: z.string() }).nullable(),
  warnings: z.array(z.object({ code: z.string(), message: z.object({ vi: z.string(), en: z.string() }) })),
  /** The survey points the period currently uses for this leaf (null when none). */
  current: z.string().nullable(),
});
export type TallyCell = z.infer<typeof tallyCell>;
export const surveyTallyView = z.object({
  periodId: z.number().int(),
  /** Only this questionnaire's answers (a preview), or null for the whole period (what "apply" writes). */
  questionnaireId: z.number().int().nullable(),
  questionnaires: z.array(z.object({ id: z.number().int(), code: z.string(), responses: z.number().int() })),
  cells: z.array(tallyCell),
  ignored: z.record(z.string(), z.number().int()),
  /** Cells whose tally differs from the points the period uses. */
  changed: z.number().int(),
  abilities,
});
export type SurveyTallyView = z.infer<typeof surveyTallyView>;
export const tallyApplyResult = z.object({ updated: z.number().int(), unchanged: z.number().int(), withoutAnswers: z.number().int() });
