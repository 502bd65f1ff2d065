import { describe, expect, it } from 'vitest';
import { leafDiffers, stageDifferences } from './matrix';

describe('stageDifferences', () => {
  it.each([
    // self, appraisal1, final → appraisal1 differs, final differs
    ['2', '2', '2', false, false],
    ['2', '1.5', null, true, false],
    ['2', '1.5', '1.5', true, false],
    ['2', '1.5', '2', true, true],
    ['2', null, '1', false, true],
    ['2', null, '2.0000', false, false],
    ['1.50', '1.5', null, false, false],
    [null, '1', null, true, false],
    ['na', '0', null, true, false],
    ['na', 'na', 'na', false, false],
    ['1', null, null, false, false],
    [null, null, null, false, false],
  ] as const)('self %s, round 1 %s, final %s → %s, %s', (self, a1, fin, d1, d2) => {
    expect(stageDifferences(self, a1, fin)).toEqual({ appraisal1: d1, final: d2 });
    expect(leafDiffers(self, a1, fin)).toBe(d1 || d2);
  });
});
