import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  compareRatioToPercent,
  formatIndex,
  formatPoints,
  formatUnits,
  indexHundredths,
  parsePoints,
  ratioPercentUnits,
  roundHalfUpDiv,
  roundHalfUpDivBig,
  tryParsePoints,
  unitsToDecimalString,
} from './decimal';

describe('parsePoints', () => {
  it.each([
    ['1.25', 12_500],
    ['0.5', 5_000],
    ['2', 20_000],
    ['-1.5', -15_000],
    ['0', 0],
    ['-0', 0],
    ['0.0001', 1],
    [' 3.1400 ', 31_400],
    ['+2.5', 25_000],
    ['007.5', 75_000],
    [0.25, 2_500],
    [0.1, 1_000],
    [100, 1_000_000],
    [-0.05, -500],
  ])('parses %j as %i units', (input, units) => {
    expect(parsePoints(input)).toBe(units);
  });

  it.each([['1.23456'], ['abc'], [''], ['1e3'], ['1.'], ['.5'], ['1,5'], [Number.NaN], [Infinity], [1e21], [1e-7], [0.1 + 0.2], ['123456789012']])(
    'rejects %j with a RangeError',
    (input) => {
      expect(() => parsePoints(input)).toThrow(RangeError);
      expect(tryParsePoints(input)).toBeNull();
    },
  );
});

describe('formatUnits (half away from zero, exactly `decimals` digits)', () => {
  it.each([
    [12_500, 2, '1.25'],
    [846_400, 2, '84.64'],
    [12_550, 2, '1.26'], // 1.255 → 1.26 (half up)
    [12_549, 2, '1.25'],
    [-12_550, 2, '-1.26'], // −1.255 → −1.26 (half away from zero)
    [-12_549, 2, '-1.25'],
    [-49, 2, '0.00'], // no negative zero
    [-50, 2, '-0.01'],
    [5_000, 0, '1'], // 0.5 → 1
    [-5_000, 0, '-1'],
    [4_999, 0, '0'],
    [20_000, 4, '2.0000'],
    [1, 4, '0.0001'],
    [0, 2, '0.00'],
    [99_995, 2, '10.00'],
  ])('formatUnits(%i, %i) = %s', (u, decimals, text) => {
    expect(formatUnits(u, decimals)).toBe(text);
  });

  it('rejects non-integers and bad decimals', () => {
    expect(() => formatUnits(1.5)).toThrow(RangeError);
    expect(() => formatUnits(1, 5)).toThrow(RangeError);
  });

  it('uses a decimal comma in Vietnamese', () => {
    expect(formatPoints(846_400, 'vi')).toBe('84,64');
    expect(formatPoints(846_400, 'en')).toBe('84.64');
  });
});

describe('unitsToDecimalString', () => {
  it.each([
    [15_000, '1.5'],
    [2_500, '0.25'],
    [20_000, '2'],
    [0, '0'],
    [-15_000, '-1.5'],
    [1, '0.0001'],
    [1_000_000, '100'],
  ])('%i → %s', (u, text) => {
    expect(unitsToDecimalString(u)).toBe(text);
  });

  it('round-trips with parsePoints for every safe amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (u) => {
        expect(parsePoints(unitsToDecimalString(u))).toBe(u);
      }),
    );
  });

  it('canonicalDecimal gives the shortest form', () => {
    expect(canonicalDecimal('1.50')).toBe('1.5');
    expect(canonicalDecimal(2)).toBe('2');
  });
});

describe('roundHalfUpDiv', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 3, 1],
    [5, 3, 2],
    [-4, 3, -1],
    [-5, 3, -2],
    [0, 7, 0],
    [1, 2, 1],
    [-1, 2, -1],
    [1, 3, 0],
    [10, 5, 2],
  ])('%i / %i → %i', (n, d, q) => {
    expect(roundHalfUpDiv(n, d)).toBe(q);
  });

  it('is exact for large operands (BigInt path)', () => {
    const n = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(roundHalfUpDiv(n, 2)).toBe(4503599627370496);
    expect(roundHalfUpDiv(-n, 2)).toBe(-4503599627370496);
    expect(roundHalfUpDiv(n, 10)).toBe(900719925474099);
  });

  it('rejects a non-positive denominator', () => {
    expect(() => roundHalfUpDiv(1, 0)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(1, -2)).toThrow(RangeError);
  });

  it('agrees with exact BigInt rounding and is symmetric', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 1, max: 1e9 }), (n, d) => {
        const q = roundHalfUpDiv(n, d);
        expect(q).toBe(Number(roundHalfUpDivBig(BigInt(n), BigInt(d))));
        expect(roundHalfUpDiv(-n, d)).toBe(q === 0 ? 0 : -q);
        // |n/d − q| ≤ 1/2
        expect(Math.abs(2 * (n - q * d))).toBeLessThanOrEqual(d);
      }),
    );
  });
});

describe('indexHundredths and formatIndex', () => {
  it.each([
    [846_400, 1_000_000, 8464],
    [1, 3, 3333], // 33.333…% → 33.33
    [2, 3, 6667], // 66.666…% → 66.67
    [799_950, 1_000_000, 8000], // 79.995 → 80.00 (half-up, once)
    [799_949, 1_000_000, 7999],
    [0, 5, 0],
    [5, 5, 10_000],
  ])('indexHundredths(%i, %i) = %i', (p, m, h) => {
    expect(indexHundredths(p, m)).toBe(h);
  });

  it('rounds the exact rational once, not the rounded points', () => {
    // 2.005 of 3 points = 66.8333…% → 66.83; rounding the points first (2.01) would give 67.00.
    expect(indexHundredths(20_050, 30_000)).toBe(6683);
  });

  it('formats in both languages', () => {
    expect(formatIndex(8464, 'vi')).toBe('84,64%');
    expect(formatIndex(8464, 'en')).toBe('84.64%');
    expect(formatIndex(10_000, 'en', { percentSign: false })).toBe('100.00');
    expect(formatIndex(5, 'en')).toBe('0.05%');
  });

  it('rejects a zero maximum', () => {
    expect(() => indexHundredths(0, 0)).toThrow(RangeError);
  });
});

describe('exact ratio comparisons', () => {
  it.each([
    [45, 50, 90, 0],
    [44, 50, 90, -1],
    [46, 50, 90, 1],
    [2, 3, 66.6667, -1],
    [2, 3, 66.6666, 1],
    [0, 1, 0, 0],
  ])('%i/%i vs %d%% → %i', (n, d, pct, cmp) => {
    expect(compareRatioToPercent(n * 10_000, d * 10_000, parsePoints(pct))).toBe(cmp);
  });

  it('ratioPercentUnits rounds to 1/10000 percent', () => {
    expect(ratioPercentUnits(2, 3)).toBe(666_667);
    expect(ratioPercentUnits(45, 50)).toBe(900_000);
  });
});

describe('no float drift', () => {
  it('sums ten thousand 0.1 and 0.05 amounts exactly', () => {
    let floats = 0;
    let units = 0;
    for (let i = 0; i < 10_000; i++) {
      floats += i % 2 ? 0.1 : 0.05;
      units += parsePoints(i % 2 ? '0.1' : '0.05');
    }
    expect(floats).not.toBe(750); // the float sum drifts…
    expect(unitsToDecimalString(units)).toBe('750'); // …the units do not
  });
});
