import { describe, expect, it } from 'vitest';
import type { GroupResults } from '../../api/results';
import { fieldAverages, groupStats, heatColor, indexValue, mean } from './results-math';

const row = (code: string, total: string | null, c1: string | null, band: string | null) => ({
  agencyId: code.length,
  code,
  nameVi: code,
  nameEn: code,
  totalIndex: total,
  totalPoints: '0',
  applicableMax: '100',
  bonus: '0',
  deduction: '0',
  notScoredCount: 0,
  rank: 1,
  tied: false,
  previousRank: null,
  rankChange: null,
  classification: band ? { code: band, labelVi: band, labelEn: band } : null,
  components: [{ code: '1', nameVi: 'LV1', nameEn: 'F1', index: c1, points: '0', applicableMax: '10', lost: '0' }],
});

const RESULTS: GroupResults = {
  year: 2019,
  periodId: 1,
  periodPhase: 'published',
  group: { id: 1, code: 'SO', nameVi: 'Sở', nameEn: 'Departments' },
  framework: {
    id: 1,
    nameVi: 'Bộ',
    nameEn: 'F',
    bands: [
      { code: 'good', labelVi: 'Tốt', labelEn: 'Good', minPercent: '80' },
      { code: 'weak', labelVi: 'Yếu', labelEn: 'Weak', minPercent: '0' },
    ],
  },
  fields: [{ code: '1', nameVi: 'LV1', nameEn: 'F1', maxPoints: '10' }],
  previousSource: null,
  agencies: [row('A', '90.00', '100.00', 'good'), row('BB', '60.50', '50.00', 'weak'), row('CCC', null, null, null)],
};

describe('results figures', () => {
  it('read index strings', () => {
    expect(indexValue('84.64')).toBe(84.64);
    expect(indexValue(null)).toBeNull();
    expect(indexValue('x')).toBeNull();
  });

  it('average only where a value exists', () => {
    expect(mean([1, null, 3])).toBe(2);
    expect(mean([null])).toBeNull();
    expect(fieldAverages(RESULTS).get('1')).toBe(75);
  });

  it('summarise the group', () => {
    const s = groupStats(RESULTS);
    expect(s.count).toBe(3);
    expect(s.average).toBeCloseTo(75.25);
    expect(s.best?.code).toBe('A');
    expect(s.worst?.code).toBe('BB');
    expect(s.bands.map((b) => b.count)).toEqual([1, 1]);
  });

  it('colour cells from red to green', () => {
    expect(heatColor(null)).toBeUndefined();
    expect(heatColor(30)).toBe('hsl(0 70% 88%)');
    expect(heatColor(100)).toBe('hsl(125 70% 92%)');
  });
});
