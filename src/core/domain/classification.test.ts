import { describe, expect, it } from 'vitest';
import { classify, DEFAULT_BANDS, validateBands } from './classification';
import { indexHundredths } from './decimal';

describe('classify', () => {
  it.each([
    [10_000, 'Tốt'],
    [8000, 'Tốt'],
    [7999, 'Khá'],
    [7000, 'Khá'],
    [6999, 'Trung bình'],
    [5000, 'Trung bình'],
    [4999, 'Yếu'],
    [0, 'Yếu'],
  ])('%i hundredths → %s', (h, label) => {
    expect(classify(h, DEFAULT_BANDS)?.labelVi).toBe(label);
  });

  it('classifies the official (rounded once) index: 79.995% is published as 80.00% and is Tốt', () => {
    const h = indexHundredths(799_950, 1_000_000); // 79.995 of 100 points
    expect(h).toBe(8000);
    expect(classify(h, DEFAULT_BANDS)?.code).toBe('good');
    expect(classify(indexHundredths(799_949, 1_000_000), DEFAULT_BANDS)?.code).toBe('fair');
  });

  it('handles fractional thresholds and any band order', () => {
    const bands = [
      { code: 'b', labelVi: 'B', labelEn: 'B', minPercent: '0' },
      { code: 'a', labelVi: 'A', labelEn: 'A', minPercent: '66.67' },
    ];
    expect(classify(6667, bands)?.code).toBe('a');
    expect(classify(6666, bands)?.code).toBe('b');
    expect(classify(5000, [])).toBeNull();
  });
});

describe('validateBands', () => {
  it('accepts the defaults', () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([]);
  });

  it.each([
    ['empty', [], 'bands'],
    ['not sorted', [...DEFAULT_BANDS].reverse(), 'bands.1.minPercent'],
    ['duplicate code', [DEFAULT_BANDS[0]!, { ...DEFAULT_BANDS[3]!, code: 'good' }], 'bands.1.code'],
    ['lowest not 0', DEFAULT_BANDS.slice(0, 3), 'bands.2.minPercent'],
    ['above 100', [{ ...DEFAULT_BANDS[0]!, minPercent: '101' }, DEFAULT_BANDS[3]!], 'bands.0.minPercent'],
    ['not a number', [{ ...DEFAULT_BANDS[0]!, minPercent: 'tám mươi' }, DEFAULT_BANDS[3]!], 'bands.0.minPercent'],
  ])('reports %s', (_name, bands, path) => {
    const problems = validateBands(bands);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.every((p) => p.message.vi.length > 0 && p.message.en.length > 0)).toBe(true);
  });
});
