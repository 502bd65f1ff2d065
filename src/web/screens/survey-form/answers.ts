/**
 * The respondent's answers as the form holds them (a map keyed by question and rated agency), and their conversion
 * to the submission's answer list, in the fixed order questions × agencies so that a server field error
 * `answers.N.field` names a prompt of the form. Pure: no DOM, no storage.
 */
import type { AnswerInput } from '../../../core/schemas/surveys';

/** One answer: a single option, a Likert value 1–5, several options, or a text. */
export interface AnswerValue {
  o?: string;
  l?: number;
  m?: string[];
  t?: string;
}
export type AnswerMap = Record<string, AnswerValue>;

export interface FormQuestion {
  code: string;
  type: 'single' | 'likert' | 'multiple' | 'text';
  required: boolean;
  perAgency: boolean;
}
export interface FormSection {
  code: string;
  questions: FormQuestion[];
}

/** The key of one prompt: question code and, for a matrix question, the rated agency. */
export function answerKey(questionCode: string, agencyId: number | null): string {
  return `${questionCode}|${agencyId ?? ''}`;
}

/** The agencies a question is asked for (`[null]` when it is asked once). */
export function targetsOf(q: FormQuestion, agencyIds: readonly number[]): (number | null)[] {
  return q.perAgency ? [...agencyIds] : [null];
}

export function isAnswered(q: FormQuestion, v: AnswerValue | undefined): boolean {
  if (!v) return false;
  switch (q.type) {
    case 'single':
      return !!v.o;
    case 'likert':
      return typeof v.l === 'number';
    case 'multiple':
      return !!v.m && v.m.length > 0;
    case 'text':
      return !!v.t && v.t.trim().length > 0;
  }
}

/** Keys of the required prompts of `sections` not answered yet, in form order (open texts are never required). */
export function missingRequired(sections: readonly FormSection[], agencyIds: readonly number[], answers: AnswerMap): string[] {
  const out: string[] = [];
  for (const s of sections)
    for (const q of s.questions) {
      if (!q.required || q.type === 'text') continue;
      for (const a of targetsOf(q, agencyIds)) {
        const key = answerKey(q.code, a);
        if (!isAnswered(q, answers[key])) out.push(key);
      }
    }
  return out;
}

/** Answered and total prompts (for the progress bar). */
export function progressOf(sections: readonly FormSection[], agencyIds: readonly number[], answers: AnswerMap): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const s of sections)
    for (const q of s.questions)
      for (const a of targetsOf(q, agencyIds)) {
        total++;
        if (isAnswered(q, answers[answerKey(q.code, a)])) answered++;
      }
  return { answered, total };
}

/**
 * The one number the form shows as "answered N%": the text, the bar's width and the bar's accessible value all read
 * it, so they cannot disagree. Rounded down, so 100% means every prompt is answered (199 of 200 reads 99%, not
 * 100%) and any answer at all reads at least 1%.
 */
export function progressPercent(progress: { answered: number; total: number }): number {
  if (progress.total <= 0 || progress.answered <= 0) return 0;
  if (progress.answered >= progress.total) return 100;
  return Math.max(1, Math.floor((progress.answered * 100) / progress.total));
}

/**
 * The submission's answers, in form order, leaving out unanswered prompts; `keys[i]` is the prompt of `answers[i]`
 * (to put a server error `answers.i.*` next to its prompt).
 */
export function toAnswerInputs(sections: readonly FormSection[], agencyIds: readonly number[], answers: AnswerMap): { answers: AnswerInput[]; keys: string[] } {
  const out: AnswerInput[] = [];
  const keys: string[] = [];
  for (const s of sections)
    for (const q of s.questions)
      for (const a of targetsOf(q, agencyIds)) {
        const key = answerKey(q.code, a);
        const v = answers[key];
        if (!isAnswered(q, v) || !v) continue;
        const base: AnswerInput = { questionCode: q.code, ...(a !== null ? { agencyId: a } : {}) };
        if (q.type === 'single') out.push({ ...base, optionCode: v.o ?? null });
        else if (q.type === 'likert') out.push({ ...base, likert: v.l ?? null });
        else if (q.type === 'multiple') out.push({ ...base, optionCodes: v.m ?? [] });
        else out.push({ ...base, text: (v.t ?? '').trim() });
        keys.push(key);
      }
  return { answers: out, keys };
}

/** Where a prompt sits: its section index (to jump there when a problem is reported). */
export function sectionOfKey(sections: readonly FormSection[], key: string): number {
  const code = key.slice(0, key.lastIndexOf('|'));
  const i = sections.findIndex((s) => s.questions.some((q) => q.code === code));
  return i < 0 ? 0 : i;
}

/**
 * Field problems (from the shared answer check or the server) placed on prompts: `answers.N.*` goes to the N-th
 * submitted answer; "question X (agency Y) is not answered" problems (path `answers`) are recomputed as missing
 * prompts by the caller. Returns prompt key → message, and messages that fit no prompt.
 */
export function placeProblems(problems: readonly { path: string; message: string }[], keys: readonly string[]): { byKey: Record<string, string>; other: string[] } {
  const byKey: Record<string, string> = {};
  const other: string[] = [];
  for (const p of problems) {
    const m = /^answers\.(\d+)(\.|$)/.exec(p.path);
    const key = m ? keys[Number(m[1])] : undefined;
    if (key) byKey[key] ??= p.message;
    else if (p.path !== 'answers') other.push(p.message);
  }
  return { byKey, other };
}
