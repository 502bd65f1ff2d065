import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_OPTIONS, type Questionnaire } from './questionnaire';
import { MAX_ANSWER_PROBLEMS, validateAnswers } from './validate-answers';

const q: Questionnaire = {
  code: 'P04',
  titleVi: 'Phiếu 04',
  titleEn: 'Form 04',
  respondentGroups: ['district'],
  agencyIds: ['1', '2'],
  questions: [
    { code: 'Q1', textVi: 'Q1', textEn: 'Q1', required: true, scope: 'agency', leafCodes: ['8.1.1'], type: 'single', options: DEFAULT_SCALE_OPTIONS },
    { code: 'Q2', textVi: 'Q2', textEn: 'Q2', required: false, scope: 'agency', leafCodes: ['8.2.1'], type: 'likert', allowDontKnow: true },
    { code: 'Q3', textVi: 'Q3', textEn: 'Q3', required: false, scope: 'respondent', leafCodes: [], type: 'multiple', maxChoices: 2, options: DEFAULT_SCALE_OPTIONS },
    { code: 'Q4', textVi: 'Q4', textEn: 'Q4', required: false, scope: 'respondent', leafCodes: [], type: 'text' },
    { code: 'Q5', textVi: 'Q5', textEn: 'Q5', required: true, scope: 'respondent', leafCodes: [], type: 'likert' },
  ],
};
const good = () => [
  { questionCode: 'Q1', agencyId: '1', optionCode: 'A' },
  { questionCode: 'Q1', agencyId: '2', optionCode: 'E' },
  { questionCode: 'Q2', agencyId: '1', likert: 4 },
  { questionCode: 'Q2', agencyId: '2', dontKnow: true },
  { questionCode: 'Q3', optionCodes: ['A', 'C'] },
  { questionCode: 'Q4', text: '  Cần công khai thủ tục hơn.  ' },
  { questionCode: 'Q5', likert: 5 },
];
const problems = (answers: unknown) => validateAnswers(q, answers).problems.map((p) => `${p.code}@${p.path}`);

describe('validateAnswers', () => {
  it('accepts a complete submission and normalises it', () => {
    const r = validateAnswers(q, good());
    expect(r.ok).toBe(true);
    expect(r.answers[0]).toEqual({ questionCode: 'Q1', agencyId: '1', optionCode: 'A', optionCodes: null, likert: null, dontKnow: false, text: null });
    expect(r.answers[5]!.text).toBe('Cần công khai thủ tục hơn.');
    expect(r.answers[3]!.dontKnow).toBe(true);
  });

  it('accepts numeric agency ids and normalises them to text', () => {
    const answers = good().map((a) => (a.agencyId ? { ...a, agencyId: Number(a.agencyId) } : a));
    expect(validateAnswers(q, answers).answers[0]!.agencyId).toBe('1');
  });

  const replace = (i: number, patch: Record<string, unknown>) => good().map((a, j) => (j === i ? { ...a, ...patch } : a));
  it.each<[string, unknown, string[]]>([
    ['not a list', { Q1: 'A' }, ['not_a_list@answers']],
    ['a wrong question id', replace(4, { questionCode: 'Q99' }), ['unknown_question@answers.4.questionCode']],
    ['an unknown option', replace(0, { optionCode: 'F' }), ['unknown_option@answers.0.optionCode']],
    ['two options for a single choice', replace(0, { optionCode: undefined, optionCodes: ['A', 'B'] }), ['single_choice_many@answers.0.optionCodes']],
    ['an agency the questionnaire does not rate', replace(1, { agencyId: '3' }), ['unknown_agency@answers.1.agencyId', 'required_missing@answers']],
    ['a missing agency', replace(2, { agencyId: null }), ['agency_missing@answers.2.agencyId']],
    ['an agency on a respondent question', replace(6, { agencyId: '1' }), ['agency_not_expected@answers.6.agencyId', 'required_missing@answers']],
    ['Likert 0', replace(2, { likert: 0 }), ['likert_out_of_range@answers.2.likert']],
    ['Likert 6', replace(2, { likert: 6 }), ['likert_out_of_range@answers.2.likert']],
    ['Likert 2.5', replace(2, { likert: 2.5 }), ['likert_out_of_range@answers.2.likert']],
    ['Likert as text', replace(2, { likert: '3' }), ['likert_out_of_range@answers.2.likert']],
    ['"don\'t know" where not allowed', replace(6, { likert: undefined, dontKnow: true }), ['dont_know_not_allowed@answers.6.dontKnow']],
    ['oversized text', replace(5, { text: 'x'.repeat(2001) }), ['text_too_long@answers.5.text']],
    ['huge text', replace(5, { text: 'x'.repeat(1_000_000) }), ['text_too_long@answers.5.text']],
    ['text with control characters', replace(5, { text: 'a\u0000b' }), ['invalid_text@answers.5.text']],
    ['text that is not a string', replace(5, { text: { $gt: '' } }), ['invalid_text@answers.5.text']],
    ['too many choices', replace(4, { optionCodes: ['A', 'B', 'C'] }), ['too_many_choices@answers.4.optionCodes']],
    ['a duplicated choice', replace(4, { optionCodes: ['A', 'A'] }), ['duplicate_option@answers.4.optionCodes.1']],
    ['a field of another type', replace(0, { likert: 3 }), ['field_not_expected@answers.0.likert']],
    ['the same question twice for an agency', [...good().slice(0, 5), { questionCode: 'Q1', agencyId: '1', optionCode: 'B' }, good()[6]], ['duplicate_answer@answers.5']],
    ['a missing required answer', good().slice(1), ['required_missing@answers']],
    ['an empty required answer', replace(0, { optionCode: null }), ['answer_empty@answers.0']],
    ['an answer that is not an object', good().map((a, i) => (i === 3 ? 'A' : a)), ['invalid_answer@answers.3']],
    ['more answers than questions', Array.from({ length: 50 }, () => ({ questionCode: 'Q1' })), ['too_many_answers@answers']],
  ])('rejects %s', (_name, answers, expected) => {
    expect(problems(answers)).toEqual(expected);
    expect(validateAnswers(q, answers).ok).toBe(false);
  });

  it('names the question and agency and speaks both languages', () => {
    const [p] = validateAnswers(q, good().filter((a) => !(a.questionCode === 'Q1' && a.agencyId === '2'))).problems;
    expect(p).toMatchObject({ code: 'required_missing', questionCode: 'Q1', agencyId: '2' });
    expect(p!.message.vi).toBe('Chưa trả lời câu hỏi bắt buộc "Q1" cho cơ quan "2".');
    expect(p!.message.en).toBe('Required question "Q1" is not answered for agency "2".');
  });

  it('never throws and bounds the problem list, whatever it receives', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const r = validateAnswers(q, junk);
        expect(r.problems.length).toBeLessThanOrEqual(MAX_ANSWER_PROBLEMS);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            questionCode: fc.oneof(fc.constantFrom('Q1', 'Q2', 'Q3', 'Q4', 'Q5'), fc.string()),
            agencyId: fc.oneof(fc.constantFrom('1', '2', null), fc.anything()),
            optionCode: fc.oneof(fc.constantFrom('A', 'E', 'Z'), fc.anything()),
            likert: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.anything()),
            text: fc.oneof(fc.string(), fc.anything()),
          }, { requiredKeys: ['questionCode'] }),
          { maxLength: 12 },
        ),
        (answers) => {
          const r = validateAnswers(q, answers);
          if (r.ok) {
            for (const a of r.answers) expect(q.questions.some((x) => x.code === a.questionCode)).toBe(true);
          } else expect(r.answers).toEqual([]);
        },
      ),
    );
  });
});
