import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trends } from './trends';

describe('trends', () => {
  it('sorts by year, computes changes against the previous point and reports gaps', () => {
    const t = trends([
      { year: 2019, totalIndex: 7512, rank: 20, of: 20, fields: { '1': 6000, '2': 8000 } },
      { year: 2016, totalIndex: 8000, rank: 8, of: 19 },
      { year: 2018, totalIndex: 8390, rank: 11, of: 20, fields: { '1': 7000, '2': null } },
      { year: 2015, totalIndex: null, rank: null, of: null },
    ]);
    expect(t.points.map((p) => [p.year, p.indexChange, p.rankChange, p.previousYear, p.afterGap])).toEqual([
      [2015, null, null, null, false],
      [2016, null, null, 2015, false],
      [2018, 390, -3, 2016, true],
      [2019, -878, -9, 2018, false],
    ]);
    expect(t.points[3]!.fieldChanges).toEqual({ '1': -1000 });
    expect(t).toMatchObject({ from: 2015, to: 2019, missingYears: [2017], bestRank: { rank: 8, year: 2016 }, worstRank: { rank: 20, year: 2019 }, bestIndex: { index: 8390, year: 2018 }, worstIndex: { index: 7512, year: 2019 } });
  });

  it('compares with the last known value across missing values', () => {
    const t = trends([
      { year: 2011, totalIndex: 7000, rank: 5, of: 10 },
      { year: 2012, totalIndex: null, rank: null, of: null },
      { year: 2013, totalIndex: 7100, rank: 3, of: 10 },
    ]);
    expect(t.points[2]).toMatchObject({ indexChange: 100, rankChange: 2, previousYear: 2012 });
  });

  it('handles an empty history and rejects a repeated year', () => {
    expect(trends([])).toMatchObject({ points: [], from: null, to: null, missingYears: [], bestRank: null });
    expect(() => trends([{ year: 2019, totalIndex: 1, rank: 1, of: 1 }, { year: 2019, totalIndex: 2, rank: 1, of: 1 }])).toThrow(RangeError);
  });

  it('does not depend on input order, and changes add up to last − first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2011, max: 2030 }), { minLength: 1, maxLength: 12 }).chain((years) =>
          fc.tuple(fc.constant(years), fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: years.length, maxLength: years.length })),
        ),
        ([years, indices]) => {
          const history = years.map((year, i) => ({ year, totalIndex: indices[i]!, rank: 1 + (indices[i]! % 20), of: 20 }));
          const t = trends(history);
          expect(trends([...history].reverse())).toEqual(t);
          const sum = t.points.reduce((s, p) => s + (p.indexChange ?? 0), 0);
          expect(sum).toBe(t.points[t.points.length - 1]!.totalIndex! - t.points[0]!.totalIndex!);
        },
      ),
    );
  });
});
