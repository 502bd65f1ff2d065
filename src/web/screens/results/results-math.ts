/**
 * Figures the results screens derive in the browser from the group's results (the server sends indices as
 * "84.64" strings): group averages per field, the spread of the total index, and the heat colour of a cell.
 */
import type { AgencyResultRow, GroupResults } from '../../api/results';

/** An index string ("84.64") as a number of percent, or null. */
export function indexValue(s: string | null | undefined): number | null {
  if (s === null || s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The plain mean of the non-null values, or null when there is none. */
export function mean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The group average of each field's component index (agencies where the field applies). */
export function fieldAverages(r: GroupResults): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const f of r.fields) {
    out.set(f.code, mean(r.agencies.map((a) => indexValue(a.components.find((c) => c.code === f.code)?.index))));
  }
  return out;
}

export interface GroupStats {
  count: number;
  average: number | null;
  best: AgencyResultRow | null;
  worst: AgencyResultRow | null;
  /** Number of agencies per classification code, in the framework's band order. */
  bands: { code: string; labelVi: string; labelEn: string; count: number }[];
}

/** Count, average, best and worst total index, and the distribution over classification bands. */
export function groupStats(r: GroupResults): GroupStats {
  const scored = r.agencies.filter((a) => indexValue(a.totalIndex) !== null);
  const byIndex = [...scored].sort((a, b) => (indexValue(b.totalIndex) ?? 0) - (indexValue(a.totalIndex) ?? 0));
  return {
    count: r.agencies.length,
    average: mean(scored.map((a) => indexValue(a.totalIndex))),
    best: byIndex[0] ?? null,
    worst: byIndex[byIndex.length - 1] ?? null,
    bands: r.framework.bands.map((b) => ({
      code: b.code,
      labelVi: b.labelVi,
      labelEn: b.labelEn,
      count: r.agencies.filter((a) => a.classification?.code === b.code).length,
    })),
  };
}

/**
 * The background of a component-index cell: red at 40% and below, through amber around 70%, to green at 100%,
 * light enough that dark text keeps AA contrast.
 */
export function heatColor(value: number | null): string | undefined {
  if (value === null) return undefined;
  const x = Math.min(1, Math.max(0, (value - 40) / 60));
  const hue = Math.round(x * 125);
  const lightness = Math.round(88 + 4 * x);
  return `hsl(${hue} 70% ${lightness}%)`;
}
