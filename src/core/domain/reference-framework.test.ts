import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeAgencyResult } from './compute-index';
import { diffFrameworks } from './diff';
import { frameworkTotals, validateFramework, type FrameworkNode, type LeafMethod } from './framework';
import { frameworkMeta, frameworkToRows, rowsToFramework } from './framework-rows';
import { frameworkFromReference, methodFromRule } from './reference-framework';

// The reference framework is vendored with the demo seed data (a copy of shared/reference); REFERENCE_FRAMEWORK_JSON overrides the path.
const referencePath =
  process.env.REFERENCE_FRAMEWORK_JSON ?? fileURLToPath(new URL('../../server/seed/data/framework-department.json', import.meta.url));
const json: unknown = JSON.parse(readFileSync(referencePath, 'utf8'));

const f = frameworkFromReference(json, 2019, { groupCode: 'department' });
const at = (code: string): FrameworkNode => {
  const node = f.nodes.find((n) => n.code === code);
  if (!node) throw new Error(`no node ${code}`);
  return node;
};

describe('frameworkFromReference', () => {
  it('builds a framework with no errors and no warnings, totalling 100', () => {
    expect(validateFramework(f)).toEqual([]);
    expect(frameworkTotals(f)).toMatchObject({
      declaredTotal: 1_000_000,
      regularMax: 1_000_000,
      bonusMax: 20_000,
      bonusCap: 20_000,
      deductionMax: 50_000,
      deductionCap: 50_000,
      fieldCount: 8,
      leafCount: 61 + 1 + 4,
    });
    expect(f.nodes.filter((n) => n.parentCode === null).map((n) => n.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'B', 'D']);
    expect(f.bands.map((b) => [b.code, b.labelVi, b.minPercent])).toEqual([
      ['good', 'Tốt', '80'],
      ['fair', 'Khá', '70'],
      ['average', 'Trung bình', '50'],
      ['weak', 'Yếu', '0'],
    ]);
  });

  it('recognises the rubric shapes', () => {
    expect(at('1.1.1').method).toEqual({
      type: 'levels',
      levels: [
        { code: 'L1', labelVi: 'Ban hành đúng hạn', labelEn: 'Issued on time', points: '1' },
        { code: 'L2', labelVi: 'Ban hành trễ hạn', labelEn: 'Issued late', points: '0.5' },
        { code: 'L3', labelVi: 'Không ban hành', labelEn: 'Not issued', points: '0' },
      ],
    });
    expect(at('1.3.1').method).toMatchObject({ type: 'levels', levels: [{ labelVi: 'Đúng hạn' }, { labelVi: 'Trễ hạn' }, { labelVi: 'Không thực hiện' }] });
    expect(at('1.1.2').method).toEqual({ type: 'yes_no' });
    expect(at('3.3.2').method).toMatchObject({ type: 'levels', levels: [{ labelVi: 'Có' }, { labelVi: 'Một phần' }, { labelVi: 'Không' }] });
    expect(at('2.4.1').method).toMatchObject({ type: 'levels', levels: [{ labelVi: 'Đầy đủ' }, { labelVi: 'Một phần' }, { labelVi: 'Không thực hiện' }] });
    expect(at('8.3.1').method).toEqual({ type: 'survey' });
    expect(at('B.1')).toMatchObject({ kind: 'bonus', maxPoints: '2', method: { type: 'manual', step: '0.25' } });
    expect(at('D.4')).toMatchObject({ kind: 'deduction', maxPoints: '2', method: { type: 'manual', step: '2' } });
    expect(at('1').appraisingBody).toBe('Sở Nội vụ');
    expect(at('2').appraisingBody).toBe('Sở Tư pháp');
  });

  it('recognises percentage ladders with the right inclusive flags', () => {
    const steps = (code: string) => (at(code).method as Extract<LeafMethod, { type: 'ratio_ladder' }>).steps;
    // ">90%: 2; 70–90%: 1; <70%: 0" (Cà Mau 1.1.4)
    expect(steps('1.1.4')).toEqual([
      { minPercent: '90', inclusive: false, points: '2' },
      { minPercent: '70', inclusive: true, points: '1' },
    ]);
    // "≥90%: 1; 70–<90%: 0.5; <70%: 0"
    expect(steps('1.4.2')).toEqual([
      { minPercent: '90', inclusive: true, points: '1' },
      { minPercent: '70', inclusive: true, points: '0.5' },
    ]);
    // "100%: 1; ≥80%: 0.5; <80%: 0"
    expect(steps('3.1.2')).toEqual([
      { minPercent: '100', inclusive: true, points: '1' },
      { minPercent: '80', inclusive: true, points: '0.5' },
    ]);
    expect(steps('3.4.1').map((s) => s.minPercent)).toEqual(['100', '95', '90']);
    expect(at('1.1.4').method).toMatchObject({ numeratorLabelEn: 'Tasks done on time', denominatorLabelEn: 'Tasks planned', whenDenominatorZero: 'zero' });
    // "100% (or none received): 2" → full points when nothing was received
    expect(at('3.5.1').method).toMatchObject({ whenDenominatorZero: 'full' });
    // "Not applicable if no document planned"
    expect(at('2.1.1')).toMatchObject({ mayBeNotApplicable: true, method: { whenDenominatorZero: 'not_applicable' } });
  });

  it('marks N/A leaves from the rule text', () => {
    const na = f.nodes.filter((n) => n.mayBeNotApplicable).map((n) => n.code);
    expect(na).toEqual(['2.1.1', '4.3.1', '6.2.1', '7.2.1']);
  });

  it('falls back to manual scoring for rules it cannot read', () => {
    expect(methodFromRule('Awarded by the council.', '0.75', 'X').method).toEqual({ type: 'manual', step: '0.25' });
    expect(methodFromRule('Something vague.', '0.7', 'X').method).toEqual({ type: 'manual', step: '0.05' });
    expect(methodFromRule('Good: 1; weird label: 0.5; none: 0', '1', 'X')).toMatchObject({ method: { type: 'manual' }, recognised: false });
    expect(methodFromRule('Yes: 1; no: 0', '1', 'X').method).toEqual({ type: 'yes_no' });
  });

  it('survives the spreadsheet round trip and scores a full agency', () => {
    const back = rowsToFramework(frameworkToRows(f), frameworkMeta(f));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.framework).toEqual(f);
      expect(diffFrameworks(f, back.framework).unchangedCount).toBe(f.nodes.length);
    }
    const full: Record<string, { self?: object; surveyPoints?: string }> = {};
    for (const node of f.nodes) {
      const m = node.method;
      if (!m || node.kind !== 'regular') continue;
      if (m.type === 'survey') full[node.code] = { surveyPoints: node.maxPoints };
      else if (m.type === 'levels') full[node.code] = { self: { levelCode: m.levels[0]?.code } };
      else if (m.type === 'ratio_ladder') full[node.code] = { self: { numerator: '10', denominator: '10' } };
      else if (m.type === 'yes_no') full[node.code] = { self: { value: true } };
      else full[node.code] = { self: { value: node.maxPoints } };
    }
    const r = computeAgencyResult(f, full).effective;
    expect(r.totalIndex).toBe(10_000);
    expect(r.components.filter((c) => c.kind === 'regular').every((c) => c.index === 10_000)).toBe(true);
  });

  it('rejects a file of another shape', () => {
    expect(() => frameworkFromReference({ fields: 'no' }, 2019)).toThrow(/reference framework/);
  });
});
