import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from '../arbitraries.test-support';
import { compileFramework, computeIndexFast, computeStageResult, type CompiledFramework } from '../compute-index';
import { indexHundredths } from '../decimal';
import { sampleFramework, sampleInputs } from '../fixtures.test-support';
import { rankAgencies } from '../ranking';
import { arbGroup } from './fixtures.test-support';
import { agencyResultFromStage, fieldsOf, leafUnitsOf, type GroupYear } from './types';
import { pickMinimalGains, pointsForIndex, whatItTakes, type LeafGain } from './what-it-takes';

const compiled = compileFramework(sampleFramework());
const me = agencyResultFromStage(compiled, { agencyId: 'me', code: 'BDT', nameVi: 'Ban Dân tộc', nameEn: 'Ethnic Minorities' }, computeStageResult(compiled, sampleInputs(), 'effective'));
const other = (id: string, totalIndex: number) => ({ agencyId: id, code: id.toUpperCase(), nameVi: id, nameEn: id, totalIndex, fields: [] });
const group: GroupYear = {
  year: 2024,
  groupLabel: { vi: 'sở, ban, ngành', en: 'departments' },
  fields: fieldsOf(compiled),
  agencies: [me, other('a', 9000), other('b', 8000), other('c', 7500), other('d', 7125), other('e', 6000)],
};

describe('pointsForIndex', () => {
  it.each([
    [9000, 80_000, 71_996],
    [8000, 80_000, 63_996],
    [7500, 80_000, 59_996],
    [10_000, 80_000, 79_996],
    [1, 80_000, 4],
    [0, 80_000, 0],
    [6683, 30_000, 20_048],
  ])('index %s of max %s needs %s units', (t, max, p) => {
    expect(pointsForIndex(t, max)).toBe(p);
  });

  it('is the least total reaching the index under half-up rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 5_000_000 }), (t, max) => {
        const p = pointsForIndex(t, max);
        expect(p).toBeLessThanOrEqual(max);
        expect(indexHundredths(p, max)).toBeGreaterThanOrEqual(t);
        expect(indexHundredths(p - 1, max)).toBeLessThan(t);
      }),
    );
  });
});

describe('whatItTakes', () => {
  it('computes, for each better rank, the index, the exact points and the fewest leaves (worked example)', () => {
    const w = whatItTakes(compiled, group, 'me');
    expect(w).toMatchObject({ currentIndex: 7125, currentRank: 4, of: 6, applicableMax: 80_000, totalPoints: 57_000, rawTotal: 57_000, maxGain: 15_000 });
    expect(w.improvable.map((g) => [g.code, g.from, g.to, g.gain])).toEqual([
      ['1.1.2', 10_000, 20_000, 10_000],
      ['1.1.1', 5000, 10_000, 5000],
    ]);
    expect(w.improvable[1]!.level).toEqual({ code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time' });
    expect(w.improvable[0]!.ladderStep).toEqual({ minPercent: '90', inclusive: true });
    expect(w.targets.map((t) => [t.rank, t.neededIndex, t.neededTotalPoints, t.pointsNeeded, t.leaves.map((l) => l.code), t.resultIndex, t.resultRank])).toEqual([
      [1, 9000, 71_996, 14_996, ['1.1.2', '1.1.1'], 9000, 1],
      [2, 8000, 63_996, 6996, ['1.1.2'], 8375, 2],
      [3, 7500, 59_996, 2996, ['1.1.1'], 7750, 3],
    ]);
    expect(w.best).toEqual({ index: 9000, rank: 1 });
  });

  it('reports a rank out of reach', () => {
    const g = { ...group, agencies: [...group.agencies, other('top', 9500)] };
    const w = whatItTakes(compiled, g, 'me');
    expect(w.targets[0]).toMatchObject({ rank: 1, neededIndex: 9500, reachable: false, leaves: [], resultIndex: null });
    expect(w.targets[1]).toMatchObject({ rank: 2, neededIndex: 9000, reachable: true });
  });

  it('has no target for the first agency', () => {
    const first = whatItTakes(compiled, { ...group, agencies: [me, other('e', 6000)] }, 'me');
    expect(first.currentRank).toBe(1);
    expect(first.targets).toEqual([]);
  });

  const rankWith = (c: CompiledFramework, g: GroupYear, id: string, gains: readonly LeafGain[]) => {
    const a = g.agencies.find((x) => x.agencyId === id)!;
    const units = leafUnitsOf(c, a.leaves!);
    for (const l of gains) units[c.leafIndexByCode.get(l.code)!] = l.to;
    const index = computeIndexFast(c, units).totalIndex ?? 0;
    const ranked = rankAgencies(g.agencies.map((x) => ({ agencyId: x.agencyId, code: x.code, nameVi: '', indexHundredths: x.agencyId === id ? index : (x.totalIndex ?? 0) })));
    return ranked.find((r) => r.agencyId === id)!.rank;
  };

  it('suggests gains that reach the target rank once applied, and none of them can be dropped (engine-checked)', () => {
    fc.assert(
      fc.property(
        arbFramework({ maxFields: 3 }).chain((f) => {
          const c = compileFramework(f);
          return fc.tuple(fc.constant(c), arbGroup(c, 6), fc.nat(), fc.constantFrom('one_step' as const, 'to_max' as const));
        }),
        ([c, g, pick, mode]) => {
          const id = g.agencies[pick % g.agencies.length]!.agencyId;
          const w = whatItTakes(c, g, id, { mode });
          expect(w.currentRank).toBe(rankWith(c, g, id, []));
          for (const t of w.targets) {
            if (!t.reachable) {
              expect(w.maxGain).toBeLessThan(t.pointsNeeded);
              continue;
            }
            expect(t.gain).toBeGreaterThanOrEqual(t.pointsNeeded);
            expect(rankWith(c, g, id, t.leaves)).toBeLessThanOrEqual(t.rank);
            expect(t.resultRank).toBe(rankWith(c, g, id, t.leaves));
            for (const dropped of t.leaves) {
              expect(rankWith(c, g, id, t.leaves.filter((l) => l !== dropped))).toBeGreaterThan(t.rank);
            }
            for (const l of t.leaves) expect(c.nodes[c.leafNode[c.leafIndexByCode.get(l.code)!]!]!.method?.type).not.toBe('survey');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('pickMinimalGains', () => {
  const gains = (xs: number[]) => xs.map((gain, i) => ({ code: `L${i}`, gain })).sort((a, b) => b.gain - a.gain || a.code.localeCompare(b.code));

  it('takes the fewest leaves and, for the last one, the smallest that closes the gap', () => {
    expect(pickMinimalGains(gains([10, 5, 3, 1]), 12)!.map((g) => g.gain)).toEqual([10, 3]);
    expect(pickMinimalGains(gains([10, 5, 3, 1]), 4)!.map((g) => g.gain)).toEqual([5]);
    expect(pickMinimalGains(gains([10, 5, 3, 1]), 20)).toBeNull();
    expect(pickMinimalGains(gains([10]), 0)).toEqual([]);
  });

  it('uses the minimum number of leaves (brute force) and is minimal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 150 }), (xs, needed) => {
        const g = gains(xs);
        const picked = pickMinimalGains(g, needed);
        let best: number | null = null;
        for (let mask = 1; mask < 1 << xs.length; mask++) {
          let s = 0;
          let n = 0;
          for (let i = 0; i < xs.length; i++) {
            if (mask & (1 << i)) {
              s += xs[i]!;
              n++;
            }
          }
          if (s >= needed && (best === null || n < best)) best = n;
        }
        if (best === null) {
          expect(picked).toBeNull();
          return;
        }
        expect(picked!.length).toBe(best);
        const sum = picked!.reduce((a, x) => a + x.gain, 0);
        expect(sum).toBeGreaterThanOrEqual(needed);
        for (const x of picked!) expect(sum - x.gain).toBeLessThan(needed);
      }),
    );
  });
});
