import { describe, expect, it } from 'vitest';
import { defaultYear, mergeYears } from './years';

describe('the default year', () => {
  it('is the period in progress even when a later year is being set up or an earlier one is published', () => {
    const years = mergeYears(
      [
        { year: 2021, phase: 'setup' },
        { year: 2020, phase: 'appraisal1' },
        { year: 2019, phase: 'published' },
      ],
      [2015],
    );
    expect(defaultYear(years)).toBe(2020);
  });

  it('is the latest published year when no period is in progress', () => {
    expect(defaultYear(mergeYears([{ year: 2018, phase: 'published' }, { year: 2019, phase: 'published' }], [2017]))).toBe(2019);
  });

  it('falls to a period being set up, then to the latest history, then to none', () => {
    expect(defaultYear(mergeYears([{ year: 2022, phase: 'setup' }], [2019]))).toBe(2022);
    expect(defaultYear(mergeYears([], [2013, 2017]))).toBe(2017);
    expect(defaultYear([])).toBeNull();
  });

  it('lists each year once, newest first, marking years that have both a period and history', () => {
    expect(mergeYears([{ year: 2018, phase: 'published' }], [2018, 2013])).toEqual([
      { year: 2018, phase: 'published', hasHistory: true },
      { year: 2013, phase: null, hasHistory: true },
    ]);
  });
});
