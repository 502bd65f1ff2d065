import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from '../arbitraries.test-support';
import { compileFramework, computeIndexFast, computeStageResult } from '../compute-index';
import { sampleFramework, sampleInputs } from '../fixtures.test-support';
import { arbLeaves } from './fixtures.test-support';
import { lossWaterfall, topLostLeaves } from './losses';
import { agencyResultFromLeaves, agencyResultFromStage, leafUnitsOf } from './types';

const compiled = compileFramework(sampleFramework());
const meta = { agencyId: 'bdt', code: 'BDT', nameVi: 'Ban Dân tộc', nameEn: 'Ethnic Minorities Committee' };
const example = agencyResultFromStage(compiled, meta, computeStageResult(compiled, sampleInputs(), 'effective'));

describe('lossWaterfall', () => {
  it('splits the worked example of docs/scoring.md by field and criterion, with bonus and deduction bars', () => {
    const w = lossWaterfall(compiled, example);
    expect(w).toMatchObject({ applicableMax: 80_000, regularPoints: 57_000, lostBeforeAdjustments: 23_000, bonus: 5000, deduction: 5000, clampAdjustment: 0, totalPoints: 57_000, netLost: 23_000 });
    expect(w.fields.map((f) => [f.code, f.lost, f.children.map((c) => [c.code, c.lost])])).toEqual([
      ['1', 15_000, [['1.1', 15_000]]],
      ['2', 8000, [['2.1', 8000]]],
    ]);
    expect(w.bars.map((b) => [b.kind, b.code, b.amount])).toEqual([
      ['field', '1', 15_000],
      ['field', '2', 8000],
      ['bonus', null, -5000],
      ['deduction', null, 5000],
    ]);
  });

  it('shows the clamp when deductions push the total below 0', () => {
    const a = agencyResultFromLeaves(compiled, meta, { '1.1.1': 0, '1.1.2': 0, '1.1.3': 0, '1.2.1': 0, '2.1': 5000, 'B.1': 0, 'D.1': 20_000 });
    const w = lossWaterfall(compiled, a);
    expect(w).toMatchObject({ regularPoints: 5000, deduction: 10_000, totalPoints: 0, clampAdjustment: -5000, netLost: 100_000 });
    expect(w.bars.reduce((s, b) => s + b.amount, 0)).toBe(100_000);
  });

  it('adds up exactly: fields = criteria sums, Σ fields = lost before adjustments, Σ bars = applicable max − total points', () => {
    fc.assert(
      fc.property(
        arbFramework().chain((f) => {
          const c = compileFramework(f);
          return arbLeaves(c).map((leaves) => ({ c, leaves }));
        }),
        ({ c, leaves }) => {
          const a = agencyResultFromLeaves(c, meta, leaves);
          const w = lossWaterfall(c, a);
          const r = computeIndexFast(c, leafUnitsOf(c, leaves));
          expect(w.fields.reduce((s, f) => s + f.lost, 0)).toBe(w.lostBeforeAdjustments);
          expect(w.lostBeforeAdjustments).toBe(r.applicableMax - r.regularPoints);
          for (const f of w.fields) if (f.children.length) expect(f.children.reduce((s, x) => s + x.lost, 0)).toBe(f.lost);
          expect(w.bars.reduce((s, b) => s + b.amount, 0)).toBe(w.netLost);
          expect(w.netLost).toBe(r.applicableMax - r.totalPoints);
          for (const list of [w.fields, ...w.fields.map((f) => f.children)]) {
            for (let i = 1; i < list.length; i++) expect(list[i - 1]!.lost).toBeGreaterThanOrEqual(list[i]!.lost);
          }
        },
      ),
    );
  });

  it('needs leaf detail', () => {
    expect(() => lossWaterfall(compiled, { ...example, leaves: null })).toThrow(RangeError);
  });
});

describe('topLostLeaves', () => {
  it('lists the leaves that lost the most with their field, criterion and last year points', () => {
    const previous = agencyResultFromLeaves(compiled, meta, { '1.1.1': 10_000, '1.1.2': 0, '2.1': 35_000 });
    const top = topLostLeaves(compiled, example, previous, 10);
    expect(top.map((l) => [l.code, l.fieldCode, l.criterionCode, l.method, l.points, l.lost, l.previousPoints])).toEqual([
      ['1.1.2', '1', '1.1', 'ratio_ladder', 10_000, 10_000, 0],
      ['2.1', '2', null, 'survey', 32_000, 8000, 35_000],
      ['1.1.1', '1', '1.1', 'levels', 5000, 5000, 10_000],
    ]);
    expect(topLostLeaves(compiled, example, null, 1).map((l) => [l.code, l.previousPoints])).toEqual([['1.1.2', null]]);
  });
});
