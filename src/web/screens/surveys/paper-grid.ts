/**
 * The paper-entry grid's model: one row per question × rated agency, and what a key does on a row (digits choose
 * options 1 = A, 2 = B…, a letter chooses the option with that code, 0 / Backspace / Delete clear, Likert takes
 * 1–5, multiple choice toggles). Pure, so it is tested without a browser.
 */
import type { QuestionnaireContent } from '../../../core/schemas/surveys';
import { type AnswerValue, answerKey } from '../survey-form/answers';

type Question = QuestionnaireContent['sections'][number]['questions'][number];

export interface GridRow {
  key: string;
  question: Question;
  sectionCode: string;
  agencyId: number | null;
}

export function gridRows(content: QuestionnaireContent): GridRow[] {
  const rows: GridRow[] = [];
  for (const s of content.sections)
    for (const q of s.questions)
      for (const agencyId of q.perAgency ? content.ratedAgencyIds : [null]) rows.push({ key: answerKey(q.code, agencyId), question: q, sectionCode: s.code, agencyId });
  return rows;
}

export type KeyEffect = { kind: 'set'; value: AnswerValue | undefined } | { kind: 'none' };

/** What pressing `key` does to the answer of a choice or Likert row (text rows take typing in their own input). */
export function keyEffect(q: Question, current: AnswerValue | undefined, key: string): KeyEffect {
  if (key === '0' || key === 'Backspace' || key === 'Delete') return { kind: 'set', value: undefined };
  if (q.type === 'text') return { kind: 'none' };
  const digit = /^[1-9]$/.test(key) ? Number(key) : null;
  if (q.type === 'likert') return digit !== null && digit <= 5 ? { kind: 'set', value: { l: digit } } : { kind: 'none' };
  let option = digit !== null ? q.options[digit - 1] : undefined;
  if (!option && /^[a-zA-Z]$/.test(key)) option = q.options.find((o) => o.code.toUpperCase() === key.toUpperCase());
  if (!option) return { kind: 'none' };
  if (q.type === 'single') return { kind: 'set', value: { o: option.code } };
  const chosen = current?.m ?? [];
  const m = chosen.includes(option.code) ? chosen.filter((c) => c !== option.code) : [...chosen, option.code];
  return { kind: 'set', value: m.length ? { m } : undefined };
}

/** The next paper reference: the trailing number goes up by one, keeping its width ("P-009" → "P-010"). */
export function nextPaperRef(ref: string): string {
  const m = /^(.*?)(\d+)$/.exec(ref.trim());
  if (!m) return ref.trim() ? `${ref.trim()}-2` : '1';
  const n = String(Number(m[2]) + 1).padStart(m[2]!.length, '0');
  return `${m[1]}${n}`;
}

/** A stored answer as staff read it: "B", "4/5", "A, C" or the text. */
export function describeStored(a: { o?: string | null; l?: number | null; m?: string[] | null; t?: string | null } | null): string {
  if (!a) return '—';
  if (a.o) return a.o;
  if (a.l != null) return `${a.l}/5`;
  if (a.m?.length) return a.m.join(', ');
  if (a.t) return a.t;
  return '—';
}
