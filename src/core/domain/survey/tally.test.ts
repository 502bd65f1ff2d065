import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleFramework } from '../fixtures.test-support';
import { DEFAULT_SCALE_OPTIONS, likertWeight, parseWeight, type Questionnaire, type SurveyQuestion } from './questionnaire';
import { cellStatistics, quotaFill, surveyIntervalsByAgency, surveyLeavesOf, surveyPointsByAgency, tallyByGroup, tallySurvey, type TallyAnswer, type TallyInput } from './tally';

const single = (code: string, leafCodes: string[], extra: Partial<SurveyQuestion> = {}): SurveyQuestion =>
  ({ code, textVi: `Câu ${code}`, textEn: `Question ${code}`, required: false, scope: 'agency', leafCodes, type: 'single', options: DEFAULT_SCALE_OPTIONS, ...extra }) as SurveyQuestion;
const likert = (code: string, leafCodes: string[], extra: Partial<SurveyQuestion> = {}): SurveyQuestion =>
  ({ code, textVi: code, textEn: code, required: false, scope: 'agency', leafCodes, type: 'likert', allowDontKnow: true, ...extra }) as SurveyQuestion;

const questionnaire: Questionnaire = {
  code: 'P02',
  titleVi: 'Phiếu 02',
  titleEn: 'Form 02',
  respondentGroups: ['deputies', 'district'],
  agencyIds: ['a1', 'a2'],
  questions: [
    single('Q1', ['8.1']),
    likert('Q2', ['8.2']),
    single('Q3', ['8.1'], { leafCodesByGroup: { district: ['8.2'] } }),
    { code: 'Q4', textVi: 'Ý kiến', textEn: 'Comments', required: false, scope: 'respondent', leafCodes: [], type: 'text' },
  ],
};
const leaves = [
  { code: '8.1', maxPoints: '4' },
  { code: '8.2', maxPoints: '3' },
];

const ans = (responseId: string, agencyId: string | null, questionCode: string, value: string | number | 'dk', respondentGroup = 'deputies'): TallyAnswer => {
  const base = { responseId, questionnaireCode: 'P02', respondentGroup, agencyId, questionCode };
  if (value === 'dk') return { ...base, dontKnow: true };
  return typeof value === 'number' ? { ...base, likert: value } : { ...base, optionCode: value };
};
const input = (answers: TallyAnswer[], extra: Partial<TallyInput> = {}): TallyInput => ({ leaves, questionnaires: [questionnaire], answers, ...extra });
const cell = (t: ReturnType<typeof tallySurvey>, agencyId: string, leafCode: string) => t.cells.find((c) => c.agencyId === agencyId && c.leafCode === leafCode)!;

describe('answer weights', () => {
  it.each([
    ['1', 10000],
    ['0.6', 6000],
    ['0.2', 2000],
    ['0', 0],
    [null, null],
    ['1.2', null],
    ['-0.1', null],
    ['abc', null],
  ])('option weight %s → %s weight units', (w, expected) => {
    expect(parseWeight(w)).toBe(expected);
  });

  it.each([
    [1, 0],
    [2, 2500],
    [3, 5000],
    [4, 7500],
    [5, 10000],
    [0, null],
    [6, null],
    [2.5, null],
  ])('Likert %s → %s weight units ((v − 1) / 4)', (v, expected) => {
    expect(likertWeight(v)).toBe(expected);
  });
});

describe('tallySurvey', () => {
  it('A, B, D, E on a 4-point leaf: mean (1 + 0.6 + 0) / 3 = 0.5333… → 2.1333 points, E excluded', () => {
    const t = tallySurvey(input([ans('r1', 'a1', 'Q1', 'A'), ans('r2', 'a1', 'Q1', 'B'), ans('r3', 'a1', 'Q1', 'D'), ans('r4', 'a1', 'Q1', 'E')]));
    const c = cell(t, 'a1', '8.1');
    expect(c).toMatchObject({ points: 21333, count: 3, dontKnow: 1, responses: 3, meanWeight: '0.5333', sumWeight: 16000 });
  });

  it.each<[string, (string | number)[], string, number | null, string | null]>([
    ['all A', ['A', 'A'], '8.1', 40000, '1.0000'],
    ['all D', ['D', 'D', 'D'], '8.1', 0, '0.0000'],
    ['A and C', ['A', 'C'], '8.1', 24000, '0.6000'],
    ['B, B, C (2 / 3 of 0.6 + 0.2)', ['B', 'B', 'C'], '8.1', 18667, '0.4667'],
    ['only E', ['E', 'E'], '8.1', null, null],
    ['Likert 5, 4 on 3 points', [5, 4], '8.2', 26250, '0.8750'],
    ['Likert 1, 2, 2 on 3 points (1/6 → 0.5 exactly)', [1, 2, 2], '8.2', 5000, '0.1667'],
    ['Likert 2, 2, 3 on 3 points: 3 × 1/3 = 1', [2, 2, 3], '8.2', 10000, '0.3333'],
  ])('%s', (_name, values, leaf, points, mean) => {
    const q = leaf === '8.1' ? 'Q1' : 'Q2';
    const t = tallySurvey(input(values.map((v, i) => ans(`r${i}`, 'a1', q, v))));
    expect(cell(t, 'a1', leaf)).toMatchObject({ points, meanWeight: mean });
  });

  it('rounds the rational points once, half-up: 3 × 0.4 / 1 … and ties go up', () => {
    // max 0.0001 point (1 unit) × mean 0.5 = 0.5 unit → 1 unit (half-up); mean 0.4999 → 0 units.
    expect(cellStatistics(1, 2, 10000, 100_000_000).points).toBe(1);
    expect(cellStatistics(1, 1, 4999, 4999 * 4999).points).toBe(0);
    expect(cellStatistics(1, 1, 5000, 5000 * 5000).points).toBe(1);
    // 3 points × (0.6 + 0.2 + 0.2) / 3 = 1 exactly, no drift.
    expect(cellStatistics(30000, 3, 10000, 36_000_000 + 4_000_000 + 4_000_000).points).toBe(10000);
    // 1 point × 2/3 = 0.66666… → 0.6667; 1 point × 1/3 → 0.3333.
    expect(cellStatistics(10000, 3, 20000, 3 * 100_000_000).points).toBe(6667);
    expect(cellStatistics(10000, 3, 10000, 100_000_000).points).toBe(3333);
  });

  it('reports null points and a warning for leaves without answers, and few-answer warnings', () => {
    const t = tallySurvey(input([ans('r1', 'a1', 'Q1', 'A')], { agencyIds: ['a3'] }));
    const empty = cell(t, 'a3', '8.1');
    expect(empty.points).toBeNull();
    expect(empty.warnings.map((w) => w.code)).toEqual(['no_answers']);
    expect(empty.warnings[0]!.message.vi).toMatch(/Chưa có câu trả lời/);
    expect(cell(t, 'a1', '8.1').warnings.map((w) => w.code)).toEqual(['few_answers']);
    expect(cell(t, 'a1', '8.1').interval).toBeNull();
  });

  it('flags cells and agencies below their quota target (summed over groups)', () => {
    const answers = [ans('r1', 'a1', 'Q1', 'A'), ans('r2', 'a1', 'Q1', 'B', 'district'), ans('r3', 'a2', 'Q1', 'A')];
    const targets = [
      { agencyId: 'a1', respondentGroup: 'deputies', target: 1 },
      { agencyId: 'a1', respondentGroup: 'district', target: 2 },
      { agencyId: 'a2', respondentGroup: 'deputies', target: 1 },
    ];
    const t = tallySurvey(input(answers, { targets }));
    expect(cell(t, 'a1', '8.1')).toMatchObject({ target: 3, responses: 2, belowTarget: true });
    expect(cell(t, 'a1', '8.1').warnings.find((w) => w.code === 'below_target')!.message.en).toBe('Responses (2) are below the target (3).');
    expect(cell(t, 'a2', '8.1')).toMatchObject({ target: 1, responses: 1, belowTarget: false });
    expect(t.agencies).toEqual([
      { agencyId: 'a1', respondentGroup: null, responses: 2, target: 3, belowTarget: true },
      { agencyId: 'a2', respondentGroup: null, responses: 1, target: 1, belowTarget: false },
    ]);
    const g = tallyByGroup(input(answers, { targets }));
    expect(g.agencies.map((a) => [a.agencyId, a.respondentGroup, a.responses, a.target, a.belowTarget])).toEqual([
      ['a1', 'deputies', 1, 1, false],
      ['a1', 'district', 1, 2, true],
      ['a2', 'deputies', 1, 1, false],
    ]);
  });

  it('maps a question per respondent group and counts a matrix response once per agency', () => {
    const answers = [
      ans('r1', 'a1', 'Q3', 'A', 'deputies'),
      ans('r1', 'a2', 'Q3', 'C', 'deputies'),
      ans('r2', 'a1', 'Q3', 'B', 'district'),
      ans('r2', 'a1', 'Q1', 'B', 'district'),
    ];
    const t = tallySurvey(input(answers));
    expect(cell(t, 'a1', '8.1')).toMatchObject({ count: 2, responses: 2, points: 32000 });
    expect(cell(t, 'a1', '8.2')).toMatchObject({ count: 1, points: 18000 });
    expect(cell(t, 'a2', '8.1')).toMatchObject({ count: 1, points: 8000 });
    const byGroup = tallyByGroup(input(answers));
    expect(byGroup.cells.find((c) => c.agencyId === 'a1' && c.respondentGroup === 'district' && c.leafCode === '8.2')!.points).toBe(18000);
  });

  it('ignores answers it cannot use and says why', () => {
    const t = tallySurvey(
      input([
        { ...ans('r1', 'a1', 'Q1', 'A'), questionnaireCode: 'P99' },
        ans('r1', 'a1', 'Q9', 'A'),
        ans('r1', null, 'Q1', 'A'),
        ans('r1', 'a1', 'Q1', 'Z'),
        ans('r1', 'a1', 'Q2', 7),
        { responseId: 'r1', questionnaireCode: 'P02', respondentGroup: 'deputies', agencyId: 'a1', questionCode: 'Q4' },
      ]),
    );
    expect(t.ignored).toMatchObject({ unknown_questionnaire: 1, unknown_question: 1, no_agency: 1, unknown_option: 1, invalid_value: 1, not_scored: 1 });
    expect(cell(t, 'a1', '8.1').points).toBeNull();
  });

  it('gives a 95% interval that contains the points and shrinks as answers grow', () => {
    const widths: number[] = [];
    for (const n of [2, 8, 32, 128]) {
      const answers = Array.from({ length: n }, (_, i) => ans(`r${i}`, 'a1', 'Q1', i % 2 === 0 ? 'A' : 'C'));
      const c = cell(tallySurvey(input(answers)), 'a1', '8.1');
      expect(c.points).toBe(24000);
      expect(c.interval!.low).toBeLessThanOrEqual(24000);
      expect(c.interval!.high).toBeGreaterThanOrEqual(24000);
      widths.push(c.interval!.high - c.interval!.low);
    }
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(new Set(widths).size).toBe(widths.length);
    // n = 128, weights 1 and 0.2: s = 0.4016, se = 0.0355, half width 1.96 × 0.0355 × 4 points = 0.2783.
    const c = cell(tallySurvey(input(Array.from({ length: 128 }, (_, i) => ans(`r${i}`, 'a1', 'Q1', i % 2 === 0 ? 'A' : 'C')))), 'a1', '8.1');
    expect(c.interval).toEqual({ low: 24000 - 2783, high: 24000 + 2783, halfWidth: 2783, lowWeight: '0.5304', highWeight: '0.6696' });
  });

  it('clamps the interval to [0, max]', () => {
    const c = cell(tallySurvey(input([ans('r1', 'a1', 'Q1', 'A'), ans('r2', 'a1', 'Q1', 'D')])), 'a1', '8.1');
    expect(c.interval).toMatchObject({ low: 0, high: 40000, lowWeight: '0.0000', highWeight: '1.0000' });
  });

  it('feeds the engine: survey points as decimal text and intervals by agency', () => {
    const t = tallySurvey(input([ans('r1', 'a1', 'Q1', 'A'), ans('r2', 'a1', 'Q1', 'B'), ans('r3', 'a1', 'Q1', 'D')], { agencyIds: ['a2'] }));
    expect(surveyPointsByAgency(t).get('a1')).toEqual({ '8.1': '2.1333', '8.2': null });
    expect(surveyPointsByAgency(t).get('a2')).toEqual({ '8.1': null, '8.2': null });
    expect(Object.keys(surveyIntervalsByAgency(t).a1!)).toEqual(['8.1']);
  });

  it('reads the survey leaves of a framework in tree order', () => {
    expect(surveyLeavesOf(sampleFramework())).toEqual([{ code: '2.1', maxPoints: '4', nameVi: 'Mức độ hài lòng', nameEn: '' }]);
  });
});

const arbAnswers = fc.array(
  fc.record({
    r: fc.integer({ min: 0, max: 30 }),
    agency: fc.constantFrom('a1', 'a2'),
    q: fc.constantFrom('Q1', 'Q2', 'Q3'),
    opt: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    lik: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant<'dk'>('dk')),
    group: fc.constantFrom('deputies', 'district'),
  }),
  { maxLength: 60 },
).map((rows) => rows.map((x) => ans(`r${x.r}`, x.agency, x.q, x.q === 'Q2' ? x.lik : x.opt, x.group)));

describe('tally properties', () => {
  it('keeps points within [0, max] and the interval around the points', () => {
    fc.assert(
      fc.property(arbAnswers, (answers) => {
        for (const c of tallySurvey(input(answers)).cells) {
          if (c.points === null) continue;
          expect(c.points).toBeGreaterThanOrEqual(0);
          expect(c.points).toBeLessThanOrEqual(c.maxUnits);
          if (c.interval) {
            expect(c.interval.low).toBeGreaterThanOrEqual(0);
            expect(c.interval.low).toBeLessThanOrEqual(c.points);
            expect(c.interval.high).toBeGreaterThanOrEqual(c.points);
            expect(c.interval.high).toBeLessThanOrEqual(c.maxUnits);
          }
        }
      }),
    );
  });

  it('never changes points when a "don\'t know" answer is added', () => {
    fc.assert(
      fc.property(arbAnswers, fc.constantFrom('a1', 'a2'), fc.constantFrom('Q1', 'Q2', 'Q3'), (answers, agency, q) => {
        const points = (answers: TallyAnswer[]) => new Map(tallySurvey(input(answers)).cells.map((c) => [`${c.agencyId}|${c.leafCode}`, c.points]));
        const before = points(answers);
        const extra = q === 'Q2' ? ans('rX', agency, q, 'dk') : ans('rX', agency, q, 'E');
        // A new agency may appear, with no points.
        for (const [key, p] of points([...answers, extra])) expect(p).toBe(before.get(key) ?? null);
      }),
    );
  });

  it('does not depend on the order of answers', () => {
    fc.assert(
      fc.property(
        arbAnswers.chain((answers) => fc.tuple(fc.constant(answers), fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length }))),
        ([answers, shuffled]) => {
          expect(tallySurvey(input(shuffled))).toEqual(tallySurvey(input(answers)));
          expect(tallyByGroup(input(shuffled))).toEqual(tallyByGroup(input(answers)));
        },
      ),
    );
  });

  it('never lowers points when one answer gets a higher weight', () => {
    const order = ['D', 'C', 'B', 'A'];
    fc.assert(
      fc.property(arbAnswers, fc.nat(), (answers, pick) => {
        const candidates = answers.map((a, i) => [a, i] as const).filter(([a]) => (a.optionCode && a.optionCode !== 'E' && a.optionCode !== 'A') || (typeof a.likert === 'number' && a.likert < 5));
        if (candidates.length === 0) return;
        const [a, i] = candidates[pick % candidates.length]!;
        const raised = a.likert !== undefined && a.likert !== null ? { ...a, likert: a.likert + 1 } : { ...a, optionCode: order[order.indexOf(a.optionCode!) + 1]! };
        const before = tallySurvey(input(answers)).cells;
        const after = tallySurvey(input(answers.map((x, j) => (j === i ? raised : x)))).cells;
        after.forEach((c, k) => {
          const b = before[k]!;
          if (b.points !== null) expect(c.points!).toBeGreaterThanOrEqual(b.points);
        });
      }),
    );
  });

  it('agrees with the mean computed directly from the answers', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 300_000 }), (opts, max) => {
        const weights = opts.map((o) => parseWeight(DEFAULT_SCALE_OPTIONS.find((x) => x.code === o)!.weight)).filter((w): w is number => w !== null);
        const t = tallySurvey({
          leaves: [{ code: '8.1', maxPoints: (max / 10000).toFixed(4) }],
          questionnaires: [questionnaire],
          answers: opts.map((o, i) => ans(`r${i}`, 'a1', 'Q1', o)),
        });
        const c = t.cells[0]!;
        if (weights.length === 0) {
          expect(c.points).toBeNull();
          return;
        }
        const sum = weights.reduce((x, y) => x + y, 0);
        // Exact rational max × sum / (n × 10000), rounded half-up with BigInt.
        const num = BigInt(max) * BigInt(sum) * 2n + BigInt(weights.length) * 10000n;
        expect(c.points).toBe(Number(num / (BigInt(weights.length) * 20000n)));
      }),
    );
  });
});

describe('quotaFill', () => {
  it('reports target, done, percent in hundredths and completeness per agency × group', () => {
    const fill = quotaFill(
      [
        { agencyId: 'a1', respondentGroup: 'deputies', target: 3 },
        { agencyId: 'a1', respondentGroup: 'district', target: 2 },
        { agencyId: 'a10', respondentGroup: 'deputies', target: 0 },
        { agencyId: 'a2', respondentGroup: 'deputies', target: 1 },
      ],
      [
        { responseId: 'r1', agencyId: 'a1', respondentGroup: 'deputies' },
        { responseId: 'r1', agencyId: 'a1', respondentGroup: 'deputies' },
        { responseId: 'r2', agencyId: 'a1', respondentGroup: 'deputies' },
        { responseId: 'r3', agencyId: 'a1', respondentGroup: 'district' },
        { responseId: 'r4', agencyId: 'a1', respondentGroup: 'district' },
        { responseId: 'r5', agencyId: 'a1', respondentGroup: 'district' },
        { responseId: 'r6', agencyId: 'a3', respondentGroup: 'citizens' },
      ],
    );
    expect(fill.cells.map((c) => [c.agencyId, c.respondentGroup, c.target, c.done, c.percent, c.complete])).toEqual([
      ['a1', 'deputies', 3, 2, 6667, false],
      ['a1', 'district', 2, 3, 15000, true],
      ['a2', 'deputies', 1, 0, 0, false],
      ['a3', 'citizens', 0, 1, null, true],
      ['a10', 'deputies', 0, 0, null, true],
    ]);
    expect(fill.agencies[0]).toEqual({ agencyId: 'a1', respondentGroup: null, target: 5, done: 5, percent: 10000, complete: false });
    expect(fill.overall).toEqual({ target: 6, done: 6, capped: 4, percent: 6667, complete: false });
  });

  it('rejects negative or fractional targets', () => {
    expect(() => quotaFill([{ agencyId: 'a', respondentGroup: 'g', target: -1 }], [])).toThrow(RangeError);
    expect(() => quotaFill([{ agencyId: 'a', respondentGroup: 'g', target: 1.5 }], [])).toThrow(RangeError);
  });
});
