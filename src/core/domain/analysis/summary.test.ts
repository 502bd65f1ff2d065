import { describe, expect, it } from 'vitest';
import { agencyFromFields } from './fixtures.test-support';
import { joinList, nameIn, ordinalEn } from './format';
import { componentComparison, meanIndex, summarizeAgency } from './summary';
import type { GroupYear } from './types';

const P = 10_000;
const FIELDS = [
  { code: '1', nameVi: 'Chỉ đạo điều hành', nameEn: 'Direction and management', max: 12 },
  { code: '2', nameVi: 'Văn bản QPPL', nameEn: 'Legal documents', max: 8 },
  { code: '3', nameVi: 'Cải cách TTHC', nameEn: 'Administrative procedure reform', max: 12 },
  { code: '4', nameVi: 'Tổ chức bộ máy', nameEn: 'Apparatus', max: 6 },
  { code: '5', nameVi: 'Công chức', nameEn: 'Civil service', max: 8 },
  { code: '6', nameVi: 'Tài chính công', nameEn: 'Public finance', max: 8 },
  { code: '7', nameVi: 'Hiện đại hóa hành chính', nameEn: 'Modernisation of the administration', max: 16 },
  { code: '8', nameVi: 'Tác động của CCHC', nameEn: 'Impact of PAR', max: 30 },
];

/** An agency losing `lost[code]` points (decimal points) in each field. */
const agency = (id: string, code: string, lost: Record<string, number>) =>
  agencyFromFields(id, code, FIELDS.map((f) => [f.code, Math.round((f.max - (lost[f.code] ?? 0)) * P), f.max * P] as [string, number, number]));

const BDT_LOSS = { '1': 3, '3': 2.5, '7': 2, '8': 1.8, '2': 1.2, '4': 0.8, '5': 0.5, '6': 0.5 };
const group = (year: number, others: (k: number) => number, bdt: Record<string, number> = BDT_LOSS): GroupYear => ({
  year,
  groupLabel: { vi: 'sở, ban, ngành', en: 'departments' },
  fields: FIELDS.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
  agencies: [agency('bdt', 'BDT', bdt), ...Array.from({ length: 19 }, (_, k) => agency(`s${k + 1}`, `S${k + 1}`, { '8': others(k + 1) }))],
});
const y2019 = group(2019, (k) => k * 0.5);
const y2018 = group(2018, (k) => (k <= 10 ? k : k + 5));

describe('wording helpers', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [20, '20th'],
    [21, '21st'],
    [22, '22nd'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('ordinal of %s is %s', (n, s) => {
    expect(ordinalEn(n)).toBe(s);
  });

  it('joins lists in both languages and falls back to the Vietnamese name', () => {
    expect(joinList([], 'vi')).toBe('');
    expect(joinList(['A'], 'en')).toBe('A');
    expect(joinList(['A', 'B'], 'vi')).toBe('A và B');
    expect(joinList(['A', 'B', 'C'], 'en')).toBe('A, B and C');
    expect(nameIn({ nameVi: 'Sở Nội vụ', nameEn: ' ' }, 'en')).toBe('Sở Nội vụ');
  });
});

describe('summarizeAgency', () => {
  it('tells the Ban Dân tộc story: 20th of 20, down 9, and the fields holding most lost points', () => {
    const s = summarizeAgency(y2019, y2018, 'bdt');
    expect(s.sentence.vi).toBe(
      'Xếp hạng 20/20 sở, ban, ngành năm 2019, giảm 9 bậc; 7,50 trong 12,30 điểm bị mất thuộc Chỉ đạo điều hành, Cải cách TTHC và Hiện đại hóa hành chính.',
    );
    expect(s.sentence.en).toBe(
      'Ranked 20th of 20 departments in 2019, down 9 places; 7.50 of the 12.30 points lost are in Direction and management, Administrative procedure reform and Modernisation of the administration.',
    );
    expect(s).toMatchObject({ rank: { rank: 20, of: 20, tied: false }, previousRank: 11, change: -9, lostTotal: 123_000, majority: { codes: ['1', '3', '7'], lost: 75_000 } });
    expect(s.lostByField.map((f) => f.code)).toEqual(['1', '3', '7', '8', '2', '4', '5', '6']);
  });

  it('says up, unchanged, tied, all lost in one field, no loss, and omits the change without a previous rank', () => {
    const climbed = summarizeAgency(y2018, y2019, 'bdt');
    expect(climbed.sentence.en).toMatch(/^Ranked 11th of 20 departments in 2018, up 9 places;/);
    expect(climbed.sentence.vi).toMatch(/^Xếp hạng 11\/20 sở, ban, ngành năm 2018, tăng 9 bậc;/);
    expect(summarizeAgency(y2019, y2019, 's1').sentence).toEqual({
      vi: 'Xếp hạng 1/20 sở, ban, ngành năm 2019, giữ nguyên thứ hạng; toàn bộ 0,50 điểm bị mất thuộc Tác động của CCHC.',
      en: 'Ranked 1st of 20 departments in 2019, unchanged; all 0.50 points lost are in Impact of PAR.',
    });
    const tiedGroup = { ...y2019, agencies: [...y2019.agencies, agency('x', 'X', { '8': 1 })] };
    expect(summarizeAgency(tiedGroup, null, 'x').sentence.en).toBe('Ranked 2nd (tied) of 21 departments in 2019; all 1.00 points lost are in Impact of PAR.');
    expect(summarizeAgency(tiedGroup, null, 'x').sentence.vi).toBe('Xếp hạng 2/21 sở, ban, ngành năm 2019 (đồng hạng); toàn bộ 1,00 điểm bị mất thuộc Tác động của CCHC.');
    const perfect = { ...y2019, agencies: [...y2019.agencies, agency('p', 'P', {})] };
    expect(summarizeAgency(perfect, null, 'p').sentence).toEqual({
      vi: 'Xếp hạng 1/21 sở, ban, ngành năm 2019; không bị mất điểm nào.',
      en: 'Ranked 1st of 21 departments in 2019; no points lost.',
    });
  });

  it('leaves out the loss when only component indices are known (imported history)', () => {
    const history: GroupYear = { ...y2019, agencies: y2019.agencies.map((a) => ({ ...a, fields: a.fields.map((f) => ({ ...f, points: null, applicableMax: null })) })) };
    expect(summarizeAgency(history, y2018, 'bdt').sentence.en).toBe('Ranked 20th of 20 departments in 2019, down 9 places.');
    expect(summarizeAgency(history, y2018, 'bdt').lostTotal).toBeNull();
  });

  it('says when there is no index', () => {
    const none: GroupYear = { ...y2019, agencies: [...y2019.agencies, { ...agency('n', 'N', {}), totalIndex: null }] };
    expect(summarizeAgency(none, null, 'n').sentence.vi).toBe('Chưa có chỉ số CCHC năm 2019 (không có tiêu chí nào áp dụng).');
  });

  it('throws for an agency outside the group', () => {
    expect(() => summarizeAgency(y2019, null, 'nobody')).toThrow(RangeError);
  });
});

describe('componentComparison', () => {
  it('compares with last year, the exact group average, the best agency and the three agencies just above', () => {
    const c = componentComparison(y2019, y2018, 'bdt');
    expect(c.rank.rank).toBe(20);
    expect(c.above.map((a) => [a.agencyId, a.rank])).toEqual([
      ['s19', 19],
      ['s18', 18],
      ['s17', 17],
    ]);
    const f8 = c.fields.find((f) => f.code === '8')!;
    // BDT 28.2/30 = 94.00 %; others (30 − k/2)/30 for k = 1..19.
    expect(f8.index).toBe(9400);
    expect(f8.previousIndex).toBe(9400);
    expect(f8.change).toBe(0);
    const exact = [9400, ...Array.from({ length: 19 }, (_, k) => Math.round(((30 - (k + 1) / 2) / 30) * 10_000))];
    expect(f8.groupAverage).toBe(meanIndex(exact));
    expect(f8.best).toEqual({ index: 9833, agencyIds: ['s1'] });
    expect(f8.above).toEqual([
      { agencyId: 's19', index: 6833 },
      { agencyId: 's18', index: 7000 },
      { agencyId: 's17', index: 7167 },
    ]);
    const f1 = c.fields.find((f) => f.code === '1')!;
    expect(f1.best!.agencyIds).toHaveLength(19);
    expect(c.total).toMatchObject({ code: null, index: 8770, previousIndex: 8770 });
  });

  it('takes the nearest better-ranked agencies even when they tie', () => {
    const g: GroupYear = { ...y2019, agencies: [agency('a', 'A', { '8': 1 }), agency('b', 'B', { '8': 1 }), agency('c', 'C', { '8': 1 }), agency('d', 'D', { '8': 1 }), agency('e', 'E', { '8': 2 })] };
    expect(componentComparison(g, null, 'e').above.map((a) => [a.agencyId, a.rank])).toEqual([
      ['d', 1],
      ['c', 1],
      ['b', 1],
    ]);
    expect(componentComparison(g, null, 'a').above).toEqual([]);
  });

  it('rounds the mean half-up once', () => {
    expect(meanIndex([1, 2])).toBe(2);
    expect(meanIndex([1, 1, 2])).toBe(1);
    expect(meanIndex([8464, 8465])).toBe(8465);
    expect(meanIndex([])).toBeNull();
  });
});
