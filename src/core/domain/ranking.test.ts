import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankAgencies, rankChanges, type RankInput } from './ranking';

const agency = (agencyId: string, code: string, indexHundredths: number): RankInput => ({ agencyId, code, nameVi: code, indexHundredths });

describe('rankAgencies', () => {
  it('gives equal index equal rank, competition style (1, 2, 2, 4)', () => {
    const ranked = rankAgencies([agency('a', 'SNV', 8000), agency('b', 'STP', 9000), agency('c', 'STC', 8000), agency('d', 'SXD', 7000)]);
    expect(ranked.map((r) => [r.code, r.rank, r.tied])).toEqual([
      ['STP', 1, false],
      ['SNV', 2, true],
      ['STC', 2, true],
      ['SXD', 4, false],
    ]);
  });

  it('orders ties by code (natural) then agencyId, whatever the input order', () => {
    const entries = [agency('z', 'S10', 8000), agency('y', 'S9', 8000), agency('x', 'S9', 8000), agency('w', 'S1', 9500)];
    const expected = ['w', 'x', 'y', 'z'];
    expect(rankAgencies(entries).map((r) => r.agencyId)).toEqual(expected);
    expect(rankAgencies([...entries].reverse()).map((r) => r.agencyId)).toEqual(expected);
  });

  it('ranks by the official hundredths: 79.995% published as 80.00% ties with 80.00%', () => {
    // both agencies' indices are the rounded-once hundredths (see indexHundredths)
    const ranked = rankAgencies([agency('a', 'A', 8000), agency('b', 'B', 8000), agency('c', 'C', 7999)]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it('handles an empty group and rejects non-integer indices', () => {
    expect(rankAgencies([])).toEqual([]);
    expect(() => rankAgencies([agency('a', 'A', 80.5)])).toThrow(RangeError);
  });

  it('is a permutation with competition ranks; same index ⇔ same rank', () => {
    const arbEntries = fc.uniqueArray(
      fc.record({ agencyId: fc.string({ minLength: 1, maxLength: 4 }), code: fc.string({ maxLength: 3 }), indexHundredths: fc.integer({ min: 0, max: 30 }) }),
      { selector: (e) => e.agencyId, maxLength: 40 },
    );
    fc.assert(
      fc.property(arbEntries, (raw) => {
        const entries = raw.map((e) => ({ ...e, nameVi: '' }));
        const ranked = rankAgencies(entries);
        expect(ranked.map((r) => r.agencyId).sort()).toEqual(entries.map((e) => e.agencyId).sort());
        for (const r of ranked) {
          const higher = entries.filter((e) => e.indexHundredths > r.indexHundredths).length;
          expect(r.rank).toBe(higher + 1);
          expect(r.tied).toBe(entries.filter((e) => e.indexHundredths === r.indexHundredths).length > 1);
        }
        for (const a of ranked) for (const b of ranked) expect(a.indexHundredths === b.indexHundredths).toBe(a.rank === b.rank);
        for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.indexHundredths).toBeLessThanOrEqual(ranked[i - 1]!.indexHundredths);
        // deterministic: any input order gives the same output
        expect(rankAgencies([...entries].reverse())).toEqual(ranked);
      }),
    );
  });
});

describe('rankChanges', () => {
  it('is previous rank minus rank (positive = climbed), null without a previous rank', () => {
    const ranked = rankAgencies([agency('bdt', 'BDT', 6000), agency('snv', 'SNV', 9000), agency('new', 'NEW', 7000)]);
    const changes = rankChanges(
      ranked,
      new Map([
        ['bdt', 1],
        ['snv', 3],
      ]),
    );
    expect(changes.map((c) => [c.agencyId, c.rank, c.previousRank, c.change])).toEqual([
      ['snv', 1, 3, 2],
      ['new', 2, null, null],
      ['bdt', 3, 1, -2],
    ]);
  });

  it('reports the Ban Dân tộc story: 11th → 20th is −9', () => {
    const entries = Array.from({ length: 20 }, (_, i) => agency(`a${i}`, `S${i}`, 9000 - i * 10));
    const ranked = rankAgencies(entries);
    const last = rankChanges(ranked, new Map([['a19', 11]])).find((c) => c.agencyId === 'a19');
    expect(last).toMatchObject({ rank: 20, previousRank: 11, change: -9 });
  });
});
