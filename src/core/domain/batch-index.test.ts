import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from './arbitraries.test-support';
import { computeBatchFromTopSums, rankBatch } from './batch-index';
import { compileFramework, computeIndexFromTopSums, NOT_APPLICABLE_UNITS } from './compute-index';
import { rankAgencies } from './ranking';

describe('batch engine', () => {
  it('gives every agency the same result as the one-agency engine', () => {
    fc.assert(
      fc.property(
        arbFramework().chain((f) => {
          const compiled = compileFramework(f);
          const agency = fc.tuple(
            ...compiled.leafCodes.map((code, i) => {
              const node = compiled.nodes[compiled.leafNode[i]!]!;
              const values = fc.integer({ min: 0, max: compiled.leafMax[i]! });
              return node.mayBeNotApplicable ? fc.oneof(values, fc.constant(NOT_APPLICABLE_UNITS)) : values;
            }),
          );
          return fc.array(agency, { minLength: 1, maxLength: 12 }).map((agencies) => ({ compiled, agencies }));
        }),
        ({ compiled, agencies }) => {
          const tops = compiled.tops.length;
          const sums = new Float64Array(agencies.length * tops);
          const na: string[][] = [];
          agencies.forEach((units, a) => {
            na.push([]);
            units.forEach((u, i) => {
              if (u < 0) na[a]!.push(compiled.leafCodes[i]!);
              else sums[a * tops + compiled.leafTop[i]!] = sums[a * tops + compiled.leafTop[i]!]! + u;
            });
          });
          const batch = computeBatchFromTopSums(compiled, sums, na);
          agencies.forEach((_, a) => {
            const one = computeIndexFromTopSums(compiled, sums.subarray(a * tops, (a + 1) * tops), na[a]!);
            expect(Number.isNaN(batch.totalIndex[a]!) ? null : batch.totalIndex[a]).toBe(one.totalIndex);
            expect(batch.totalPoints[a]).toBe(one.totalPoints);
            expect(batch.bonus[a]).toBe(one.bonus);
            expect(batch.deduction[a]).toBe(one.deduction);
            for (let t = 0; t < tops; t++) {
              const ti = batch.topIndex[a * tops + t]!;
              expect(Number.isNaN(ti) ? null : ti).toBe(one.topIndex[t]);
              expect(batch.topApplicableMax[a * tops + t]).toBe(one.topApplicableMax[t]);
            }
          });
        },
      ),
    );
  });

  it('ranks exactly like rankAgencies, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ code: fc.constantFrom('A1', 'A2', 'A10', 'B', 'B.2', 'C'), index: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const ids = rows.map((_, i) => `id${i}`);
          const batch = rankBatch(
            rows.map((r) => r.index),
            rows.map((r) => r.code),
            ids,
          );
          const ref = rankAgencies(rows.map((r, i) => ({ agencyId: ids[i]!, code: r.code, nameVi: '', indexHundredths: r.index })));
          expect([...batch.order].map((i) => ids[i])).toEqual(ref.map((r) => r.agencyId));
          for (const r of ref) {
            const i = ids.indexOf(r.agencyId);
            expect([batch.rank[i], batch.tied[i] === 1]).toEqual([r.rank, r.tied]);
          }
        },
      ),
    );
  });
});
