/**
 * The sociological survey (điều tra xã hội học) model: questionnaires (phiếu khảo sát) for respondent groups
 * (nhóm đối tượng khảo sát), their questions and answer options, and how an answer converts to a weight, a share of
 * a survey leaf's points (methodology.md §5.1: A/B/C/D = 100/60/20/0 %, "don't know" excluded). See docs/survey-tally.md.
 */
import type { Bilingual } from '../../errors';
import { tryParsePoints } from '../decimal';

/** A weight as an integer in 1/10000 of the leaf maximum: 0..10000 ("0.6" = 6000, Likert 4 = 7500). */
export type WeightUnits = number;

/** Weight units of a full answer (weight "1"): 10000. */
export const WEIGHT_SCALE = 10_000;

/** Limits of a questionnaire and of a submission, in one place (hostile input is checked against them). */
export const SURVEY_LIMITS = {
  code: 32,
  text: 1000,
  label: 200,
  questions: 300,
  options: 20,
  agencies: 500,
  respondentGroups: 20,
  leafCodesPerQuestion: 50,
  openText: 2000,
} as const;

/** The kind of a question: single choice and Likert 1–5 are scored, multiple choice and open text are not. */
export type QuestionType = 'single' | 'likert' | 'multiple' | 'text';

/** Whether a question is answered once per evaluated agency (a matrix row) or once per respondent (e.g. their position). */
export type QuestionScope = 'agency' | 'respondent';

/** One answer option: `weight` is a decimal fraction 0..1 as text ("1", "0.6"), null for "don't know" (excluded from the mean). */
export interface SurveyOption {
  code: string;
  labelVi: string;
  labelEn: string;
  weight: string | null;
}

interface QuestionBase {
  /** Unique within its questionnaire, e.g. "Q3". */
  code: string;
  textVi: string;
  textEn: string;
  required: boolean;
  scope: QuestionScope;
  /** Survey leaves of the framework this question feeds, for every respondent group (zero or more). */
  leafCodes: readonly string[];
  /** Per respondent group, the leaves fed instead of `leafCodes` (a group mapped to [] feeds nothing). */
  leafCodesByGroup?: Readonly<Record<string, readonly string[]>>;
  /** Optional section code for the respondent's form (one section per screen). */
  section?: string;
}

/** A single-choice question (scored through its options' weights). */
export type SingleChoiceQuestion = QuestionBase & { type: 'single'; options: readonly SurveyOption[] };
/** A Likert question 1–5 (scored (v − 1) / 4); `allowDontKnow` offers a "don't know" answer excluded from the mean. */
export type LikertQuestion = QuestionBase & {
  type: 'likert';
  allowDontKnow?: boolean;
  /** Five labels from 1 (lowest) to 5 (highest), optional. */
  labels?: readonly { labelVi: string; labelEn: string }[];
};
/** A multiple-choice question (not scored); `maxChoices` limits how many options one answer may tick. */
export type MultipleChoiceQuestion = QuestionBase & { type: 'multiple'; options: readonly SurveyOption[]; maxChoices?: number };
/** An open-text question (not scored), at most `maxLength` (≤ 2000) characters. */
export type OpenTextQuestion = QuestionBase & { type: 'text'; maxLength?: number };

/** A question of a questionnaire (discriminated on `type`). */
export type SurveyQuestion = SingleChoiceQuestion | LikertQuestion | MultipleChoiceQuestion | OpenTextQuestion;

/** A questionnaire (phiếu): who answers it, which agencies it evaluates (a matrix when several) and its questions. */
export interface Questionnaire {
  code: string;
  titleVi: string;
  titleEn: string;
  respondentGroups: readonly string[];
  /** Agencies the respondent rates; every agency-scoped question is asked once per agency. */
  agencyIds: readonly string[];
  questions: readonly SurveyQuestion[];
}

/** The usual four-option scale plus "don't know" (methodology.md §5.1): A/B/C/D = 1/0.6/0.2/0, E excluded. */
export const DEFAULT_SCALE_OPTIONS: readonly SurveyOption[] = [
  { code: 'A', labelVi: 'Rất tốt', labelEn: 'Very good', weight: '1' },
  { code: 'B', labelVi: 'Tốt', labelEn: 'Good', weight: '0.6' },
  { code: 'C', labelVi: 'Chưa tốt', labelEn: 'Not good', weight: '0.2' },
  { code: 'D', labelVi: 'Kém', labelEn: 'Poor', weight: '0' },
  { code: 'E', labelVi: 'Không biết / không trả lời', labelEn: "Don't know / no answer", weight: null },
];

/** True when the question's answers carry a weight (single choice and Likert). */
export function isScored(q: SurveyQuestion): q is SingleChoiceQuestion | LikertQuestion {
  return q.type === 'single' || q.type === 'likert';
}

/** Weight units of an option weight text ("0.6" → 6000); null for a "don't know" option or a weight that is not a decimal in [0, 1]. */
export function parseWeight(weight: string | null): WeightUnits | null {
  if (weight === null) return null;
  const u = tryParsePoints(weight);
  return u !== null && u >= 0 && u <= WEIGHT_SCALE ? u : null;
}

/** Weight units of a Likert value 1..5: (v − 1) / 4 → 0, 2500, 5000, 7500, 10000; null outside 1..5 or not an integer. */
export function likertWeight(v: number): WeightUnits | null {
  return Number.isInteger(v) && v >= 1 && v <= 5 ? (v - 1) * 2500 : null;
}

/** The leaf codes an answer from `respondentGroup` feeds: the group's own mapping when declared, else `leafCodes`. */
export function leafCodesFor(q: SurveyQuestion, respondentGroup: string): readonly string[] {
  const byGroup = q.leafCodesByGroup;
  if (byGroup && Object.prototype.hasOwnProperty.call(byGroup, respondentGroup)) return byGroup[respondentGroup] ?? [];
  return q.leafCodes;
}

/** Severity of a survey problem: errors block saving or tallying, warnings are shown to the secretariat. */
export type SurveySeverity = 'error' | 'warning';

/** A problem of a questionnaire or a submission: `path` names the field ("questions.2.options.1.weight", "answers.3.optionCode"). */
export interface SurveyProblem<C extends string = string> {
  code: C;
  severity: SurveySeverity;
  path: string;
  message: Bilingual;
}
