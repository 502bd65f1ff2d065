import { describe, expect, it } from 'vitest';
import type { IndexComparison, RankTarget } from '../../../core/domain/analysis';
import {
  compareCode,
  defaultTarget,
  meanHundredths,
  rankStrip,
  rankTickStep,
  showIdx,
  showShare,
  showUnitsNeeded,
  showUnits,
  signedIndex,
  signedUnits,
  stepLabel,
  targetOptions,
  indexCell,
  pointsCell,
  trendSeries,
  visibleBins,
  waterfallSteps,
  weakestComponents,
} from './analysis-format';

const field = (code: string, index: number | null): IndexComparison => ({
  code,
  nameVi: `LV ${code}`,
  nameEn: `F ${code}`,
  index,
  previousIndex: null,
  change: null,
  groupAverage: null,
  best: null,
  above: [],
});

const target = (rank: number, neededIndex: number, reachable = true): RankTarget => ({
  rank,
  neededIndex,
  neededTotalPoints: 0,
  pointsNeeded: 1000 * (20 - rank),
  reachable,
  leaves: [],
  gain: 0,
  resultIndex: reachable ? neededIndex : null,
  resultRank: reachable ? rank : null,
});

describe('number formatting', () => {
  it('shows points and indices with two decimals in the language’s notation', () => {
    expect(showUnits(361700, 'vi')).toBe('36,17');
    expect(showUnits(361700, 'en')).toBe('36.17');
    expect(showUnits(null, 'vi')).toBe('—');
    expect(showIdx(6309, 'vi')).toBe('63,09%');
    expect(showIdx(6309, 'en', false)).toBe('63.09');
    expect(showIdx(undefined, 'en')).toBe('—');
  });
  it('signs changes with a plus or a true minus sign', () => {
    expect(signedUnits(5000, 'vi')).toBe('+0,50');
    expect(signedUnits(-12000, 'en')).toBe('−1.20');
    expect(signedUnits(0, 'en')).toBe('0.00');
    expect(signedIndex(-1958, 'vi')).toBe('−19,58');
    expect(signedIndex(1875, 'en')).toBe('+18.75');
    expect(signedIndex(null, 'en')).toBe('—');
  });
  it('shows what a target needs with two decimals, rounded up (never down)', () => {
    expect(showUnitsNeeded(14535, 'vi')).toBe('1,46');
    expect(showUnitsNeeded(14500, 'vi')).toBe('1,45');
    expect(showUnitsNeeded(5000, 'en')).toBe('0.50');
    expect(showUnitsNeeded(20000, 'vi')).toBe('2,00');
  });
  it('steps a rank axis roundly', () => {
    expect([3, 6, 10, 12, 20, 30, 63, 300].map(rankTickStep)).toEqual([1, 1, 2, 2, 5, 5, 20, 50]);
  });
  it('shows a probability with at most one decimal', () => {
    expect(showShare(10000, 'vi')).toBe('100%');
    expect(showShare(3456, 'vi')).toBe('34,6%');
    expect(showShare(3450, 'en')).toBe('34.5%');
  });
});

describe('weakestComponents', () => {
  // Ban Dân tộc 2019 (demo): total 63.09 %; fields 3, 1, 8, 7 are below it and pull it down.
  const bdt = [field('1', 5000), field('2', 9375), field('3', 3167), field('4', 8929), field('5', 9000), field('6', 10000), field('7', 5833), field('8', 5693)];
  it('names the components below the total index, lowest first', () => {
    expect(weakestComponents(bdt, 6309).map((f) => f.code)).toEqual(['3', '1', '8', '7']);
  });
  it('falls back to the lowest components when none is below the total (a bonus lifted it)', () => {
    expect(weakestComponents([field('1', 9000), field('2', 8000), field('10', 8000)], 7000).map((f) => f.code)).toEqual(['2', '10']);
  });
  it('names nothing when every component is full or unknown', () => {
    expect(weakestComponents([field('1', 10000), field('2', null)], 10000)).toEqual([]);
    expect(weakestComponents([], null)).toEqual([]);
  });
  it('orders ties by code naturally', () => {
    expect(weakestComponents([field('10', 4000), field('2', 4000), field('1', 9000)], 6000).map((f) => f.code)).toEqual(['2', '10']);
    expect(compareCode('1.10', '1.2')).toBeGreaterThan(0);
    expect(compareCode(null, '1')).toBeLessThan(0);
  });
});

describe('targetOptions', () => {
  it('lists the better ranks nearest first', () => {
    const opts = targetOptions([target(1, 9000), target(2, 8500), target(3, 8000)]);
    expect(opts.map((o) => [o.rank, o.lastRank])).toEqual([
      [3, 3],
      [2, 2],
      [1, 1],
    ]);
  });
  it('collapses ranks that need the same index (agencies tied there) into the best of them', () => {
    const opts = targetOptions([target(4, 7000), target(1, 9000), target(2, 8000), target(3, 8000)]);
    expect(opts.map((o) => [o.rank, o.lastRank, o.target.rank])).toEqual([
      [4, 4, 4],
      [2, 3, 2],
      [1, 1, 1],
    ]);
  });
  it('defaults to the nearest reachable rank, else the nearest, else none', () => {
    expect(defaultTarget(targetOptions([target(1, 9000, false), target(2, 8000, true), target(3, 7000, false)]))?.rank).toBe(2);
    expect(defaultTarget(targetOptions([target(1, 9000, false), target(2, 8000, false)]))?.rank).toBe(2);
    expect(defaultTarget([])).toBeNull();
  });
});

describe('stepLabel', () => {
  const words = { yes: 'Có' };
  it('names the level, the ladder step or yes', () => {
    expect(stepLabel({ method: 'levels', level: { code: 'L1', labelVi: 'Đúng hạn', labelEn: 'On time' } }, 'en', words)).toBe('On time');
    expect(stepLabel({ method: 'levels', level: { code: 'L1', labelVi: 'Đúng hạn', labelEn: '' } }, 'en', words)).toBe('Đúng hạn');
    expect(stepLabel({ method: 'ratio_ladder', ladderStep: { minPercent: '90', inclusive: true } }, 'vi', words)).toBe('≥ 90%');
    expect(stepLabel({ method: 'ratio_ladder', ladderStep: { minPercent: '66.5', inclusive: false } }, 'vi', words)).toBe('> 66,5%');
    expect(stepLabel({ method: 'yes_no' }, 'vi', words)).toBe('Có');
    expect(stepLabel({ method: 'manual' }, 'vi', words)).toBeNull();
  });
});

describe('waterfallSteps', () => {
  it('floats each bar from the running sum and ends with the total, exactly', () => {
    const steps = waterfallSteps(
      [
        { kind: 'field', code: '1', nameVi: 'a', nameEn: 'a', amount: 15000 },
        { kind: 'field', code: '2', nameVi: 'b', nameEn: 'b', amount: 8000 },
        { kind: 'bonus', code: null, nameVi: 'c', nameEn: 'c', amount: -5000 },
        { kind: 'deduction', code: null, nameVi: 'd', nameEn: 'd', amount: 5000 },
      ],
      { nameVi: 'Tổng', nameEn: 'Total' },
    );
    expect(steps.map((s) => [s.kind, s.start, s.end])).toEqual([
      ['field', 0, 15000],
      ['field', 15000, 23000],
      ['bonus', 18000, 23000],
      ['deduction', 18000, 23000],
      ['total', 0, 23000],
    ]);
    expect(steps[steps.length - 1]!.amount).toBe(23000);
  });
  it('gives a lone total bar for no losses', () => {
    expect(waterfallSteps([], { nameVi: 'Tổng', nameEn: 'Total' })).toEqual([{ kind: 'total', code: null, nameVi: 'Tổng', nameEn: 'Total', amount: 0, start: 0, end: 0 }]);
  });
});

describe('trendSeries', () => {
  const point = (year: number, totalIndex: number | null, rank: number | null) => ({
    year,
    totalIndex,
    rank,
    of: 20,
    indexChange: null,
    rankChange: null,
    previousYear: null,
    afterGap: false,
    fieldChanges: {},
  });
  it('covers every year from the first to the last, leaving a missing year as a gap', () => {
    const s = trendSeries({ points: [point(2013, 7200, 20), point(2015, 7800, 18), point(2016, null, null)], from: 2013, to: 2016 });
    expect(s.years).toEqual([2013, 2014, 2015, 2016]);
    expect(s.index).toEqual([7200, null, 7800, null]);
    expect(s.rank).toEqual([20, null, 18, null]);
    expect(s.of).toEqual([20, null, 20, 20]);
  });
  it('is empty without points', () => {
    expect(trendSeries({ points: [], from: null, to: null })).toEqual({ years: [], index: [], rank: [], of: [] });
  });
});

describe('rankStrip', () => {
  it('marks the current rank, the survey 5–95 % interval and the appraisal interval', () => {
    const cells = rankStrip(5, 4, { p5: 3, p95: 4, probabilities: [{ rank: 3, percent: 2500 }, { rank: 4, percent: 7500 }] }, { best: 2, worst: 5 });
    expect(cells.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(cells.filter((c) => c.current).map((c) => c.rank)).toEqual([4]);
    expect(cells.filter((c) => c.inSurveyInterval).map((c) => c.rank)).toEqual([3, 4]);
    expect(cells.filter((c) => c.inAppraisalInterval).map((c) => c.rank)).toEqual([2, 3, 4, 5]);
    expect(cells.map((c) => c.percent)).toEqual([0, 0, 2500, 7500, 0]);
  });
  it('has no survey interval when nothing was drawn', () => {
    expect(rankStrip(3, 3, null, null).some((c) => c.inSurveyInterval || c.inAppraisalInterval)).toBe(false);
  });
});

describe('visibleBins and meanHundredths', () => {
  const bins = Array.from({ length: 20 }, (_, i) => ({ from: i * 500, to: (i + 1) * 500, count: i === 12 || i === 19 ? 2 : 0 }));
  it('draws the histogram from 50 %, or from the first agency below it', () => {
    expect(visibleBins(bins)[0]!.from).toBe(5000);
    expect(visibleBins(bins.map((b) => (b.from === 2000 ? { ...b, count: 1 } : b)))[0]!.from).toBe(2000);
    expect(visibleBins(bins).at(-1)!.to).toBe(10000);
  });
  it('rounds the exact mean once, half-up', () => {
    expect(meanHundredths([6309, 6458])).toBe(6384); // 6383.5 → 6384
    expect(meanHundredths([1, 2, 2])).toBe(2); // 1.67
    expect(meanHundredths([null, 9408])).toBe(9408);
    expect(meanHundredths([null])).toBeNull();
  });
});

describe('spreadsheet cells', () => {
  it('turns units into points and hundredths into percent, keeping empties', () => {
    expect(pointsCell(361700)).toBe(36.17);
    expect(pointsCell(14535)).toBe(1.4535);
    expect(pointsCell(null)).toBeNull();
    expect(indexCell(6309)).toBe(63.09);
    expect(indexCell(undefined)).toBeNull();
  });
});
