/**
 * Checks one submission of a questionnaire before the server stores it (hostile input: unknown questions,
 * options or agencies, oversized text, wrong shapes): every answer refers to an existing question, option and
 * agency of the questionnaire, single choice has one option, Likert is 1..5, open text ≤ 2000 characters, no
 * question × agency is answered twice, and required questions are answered. Problems carry paths such as
 * `answers.3.optionCode` and bilingual messages; the normalised answers are returned when there is none.
 */
import type { Bilingual } from '../../errors';
import { SURVEY_LIMITS, type Questionnaire, type SurveyProblem, type SurveyQuestion } from './questionnaire';

/** One answer of a submission, normalised: the fields that do not apply to the question's type are null. */
export interface SubmittedAnswer {
  questionCode: string;
  /** The rated agency for agency-scoped questions, null for respondent-level questions. */
  agencyId: string | null;
  /** Single choice: the chosen option. */
  optionCode: string | null;
  /** Multiple choice: the ticked options. */
  optionCodes: string[] | null;
  /** Likert: 1..5. */
  likert: number | null;
  /** Likert: "don't know" (only when the question allows it). */
  dontKnow: boolean;
  /** Open text, NFC-normalised and trimmed. */
  text: string | null;
}

/** The closed set of submission problem codes. */
export type AnswerProblemCode =
  | 'not_a_list'
  | 'too_many_answers'
  | 'invalid_answer'
  | 'unknown_question'
  | 'agency_missing'
  | 'unknown_agency'
  | 'agency_not_expected'
  | 'duplicate_answer'
  | 'unknown_option'
  | 'single_choice_many'
  | 'duplicate_option'
  | 'too_many_choices'
  | 'likert_out_of_range'
  | 'dont_know_not_allowed'
  | 'text_too_long'
  | 'invalid_text'
  | 'field_not_expected'
  | 'answer_empty'
  | 'required_missing';

/** A problem of a submission; `questionCode` and `agencyId` say which answer it concerns when known. */
export type AnswerProblem = SurveyProblem<AnswerProblemCode> & { questionCode?: string; agencyId?: string | null };

/** The outcome of {@link validateAnswers}: ok when no problem; `answers` are the normalised answers (empty when not ok). */
export interface AnswersValidation {
  ok: boolean;
  problems: AnswerProblem[];
  answers: SubmittedAnswer[];
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const VALUE_FIELDS = ['optionCode', 'optionCodes', 'likert', 'dontKnow', 'text'] as const;
const ALLOWED: Record<SurveyQuestion['type'], readonly (typeof VALUE_FIELDS)[number][]> = {
  single: ['optionCode', 'optionCodes'],
  likert: ['likert', 'dontKnow'],
  multiple: ['optionCodes'],
  text: ['text'],
};
/** Problems reported at most per submission (the rest are dropped so a hostile payload cannot inflate the reply). */
export const MAX_ANSWER_PROBLEMS = 100;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null && v !== false && v !== '';
const show = (v: unknown) => JSON.stringify(typeof v === 'string' ? v.slice(0, 40) : v)?.slice(0, 60) ?? String(v);

/** Validates a submission (`answers` as received: an untrusted value) against its questionnaire; see the module comment for the rules. */
export function validateAnswers(questionnaire: Questionnaire, answers: unknown): AnswersValidation {
  const problems: AnswerProblem[] = [];
  const add = (code: AnswerProblemCode, path: string, message: Bilingual, extra: { questionCode?: string; agencyId?: string | null } = {}) => {
    if (problems.length < MAX_ANSWER_PROBLEMS) problems.push({ code, severity: 'error', path, message, ...extra });
  };
  const fail = (): AnswersValidation => ({ ok: false, problems, answers: [] });
  if (!Array.isArray(answers)) {
    add('not_a_list', 'answers', { vi: 'Danh sách câu trả lời không hợp lệ.', en: 'The answers must be a list.' });
    return fail();
  }
  const questions = new Map<string, SurveyQuestion>();
  for (const q of questionnaire.questions) if (!questions.has(q.code)) questions.set(q.code, q);
  const agencies = new Set(questionnaire.agencyIds);
  const agencyCount = Math.max(1, agencies.size);
  const maxAnswers = questionnaire.questions.reduce((a, q) => a + (q.scope === 'agency' ? agencyCount : 1), 0);
  if (answers.length > maxAnswers) {
    add('too_many_answers', 'answers', {
      vi: `Có ${answers.length} câu trả lời, nhiều hơn số câu hỏi của phiếu (${maxAnswers}).`,
      en: `${answers.length} answers is more than the questionnaire asks (${maxAnswers}).`,
    });
    return fail();
  }
  const out: SubmittedAnswer[] = [];
  const answered = new Set<string>();
  const seen = new Set<string>();
  answers.forEach((raw: unknown, i) => {
    const path = `answers.${i}`;
    if (!isRecord(raw)) {
      add('invalid_answer', path, { vi: `Câu trả lời thứ ${i + 1} không hợp lệ.`, en: `Answer ${i + 1} is not valid.` });
      return;
    }
    const code = raw.questionCode;
    const q = typeof code === 'string' ? questions.get(code) : undefined;
    if (!q) {
      add('unknown_question', `${path}.questionCode`, {
        vi: `Câu hỏi ${show(code)} không có trong phiếu.`,
        en: `Question ${show(code)} is not in the questionnaire.`,
      });
      return;
    }
    const ctx = { questionCode: q.code };
    // Agency.
    let agencyId: string | null = null;
    const rawAgency = raw.agencyId;
    if (q.scope === 'agency') {
      const id = typeof rawAgency === 'string' ? rawAgency : typeof rawAgency === 'number' && Number.isSafeInteger(rawAgency) ? String(rawAgency) : null;
      if (rawAgency === undefined || rawAgency === null || rawAgency === '') {
        add('agency_missing', `${path}.agencyId`, { vi: `Câu hỏi "${q.code}" cần nêu cơ quan được đánh giá.`, en: `Question "${q.code}" needs the rated agency.` }, ctx);
        return;
      }
      if (id === null || !agencies.has(id)) {
        add('unknown_agency', `${path}.agencyId`, {
          vi: `Cơ quan ${show(rawAgency)} không được đánh giá trong phiếu này.`,
          en: `Agency ${show(rawAgency)} is not rated by this questionnaire.`,
        }, ctx);
        return;
      }
      agencyId = id;
    } else if (present(rawAgency)) {
      add('agency_not_expected', `${path}.agencyId`, {
        vi: `Câu hỏi "${q.code}" hỏi về người trả lời, không kèm cơ quan.`,
        en: `Question "${q.code}" is about the respondent and takes no agency.`,
      }, ctx);
      return;
    }
    const ctxA = { questionCode: q.code, agencyId };
    const key = `${q.code}\u0000${agencyId ?? ''}`;
    if (seen.has(key)) {
      add('duplicate_answer', path, {
        vi: `Câu hỏi "${q.code}" được trả lời hai lần${agencyId ? ' cho cùng một cơ quan' : ''}.`,
        en: `Question "${q.code}" is answered twice${agencyId ? ' for the same agency' : ''}.`,
      }, ctxA);
      return;
    }
    seen.add(key);
    for (const field of VALUE_FIELDS) {
      if (present(raw[field]) && !ALLOWED[q.type].includes(field)) {
        add('field_not_expected', `${path}.${field}`, {
          vi: `Trường "${field}" không dùng cho loại câu hỏi của "${q.code}".`,
          en: `Field "${field}" does not apply to the type of question "${q.code}".`,
        }, ctxA);
      }
    }
    const answer: SubmittedAnswer = { questionCode: q.code, agencyId, optionCode: null, optionCodes: null, likert: null, dontKnow: false, text: null };
    const before = problems.length;
    switch (q.type) {
      case 'single': {
        const many = raw.optionCodes;
        if (Array.isArray(many) && many.length > 1) {
          add('single_choice_many', `${path}.optionCodes`, { vi: `Câu hỏi "${q.code}" chỉ chọn một phương án.`, en: `Question "${q.code}" takes a single option.` }, ctxA);
          break;
        }
        const chosen = present(raw.optionCode) ? raw.optionCode : Array.isArray(many) ? many[0] : undefined;
        const field = present(raw.optionCode) ? 'optionCode' : 'optionCodes.0';
        if (!present(chosen)) break;
        if (typeof chosen !== 'string' || !q.options.some((o) => o.code === chosen)) {
          add('unknown_option', `${path}.${field}`, { vi: `Phương án ${show(chosen)} không có trong câu hỏi "${q.code}".`, en: `Option ${show(chosen)} is not an option of question "${q.code}".` }, ctxA);
          break;
        }
        answer.optionCode = chosen;
        break;
      }
      case 'multiple': {
        const many = raw.optionCodes;
        if (many === undefined || many === null) break;
        if (!Array.isArray(many)) {
          add('unknown_option', `${path}.optionCodes`, { vi: 'Các phương án phải là một danh sách.', en: 'The options must be a list.' }, ctxA);
          break;
        }
        const limit = Math.min(q.maxChoices ?? q.options.length, q.options.length);
        if (many.length > limit) {
          add('too_many_choices', `${path}.optionCodes`, { vi: `Câu hỏi "${q.code}" chọn tối đa ${limit} phương án.`, en: `Question "${q.code}" takes at most ${limit} options.` }, ctxA);
          break;
        }
        const picked = new Set<string>();
        many.forEach((c: unknown, j) => {
          if (typeof c !== 'string' || !q.options.some((o) => o.code === c)) {
            add('unknown_option', `${path}.optionCodes.${j}`, { vi: `Phương án ${show(c)} không có trong câu hỏi "${q.code}".`, en: `Option ${show(c)} is not an option of question "${q.code}".` }, ctxA);
          } else if (picked.has(c)) {
            add('duplicate_option', `${path}.optionCodes.${j}`, { vi: `Phương án "${c}" được chọn hai lần.`, en: `Option "${c}" is ticked twice.` }, ctxA);
          } else picked.add(c);
        });
        if (picked.size > 0) answer.optionCodes = [...picked];
        break;
      }
      case 'likert': {
        if (raw.dontKnow === true) {
          if (!q.allowDontKnow) {
            add('dont_know_not_allowed', `${path}.dontKnow`, { vi: `Câu hỏi "${q.code}" không có lựa chọn "không biết".`, en: `Question "${q.code}" has no "don't know" answer.` }, ctxA);
            break;
          }
          if (present(raw.likert)) {
            add('field_not_expected', `${path}.likert`, { vi: 'Đã chọn "không biết" thì không chọn điểm.', en: 'A "don\'t know" answer has no value.' }, ctxA);
            break;
          }
          answer.dontKnow = true;
          break;
        }
        if (raw.dontKnow !== undefined && raw.dontKnow !== null && raw.dontKnow !== false) {
          add('invalid_answer', `${path}.dontKnow`, { vi: 'Giá trị "không biết" không hợp lệ.', en: 'Invalid "don\'t know" value.' }, ctxA);
          break;
        }
        const v = raw.likert;
        if (v === undefined || v === null) break;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) {
          add('likert_out_of_range', `${path}.likert`, { vi: 'Mức đánh giá phải là số nguyên từ 1 đến 5.', en: 'The rating must be a whole number from 1 to 5.' }, ctxA);
          break;
        }
        answer.likert = v;
        break;
      }
      case 'text': {
        const t = raw.text;
        if (t === undefined || t === null) break;
        if (typeof t !== 'string') {
          add('invalid_text', `${path}.text`, { vi: 'Câu trả lời phải là văn bản.', en: 'The answer must be text.' }, ctxA);
          break;
        }
        const limit = Math.min(q.maxLength ?? SURVEY_LIMITS.openText, SURVEY_LIMITS.openText);
        // Check the raw length first so an oversized payload is never normalised.
        if (t.length > limit * 2) {
          add('text_too_long', `${path}.text`, { vi: `Câu trả lời dài quá ${limit} ký tự.`, en: `The answer is longer than ${limit} characters.` }, ctxA);
          break;
        }
        const text = t.normalize('NFC').trim();
        if (text.length > limit) {
          add('text_too_long', `${path}.text`, { vi: `Câu trả lời dài quá ${limit} ký tự.`, en: `The answer is longer than ${limit} characters.` }, ctxA);
          break;
        }
        if (CONTROL_CHARS.test(text)) {
          add('invalid_text', `${path}.text`, { vi: 'Câu trả lời chứa ký tự điều khiển không hợp lệ.', en: 'The answer contains invalid control characters.' }, ctxA);
          break;
        }
        if (text !== '') answer.text = text;
        break;
      }
    }
    if (problems.length !== before) return;
    const hasValue = answer.optionCode !== null || answer.optionCodes !== null || answer.likert !== null || answer.dontKnow || answer.text !== null;
    if (!hasValue) {
      if (q.required) {
        add('answer_empty', path, { vi: `Câu hỏi bắt buộc "${q.code}" chưa được trả lời.`, en: `Required question "${q.code}" has no answer.` }, ctxA);
      }
      return;
    }
    answered.add(key);
    out.push(answer);
  });
  for (const q of questionnaire.questions) {
    if (!q.required) continue;
    const ids: (string | null)[] = q.scope === 'agency' ? [...questionnaire.agencyIds] : [null];
    for (const agencyId of ids) {
      const key = `${q.code}\u0000${agencyId ?? ''}`;
      if (answered.has(key) || seen.has(key)) continue;
      add(
        'required_missing',
        'answers',
        agencyId === null
          ? { vi: `Chưa trả lời câu hỏi bắt buộc "${q.code}".`, en: `Required question "${q.code}" is not answered.` }
          : {
              vi: `Chưa trả lời câu hỏi bắt buộc "${q.code}" cho cơ quan "${agencyId}".`,
              en: `Required question "${q.code}" is not answered for agency "${agencyId}".`,
            },
        { questionCode: q.code, agencyId },
      );
    }
  }
  return problems.length ? fail() : { ok: true, problems, answers: out };
}
