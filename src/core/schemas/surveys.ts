import { z } from 'zod';
import { abilities, code, id, LIMITS, optionalText, text, version } from './common';

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
  textVi: text(LIMITS.longText),
  textEn: optionalText(LIMITS.longText),
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
  introVi: optionalText(LIMITS.longText),
  introEn: optionalText(LIMITS.longText),
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
