import { describe, expect, it } from 'vitest';
import type { LeafMethod } from '../../schemas/framework';
import { proportionalStep, stepDown, stepUp } from './steps';

const levels: LeafMethod = {
  type: 'levels',
  levels: [
    { code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time', points: '1' },
    { code: 'late', labelVi: 'Trễ hạn', labelEn: 'Late', points: '0.5' },
    { code: 'none', labelVi: 'Không thực hiện', labelEn: 'Not done', points: '0' },
  ],
};
const ladder: LeafMethod = {
  type: 'ratio_ladder',
  numeratorLabelVi: 'a',
  numeratorLabelEn: 'a',
  denominatorLabelVi: 'b',
  denominatorLabelEn: 'b',
  steps: [
    { minPercent: '90', inclusive: true, points: '2' },
    { minPercent: '70', inclusive: true, points: '1' },
  ],
  whenDenominatorZero: 'full',
};
const prop = (rounding: 'exact' | 'floor_to_step', step?: string): LeafMethod => ({
  type: 'ratio_proportional',
  numeratorLabelVi: 'a',
  numeratorLabelEn: 'a',
  denominatorLabelVi: 'b',
  denominatorLabelEn: 'b',
  rounding,
  ...(step ? { step } : {}),
  whenDenominatorZero: 'full',
});
const m = (method: LeafMethod) => ({ method });

describe('stepUp and stepDown', () => {
  it.each<[string, LeafMethod, number, number, number | null, number | null, number | null]>([
    // name, method, max, from, one step up, to max, one step down
    ['levels: late → on time', levels, 10_000, 5000, 10_000, 10_000, 0],
    ['levels: not done → late (one step), on time (to max)', levels, 10_000, 0, 5000, 10_000, null],
    ['levels: at the top', levels, 10_000, 10_000, null, null, 5000],
    ['ladder: below every step → 70 % step', ladder, 20_000, 0, 10_000, 20_000, null],
    ['ladder: 70 % step → 90 % step', ladder, 20_000, 10_000, 20_000, 20_000, 0],
    ['yes/no: no → yes', { type: 'yes_no' }, 10_000, 0, 10_000, 10_000, null],
    ['yes/no: yes', { type: 'yes_no' }, 10_000, 10_000, null, null, 0],
    ['manual 0.25: 0.5 → 0.75', { type: 'manual', step: '0.25' }, 20_000, 5000, 7500, 20_000, 2500],
    ['manual 0.25: near the top', { type: 'manual', step: '0.25' }, 20_000, 17_500, 20_000, 20_000, 15_000],
    ['manual off its step (0.3) moves to the grid', { type: 'manual', step: '0.25' }, 20_000, 3000, 5000, 20_000, 2500],
    ['proportional floor 0.25', prop('floor_to_step', '0.25'), 20_000, 12_500, 15_000, 20_000, 10_000],
    ['proportional exact: 10 % of max', prop('exact'), 20_000, 12_345, 14_345, 20_000, 10_345],
    ['proportional exact: capped at max and 0', prop('exact'), 20_000, 19_000, 20_000, 20_000, 17_000],
    ['survey never moves', { type: 'survey' }, 40_000, 20_000, null, null, null],
  ])('%s', (_name, method, max, from, up, toMax, down) => {
    expect(stepUp(m(method), max, from, 'one_step')?.to ?? null).toBe(up);
    expect(stepUp(m(method), max, from, 'to_max')?.to ?? null).toBe(toMax);
    expect(stepDown(m(method), max, from)?.to ?? null).toBe(down);
  });

  it('names the level or ladder step to reach', () => {
    expect(stepUp(m(levels), 10_000, 0)).toEqual({ to: 5000, level: { code: 'late', labelVi: 'Trễ hạn', labelEn: 'Late' } });
    expect(stepUp(m(ladder), 20_000, 0)).toEqual({ to: 10_000, ladderStep: { minPercent: '70', inclusive: true } });
    expect(stepDown(m(ladder), 20_000, 10_000)).toEqual({ to: 0 });
  });

  it('uses 10 % of the maximum, at least one unit, for a proportional leaf without a step', () => {
    const p = prop('exact') as Extract<LeafMethod, { type: 'ratio_proportional' }>;
    expect(proportionalStep(p, 20_000)).toBe(2000);
    expect(proportionalStep(p, 5)).toBe(1);
    expect(proportionalStep(prop('floor_to_step', '0.5') as typeof p, 20_000)).toBe(5000);
  });
});
