import { describe, expect, it } from 'vitest';
import { questionnaireContent } from '../../../core/schemas/surveys';
import { checkDraft, defaultScale, draftToPublic, newDraft, newQuestion, nextCode, percentToWeight, weightToPercent } from './builder-draft';
import { describeStored, gridRows, keyEffect, nextPaperRef } from './paper-grid';

const valid = () => {
  const d = newDraft();
  d.code = 'P01';
  d.titleVi = 'Phiếu thử';
  d.content.ratedAgencyIds = [5, 6];
  d.content.sections[0]!.questions[0]!.textVi = 'Câu hỏi?';
  d.content.sections[0]!.questions[0]!.leafCodes = ['8.1.1'];
  return d;
};
const leaves = [
  { code: '8.1.1', label: '8.1.1' },
  { code: '8.1.2', label: '8.1.2' },
];

describe('questionnaire builder checks', () => {
  it('accepts a complete draft, noting the survey leaves no question scores', () => {
    const problems = checkDraft(valid(), leaves, 'vi');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ path: 'leaves', severity: 'warning' })]);
  });

  it('reports the wire schema and the server rules with the server paths', () => {
    const d = valid();
    d.titleVi = '';
    d.content.ratedAgencyIds = [];
    const q = d.content.sections[0]!.questions;
    q.push({ ...newQuestion('Q1'), textVi: 'Hai', type: 'multiple', leafCodes: ['9.9'] });
    q[0]!.options = q[0]!.options.map((o) => ({ ...o, weight: null }));
    const paths = checkDraft(d, leaves, 'en')
      .filter((p) => p.severity === 'error')
      .map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'titleVi',
        'content.ratedAgencyIds',
        'content.sections.0.questions.1.code',
        'content.sections.0.questions.0.options',
        'content.sections.0.questions.1.leafCodes',
        'content.sections.0.questions.1.leafCodes.0',
      ]),
    );
  });

  it('converts weights to percents and back without float noise', () => {
    expect(defaultScale().map((o) => weightToPercent(o.weight))).toEqual([100, 60, 20, 0, null]);
    expect(['1', '0.6', '0.2', '0', '0.3333'].map((w) => percentToWeight(weightToPercent(w)!))).toEqual(['1', '0.6', '0.2', '0', '0.3333']);
    expect(percentToWeight(33.333)).toBe('0.3333');
  });

  it('numbers new codes after the used ones', () => {
    expect(nextCode('Q', ['Q1', 'Q2', 'Q4'])).toBe('Q3');
  });

  it('previews the draft without weights or mapping', () => {
    const p = draftToPublic(valid(), [{ id: 5, code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: '' }], 'DN');
    expect(p.ratedAgencies.map((a) => a.code)).toEqual(['SNV', '6']);
    expect(p.sections[0]!.questions[0]!.options[0]).toEqual({ code: 'A', labelVi: 'Rất tốt', labelEn: 'Very good' });
  });
});

describe('paper entry grid', () => {
  const content = questionnaireContent.parse({
    respondentGroups: [{ code: 'DN', nameVi: 'Người dân' }],
    ratedAgencyIds: [5, 6],
    sections: [
      {
        code: 'S1',
        titleVi: 'Một',
        questions: [
          { code: 'Q1', type: 'single', textVi: 'Câu 1', options: defaultScale() },
          { code: 'Q2', type: 'likert', textVi: 'Câu 2', perAgency: false },
          { code: 'Q3', type: 'multiple', textVi: 'Câu 3', perAgency: false, options: defaultScale() },
        ],
      },
    ],
  });
  const [q1, , q2, q3] = gridRows(content);

  it('has one row per question and rated agency', () => {
    expect(gridRows(content).map((r) => r.key)).toEqual(['Q1|5', 'Q1|6', 'Q2|', 'Q3|']);
  });

  it('maps digits and letters to options, clears with 0 and Backspace', () => {
    expect(keyEffect(q1!.question, undefined, '2')).toEqual({ kind: 'set', value: { o: 'B' } });
    expect(keyEffect(q1!.question, undefined, 'e')).toEqual({ kind: 'set', value: { o: 'E' } });
    expect(keyEffect(q1!.question, undefined, '9')).toEqual({ kind: 'none' });
    expect(keyEffect(q1!.question, { o: 'A' }, 'Backspace')).toEqual({ kind: 'set', value: undefined });
    expect(keyEffect(q2!.question, undefined, '4')).toEqual({ kind: 'set', value: { l: 4 } });
    expect(keyEffect(q2!.question, undefined, '6')).toEqual({ kind: 'none' });
    expect(keyEffect(q3!.question, { m: ['A'] }, '3')).toEqual({ kind: 'set', value: { m: ['A', 'C'] } });
    expect(keyEffect(q3!.question, { m: ['A'] }, '1')).toEqual({ kind: 'set', value: undefined });
  });

  it('numbers the next paper form and reads stored answers', () => {
    expect(nextPaperRef('P-009')).toBe('P-010');
    expect(nextPaperRef('12')).toBe('13');
    expect(describeStored({ l: 4 })).toBe('4/5');
    expect(describeStored(null)).toBe('—');
  });
});
