import { describe, expect, it } from 'vitest';
import type { GroupResults } from '../schemas/results';
import { agencyBasis, type CommendationRules, initiativeBasis, lowerFirstWord, proposeAgencies, viDate } from './commendation';

const BANDS = [
  { code: 'good', labelVi: 'Tốt', labelEn: 'Good', minPercent: '80' },
  { code: 'fair', labelVi: 'Khá', labelEn: 'Fairly good', minPercent: '70' },
  { code: 'average', labelVi: 'Trung bình', labelEn: 'Average', minPercent: '50' },
  { code: 'weak', labelVi: 'Yếu', labelEn: 'Weak', minPercent: '0' },
];

type Row = GroupResults['agencies'][number];
const row = (agencyId: number, code: string, rank: number, totalIndex: string | null, band: string | null, rankChange: number | null, tied = false): Row => {
  const b = BANDS.find((x) => x.code === band);
  return {
    agencyId,
    code,
    nameVi: code,
    nameEn: code,
    totalIndex,
    totalPoints: '0',
    applicableMax: '100',
    bonus: '0',
    deduction: '0',
    notScoredCount: 0,
    rank,
    tied,
    previousRank: rankChange === null ? null : rank + rankChange,
    rankChange,
    classification: b ? { code: b.code, labelVi: b.labelVi, labelEn: b.labelEn } : null,
    components: [],
  };
};

const group = (agencies: Row[]) => ({
  year: 2019,
  group: { id: 1, code: 'SO', nameVi: 'Sở, ban, ngành', nameEn: 'Provincial departments and boards' },
  framework: { id: 1, nameVi: 'Bộ tiêu chí', nameEn: '', bands: BANDS },
  agencies,
});

const G = group([
  row(1, 'SYT', 1, '94.08', 'good', 0),
  row(2, 'STC', 2, '93.54', 'good', 1),
  row(3, 'SLDTBXH', 3, '92.91', 'good', 3),
  row(4, 'SKHCN', 3, '92.91', 'good', -2, true),
  row(5, 'SCT', 5, '83.87', 'good', 7),
  row(6, 'STP', 6, '79.69', 'fair', -1),
  row(7, 'BQLKKT', 7, '68.10', 'average', 2),
  row(8, 'BDT', 8, '63.09', 'average', -9),
]);
// Row 3 and 4 share rank 3 but only 4 carries `tied` here for brevity; the basis reads the flag of its own row.

const rules = (r: Partial<CommendationRules>): CommendationRules => ({ topN: null, minClassCode: null, minRise: null, ...r });

describe('proposeAgencies', () => {
  it.each([
    ['nothing enabled', rules({}), []],
    ['top 3 includes ties at 3', rules({ topN: 3 }), ['SYT', 'STC', 'SLDTBXH', 'SKHCN']],
    ['top 1', rules({ topN: 1 }), ['SYT']],
    ['class Tốt or above', rules({ minClassCode: 'good' }), ['SYT', 'STC', 'SLDTBXH', 'SKHCN', 'SCT']],
    ['class Khá or above', rules({ minClassCode: 'fair' }), ['SYT', 'STC', 'SLDTBXH', 'SKHCN', 'SCT', 'STP']],
    ['a band the framework lacks proposes nobody', rules({ minClassCode: 'excellent' }), []],
    ['rise of 3 places or more', rules({ minRise: 3 }), ['SLDTBXH', 'SCT']],
    ['any rule is enough', rules({ topN: 1, minRise: 2 }), ['SYT', 'SLDTBXH', 'SCT', 'BQLKKT']],
  ] as const)('%s', (_name, r, expected) => {
    expect(proposeAgencies(G, r).map((p) => p.code)).toEqual(expected);
  });

  it('lists every reason that applies', () => {
    const p = proposeAgencies(G, rules({ topN: 3, minClassCode: 'good', minRise: 3 }));
    expect(p.find((x) => x.code === 'SLDTBXH')!.reasons).toEqual(['top', 'class', 'rise']);
    expect(p.find((x) => x.code === 'SCT')!.reasons).toEqual(['class', 'rise']);
    expect(p.find((x) => x.code === 'SYT')!.reasons).toEqual(['top', 'class']);
  });
});

describe('agencyBasis', () => {
  it.each([
    [
      row(3, 'SLDTBXH', 1, '92.15', 'good', 3),
      'Xếp hạng 1/8 sở, ban, ngành; chỉ số 92,15%; xếp loại Tốt; tăng 3 bậc so với năm 2018',
      'Ranked 1/8 among provincial departments and boards; index 92.15%; class Good; up 3 places on 2018',
    ],
    [row(4, 'SKHCN', 3, '92.91', 'good', -2, true), 'Xếp hạng 3/8 sở, ban, ngành (đồng hạng); chỉ số 92,91%; xếp loại Tốt', 'Ranked 3/8 among provincial departments and boards (tied); index 92.91%; class Good'],
    [row(9, 'X', 2, null, null, 1), 'Xếp hạng 2/8 sở, ban, ngành; tăng 1 bậc so với năm 2018', 'Ranked 2/8 among provincial departments and boards; up 1 place on 2018'],
  ] as const)('%#', (r, vi, en) => {
    expect(agencyBasis(G, r)).toEqual({ vi, en });
  });
});

describe('text helpers', () => {
  it.each([
    ['Sở, ban, ngành', 'sở, ban, ngành'],
    ['UBND cấp huyện', 'UBND cấp huyện'],
    ['Provincial departments', 'provincial departments'],
    ['A', 'A'],
    ['', ''],
  ])('lowerFirstWord(%j) = %j', (input, expected) => {
    expect(lowerFirstWord(input)).toBe(expected);
  });

  it('writes an initiative basis', () => {
    expect(
      initiativeBasis({ title: 'Số hóa hồ sơ chính sách', authors: 'Hồ Văn Tâm, Lê Thị Hồng', nodeCodes: ['1.5.1', '7.1'], agencyNameVi: 'Ban Dân tộc', agencyNameEn: 'Ethnic Minorities Committee', approvedOn: '2019-11-20' }),
    ).toEqual({
      vi: 'Sáng kiến “Số hóa hồ sơ chính sách” (tác giả: Hồ Văn Tâm, Lê Thị Hồng); phục vụ tiêu chí 1.5.1, 7.1; được Ban Dân tộc phê duyệt ngày 20/11/2019',
      en: 'Initiative “Số hóa hồ sơ chính sách” (authors: Hồ Văn Tâm, Lê Thị Hồng); serving criteria 1.5.1, 7.1; approved by Ethnic Minorities Committee on 2019-11-20',
    });
    expect(viDate('2020-04-07')).toBe('07/04/2020');
  });
});
