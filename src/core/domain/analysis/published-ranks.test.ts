import { describe, expect, it } from 'vitest';
import { movers } from './province';
import { summarizeAgency } from './summary';
import { rankGroup, type AgencyResultInput, type GroupYear } from './types';

const agency = (id: string, totalIndex: number | null, published?: { rank: number | null; of: number | null }): AgencyResultInput => ({
  agencyId: id,
  code: id,
  nameVi: id,
  nameEn: id,
  totalIndex,
  fields: [],
  ...(published ? { published } : {}),
});
const year = (y: number, agencies: AgencyResultInput[]): GroupYear => ({ year: y, groupLabel: { vi: 'sở, ban, ngành', en: 'departments' }, fields: [], agencies });

describe('an imported year keeps its published ranks (never re-ranked among the imported rows)', () => {
  it.each([
    ['two of 63, published 19 and 7', [agency('A', 8120, { rank: 19, of: 63 }), agency('B', null, { rank: 7, of: 63 })], { A: { rank: 19, of: 63, tied: false }, B: { rank: 7, of: 63, tied: false } }],
    ['a shared published rank is a tie', [agency('A', 8000, { rank: 3, of: 20 }), agency('B', 8000, { rank: 3, of: 20 })], { A: { rank: 3, of: 20, tied: true }, B: { rank: 3, of: 20, tied: true } }],
    ['a row without a published rank has no rank', [agency('A', 8000, { rank: 2, of: 20 }), agency('B', 9000, { rank: null, of: 20 })], { A: { rank: 2, of: 20, tied: false } }],
    ['no published ranks: ranked among themselves', [agency('A', 8000), agency('B', 9000)], { A: { rank: 2, of: 2, tied: false }, B: { rank: 1, of: 2, tied: false } }],
  ] as const)('%s', (_name, agencies, expected) => {
    expect(Object.fromEntries(rankGroup({ agencies: agencies as unknown as AgencyResultInput[] }))).toEqual(expected);
  });

  it('the summary and the movers compare with the published previous rank', () => {
    const previous = year(2024, [agency('A', 8120, { rank: 19, of: 63 }), agency('B', 9000, { rank: 7, of: 63 })]);
    const current = year(2025, [agency('A', 9100), agency('B', 8000)]);
    expect(summarizeAgency(current, previous, 'A')).toMatchObject({ previousRank: 19, change: 18 });
    const m = movers(current, previous, 5);
    // Among the two alone B would fall from 1st to 2nd; against the published ranks both climbed.
    expect(m.climbers.map((x) => [x.agencyId, x.previousRank, x.rank])).toEqual([['A', 19, 1], ['B', 7, 2]]);
    expect(m.fallers).toEqual([]);
  });
});
