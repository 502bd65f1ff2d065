import { describe, expect, it } from 'vitest';
import { sampleFramework } from '../fixtures.test-support';
import { DEFAULT_SCALE_OPTIONS, type Questionnaire, type SurveyQuestion } from './questionnaire';
import { uncoveredSurveyLeaves, validateQuestionnaire } from './validate-questionnaire';

const nodes = sampleFramework().nodes;

const base = (): Questionnaire => ({
  code: 'P02',
  titleVi: 'Phiếu 02',
  titleEn: 'Form 02',
  respondentGroups: ['deputies'],
  agencyIds: ['1', '2'],
  questions: [
    { code: 'Q1', textVi: 'Mức độ hài lòng', textEn: 'Satisfaction', required: true, scope: 'agency', leafCodes: ['2.1'], type: 'single', options: DEFAULT_SCALE_OPTIONS },
    { code: 'Q2', textVi: 'Chức vụ', textEn: 'Position', required: false, scope: 'respondent', leafCodes: [], type: 'multiple', options: [{ code: 'x', labelVi: 'Lãnh đạo', labelEn: 'Leader', weight: null }] },
    { code: 'Q3', textVi: 'Góp ý', textEn: 'Comments', required: false, scope: 'respondent', leafCodes: [], type: 'text', maxLength: 500 },
  ],
});

const withQuestion = (patch: Partial<SurveyQuestion>, index = 0): Questionnaire => {
  const q = base();
  return { ...q, questions: q.questions.map((x, i) => (i === index ? ({ ...x, ...patch } as SurveyQuestion) : x)) };
};
const codes = (q: Questionnaire) => validateQuestionnaire(q, nodes).map((p) => `${p.severity}:${p.code}@${p.path}`);

describe('validateQuestionnaire', () => {
  it('accepts a well-formed questionnaire that covers every survey leaf', () => {
    expect(validateQuestionnaire(base(), nodes)).toEqual([]);
  });

  it.each<[string, Questionnaire, string[]]>([
    ['a duplicate question code', withQuestion({ code: 'Q1' }, 2), ['error:duplicate_question_code@questions.2.code']],
    [
      'option weights outside 0..1 or not decimals',
      withQuestion({ options: [{ code: 'A', labelVi: 'A', labelEn: 'A', weight: '1.5' }, { code: 'B', labelVi: 'B', labelEn: 'B', weight: '0.6' }, { code: 'C', labelVi: 'C', labelEn: 'C', weight: 'x' }] } as Partial<SurveyQuestion>),
      ['error:weight_invalid@questions.0.options.0.weight', 'error:weight_invalid@questions.0.options.2.weight'],
    ],
    ['a scored question without options', withQuestion({ options: [] } as Partial<SurveyQuestion>), ['error:options_missing@questions.0.options']],
    [
      'a scored question whose options are all "don\'t know"',
      withQuestion({ options: [{ code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null }] } as Partial<SurveyQuestion>),
      ['error:no_weighted_option@questions.0.options'],
    ],
    [
      'duplicate option codes',
      withQuestion({ options: [...DEFAULT_SCALE_OPTIONS, { code: 'A', labelVi: 'A', labelEn: 'A', weight: '1' }] } as Partial<SurveyQuestion>),
      ['error:duplicate_option_code@questions.0.options.5.code'],
    ],
    [
      'a mapping to an unknown leaf and to a non-survey leaf and a parent',
      withQuestion({ leafCodes: ['2.1', '9.9', '1.1.1', '2'] }),
      ['error:leaf_unknown@questions.0.leafCodes.1', 'error:leaf_not_survey@questions.0.leafCodes.2', 'error:leaf_not_survey@questions.0.leafCodes.3'],
    ],
    ['an unscored question mapped to a leaf', withQuestion({ leafCodes: ['2.1'] }, 2), ['error:unscored_question_mapped@questions.2.leafCodes', 'error:respondent_question_mapped@questions.2.scope']],
    ['survey leaves not covered (warning)', withQuestion({ leafCodes: [] }), ['warning:leaf_uncovered@questions']],
    [
      'a group mapping for a group the questionnaire does not have',
      withQuestion({ leafCodesByGroup: { citizens: ['2.1'] } }),
      ['warning:group_unknown@questions.0.leafCodesByGroup.citizens'],
    ],
    ['an agency-scoped question with no agencies', { ...base(), agencyIds: [] }, ['error:no_agencies@agencyIds']],
    ['no respondent group', { ...base(), respondentGroups: [] }, ['error:no_respondent_group@respondentGroups']],
    ['a bad code', { ...base(), code: 'P 02' }, ['error:invalid_code@code']],
    ['a missing question text', withQuestion({ textVi: '  ' }), ['error:question_text_missing@questions.0.textVi']],
    ['an open text limit above 2000', withQuestion({ maxLength: 5000 } as Partial<SurveyQuestion>, 2), ['error:max_length_invalid@questions.2.maxLength']],
    ['Likert labels that are not five', withQuestion({ type: 'likert', labels: [{ labelVi: 'a', labelEn: 'a' }] } as Partial<SurveyQuestion>), ['error:likert_labels@questions.0.labels']],
    ['no question', { ...base(), questions: [] }, ['error:no_questions@questions', 'warning:leaf_uncovered@questions']],
  ])('reports %s', (_name, q, expected) => {
    expect(codes(q)).toEqual(expected);
  });

  it('writes bilingual messages', () => {
    const [p] = validateQuestionnaire(withQuestion({ leafCodes: ['1.1.1'] }), nodes, { coverage: false });
    expect(p!.message.vi).toContain('không phải tiêu chí chấm bằng điều tra xã hội học');
    expect(p!.message.en).toContain('is not a survey-scored leaf');
  });

  it('checks coverage across all questionnaires of a province', () => {
    const none = withQuestion({ leafCodes: [] });
    expect(uncoveredSurveyLeaves([none], nodes)).toEqual(['2.1']);
    expect(uncoveredSurveyLeaves([none, base()], nodes)).toEqual([]);
    expect(uncoveredSurveyLeaves([withQuestion({ leafCodes: [], leafCodesByGroup: { deputies: ['2.1'] } })], nodes)).toEqual([]);
  });
});
