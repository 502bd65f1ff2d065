import { describe, expect, it } from 'vitest';
import type { QuestionnaireContent } from '../schemas/surveys';
import { checkAnswers } from './survey-answers';

const content: QuestionnaireContent = {
  introVi: '',
  introEn: '',
  respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu HĐND', nameEn: '' }],
  ratedAgencyIds: [1, 2],
  sections: [
    {
      code: 'S1',
      titleVi: 'Chỉ đạo điều hành',
      titleEn: '',
      questions: [
        { code: 'Q1', type: 'single', textVi: 'Mức độ quan tâm?', textEn: '', required: true, perAgency: true, leafCodes: ['8.1.1'], maxLength: 1000, options: [{ code: 'A', labelVi: 'Tốt', labelEn: '', weight: '1' }, { code: 'E', labelVi: 'Không biết', labelEn: '', weight: null }] },
        { code: 'Q2', type: 'text', textVi: 'Góp ý', textEn: '', required: false, perAgency: false, leafCodes: [], maxLength: 20, options: [] },
      ],
    },
  ],
};

describe('checkAnswers', () => {
  it('accepts a complete submission and stores it compactly', () => {
    const r = checkAnswers(content, [
      { questionCode: 'Q1', agencyId: 1, optionCode: 'A' },
      { questionCode: 'Q1', agencyId: 2, optionCode: 'E' },
      { questionCode: 'Q2', text: ' Tốt ' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.stored).toEqual([{ q: 'Q1', a: 1, o: 'A' }, { q: 'Q1', a: 2, o: 'E' }, { q: 'Q2', t: 'Tốt' }]);
  });

  it.each([
    [[{ questionCode: 'Q9', agencyId: 1, optionCode: 'A' }], 'answers.0.questionCode'],
    [[{ questionCode: 'Q1', agencyId: 7, optionCode: 'A' }], 'answers.0.agencyId'],
    [[{ questionCode: 'Q1', agencyId: 1, optionCode: 'Z' }], 'answers.0.optionCode'],
    [[{ questionCode: 'Q2', text: 'x'.repeat(21) }], 'answers.0.text'],
    [[{ questionCode: 'Q2', text: 'bad\u0000' }], 'answers.0.text'],
  ])('rejects hostile answer %j at %s', (answers, path) => {
    expect(checkAnswers(content, answers).problems.map((p) => p.path)).toContain(path);
  });

  it('rejects an answer given twice and missing required answers', () => {
    const r = checkAnswers(content, [{ questionCode: 'Q1', agencyId: 1, optionCode: 'A' }, { questionCode: 'Q1', agencyId: 1, optionCode: 'E' }]);
    expect(r.problems.map((p) => p.path)).toEqual(['answers.1', 'answers']);
    expect(r.problems[1]!.message.en).toBe('Question Q1 (agency 2) is not answered.');
  });
});
