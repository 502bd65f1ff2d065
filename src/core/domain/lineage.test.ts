import { describe, expect, it } from 'vitest';
import { trends, type HistoryPoint } from './analysis/trends';
import { comparedWith, followLineage, lineageSegments, predecessorLink, validateLineageEvent, type LineageEvent } from './lineage';

const ev = (id: number, year: number, kind: LineageEvent['kind'], from: number[], to: number[], extra: Partial<LineageEvent> = {}): LineageEvent => ({
  id,
  year,
  kind,
  comparison: 'predecessor',
  predecessorId: kind === 'merge' ? from[0]! : null,
  from,
  to,
  ...extra,
});

// Agencies: 1 (A), 2 (B), 3 (C), 4 (A′), 5, 6.
const pts = (rows: [number, number, number, number][]): HistoryPoint[] => rows.map(([year, totalIndex, rank, of]) => ({ year, totalIndex, rank, of }));
const POINTS: Record<number, HistoryPoint[]> = {
  1: pts([[2022, 7000, 5, 20], [2023, 7200, 4, 20], [2024, 7500, 3, 20]]),
  2: pts([[2023, 8000, 1, 20], [2024, 8100, 2, 20]]),
  3: pts([[2025, 8300, 2, 18]]),
  4: pts([[2025, 7700, 6, 18]]),
  5: pts([[2025, 6900, 9, 18]]),
  6: pts([[2025, 7800, 4, 18]]),
};
const pointsOf = (id: number) => POINTS[id] ?? [];
const series = (id: number, events: LineageEvent[]) => trends(followLineage(id, events, pointsOf).map((p) => p.point));

describe('lineage: which agency stands for an agency before a change', () => {
  it.each([
    ['rename A → A′ continues A', [ev(1, 2025, 'rename', [1], [4])], 4, [[4, 2025, null], [1, null, 2025]]],
    ['merger A + B → C compared with B', [ev(1, 2025, 'merge', [1, 2], [3], { predecessorId: 2 })], 3, [[3, 2025, null], [2, null, 2025]]],
    ['merger A + B → C compared with none starts a new history', [ev(1, 2025, 'merge', [1, 2], [3], { comparison: 'none', predecessorId: null })], 3, [[3, 2025, null]]],
    ['split A → B + C: each successor continues A', [ev(1, 2025, 'split', [1], [5, 6])], 6, [[6, 2025, null], [1, null, 2025]]],
    ['no event: the agency alone', [], 1, [[1, null, null]]],
    ['a chain: A → A′ in 2023, A′ + B → C in 2025 (compared with A′)', [ev(1, 2023, 'rename', [1], [4]), ev(2, 2025, 'merge', [4, 2], [3], { predecessorId: 4 })], 3, [[3, 2025, null], [4, 2023, 2025], [1, null, 2023]]],
  ] as const)('%s', (_name, events, agency, expected) => {
    expect(lineageSegments(agency, events as unknown as LineageEvent[]).map((s) => [s.agencyId, s.fromYear, s.toYear])).toEqual(expected);
  });

  it('a cycle of renames stops instead of looping', () => {
    const events = [ev(1, 2024, 'rename', [1], [4]), ev(2, 2023, 'rename', [4], [1])];
    expect(lineageSegments(4, events).length).toBeLessThanOrEqual(3);
  });

  it('predecessorLink names the rule the rank change used', () => {
    expect(predecessorLink(3, 2025, [ev(1, 2025, 'merge', [1, 2], [3], { predecessorId: 1 })])).toMatchObject({ predecessorId: 1, kind: 'merge', rule: 'predecessor' });
    expect(predecessorLink(3, 2025, [ev(1, 2025, 'merge', [1, 2], [3], { comparison: 'none', predecessorId: null })])).toBeNull();
    expect(predecessorLink(3, 2024, [ev(1, 2025, 'merge', [1, 2], [3])])).toBeNull();
  });

  it('comparedWith: itself without a change that year, the named predecessor of a merger, none when the merger is compared with none', () => {
    const merger = ev(1, 2025, 'merge', [1, 2], [3], { predecessorId: 2 });
    expect(comparedWith(3, 2025, [merger])).toBe(2);
    expect(comparedWith(3, 2025, [{ ...merger, comparison: 'none', predecessorId: null }])).toBeNull();
    expect(comparedWith(3, 2026, [merger])).toBe(3);
    expect(comparedWith(5, 2025, [merger])).toBe(5);
    expect(comparedWith(4, 2025, [ev(2, 2025, 'rename', [1], [4])])).toBe(1);
  });
});

describe('lineage: trends and rank change follow renames, mergers and splits', () => {
  it('rename: the renamed agency keeps its trend and its rank change against the old name', () => {
    const t = series(4, [ev(1, 2025, 'rename', [1], [4])]);
    expect(t.points.map((p) => p.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(t.points.at(-1)).toMatchObject({ rankChange: 3 - 6, indexChange: 7700 - 7500, previousYear: 2024 });
  });

  it('merger with the named predecessor: the rank change is against that predecessor; with none: no rank change', () => {
    const withB = series(3, [ev(1, 2025, 'merge', [1, 2], [3], { predecessorId: 2 })]);
    expect(withB.points.map((p) => p.year)).toEqual([2023, 2024, 2025]);
    expect(withB.points.at(-1)).toMatchObject({ rankChange: 2 - 2, indexChange: 200 });
    const none = series(3, [ev(1, 2025, 'merge', [1, 2], [3], { comparison: 'none', predecessorId: null })]);
    expect(none.points).toHaveLength(1);
    expect(none.points[0]).toMatchObject({ rankChange: null, indexChange: null });
  });

  it('split: both successors compare with the agency they came from', () => {
    const events = [ev(1, 2025, 'split', [1], [5, 6])];
    expect(series(5, events).points.at(-1)).toMatchObject({ rankChange: 3 - 9, previousYear: 2024 });
    expect(series(6, events).points.at(-1)).toMatchObject({ rankChange: 3 - 4, previousYear: 2024 });
  });

  it('the predecessor keeps only its own years (its trend stops where the successor starts)', () => {
    const events = [ev(1, 2025, 'rename', [1], [4])];
    expect(series(1, events).points.map((p) => p.year)).toEqual([2022, 2023, 2024]);
  });
});

describe('validateLineageEvent', () => {
  it.each([
    ['a rename with two successors', { year: 2025, kind: 'rename', comparison: 'predecessor', predecessorId: null, from: [1], to: [2, 3] }, 'from'],
    ['a merger of one agency', { year: 2025, kind: 'merge', comparison: 'none', predecessorId: null, from: [1], to: [3] }, 'from'],
    ['a merger compared with an agency that is not merged', { year: 2025, kind: 'merge', comparison: 'predecessor', predecessorId: 9, from: [1, 2], to: [3] }, 'predecessorId'],
    ['a split into one', { year: 2025, kind: 'split', comparison: 'predecessor', predecessorId: null, from: [1], to: [2] }, 'to'],
    ['an agency on both sides', { year: 2025, kind: 'rename', comparison: 'predecessor', predecessorId: null, from: [1], to: [1] }, 'to'],
  ] as const)('refuses %s', (_n, e, path) => {
    expect(validateLineageEvent(e as never).map((p) => p.path)).toContain(path);
  });
  it('accepts the three shapes', () => {
    expect(validateLineageEvent({ year: 2025, kind: 'rename', comparison: 'predecessor', predecessorId: null, from: [1], to: [2] })).toEqual([]);
    expect(validateLineageEvent({ year: 2025, kind: 'merge', comparison: 'predecessor', predecessorId: 2, from: [1, 2], to: [3] })).toEqual([]);
    expect(validateLineageEvent({ year: 2025, kind: 'split', comparison: 'predecessor', predecessorId: null, from: [1], to: [2, 3] })).toEqual([]);
  });
});
