import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework, arbLeafInput } from './arbitraries.test-support';
import {
  compileFramework,
  computeAgencyResult,
  computeIndexFast,
  computeIndexFromTopSums,
  computeStageResult,
  encodeLeafUnits,
  explainAgencyResult,
  NOT_APPLICABLE_UNITS,
  stageLeafUnits,
  type AgencyInputs,
  type CompiledFramework,
  type StageResult,
} from './compute-index';
import { parsePoints, tryParsePoints } from './decimal';
import { sampleFramework, sampleInputs } from './fixtures.test-support';
import type { Framework, FrameworkNode } from './framework';
import { rankAgencies } from './ranking';

const node = (r: StageResult, code: string) => r.nodes.find((n) => n.code === code);
const leafOf = (r: StageResult, code: string) => r.leaves.find((l) => l.code === code);

describe('computeAgencyResult on the worked example', () => {
  const result = computeAgencyResult(sampleFramework(), sampleInputs());

  it('uses, per leaf, final else appraisal1 else self; survey leaves use the tally', () => {
    const e = result.effective;
    expect(leafOf(e, '1.1.1')).toMatchObject({ source: 'appraisal1', units: 5_000, status: 'scored' });
    expect(leafOf(e, '1.1.2')).toMatchObject({ source: 'final', units: 10_000 });
    expect(leafOf(e, '1.1.3')).toMatchObject({ source: 'self', units: 10_000 });
    expect(leafOf(e, '1.2.1')).toMatchObject({ source: 'self', status: 'not_applicable', notApplicable: true, units: 0 });
    expect(leafOf(e, '2.1')).toMatchObject({ source: 'survey', units: 32_000 });
    expect(leafOf(e, 'B.1')).toMatchObject({ source: 'appraisal1', units: 7_500 });
    expect(leafOf(e, 'D.1')).toMatchObject({ source: 'final', units: 5_000 });
  });

  it('rolls up nodes, removing N/A maxima from the applicable maximum', () => {
    const e = result.effective;
    expect(node(e, '1.1')).toEqual({ code: '1.1', points: 25_000, max: 40_000, applicableMax: 40_000, lost: 15_000, notApplicable: false });
    expect(node(e, '1.2')).toEqual({ code: '1.2', points: 0, max: 20_000, applicableMax: 0, lost: 0, notApplicable: true });
    expect(node(e, '1')).toEqual({ code: '1', points: 25_000, max: 60_000, applicableMax: 40_000, lost: 15_000, notApplicable: false });
  });

  it('computes components, capped bonus and deduction, the total index and the band', () => {
    const e = result.effective;
    expect(e.components.map((c) => [c.code, c.points, c.applicableMax, c.index])).toEqual([
      ['1', 25_000, 40_000, 6250],
      ['2', 32_000, 40_000, 8000],
      ['B', 7_500, 10_000, null],
      ['D', 5_000, 20_000, null],
    ]);
    expect(e).toMatchObject({
      regularPoints: 57_000,
      applicableMax: 80_000,
      declaredMax: 100_000,
      bonusRaw: 7_500,
      bonus: 5_000, // capped at 0.5
      deductionRaw: 5_000,
      deduction: 5_000,
      rawTotal: 57_000,
      totalPoints: 57_000,
      totalIndex: 7125, // 5.7 / 8 = 71.25%
      notScoredCount: 0,
      invalidCount: 0,
    });
    expect(e.classification?.labelVi).toBe('Khá');
  });

  it('computes each stage on its own inputs', () => {
    expect(result.self).toMatchObject({ regularPoints: 72_000, applicableMax: 80_000, totalIndex: 9000, bonus: 0, deduction: 0 });
    expect(result.self.classification?.code).toBe('good');
    // appraisal1: 1.1.1 late, survey 3.2, bonus 0.75 → 0.5; 1.1.2, 1.1.3, 1.2.1, D.1 not scored (1.2.1 counts as applicable 0)
    expect(result.appraisal1).toMatchObject({ regularPoints: 37_000, applicableMax: 100_000, rawTotal: 42_000, totalIndex: 4200, notScoredCount: 4 });
    expect(result.final).toMatchObject({ regularPoints: 42_000, deduction: 5_000, rawTotal: 37_000, totalIndex: 3700 });
  });

  it('explains every number as a tree with sentences', () => {
    const explained = explainAgencyResult(sampleFramework(), sampleInputs());
    expect(explained.tree.map((n) => n.code)).toEqual(['1', '2', 'B', 'D']);
    const plan = explained.tree[0]?.children[0];
    expect(plan).toMatchObject({ code: '1.1', points: 25_000, applicableMax: 40_000, lost: 15_000, index: 6250 });
    const ratio = plan?.children[1];
    expect(ratio?.leaf?.explanation).toEqual({
      vi: 'Tỷ lệ 40/50 = 80,00% ≥ 70% → 1 điểm',
      en: 'Ratio 40/50 = 80.00% ≥ 70% → 1 point',
    });
    expect(ratio?.leaf?.source).toBe('final');
    expect(explained.summary.vi).toBe('Chỉ số 71,25% (Khá) = (5,7 + 0,5 − 0,5 = 5,7) / 8 điểm tối đa áp dụng × 100.');
    expect(explained.summary.en).toBe('Index 71.25% (Fairly good) = (5.7 + 0.5 − 0.5 = 5.7) / 8 applicable maximum points × 100.');
  });
});

describe('bonus, deductions and bounds', () => {
  const f = sampleFramework();
  const withScores = (inputs: AgencyInputs) => computeStageResult(f, inputs, 'effective');

  it('subtracts deductions and never goes below 0', () => {
    const r = withScores({ 'D.1': { self: { value: '2' } }, '1.1.3': { self: { value: true } } });
    expect(r).toMatchObject({ regularPoints: 10_000, deductionRaw: 20_000, deduction: 10_000, rawTotal: 0, totalPoints: 0, totalIndex: 0 });
    const negative = withScores({ 'D.1': { self: { value: '2' } } });
    expect(negative).toMatchObject({ rawTotal: -10_000, totalPoints: 0, totalIndex: 0 });
    expect(negative.classification?.code).toBe('weak');
  });

  it('never exceeds the applicable maximum with a bonus', () => {
    const full: AgencyInputs = {
      '1.1.1': { self: { levelCode: 'on_time' } },
      '1.1.2': { self: { numerator: 1, denominator: 1 } },
      '1.1.3': { self: { value: true } },
      '1.2.1': { self: { value: '2' } },
      '2.1': { surveyPoints: '4' },
      'B.1': { self: { value: '1' } },
    };
    expect(withScores(full)).toMatchObject({ regularPoints: 100_000, bonus: 5_000, rawTotal: 105_000, totalPoints: 100_000, totalIndex: 10_000 });
  });

  it('has no index when nothing applies', () => {
    const framework: Framework = {
      ...f,
      declaredTotal: '2',
      nodes: [
        { ...f.nodes.find((n) => n.code === '1.2')!, code: '1', parentCode: null },
        { ...f.nodes.find((n) => n.code === '1.2.1')!, code: '1.1', parentCode: '1' },
      ],
    };
    const r = computeStageResult(framework, { '1.1': { self: { notApplicable: true } } }, 'effective');
    expect(r.totalIndex).toBeNull();
    expect(r.classification).toBeNull();
    expect(explainAgencyResult(framework, { '1.1': { self: { notApplicable: true } } }).summary.en).toMatch(/no index/);
  });

  it('counts an invalid stored input as 0 and reports it instead of throwing', () => {
    const r = withScores({ '1.1.1': { self: { levelCode: 'nope' } }, '1.1.3': { self: { value: true } } });
    expect(leafOf(r, '1.1.1')).toMatchObject({ status: 'invalid', units: 0, problem: { code: 'unknown_level' } });
    expect(r).toMatchObject({ regularPoints: 10_000, invalidCount: 1 });
  });

  it('refuses to compile an invalid framework', () => {
    expect(() => compileFramework({ ...f, declaredTotal: '11' })).toThrow(/framework has errors/);
  });
});

describe('computeIndexFast', () => {
  it('matches the worked example', () => {
    const compiled = compileFramework(sampleFramework());
    expect(compiled.leafCodes).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1', '2.1', 'B.1', 'D.1']);
    const fast = computeIndexFast(compiled, [5_000, 10_000, 10_000, NOT_APPLICABLE_UNITS, 32_000, 7_500, 5_000]);
    expect(fast).toMatchObject({ regularPoints: 57_000, applicableMax: 80_000, bonus: 5_000, deduction: 5_000, totalIndex: 7125 });
    expect(fast.topIndex).toEqual([6250, 8000, null, null]);
    const units = encodeLeafUnits(compiled, (code) => ({ '1.1.1': 5_000, '1.2.1': null })[code]);
    expect(Array.from(units)).toEqual([5_000, 0, 0, -1, 0, 0, 0]);
  });

  it('rejects an array of the wrong length', () => {
    expect(() => computeIndexFast(compileFramework(sampleFramework()), [1, 2])).toThrow(RangeError);
  });

  it('adds many 0.1 and 0.05 leaves exactly (no float drift)', () => {
    const leaves = 1_000;
    const f = sampleFramework();
    const nodes: FrameworkNode[] = [
      { ...f.nodes[0]!, code: '1', maxPoints: '75', appraisingBody: undefined },
      ...Array.from({ length: leaves }, (_, i): FrameworkNode => ({
        code: `1.${i + 1}`,
        parentCode: '1',
        position: i,
        nameVi: `Tiêu chí ${i + 1}`,
        nameEn: '',
        maxPoints: i % 2 ? '0.1' : '0.05',
        mayBeNotApplicable: false,
        method: { type: 'manual', step: '0.05' },
        kind: 'regular',
      })),
    ];
    const framework: Framework = { ...f, declaredTotal: '75', bonusCap: '0', deductionCap: '0', nodes };
    const inputs: AgencyInputs = Object.fromEntries(nodes.slice(1).map((n) => [n.code, { self: { value: n.maxPoints } }]));
    const slow = computeStageResult(framework, inputs, 'effective');
    expect(slow.regularPoints).toBe(parsePoints('75'));
    expect(slow.totalIndex).toBe(10_000);
    const compiled = compileFramework(framework);
    const fast = computeIndexFast(compiled, stageLeafUnits(slow));
    expect(fast.totalIndex).toBe(10_000);
    let floatSum = 0;
    for (const n of nodes.slice(1)) floatSum += Number(n.maxPoints);
    expect(floatSum).not.toBe(75); // what a float engine would get
  });
});

/** A framework with a valid input for every leaf, generated. */
const arbScored = arbFramework().chain((f) => {
  const leaves = compileFramework(f).leafCodes.map((code) => f.nodes.find((n) => n.code === code)!);
  return fc
    .tuple(...leaves.map((leaf) => fc.tuple(arbLeafInput(leaf), arbLeafInput(leaf), arbLeafInput(leaf))))
    .map((triples) => {
      const inputs: Record<string, { self?: object; appraisal1?: object; final?: object; surveyPoints?: string }> = {};
      leaves.forEach((leaf, i) => {
        const [self, appraisal1, final] = triples[i] ?? [];
        inputs[leaf.code] = {
          ...(self ? { self } : {}),
          ...(appraisal1 ? { appraisal1 } : {}),
          ...(final ? { final } : {}),
          ...(leaf.method?.type === 'survey' && self?.surveyPoints != null ? { surveyPoints: String(self.surveyPoints) } : {}),
        };
      });
      return { f, inputs: inputs as AgencyInputs };
    });
});

/** A compiled framework with several agencies' effective leaf units (valid range, N/A only where allowed). */
function arbUnits(compiled: CompiledFramework): fc.Arbitrary<number[]> {
  return fc.tuple(
    ...compiled.leafCodes.map((code, i) => {
      const node = compiled.nodes[compiled.leafNode[i]!]!;
      const max = compiled.leafMax[i]!;
      const values = fc.integer({ min: 0, max });
      return node.mayBeNotApplicable ? fc.oneof(values, fc.constant(NOT_APPLICABLE_UNITS)) : values;
    }),
  );
}

describe('properties', () => {
  it('the fast and the explainable computations agree', () => {
    fc.assert(
      fc.property(arbScored, ({ f, inputs }) => {
        const compiled = compileFramework(f);
        const result = computeAgencyResult(compiled, inputs);
        for (const stage of ['self', 'appraisal1', 'final', 'effective'] as const) {
          const slow = result[stage];
          expect(slow.invalidCount).toBe(0);
          const fast = computeIndexFast(compiled, stageLeafUnits(slow));
          expect(fast.totalIndex).toBe(slow.totalIndex);
          expect(fast.regularPoints).toBe(slow.regularPoints);
          expect(fast.applicableMax).toBe(slow.applicableMax);
          expect(fast.bonus).toBe(slow.bonus);
          expect(fast.deduction).toBe(slow.deduction);
          expect(fast.topIndex).toEqual(slow.components.map((c) => c.index));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('per-top sums (a database GROUP BY) give the same result as the leaf loop', () => {
    fc.assert(
      fc.property(
        arbFramework().chain((f) => {
          const compiled = compileFramework(f);
          return arbUnits(compiled).map((units) => ({ compiled, units }));
        }),
        ({ compiled, units }) => {
          const fast = computeIndexFast(compiled, units);
          const sums = new Array<number>(compiled.tops.length).fill(0);
          const na: string[] = [];
          units.forEach((u, i) => {
            if (u < 0) na.push(compiled.leafCodes[i]!);
            else sums[compiled.leafTop[i]!] = (sums[compiled.leafTop[i]!] ?? 0) + u;
          });
          const bySums = computeIndexFromTopSums(compiled, sums, na);
          expect(bySums.totalIndex).toBe(fast.totalIndex);
          expect([...bySums.topApplicableMax]).toEqual([...fast.topApplicableMax]);
          expect(bySums.topIndex).toEqual(fast.topIndex);
          expect(bySums.totalPoints).toBe(fast.totalPoints);
        },
      ),
    );
  });

  it('keeps every index within [0, 100%] and every node within [0, applicable max]', () => {
    fc.assert(
      fc.property(arbScored, ({ f, inputs }) => {
        const r = computeAgencyResult(f, inputs).effective;
        if (r.totalIndex !== null) {
          expect(r.totalIndex).toBeGreaterThanOrEqual(0);
          expect(r.totalIndex).toBeLessThanOrEqual(10_000);
        }
        for (const c of r.components) {
          if (c.index === null) continue;
          expect(c.index).toBeGreaterThanOrEqual(0);
          expect(c.index).toBeLessThanOrEqual(10_000);
        }
        for (const n of r.nodes) {
          expect(n.points).toBeGreaterThanOrEqual(0);
          expect(n.points).toBeLessThanOrEqual(n.applicableMax);
          expect(n.applicableMax).toBeLessThanOrEqual(n.max);
          expect(n.lost).toBe(n.applicableMax - n.points);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('raising a leaf score never lowers the index nor the rank in a group (raising a deduction never raises them)', () => {
    const arb = arbFramework()
      .map((f) => compileFramework(f))
      .chain((compiled) =>
        fc.record({
          compiled: fc.constant(compiled),
          agencies: fc.array(arbUnits(compiled), { minLength: 1, maxLength: 6 }),
          leaf: fc.integer({ min: 0, max: compiled.leafCodes.length - 1 }),
          raiseTo: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ compiled, agencies, leaf, raiseTo }) => {
        const before = agencies[0]!;
        const current = before[leaf]!;
        if (current < 0) return; // N/A: not a score to raise
        const max = compiled.leafMax[leaf]!;
        const raised = current + Math.floor((max - current) * raiseTo);
        const after = [...before];
        after[leaf] = raised;
        const index = (units: number[]) => computeIndexFast(compiled, units).totalIndex ?? 0;
        const rankOf = (units: number[]) =>
          rankAgencies(
            [units, ...agencies.slice(1)].map((u, i) => ({ agencyId: `a${i}`, code: `A${i}`, nameVi: '', indexHundredths: index(u) })),
          ).find((e) => e.agencyId === 'a0')!.rank;
        const isDeduction = compiled.topKind[compiled.leafTop[leaf]!] === 2;
        if (isDeduction) {
          expect(index(after)).toBeLessThanOrEqual(index(before));
          expect(rankOf(after)).toBeGreaterThanOrEqual(rankOf(before));
        } else {
          expect(index(after)).toBeGreaterThanOrEqual(index(before));
          expect(rankOf(after)).toBeLessThanOrEqual(rankOf(before));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('marking a leaf not applicable removes exactly its maximum from the applicable maximum', () => {
    const arb = arbFramework()
      .map((f) => compileFramework(f))
      .chain((compiled) =>
        fc.record({ compiled: fc.constant(compiled), units: arbUnits(compiled), leaf: fc.integer({ min: 0, max: compiled.leafCodes.length - 1 }) }),
      );
    fc.assert(
      fc.property(arb, ({ compiled, units, leaf }) => {
        if (units[leaf]! < 0) return;
        const marked = [...units];
        marked[leaf] = NOT_APPLICABLE_UNITS;
        const a = computeIndexFast(compiled, units);
        const b = computeIndexFast(compiled, marked);
        const top = compiled.leafTop[leaf]!;
        const max = compiled.leafMax[leaf]!;
        expect(b.topApplicableMax[top]).toBe(a.topApplicableMax[top]! - max);
        expect(b.topPoints[top]).toBe(a.topPoints[top]! - units[leaf]!);
        if (compiled.topKind[top] === 0) {
          expect(b.applicableMax).toBe(a.applicableMax - max);
          expect(b.regularPoints).toBe(a.regularPoints - units[leaf]!);
        } else {
          expect(b.applicableMax).toBe(a.applicableMax);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('declared maxima of every node equal the sum of their leaves (units are exact)', () => {
    fc.assert(
      fc.property(arbFramework(), (f) => {
        const r = computeStageResult(f, {}, 'effective');
        for (const n of r.nodes) {
          expect(n.max).toBe(tryParsePoints(f.nodes.find((x) => x.code === n.code)!.maxPoints));
          expect(n.points).toBe(0);
        }
        expect(r.notScoredCount).toBe(r.leaves.length);
      }),
      { numRuns: 100 },
    );
  });
});
