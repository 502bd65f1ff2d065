import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../core/domain/survey-answers';
import { questionnaireContent } from '../../../core/schemas/surveys';
import { answerKey, type FormSection, missingRequired, placeProblems, progressOf, progressPercent, sectionOfKey, toAnswerInputs } from './answers';
import { backoffMs, classifyFailure } from './retry';
import { ApiError } from '../../api/client';

const sections: FormSection[] = [
  { code: 'S1', questions: [{ code: 'Q1', type: 'single', required: true, perAgency: true }] },
  {
    code: 'S2',
    questions: [
      { code: 'Q2', type: 'likert', required: true, perAgency: false },
      { code: 'Q3', type: 'text', required: false, perAgency: false },
    ],
  },
];
const agencies = [11, 12];

describe('respondent answers', () => {
  it('lists the required prompts not answered, per rated agency, never open texts', () => {
    expect(missingRequired(sections, agencies, {})).toEqual(['Q1|11', 'Q1|12', 'Q2|']);
    expect(missingRequired(sections, agencies, { 'Q1|11': { o: 'A' }, 'Q2|': { l: 3 } })).toEqual(['Q1|12']);
  });

  it('counts progress over every prompt', () => {
    expect(progressOf(sections, agencies, { 'Q1|11': { o: 'A' }, 'Q3|': { t: '  ' } })).toEqual({ answered: 1, total: 4 });
  });

  it('gives the text and the bar one percentage, reading 100% only when every prompt is answered', () => {
    expect(progressPercent({ answered: 0, total: 0 })).toBe(0);
    expect(progressPercent({ answered: 0, total: 5 })).toBe(0);
    expect(progressPercent({ answered: 3, total: 5 })).toBe(60);
    expect(progressPercent({ answered: 2, total: 3 })).toBe(66);
    expect(progressPercent({ answered: 199, total: 200 })).toBe(99);
    expect(progressPercent({ answered: 1, total: 300 })).toBe(1);
    expect(progressPercent({ answered: 4, total: 4 })).toBe(100);
    // A matrix question counts once per rated agency: 1 of 4 prompts is 25%, whatever the questions' count.
    expect(progressPercent(progressOf(sections, agencies, { 'Q1|11': { o: 'A' } }))).toBe(25);
  });

  it('builds the submission in form order and keeps which prompt each answer is', () => {
    const { answers, keys } = toAnswerInputs(sections, agencies, { 'Q2|': { l: 4 }, 'Q1|12': { o: 'B' }, 'Q3|': { t: ' ý kiến ' } });
    expect(answers).toEqual([
      { questionCode: 'Q1', agencyId: 12, optionCode: 'B' },
      { questionCode: 'Q2', likert: 4 },
      { questionCode: 'Q3', text: 'ý kiến' },
    ]);
    expect(keys).toEqual([answerKey('Q1', 12), 'Q2|', 'Q3|']);
  });

  it('places answer problems on their prompts and finds their section', () => {
    const placed = placeProblems(
      [
        { path: 'answers.1.likert', message: 'bad' },
        { path: 'answers', message: 'missing' },
        { path: 'code', message: 'code?' },
      ],
      ['Q1|12', 'Q2|'],
    );
    expect(placed).toEqual({ byKey: { 'Q2|': 'bad' }, other: ['code?'] });
    expect(sectionOfKey(sections, 'Q2|')).toBe(1);
  });

  it('agrees with the shared answer check the server runs', () => {
    const content = questionnaireContent.parse({
      respondentGroups: [{ code: 'DN', nameVi: 'Người dân' }],
      ratedAgencyIds: agencies,
      sections: [
        { code: 'S1', titleVi: 'Một', questions: [{ code: 'Q1', type: 'single', textVi: 'Câu 1', options: [{ code: 'A', labelVi: 'Tốt', weight: '1' }, { code: 'B', labelVi: 'Kém', weight: '0' }] }] },
        { code: 'S2', titleVi: 'Hai', questions: [{ code: 'Q2', type: 'likert', textVi: 'Câu 2', perAgency: false }, { code: 'Q3', type: 'text', textVi: 'Câu 3', required: false, perAgency: false }] },
      ],
    });
    const full = { 'Q1|11': { o: 'A' }, 'Q1|12': { o: 'B' }, 'Q2|': { l: 5 } };
    expect(checkAnswers(content, toAnswerInputs(sections, agencies, full).answers).problems).toEqual([]);
    expect(missingRequired(sections, agencies, full)).toEqual([]);
    const partial = { 'Q1|11': { o: 'A' } };
    expect(checkAnswers(content, toAnswerInputs(sections, agencies, partial).answers).problems.length).toBe(missingRequired(sections, agencies, partial).length);
  });
});

describe('submission retries', () => {
  it('backs off exponentially with jitter, capped at a minute', () => {
    expect(backoffMs(0, 0.5)).toBe(2000);
    expect(backoffMs(3, 0.5)).toBe(16000);
    expect(backoffMs(20, 0.99)).toBeLessThanOrEqual(72_000);
    expect(backoffMs(20, 0)).toBe(48_000);
  });

  it('retries network failures, server errors and rate limits; stops on used codes and refused answers', () => {
    expect(classifyFailure(new ApiError(0, 'network', 'x'), 0, 0.5)).toEqual({ kind: 'retry', delayMs: 2000, offline: true });
    expect(classifyFailure(new ApiError(503, 'internal', 'x'), 1, 0.5)).toEqual({ kind: 'retry', delayMs: 4000, offline: false });
    expect(classifyFailure(new ApiError(429, 'rate_limited', 'x', [], { retryAfterSeconds: 17 }), 0, 0.5)).toEqual({ kind: 'retry', delayMs: 17_000, offline: false });
    expect(classifyFailure(new ApiError(409, 'invalid_state', 'used'), 0, 0.5).kind).toBe('used');
    expect(classifyFailure(new ApiError(400, 'validation_failed', 'bad'), 0, 0.5).kind).toBe('invalid');
    expect(classifyFailure(new ApiError(404, 'not_found', 'gone'), 0, 0.5).kind).toBe('gone');
  });
});
