import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from '../arbitraries.test-support';
import { compileFramework } from '../compute-index';
import { rankAgencies } from '../ranking';
import { frameworkFromReference } from '../reference-framework';
import { arbGroup, randomGroup } from './fixtures.test-support';
import { percentileOf, rankRobustness, type SurveyIntervals } from './robustness';
import type { GroupYear } from './types';

// The reference department framework (8 fields, 66 leaves, 8 survey leaves), vendored with the demo seed data.
const referencePath = process.env.REFERENCE_FRAMEWORK_JSON ?? fileURLToPath(new URL('../../../server/seed/data/framework-department.json', import.meta.url));
const compiled = compileFramework(frameworkFromReference(JSON.parse(readFileSync(referencePath, 'utf8')), 2019, { groupCode: 'department' }));
const surveyCodes = compiled.leafCodes.filter((_, i) => compiled.nodes[compiled.leafNode[i]!]!.method?.type === 'survey');

/** ± `half` units around each survey leaf's points, clamped to [0, max]. */
function intervalsFor(group: GroupYear, half: number): SurveyIntervals {
  const out: Record<string, Record<string, { low: number; high: number }>> = {};
  for (const a of group.agencies) {
    out[a.agencyId] = {};
    for (const code of surveyCodes) {
      const u = a.leaves![code];
      if (u === null || u === undefined) continue;
      const max = compiled.leafMax[compiled.leafIndexByCode.get(code)!]!;
      out[a.agencyId]![code] = { low: Math.max(0, u - half), high: Math.min(max, u + half) };
    }
  }
  return out;
}

const officialRank = (g: GroupYear, id: string) =>
  rankAgencies(g.agencies.map((a) => ({ agencyId: a.agencyId, code: a.code, nameVi: '', indexHundredths: a.totalIndex ?? 0 }))).find((r) => r.agencyId === id)!.rank;

describe('rankRobustness', () => {
  const group = randomGroup(compiled, 40, 2019);
  const intervals = intervalsFor(group, 3000);
  const ids = group.agencies.slice(0, 5).map((a) => a.agencyId);

  it('is deterministic for a seed and independent of the order of agencies', () => {
    const a = rankRobustness(compiled, group, intervals, ids, { seed: 'council-2019', draws: 300 });
    const b = rankRobustness(compiled, { ...group, agencies: [...group.agencies].reverse() }, intervals, ids, { seed: 'council-2019', draws: 300 });
    expect(b).toEqual(a);
    const c = rankRobustness(compiled, group, intervals, ids, { seed: 'council-2020', draws: 300 });
    expect(c.agencies.map((x) => x.probabilities)).not.toEqual(a.agencies.map((x) => x.probabilities));
  });

  it('reports a consistent distribution around the official rank', () => {
    for (const distribution of ['uniform', 'triangular'] as const) {
      const r = rankRobustness(compiled, group, intervals, ids, { seed: 7, draws: 500, distribution });
      expect(r.drawnLeaves).toBeGreaterThan(0);
      for (const x of r.agencies) {
        expect(x.currentRank).toBe(officialRank(group, x.agencyId));
        expect(x.ranks.min).toBeLessThanOrEqual(x.ranks.p5);
        expect(x.ranks.p5).toBeLessThanOrEqual(x.ranks.p50);
        expect(x.ranks.p50).toBeLessThanOrEqual(x.ranks.p95);
        expect(x.ranks.p95).toBeLessThanOrEqual(x.ranks.max);
        expect(x.ranks.max).toBeLessThanOrEqual(group.agencies.length);
        expect(x.probabilities.reduce((s, p) => s + p.count, 0)).toBe(500);
        expect(x.probabilities.map((p) => p.rank)).toEqual([...x.probabilities.map((p) => p.rank)].sort((a, b) => a - b));
        expect(x.appraisal!.best.rank).toBeLessThanOrEqual(x.currentRank);
        expect(x.appraisal!.worst.rank).toBeGreaterThanOrEqual(x.currentRank);
        expect(x.appraisal!.best.index!).toBeGreaterThanOrEqual(x.currentIndex!);
        expect(x.appraisal!.worst.index!).toBeLessThanOrEqual(x.currentIndex!);
      }
    }
  });

  it('gives the official rank every time when no interval has width', () => {
    const r = rankRobustness(compiled, group, intervalsFor(group, 0), ids, { seed: 1, draws: 50 });
    expect(r.drawnLeaves).toBe(0);
    for (const x of r.agencies) {
      expect(x.probabilities).toEqual([{ rank: x.currentRank, count: 50, percent: 10_000 }]);
      expect(x.index).toEqual({ min: x.currentIndex, p5: x.currentIndex, p50: x.currentIndex, p95: x.currentIndex, max: x.currentIndex });
    }
  });

  it('widens the rank interval as survey intervals widen', () => {
    const spread = (half: number) => {
      const r = rankRobustness(compiled, group, intervalsFor(group, half), group.agencies.map((a) => a.agencyId), { seed: 3, draws: 200 });
      return r.agencies.reduce((s, x) => s + (x.ranks.p95 - x.ranks.p5), 0);
    };
    expect(spread(500)).toBeLessThan(spread(5000));
  });

  it('draws every survey leaf within its interval: indices stay between the all-low and all-high cases', () => {
    fc.assert(
      fc.property(
        arbFramework({ maxFields: 3 }).chain((f) => {
          const c = compileFramework(f);
          return fc.tuple(fc.constant(c), arbGroup(c, 5), fc.integer(), fc.integer({ min: 0, max: 20_000 }));
        }),
        ([c, g, seed, half]) => {
          const iv: Record<string, Record<string, { low: number; high: number }>> = {};
          for (const a of g.agencies) {
            iv[a.agencyId] = {};
            c.leafCodes.forEach((code, i) => {
              const u = a.leaves![code];
              if (c.nodes[c.leafNode[i]!]!.method?.type !== 'survey' || u === null || u === undefined) return;
              iv[a.agencyId]![code] = { low: Math.max(0, u - half), high: Math.min(c.leafMax[i]!, u + half) };
            });
          }
          const id = g.agencies[0]!.agencyId;
          const r = rankRobustness(c, g, iv, [id], { seed, draws: 40, distribution: seed % 2 ? 'uniform' : 'triangular' });
          const x = r.agencies[0]!;
          expect(x.ranks.min).toBeGreaterThanOrEqual(1);
          expect(x.ranks.max).toBeLessThanOrEqual(g.agencies.length);
          if (r.drawnLeaves === 0) expect(x.probabilities).toEqual([{ rank: officialRank(g, id), count: 40, percent: 10_000 }]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs 300 agencies × 1000 draws (the province case; timed in docs/analysis.md, not asserted here)', () => {
    const big = randomGroup(compiled, 300, 42);
    const r = rankRobustness(compiled, big, intervalsFor(big, 4000), big.agencies.map((a) => a.agencyId), { seed: 42, draws: 1000 });
    expect(r.agencies).toHaveLength(300);
    expect(r.drawnLeaves).toBeGreaterThan(1000);
  });

  it('validates its arguments', () => {
    expect(() => rankRobustness(compiled, group, {}, ['nobody'], { seed: 1 })).toThrow(RangeError);
    expect(() => rankRobustness(compiled, group, {}, ids, { seed: 1, draws: 0 })).toThrow(RangeError);
  });
});

describe('percentileOf', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[4], 95, 4],
    [[1, 2], 0, 1],
  ])('nearest rank of %j at %s%% is %s', (xs, p, v) => {
    expect(percentileOf(xs, p)).toBe(v);
  });
});
