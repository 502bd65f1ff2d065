import { describe, expect, it } from 'vitest';
import { compileFramework, computeStageResult } from '../compute-index';
import { sampleFramework, sampleInputs } from '../fixtures.test-support';
import { agencyFromFields } from './fixtures.test-support';
import { distribution, heatmap, movers, weakestFields, weakestLeaves } from './province';
import { agencyResultFromLeaves, agencyResultFromStage, fieldsOf, type GroupYear } from './types';

const compiled = compileFramework(sampleFramework());
const fields = fieldsOf(compiled);
const mk = (id: string, leaves: Record<string, number | null>) => agencyResultFromLeaves(compiled, { agencyId: id, code: id.toUpperCase(), nameVi: id, nameEn: id }, leaves);
const group: GroupYear = {
  year: 2024,
  groupLabel: { vi: 'sở, ban, ngành', en: 'departments' },
  fields,
  agencies: [
    agencyResultFromStage(compiled, { agencyId: 'a', code: 'A', nameVi: 'a', nameEn: 'a' }, computeStageResult(compiled, sampleInputs(), 'effective')),
    mk('b', { '1.1.1': 10_000, '1.1.2': 20_000, '1.1.3': 10_000, '1.2.1': 20_000, '2.1': 40_000 }),
    mk('c', { '1.1.1': 0, '1.1.2': 0, '1.1.3': 0, '1.2.1': 10_000, '2.1': 10_000 }),
  ],
};

describe('distribution', () => {
  it('bins indices with the last bin including 100 %, and counts missing indices', () => {
    const d = distribution([0, 999, 1000, 9999, 10_000, null, 5000], 1000);
    expect(d.bins).toHaveLength(10);
    expect(d.bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(d.bins[9]).toEqual({ from: 9000, to: 10_000, count: 2 });
    expect(d.missing).toBe(1);
    const odd = distribution([10_000, 9999], 3000);
    expect(odd.bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 3000, 0],
      [3000, 6000, 0],
      [6000, 9000, 0],
      [9000, 10_000, 2],
    ]);
    expect(() => distribution([], 0)).toThrow(RangeError);
  });
});

describe('heatmap', () => {
  it('lists agencies in rank order with per-field min, max and exact mean', () => {
    const h = heatmap(group);
    expect(h.rows.map((r) => [r.agencyId, r.rank, r.totalIndex, r.cells])).toEqual([
      ['b', 1, 10_000, [10_000, 10_000]],
      ['a', 2, 7125, [6250, 8000]],
      ['c', 3, 2000, [1667, 2500]],
    ]);
    expect(h.fields.map((f) => [f.code, f.min, f.max, f.mean, f.count])).toEqual([
      ['1', 1667, 10_000, 5972, 3],
      ['2', 2500, 10_000, 6833, 3],
    ]);
  });
});

describe('weakest fields and leaves', () => {
  it('ranks fields by mean share of the maximum lost', () => {
    expect(weakestFields(group).map((f) => [f.code, f.meanLost, f.agencies, f.lostPoints])).toEqual([
      ['1', 4028, 3, 15_000 + 0 + 50_000],
      ['2', 3167, 3, 8000 + 0 + 30_000],
    ]);
  });

  it('ranks leaves by exact mean share lost among agencies where they apply', () => {
    const w = weakestLeaves(compiled, group);
    expect(w.map((l) => [l.code, l.agencies, l.agenciesLosing, l.lostPoints, l.meanLost])).toEqual([
      ['1.1.2', 3, 2, 30_000, 5000],
      ['1.1.1', 3, 2, 15_000, 5000],
      ['1.1.3', 3, 1, 10_000, 3333],
      ['2.1', 3, 2, 38_000, 3167],
      ['1.2.1', 2, 1, 10_000, 2500],
    ]);
    expect(weakestLeaves(compiled, group, 2)).toHaveLength(2);
  });
});

describe('movers', () => {
  it('lists the biggest climbers and fallers among agencies ranked both years', () => {
    const F = [['1', 1, 1]] as [string, number, number][];
    const at = (year: number, idx: Record<string, number>): GroupYear => ({
      year,
      groupLabel: { vi: 'x', en: 'x' },
      fields: [{ code: '1', nameVi: '1', nameEn: '1' }],
      agencies: Object.entries(idx).map(([id, v]) => ({ ...agencyFromFields(id, id.toUpperCase(), F), totalIndex: v })),
    });
    const prev = at(2018, { a: 9000, b: 8000, c: 7000, d: 6000, gone: 5000 });
    const cur = at(2019, { a: 5000, b: 8100, c: 9500, d: 6000, fresh: 9900 });
    const m = movers(cur, prev);
    expect(m.climbers.map((x) => [x.agencyId, x.previousRank, x.rank, x.change, x.indexChange])).toEqual([
      ['c', 3, 2, 1, 2500],
    ]);
    expect(m.fallers.map((x) => [x.agencyId, x.previousRank, x.rank, x.change, x.indexChange])).toEqual([
      ['a', 1, 5, -4, -4000],
      ['b', 2, 3, -1, 100],
    ]);
  });
});
