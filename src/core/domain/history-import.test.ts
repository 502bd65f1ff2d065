import { describe, expect, it } from 'vitest';
import { checkHistoryRows, type HistoryCells } from './history-import';

const AGENCIES = new Map([
  ['BDT', { id: 1, code: 'BDT', nameVi: 'Ban Dân tộc', nameEn: 'Ethnic Affairs', groupId: 10 }],
  ['SNV', { id: 2, code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Home Affairs', groupId: 10 }],
  ['HTP', { id: 3, code: 'HTP', nameVi: 'Huyện Tiên Phước', nameEn: 'Tien Phuoc', groupId: 20 }],
]);
const BANDS_2015 = [
  { code: 'excellent', labelVi: 'Xuất sắc', labelEn: 'Excellent', minPercent: '90' },
  { code: 'good', labelVi: 'Tốt', labelEn: 'Good', minPercent: '80' },
  { code: 'other', labelVi: 'Khác', labelEn: 'Other', minPercent: '0' },
];
const bandsOf = (year: number) => (year === 2015 ? BANDS_2015 : null);
let n = 1;
const cells = (c: Partial<HistoryCells>): HistoryCells => ({ row: ++n, year: '2016', agency: 'BDT', total: '', rank: '', rankedCount: '', class: '', components: [], ...c });
const check = (rows: Partial<HistoryCells>[]) => checkHistoryRows(rows.map(cells), AGENCIES, bandsOf);

describe('checkHistoryRows: history as published', () => {
  it.each([
    ['84.645', '84.65'],
    ['80.005', '80.01'],
    ['80,005', '80.01'],
    ['72.4449', '72.44'],
    ['99.995', '100.00'],
    ['70', '70.00'],
  ])('an index of %s is stored as %s (half-up once, on the digits)', (text, stored) => {
    expect(check([{ total: text }]).rows[0]!.totalIndex).toBe(stored);
  });

  it('components are rounded the same way', () => {
    const { rows } = check([{ total: '80', components: [{ code: '1', text: '65.125' }, { code: '2', text: '' }] }]);
    expect(rows[0]!.components).toEqual([{ code: '1', nameVi: 'Lĩnh vực 1', index: '65.13' }]);
  });

  it('a partial import keeps the published rank and "of N" (rank 19 of 63 with one row in the file)', () => {
    const { rows, problems } = check([{ total: '81.2', rank: '19', rankedCount: '63' }]);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ rank: 19, rankedCount: 63 });
  });

  it('a row may give a rank without a total', () => {
    const { rows, problems } = check([{ rank: '4', rankedCount: '20' }]);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ totalIndex: null, rank: 4, classification: null });
  });

  it('the class comes from the file (matched to a band, ignoring diacritics) or from that year\'s bands', () => {
    expect(check([{ total: '85', class: 'kha' }]).rows[0]!.classification).toEqual({ code: 'fair', labelVi: 'Khá', labelEn: 'Fairly good', source: 'file' });
    expect(check([{ year: '2015', total: '91' }]).rows[0]!.classification).toEqual({ code: 'excellent', labelVi: 'Xuất sắc', labelEn: 'Excellent', source: 'bands' });
    expect(check([{ year: '2016', total: '91' }]).rows[0]!.classification).toMatchObject({ code: 'good', source: 'bands' });
    expect(check([{ total: '91', class: 'Hoàn thành' }]).rows[0]!.classification).toMatchObject({ labelVi: 'Hoàn thành', source: 'file' });
  });

  it.each([
    ['a year out of range', { year: '1999', total: '80' }, 'year'],
    ['an unknown agency', { agency: 'NOPE', total: '80' }, 'agency'],
    ['neither index nor rank', {}, 'total'],
    ['an index above 100', { total: '100.01' }, 'total'],
    ['an index that is text', { total: 'cao' }, 'total'],
    ['a rank of zero', { total: '80', rank: '0' }, 'rank'],
    ['a rank above "of N"', { total: '80', rank: '21', rankedCount: '20' }, 'rank'],
    ['a component out of range', { total: '80', components: [{ code: '3', text: '120' }] }, 'LV3'],
  ] as const)('reports %s in its column and keeps the row out', (_name, row, column) => {
    const { rows, problems } = check([row]);
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.column)).toContain(column);
  });

  it('rows of one year and group must agree on "of N" and not exceed it; duplicates are reported', () => {
    const disagree = check([{ total: '80', rank: '1', rankedCount: '20' }, { agency: 'SNV', total: '70', rank: '2', rankedCount: '21' }]);
    expect(disagree.problems.filter((p) => p.column === 'rankedCount')).toHaveLength(2);
    const tooMany = check([{ total: '80', rank: '1', rankedCount: '1' }, { agency: 'SNV', total: '70', rank: '1', rankedCount: '1' }]);
    expect(tooMany.problems.some((p) => p.column === 'rankedCount')).toBe(true);
    const otherGroup = check([{ total: '80', rank: '1', rankedCount: '20' }, { agency: 'HTP', total: '70', rank: '2', rankedCount: '9' }]);
    expect(otherGroup.problems).toEqual([]);
    const dup = check([{ total: '80' }, { total: '81' }]);
    expect(dup.problems.map((p) => p.column)).toEqual(['agency']);
  });
});
