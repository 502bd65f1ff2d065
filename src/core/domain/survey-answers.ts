/**
 * Checks a survey submission against its questionnaire (issue 5, "hostile submissions are rejected with clear
 * errors"): every answer names an existing question, a rated agency where the question is asked per agency, an
 * existing option / a Likert value / options / a text within the limit, no answer twice, required questions
 * answered. Pure; the server runs it before storing anything.
 */
import type { Bilingual } from '../errors';
import type { AnswerInput, QuestionnaireContent } from '../schemas/surveys';

export interface AnswerProblem {
  path: string;
  message: Bilingual;
}

/** The compact stored form of an answer: question, agency, option, Likert value, options, text. */
export interface StoredAnswer {
  q: string;
  a?: number | null;
  o?: string | null;
  l?: number | null;
  m?: string[] | null;
  t?: string | null;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Validates answers; returns every problem (empty when valid) and the answers in stored form. */
export function checkAnswers(content: QuestionnaireContent, answers: readonly AnswerInput[]): { problems: AnswerProblem[]; stored: StoredAnswer[] } {
  const problems: AnswerProblem[] = [];
  const questions = new Map(content.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  const rated = new Set(content.ratedAgencyIds);
  const seen = new Set<string>();
  const stored: StoredAnswer[] = [];
  answers.forEach((a, i) => {
    const at = (field: string, vi: string, en: string) => problems.push({ path: `answers.${i}${field ? `.${field}` : ''}`, message: { vi, en } });
    const q = questions.get(a.questionCode);
    if (!q) return at('questionCode', `Không có câu hỏi "${a.questionCode}".`, `There is no question "${a.questionCode}".`);
    const agency = q.perAgency ? (a.agencyId ?? null) : null;
    if (q.perAgency && (agency === null || !rated.has(agency))) return at('agencyId', 'Cơ quan được đánh giá không thuộc phiếu này.', 'The rated agency is not on this questionnaire.');
    const key = `${q.code}:${agency ?? ''}`;
    if (seen.has(key)) return at('', 'Câu hỏi này được trả lời hai lần.', 'This question is answered twice.');
    seen.add(key);
    const out: StoredAnswer = { q: q.code, ...(agency !== null ? { a: agency } : {}) };
    switch (q.type) {
      case 'single':
        if (!a.optionCode || !q.options.some((o) => o.code === a.optionCode)) return at('optionCode', 'Phương án trả lời không hợp lệ.', 'Not an option of this question.');
        out.o = a.optionCode;
        break;
      case 'likert':
        if (!a.likert || a.likert < 1 || a.likert > 5) return at('likert', 'Chọn mức từ 1 đến 5.', 'Choose a level from 1 to 5.');
        out.l = a.likert;
        break;
      case 'multiple': {
        const codes = a.optionCodes ?? [];
        if (!codes.length || codes.some((c) => !q.options.some((o) => o.code === c)) || new Set(codes).size !== codes.length)
          return at('optionCodes', 'Các phương án chọn không hợp lệ.', 'The chosen options are not valid.');
        out.m = codes;
        break;
      }
      case 'text': {
        const text = (a.text ?? '').normalize('NFC').trim();
        if (text.length > q.maxLength) return at('text', `Tối đa ${q.maxLength} ký tự.`, `At most ${q.maxLength} characters.`);
        if (CONTROL.test(text)) return at('text', 'Chứa ký tự điều khiển không hợp lệ.', 'Contains invalid control characters.');
        if (!text) return;
        out.t = text;
        break;
      }
    }
    stored.push(out);
  });
  for (const q of questions.values()) {
    if (!q.required || q.type === 'text') continue;
    const targets = q.perAgency ? content.ratedAgencyIds : [null];
    for (const agency of targets) {
      if (!seen.has(`${q.code}:${agency ?? ''}`)) {
        problems.push({ path: 'answers', message: { vi: `Chưa trả lời câu ${q.code}${agency ? ` (cơ quan ${agency})` : ''}.`, en: `Question ${q.code}${agency ? ` (agency ${agency})` : ''} is not answered.` } });
      }
    }
  }
  return { problems, stored };
}
