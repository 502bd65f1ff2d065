import { canonicalizeFramework } from '../../core/domain/framework';
import { frameworkFromReference } from '../../core/domain/reference-framework';
import type { Framework, FrameworkNode, LeafMethod } from '../../core/schemas/framework';
import reference from './data/framework-department.json' with { type: 'json' };

/**
 * Demo frameworks built from the reconstructed department framework (shared/reference), varied a little from
 * year to year so that the diff shows something: 2018 has no criterion 1.6 (its point sits in 1.4.2), an older
 * wording of 5.5.2 and a stricter 3.4.1 ladder; 2020 adds criterion 7.5 (digital transformation) taking one
 * point from ISO 9001 (7.3). District-level frameworks follow the same structure with their own names.
 */

type Transform = (nodes: FrameworkNode[]) => FrameworkNode[];

const edit = (code: string, fn: (n: FrameworkNode) => FrameworkNode): Transform => (nodes) => nodes.map((n) => (n.code === code ? fn(n) : n));
const remove = (code: string): Transform => (nodes) => nodes.filter((n) => n.code !== code && !n.code.startsWith(`${code}.`));
const append = (...added: FrameworkNode[]): Transform => (nodes) => [...nodes, ...added];

function ladder(numeratorLabelVi: string, denominatorLabelVi: string, steps: [string, boolean, string][]): LeafMethod {
  return {
    type: 'ratio_ladder',
    numeratorLabelVi,
    numeratorLabelEn: '',
    denominatorLabelVi,
    denominatorLabelEn: '',
    steps: steps.map(([minPercent, inclusive, points]) => ({ minPercent, inclusive, points })),
    whenDenominatorZero: 'full',
  };
}

const levels = (...items: [string, string, string][]): LeafMethod => ({
  type: 'levels',
  levels: items.map(([labelVi, labelEn, points], i) => ({ code: `L${i + 1}`, labelVi, labelEn, points })),
});

function base(year: number, groupCode: string): Framework {
  return frameworkFromReference(reference, year, { groupCode });
}

function apply(f: Framework, ...transforms: Transform[]): Framework {
  return canonicalizeFramework({ ...f, nodes: transforms.reduce((nodes, t) => t(nodes), f.nodes) });
}

const only2018: Transform[] = [
  remove('1.6'),
  edit('1', (n) => n),
  edit('1.4', (n) => ({ ...n, maxPoints: '2.5' })),
  edit('1.4.2', (n) => ({
    ...n,
    maxPoints: '2',
    method: ladder('Số nhiệm vụ tuyên truyền đã hoàn thành', 'Số nhiệm vụ theo kế hoạch', [
      ['90', true, '2'],
      ['70', true, '1'],
    ]),
  })),
  edit('5.5.2', (n) => ({ ...n, nameVi: 'Thực hiện trách nhiệm của người đứng đầu trong công tác CCHC' })),
  edit('3.4.1', (n) => ({
    ...n,
    method: ladder('Số hồ sơ giải quyết đúng hạn', 'Tổng số hồ sơ đã giải quyết', [
      ['100', true, '3'],
      ['90', true, '2'],
      ['80', true, '1'],
    ]),
  })),
];

const only2020: Transform[] = [
  edit('7', (n) => ({ ...n, nameVi: 'Hiện đại hóa hành chính, chuyển đổi số', nameEn: 'Administrative modernisation and digital transformation' })),
  edit('7.3', (n) => ({ ...n, maxPoints: '1' })),
  edit('7.3.1', (n) => ({
    ...n,
    maxPoints: '1',
    method: levels(['Áp dụng cho tất cả TTHC và duy trì', 'Applied to all procedures and maintained', '1'], ['Áp dụng một phần', 'Partly', '0.5'], ['Không áp dụng', 'Not applied', '0']),
  })),
  append(
    {
      code: '7.5',
      parentCode: '7',
      position: 99,
      nameVi: 'Chuyển đổi số',
      nameEn: 'Digital transformation',
      maxPoints: '1',
      mayBeNotApplicable: false,
      method: null,
      kind: 'regular',
    },
    {
      code: '7.5.1',
      parentCode: '7.5',
      position: 0,
      nameVi: 'Ban hành và thực hiện kế hoạch chuyển đổi số của cơ quan',
      nameEn: 'Digital transformation plan issued and implemented',
      guidanceVi: 'Có kế hoạch và hoàn thành trên 80% nhiệm vụ: 1 điểm; có kế hoạch nhưng hoàn thành dưới 80%: 0,5 điểm; không có kế hoạch: 0 điểm.',
      evidenceVi: 'Kế hoạch chuyển đổi số năm; báo cáo kết quả thực hiện.',
      maxPoints: '1',
      mayBeNotApplicable: false,
      method: levels(['Có kế hoạch, hoàn thành trên 80%', 'Plan issued, over 80% done', '1'], ['Có kế hoạch, hoàn thành dưới 80%', 'Plan issued, under 80% done', '0.5'], ['Không có kế hoạch', 'No plan', '0']),
      kind: 'regular',
    },
  ),
];

const district: Transform[] = [
  edit('6.2', (n) => ({ ...n, nameVi: 'Tự chủ của các đơn vị sự nghiệp công lập thuộc UBND cấp huyện' })),
  edit('3.3', (n) => ({ ...n, nameVi: 'Thực hiện cơ chế một cửa, một cửa liên thông cấp huyện và cấp xã' })),
];

/** The demo frameworks per (group code, year). */
export function demoFrameworks(): { groupCode: 'SO' | 'HUYEN'; year: number; framework: Framework }[] {
  const out: { groupCode: 'SO' | 'HUYEN'; year: number; framework: Framework }[] = [];
  for (const year of [2018, 2019, 2020]) {
    const yearly = year === 2018 ? only2018 : year === 2020 ? only2020 : [];
    out.push({ groupCode: 'SO', year, framework: apply(base(year, 'SO'), ...yearly) });
    const d = apply(base(year, 'HUYEN'), ...yearly, ...district);
    out.push({
      groupCode: 'HUYEN',
      year,
      framework: {
        ...d,
        nameVi: `Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND các huyện, thị xã, thành phố năm ${year}`,
        nameEn: `PAR Index framework for district-level people's committees, ${year}`,
      },
    });
  }
  return out;
}
