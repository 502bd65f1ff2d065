import { describe, expect, it } from 'vitest';
import type { FrameworkNode, LeafInput, LeafMethod } from './framework';
import { describeMethod, explainDerivation, hasLeafInput, scoreLeaf, type ScoreResult } from './scoring';

const ladderLabels = {
  numeratorLabelVi: 'Số nhiệm vụ hoàn thành',
  numeratorLabelEn: 'Tasks done',
  denominatorLabelVi: 'Số nhiệm vụ kế hoạch',
  denominatorLabelEn: 'Tasks planned',
};

function leaf(method: LeafMethod, maxPoints = '2', extra: Partial<FrameworkNode> = {}): FrameworkNode {
  return { code: '1.1.4', parentCode: '1.1', position: 0, nameVi: 'X', nameEn: 'X', maxPoints, mayBeNotApplicable: false, method, kind: 'regular', ...extra };
}

function units(r: ScoreResult): number | null | string {
  return r.ok ? r.units : `error:${r.problem.code}`;
}

const levels = leaf(
  {
    type: 'levels',
    levels: [
      { code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time', points: '1' },
      { code: 'late', labelVi: 'Trễ hạn', labelEn: 'Late', points: '0.5' },
      { code: 'none', labelVi: 'Không thực hiện', labelEn: 'Not done', points: '0' },
    ],
  },
  '1',
);

// ≥ 90% → 2; ≥ 70% → 1; below → 0 (inclusive bounds)
const ladderInclusive = leaf({
  type: 'ratio_ladder',
  ...ladderLabels,
  steps: [
    { minPercent: '90', inclusive: true, points: '2' },
    { minPercent: '70', inclusive: true, points: '1' },
  ],
  whenDenominatorZero: 'zero',
});

// Cà Mau 1880: > 90% → 2; 70–90% → 1; < 70% → 0
const ladderExclusive = leaf({
  type: 'ratio_ladder',
  ...ladderLabels,
  steps: [
    { minPercent: '90', inclusive: false, points: '2' },
    { minPercent: '70', inclusive: true, points: '1' },
  ],
  whenDenominatorZero: 'zero',
});

describe('levels', () => {
  it.each([
    ['on_time', 10_000],
    ['late', 5_000],
    ['none', 0],
    ['unknown', 'error:unknown_level'],
  ])('level %s → %s', (levelCode, expected) => {
    expect(units(scoreLeaf(levels, { levelCode }))).toBe(expected);
  });

  it('explains the chosen level', () => {
    const r = scoreLeaf(levels, { levelCode: 'late' });
    if (!r.ok) throw new Error('expected ok');
    expect(r.derivation).toMatchObject({ method: 'levels', levelCode: 'late', labelVi: 'Trễ hạn', units: 5_000 });
    expect(explainDerivation(r.derivation, 'vi')).toBe('Mức "Trễ hạn" → 0,5 điểm');
    expect(explainDerivation(r.derivation, 'en')).toBe('Level "Late" → 0.5 points');
  });
});

describe('ratio ladder', () => {
  it.each([
    // [numerator, denominator, inclusive ladder, exclusive ladder]
    ['45', '50', 20_000, 10_000], // exactly 90%
    ['46', '50', 20_000, 20_000],
    ['44.99', '50', 10_000, 10_000], // 89.98%
    ['35', '50', 10_000, 10_000], // exactly 70% (inclusive in both)
    ['34.99', '50', 0, 0],
    ['0', '50', 0, 0],
    ['50', '50', 20_000, 20_000],
    ['0.9', '1', 20_000, 10_000], // decimal counts
    [9, 10, 20_000, 10_000], // numbers
  ])('%s/%s → inclusive %i, exclusive %i', (numerator, denominator, inclusive, exclusive) => {
    expect(units(scoreLeaf(ladderInclusive, { numerator, denominator }))).toBe(inclusive);
    expect(units(scoreLeaf(ladderExclusive, { numerator, denominator }))).toBe(exclusive);
  });

  it('compares exactly where floats fail (57/100 × 100 = 56.99999999999999 in floats)', () => {
    expect((57 / 100) * 100).toBeLessThan(57);
    const node = leaf({
      type: 'ratio_ladder',
      ...ladderLabels,
      steps: [{ minPercent: '57', inclusive: true, points: '1' }],
      whenDenominatorZero: 'zero',
    });
    expect(units(scoreLeaf(node, { numerator: '57', denominator: '100' }))).toBe(10_000);
    // 2/3 = 66.666…% is below 66.67% and above 66.6666%
    const thirds = leaf({
      type: 'ratio_ladder',
      ...ladderLabels,
      steps: [
        { minPercent: '66.67', inclusive: true, points: '2' },
        { minPercent: '66.6666', inclusive: true, points: '1' },
      ],
      whenDenominatorZero: 'zero',
    });
    expect(units(scoreLeaf(thirds, { numerator: 2, denominator: 3 }))).toBe(10_000);
  });

  it('evaluates steps from the highest bound down whatever their listed order', () => {
    const node = leaf({
      type: 'ratio_ladder',
      ...ladderLabels,
      steps: [
        { minPercent: '70', inclusive: true, points: '1' },
        { minPercent: '90', inclusive: true, points: '2' },
      ],
      whenDenominatorZero: 'zero',
    });
    expect(units(scoreLeaf(node, { numerator: 95, denominator: 100 }))).toBe(20_000);
  });

  it.each([
    ['full', 20_000],
    ['zero', 0],
    ['not_applicable', null],
  ] as const)('denominator 0 with rule %s → %s', (rule, expected) => {
    const node = leaf({ ...(ladderInclusive.method as Extract<LeafMethod, { type: 'ratio_ladder' }>), whenDenominatorZero: rule });
    // N/A by a zero denominator does not need mayBeNotApplicable
    expect(units(scoreLeaf(node, { numerator: '0', denominator: '0' }))).toBe(expected);
  });

  it.each([
    [{ numerator: '51', denominator: '50' }, 'numerator_exceeds_denominator', 'numerator'],
    [{ numerator: '1', denominator: '0' }, 'numerator_exceeds_denominator', 'numerator'],
    [{ numerator: '-1', denominator: '50' }, 'negative_count', 'numerator'],
    [{ numerator: '1', denominator: '-5' }, 'negative_count', 'denominator'],
    [{ numerator: '1.23456', denominator: '5' }, 'invalid_number', 'numerator'],
    [{ numerator: 'abc', denominator: '5' }, 'invalid_number', 'numerator'],
    [{ numerator: '1' }, 'incomplete_ratio', 'denominator'],
    [{ denominator: '5' }, 'incomplete_ratio', 'numerator'],
  ] as const)('rejects %j with %s on %s', (input, code, field) => {
    const r = scoreLeaf(ladderInclusive, input as LeafInput);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.field).toBe(field);
      expect(r.problem.message.vi.length).toBeGreaterThan(0);
    }
  });

  it('explains a match and a miss in both languages', () => {
    const hit = scoreLeaf(ladderInclusive, { numerator: '45', denominator: '50' });
    const miss = scoreLeaf(ladderInclusive, { numerator: '30', denominator: '50' });
    const excl = scoreLeaf(ladderExclusive, { numerator: '46', denominator: '50' });
    if (!hit.ok || !miss.ok || !excl.ok) throw new Error('expected ok');
    expect(explainDerivation(hit.derivation, 'vi')).toBe('Tỷ lệ 45/50 = 90,00% ≥ 90% → 2 điểm');
    expect(explainDerivation(hit.derivation, 'en')).toBe('Ratio 45/50 = 90.00% ≥ 90% → 2 points');
    expect(explainDerivation(miss.derivation, 'vi')).toBe('Tỷ lệ 30/50 = 60,00% < 70% → 0 điểm');
    expect(explainDerivation(excl.derivation, 'en')).toBe('Ratio 46/50 = 92.00% > 90% → 2 points');
    expect(hit.derivation).toMatchObject({ percent: '90.00', matched: { minPercent: '90', inclusive: true, points: '2' } });
  });

  it('never shows a rounded percent that contradicts the comparison', () => {
    // 89.995% gets the ≥ 70% step, but "90.00%" would seem to reach the ≥ 90% step: show more digits
    const r = scoreLeaf(ladderInclusive, { numerator: '17999', denominator: '20000' }); // 89.995%
    if (!r.ok || r.derivation.method !== 'ratio_ladder') throw new Error('expected ladder');
    expect(r.derivation.percent).toBe('90.00');
    expect(r.derivation.percentShown).toBe('89.9950');
    expect(explainDerivation(r.derivation, 'en')).toBe('Ratio 17999/20000 = 89.9950% ≥ 70% → 1 point');
  });
});

describe('ratio proportional', () => {
  const prop = (extra: Partial<Extract<LeafMethod, { type: 'ratio_proportional' }>> = {}, max = '2') =>
    leaf({ type: 'ratio_proportional', ...ladderLabels, rounding: 'exact', whenDenominatorZero: 'zero', ...extra }, max);

  it.each([
    ['max 2, no cap', prop(), '45', '50', 18_000],
    ['cap 80%, above the cap', prop({ capPercent: '80' }), '45', '50', 20_000],
    ['cap 80%, exactly at the cap', prop({ capPercent: '80' }), '40', '50', 20_000],
    ['cap 80%, 2 × 60/80', prop({ capPercent: '80' }), '30', '50', 15_000],
    ['floor to 0.25: 1.8 → 1.75', prop({ rounding: 'floor_to_step', step: '0.25' }), '45', '50', 17_500],
    ['floor to 0.25 at 100%', prop({ rounding: 'floor_to_step', step: '0.25' }), '50', '50', 20_000],
    ['1/3 of 1 point → 0.3333', prop({}, '1'), '1', '3', 3_333],
    ['2/3 of 1 point → 0.6667 (half-up)', prop({}, '1'), '2', '3', 6_667],
    ['half a unit rounds up', prop({}, '0.0001'), '1', '2', 1],
    ['1.5 units round up to 2', prop({}, '0.0003'), '1', '2', 2],
    ['exactly 0.5 unit → 1', prop({}, '1'), '1', '20000', 1],
    ['just below half a unit → 0', prop({}, '1'), '1', '20001', 0],
    ['denominator 0 with full points', prop({ whenDenominatorZero: 'full' }), '0', '0', 20_000],
  ])('%s: %s/%s', (_name, node, numerator, denominator, expected) => {
    expect(units(scoreLeaf(node, { numerator, denominator }))).toBe(expected);
  });

  it('explains the formula, the cap and the flooring', () => {
    const exact = scoreLeaf(prop(), { numerator: '45', denominator: '50' });
    const floored = scoreLeaf(prop({ rounding: 'floor_to_step', step: '0.25' }), { numerator: '45', denominator: '50' });
    const capped = scoreLeaf(prop({ capPercent: '80' }), { numerator: '45', denominator: '50' });
    const third = scoreLeaf(prop({}, '1'), { numerator: '1', denominator: '3' });
    if (!exact.ok || !floored.ok || !capped.ok || !third.ok) throw new Error('expected ok');
    expect(explainDerivation(exact.derivation, 'vi')).toBe('Tỷ lệ 45/50 = 90,00%; 2 × 90,00% / 100% = 1,8 → 1,8 điểm');
    expect(explainDerivation(floored.derivation, 'en')).toBe(
      'Ratio 45/50 = 90.00%; 2 × 90.00% / 100% = 1.8, rounded down to a multiple of 0.25 → 1.75 points',
    );
    expect(explainDerivation(capped.derivation, 'vi')).toBe('Tỷ lệ 45/50 = 90,00% ≥ 80% (ngưỡng đủ điểm) → 2 điểm');
    expect(explainDerivation(third.derivation, 'en')).toBe('Ratio 1/3 = 33.33%; 1 × 33.33% / 100% ≈ 0.3333 → 0.3333 points');
  });
});

describe('yes/no, manual, survey', () => {
  const yesNo = leaf({ type: 'yes_no' }, '1.5');
  const manual = leaf({ type: 'manual', step: '0.25' }, '2');
  const survey = leaf({ type: 'survey' }, '4');

  it.each([
    ['yesNo { value: true }', yesNo, { value: true }, 15_000],
    ['yesNo { value: false }', yesNo, { value: false }, 0],
    ['yesNo { value: 1 }', yesNo, { value: '1' }, 'error:invalid_value'],
    ['manual { value: 1.75 }', manual, { value: '1.75' }, 17_500],
    ['manual { value: 0.5 }', manual, { value: 0.5 }, 5_000],
    ['manual { value: 2 }', manual, { value: '2' }, 20_000],
    ['manual { value: 0 }', manual, { value: '0' }, 0],
    ['manual { value: 1.8 }', manual, { value: '1.8' }, 'error:value_not_multiple_of_step'],
    ['manual { value: 2.25 }', manual, { value: '2.25' }, 'error:value_out_of_range'],
    ['manual { value: -0.25 }', manual, { value: '-0.25' }, 'error:value_out_of_range'],
    ['manual { value: abc }', manual, { value: 'abc' }, 'error:invalid_number'],
    ['manual { value: true }', manual, { value: true }, 'error:invalid_number'],
    ['survey { surveyPoints: 3.2 }', survey, { surveyPoints: '3.2' }, 32_000],
    ['survey { surveyPoints: 4 }', survey, { surveyPoints: '4' }, 40_000],
    ['survey { surveyPoints: 4.0001 }', survey, { surveyPoints: '4.0001' }, 'error:value_out_of_range'],
    ['survey { surveyPoints: -1 }', survey, { surveyPoints: '-1' }, 'error:value_out_of_range'],
    ['survey { value: 3 }', survey, { value: '3' }, 'error:survey_not_self_scored'],
    ['survey {}', survey, {}, 0],
  ] as const)('%s', (_name, node, input, expected) => {
    expect(units(scoreLeaf(node, input as LeafInput))).toBe(expected);
  });

  it('explains them', () => {
    const y = scoreLeaf(yesNo, { value: true });
    const m = scoreLeaf(manual, { value: '0.75' });
    const s = scoreLeaf(survey, { surveyPoints: '3.2' });
    if (!y.ok || !m.ok || !s.ok) throw new Error('expected ok');
    expect(explainDerivation(y.derivation, 'vi')).toBe('Có → 1,5 điểm');
    expect(explainDerivation(m.derivation, 'en')).toBe('Scored directly: 0.75 points');
    expect(explainDerivation(s.derivation, 'vi')).toBe('Điểm từ kết quả điều tra xã hội học: 3,2 điểm');
    expect(explainDerivation({ method: 'yes_no', value: true, units: 10_000, maxUnits: 10_000 }, 'en')).toBe('Yes → 1 point');
  });
});

describe('not applicable and not scored', () => {
  it('allows N/A only on leaves that may be not applicable', () => {
    const allowed = scoreLeaf({ ...levels, mayBeNotApplicable: true }, { notApplicable: true, levelCode: 'late' });
    expect(allowed).toMatchObject({ ok: true, units: null, derivation: { method: 'not_applicable', reason: 'declared' } });
    const refused = scoreLeaf(levels, { notApplicable: true });
    expect(refused).toMatchObject({ ok: false, problem: { code: 'not_applicable_not_allowed', field: 'notApplicable' } });
  });

  it.each([[undefined], [null], [{}], [{ levelCode: null }], [{ value: '' }], [{ notApplicable: false }]])(
    'counts missing input %j as 0, flagged not_scored',
    (input) => {
      expect(hasLeafInput(input as LeafInput)).toBe(false);
      expect(scoreLeaf(levels, input as LeafInput)).toMatchObject({ ok: true, units: 0, derivation: { method: 'not_scored' } });
    },
  );

  it('explains N/A and not scored', () => {
    expect(explainDerivation({ method: 'not_scored', units: 0, maxUnits: 10_000 }, 'vi')).toBe('Chưa chấm điểm (tính 0 điểm)');
    expect(explainDerivation({ method: 'not_applicable', reason: 'declared', units: null, maxUnits: 20_000 }, 'en')).toBe(
      'Not applicable; its maximum of 2 points leaves the denominator',
    );
  });

  it('reports a broken leaf instead of throwing', () => {
    expect(scoreLeaf({ ...levels, maxPoints: 'x' }, { levelCode: 'late' })).toMatchObject({ ok: false, problem: { code: 'invalid_framework' } });
    expect(scoreLeaf({ ...levels, method: null }, { levelCode: 'late' })).toMatchObject({ ok: false, problem: { code: 'invalid_framework' } });
  });
});

describe('describeMethod', () => {
  it('summarises each method', () => {
    expect(describeMethod(levels.method as LeafMethod, '1', 'vi')).toBe('Đúng hạn: 1 điểm; Trễ hạn: 0,5 điểm; Không thực hiện: 0 điểm');
    expect(describeMethod(ladderExclusive.method as LeafMethod, '2', 'en')).toBe(
      'Ratio = Tasks done / Tasks planned. > 90%: 2 points; ≥ 70%: 1 point; < 70%: 0 points; denominator 0: 0 points.',
    );
    expect(describeMethod({ type: 'manual', step: '0.25' }, '1.5', 'vi')).toBe('Chấm trực tiếp từ 0 đến 1,5 điểm, bước 0,25');
    expect(describeMethod({ type: 'yes_no' }, '1', 'en')).toBe('Yes: 1 point; No: 0 points');
  });
});
