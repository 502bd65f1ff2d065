import { describe, expect, it } from 'vitest';
import {
  type CouncilTask,
  formatCouncilScore,
  leafLossUnits,
  lossByDivision,
  lossShare,
  parseCouncilScore,
  rankDivisions,
  type ScoredLeaf,
  taskCouncilYear,
  taskStats,
  vietnamDate,
} from './council';

describe('parseCouncilScore', () => {
  it.each([
    ['0', 0],
    ['100', 10_000],
    ['100.00', 10_000],
    ['85.5', 8_550],
    ['85.50', 8_550],
    ['85.05', 8_505],
    [' 7 ', 700],
    ['007', 700],
    [92.15, 9_215],
    [0, 0],
  ] as const)('%j → %i hundredths', (input, expected) => {
    expect(parseCouncilScore(input)).toBe(expected);
  });

  it.each([['100.01'], ['101'], ['-1'], ['85.555'], ['85.'], ['.5'], [''], ['abc'], ['1e2'], ['85,5'], [Number.NaN], [Infinity], [100.001], [-0.5]] as const)(
    'refuses %j',
    (input) => {
      expect(parseCouncilScore(input)).toBeNull();
    },
  );

  it('formats with exactly two decimals and round-trips', () => {
    for (const h of [0, 5, 50, 999, 8_550, 10_000]) expect(parseCouncilScore(formatCouncilScore(h))).toBe(h);
    expect(formatCouncilScore(8_505)).toBe('85.05');
    expect(formatCouncilScore(10_000)).toBe('100.00');
  });
});

const leaf = (code: string, kind: ScoredLeaf['kind'], points: string, lost: string, notApplicable = false): ScoredLeaf => ({ code, kind, points, lost, notApplicable });

describe('leafLossUnits', () => {
  it.each([
    ['regular leaf: its lost points', leaf('1.1.1', 'regular', '0.5', '0.5'), 5_000],
    ['regular leaf at full points', leaf('1.1.3', 'regular', '1', '0'), 0],
    ['deduction applied: the deduction', leaf('D.1', 'deduction', '1', '0'), 10_000],
    ['deduction not applied: nothing (its cap is not a loss)', leaf('D.2', 'deduction', '0', '1'), 0],
    ['bonus not earned: nothing', leaf('B.1', 'bonus', '0', '2'), 0],
    ['not applicable: nothing', leaf('6.2.1', 'regular', '0', '0', true), 0],
    ['survey leaf with 4 decimals', leaf('8.2.1', 'regular', '1.6667', '1.3333'), 13_333],
  ] as const)('%s', (_name, l, expected) => {
    expect(leafLossUnits(l)).toBe(expected);
  });
});

describe('lossByDivision', () => {
  it('sums per division exactly, unassigned leaves under null', () => {
    const leaves = [leaf('1.1.1', 'regular', '0.5', '0.5'), leaf('1.1.2', 'regular', '0', '1'), leaf('3.4.1', 'regular', '0', '3'), leaf('8.2.1', 'regular', '1.6667', '1.3333'), leaf('D.1', 'deduction', '0.25', '0.75')];
    const map = new Map([
      ['1.1.1', 10],
      ['1.1.2', 10],
      ['8.2.1', 20],
      ['D.1', 20],
    ]);
    const out = lossByDivision(leaves, map);
    expect(out.get(10)).toBe(15_000);
    expect(out.get(20)).toBe(13_333 + 2_500);
    expect(out.get(null)).toBe(30_000);
    const total = [...out.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(leaves.reduce((a, l) => a + leafLossUnits(l), 0));
  });
});

const task = (status: string, dueOn: string | null, completedOn: string | null = null): CouncilTask => ({ status, dueOn, completedOn });

describe('taskStats', () => {
  const today = '2020-06-15';
  it.each([
    ['no tasks', [], { total: 0, done: 0, late: 0, overdue: 0, open: 0, completionRate: null }],
    ['all done on time', [task('done', '2020-03-01', '2020-02-28'), task('done', '2020-06-15', '2020-06-15')], { total: 2, done: 2, late: 0, overdue: 0, open: 0, completionRate: '100.00' }],
    [
      'late, overdue, due today and cancelled',
      [task('done', '2020-03-01', '2020-03-02'), task('open', '2020-06-14'), task('in_progress', '2020-06-15'), task('open', null), task('cancelled', '2020-01-01')],
      { total: 4, done: 1, late: 1, overdue: 1, open: 2, completionRate: '25.00' },
    ],
    ['one of three: 33.33', [task('done', null, '2020-01-01'), task('open', '2020-12-31'), task('open', '2020-12-31')], { total: 3, done: 1, late: 0, overdue: 0, open: 2, completionRate: '33.33' }],
    ['two of three: 66.67 (half-up once)', [task('done', null), task('done', null), task('open', null)], { total: 3, done: 2, late: 0, overdue: 0, open: 1, completionRate: '66.67' }],
  ] as const)('%s', (_name, tasks, expected) => {
    expect(taskStats(tasks, today)).toEqual(expected);
  });
});

describe('taskCouncilYear and vietnamDate', () => {
  it('counts a task in its due year, else its creation year', () => {
    expect(taskCouncilYear({ dueOn: '2020-12-31', createdOn: '2019-11-02' })).toBe(2020);
    expect(taskCouncilYear({ dueOn: null, createdOn: '2019-11-02' })).toBe(2019);
  });
  it.each([
    ['2019-12-31T16:59:59Z', '2019-12-31'],
    ['2019-12-31T17:00:00Z', '2020-01-01'],
    ['2020-06-15T00:00:00Z', '2020-06-15'],
  ])('%s is %s in Việt Nam', (instant, expected) => {
    expect(vietnamDate(new Date(instant))).toBe(expected);
  });
});

describe('rankDivisions', () => {
  it('ranks by score with shared ranks for ties (1, 2, 2, 4); unscored divisions are not ranked', () => {
    const ranks = rankDivisions([
      { divisionId: 1, code: 'VP', nameVi: 'Văn phòng', score: 8_000 },
      { divisionId: 2, code: 'CSDT', nameVi: 'Chính sách', score: 9_250 },
      { divisionId: 3, code: 'KHTH', nameVi: 'Kế hoạch', score: 8_000 },
      { divisionId: 4, code: 'TTR', nameVi: 'Thanh tra', score: 7_999 },
      { divisionId: 5, code: 'X', nameVi: 'Chưa chấm', score: null },
    ]);
    expect([...ranks.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, { rank: 2, tied: true }],
      [2, { rank: 1, tied: false }],
      [3, { rank: 2, tied: true }],
      [4, { rank: 4, tied: false }],
    ]);
  });
  it('ranks an empty council as nothing', () => {
    expect(rankDivisions([]).size).toBe(0);
  });
});

describe('lossShare', () => {
  it.each([
    [5_000, 20_000, '25.00'],
    [10_000, 30_000, '33.33'],
    [20_000, 30_000, '66.67'],
    [0, 30_000, '0.00'],
    [0, 0, null],
  ] as const)('%i of %i → %s', (lost, total, expected) => {
    expect(lossShare(lost, total)).toBe(expected);
  });
});
