/**
 * Test support only: a small framework and inputs used by several test files and by the worked example of
 * docs/scoring.md (fields 1 and 2, bonus B, deductions D; declared total 10 points).
 */
import type { Framework, FrameworkNode } from '../schemas/framework';
import { DEFAULT_BANDS } from './classification';
import type { AgencyInputs } from './compute-index';

const labels = {
  numeratorLabelVi: 'Số nhiệm vụ hoàn thành',
  numeratorLabelEn: 'Tasks done',
  denominatorLabelVi: 'Số nhiệm vụ kế hoạch',
  denominatorLabelEn: 'Tasks planned',
};

function node(code: string, parentCode: string | null, position: number, nameVi: string, maxPoints: string, extra: Partial<FrameworkNode> = {}): FrameworkNode {
  return { code, parentCode, position, nameVi, nameEn: '', maxPoints, mayBeNotApplicable: false, method: null, kind: 'regular', ...extra };
}

/** The sample framework of docs/scoring.md's worked example. */
export function sampleFramework(): Framework {
  return {
    year: 2024,
    groupCode: 'department',
    nameVi: 'Bộ tiêu chí mẫu',
    nameEn: 'Sample framework',
    declaredTotal: '10',
    bonusCap: '0.5',
    deductionCap: '1',
    bands: DEFAULT_BANDS.map((b) => ({ ...b })),
    nodes: [
      node('1', null, 0, 'Công tác chỉ đạo, điều hành CCHC', '6', { nameEn: 'PAR direction', appraisingBody: 'Sở Nội vụ' }),
      node('1.1', '1', 0, 'Kế hoạch CCHC năm', '4'),
      node('1.1.1', '1.1', 0, 'Ban hành kế hoạch CCHC năm', '1', {
        method: {
          type: 'levels',
          levels: [
            { code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time', points: '1' },
            { code: 'late', labelVi: 'Trễ hạn', labelEn: 'Late', points: '0.5' },
            { code: 'none', labelVi: 'Không thực hiện', labelEn: 'Not done', points: '0' },
          ],
        },
        evidenceVi: 'Kế hoạch CCHC năm',
      }),
      node('1.1.2', '1.1', 1, 'Mức độ thực hiện kế hoạch CCHC', '2', {
        method: {
          type: 'ratio_ladder',
          ...labels,
          steps: [
            { minPercent: '90', inclusive: true, points: '2' },
            { minPercent: '70', inclusive: true, points: '1' },
          ],
          whenDenominatorZero: 'not_applicable',
        },
      }),
      node('1.1.3', '1.1', 2, 'Bố trí kinh phí', '1', { method: { type: 'yes_no' } }),
      node('1.2', '1', 1, 'Báo cáo CCHC', '2'),
      node('1.2.1', '1.2', 0, 'Tự chủ của đơn vị sự nghiệp trực thuộc', '2', {
        method: { type: 'manual', step: '0.25' },
        mayBeNotApplicable: true,
      }),
      node('2', null, 1, 'Tác động của CCHC (điều tra xã hội học)', '4'),
      node('2.1', '2', 0, 'Mức độ hài lòng', '4', { method: { type: 'survey' } }),
      node('B', null, 2, 'Điểm thưởng', '1', { kind: 'bonus' }),
      node('B.1', 'B', 0, 'Sáng kiến được công nhận', '1', { kind: 'bonus', method: { type: 'manual', step: '0.25' } }),
      node('D', null, 3, 'Điểm trừ', '2', { kind: 'deduction' }),
      node('D.1', 'D', 0, 'Bị phê bình về CCHC', '2', { kind: 'deduction', method: { type: 'manual', step: '0.5' } }),
    ],
  };
}

/** Inputs of the worked example: self, appraisal round 1, final (round 2) and survey points. */
export function sampleInputs(): AgencyInputs {
  return {
    '1.1.1': { self: { levelCode: 'on_time' }, appraisal1: { levelCode: 'late' } },
    '1.1.2': { self: { numerator: '45', denominator: '50' }, final: { numerator: '40', denominator: '50' } },
    '1.1.3': { self: { value: true } },
    '1.2.1': { self: { notApplicable: true } },
    '2.1': { surveyPoints: '3.2' },
    'B.1': { appraisal1: { value: '0.75' } },
    'D.1': { final: { value: '0.5' } },
  };
}
