/**
 * Ten-year trends of an agency (docs/analysis.md §7): its total index, rank and group size per year, sorted, with
 * the change against the previous year that has data (gaps tolerated and reported), and optionally its component
 * indices per field. Indices in hundredths of a percent.
 */

/** One year of an agency's history as stored (published snapshots or imported history). */
export interface HistoryPoint {
  year: number;
  totalIndex: number | null;
  rank: number | null;
  /** Number of agencies ranked in the group that year. */
  of: number | null;
  /** Component indices by field code, when known. */
  fields?: Readonly<Record<string, number | null>>;
}

/** A point of the trend series with its changes against the previous point that has the value. */
export interface TrendPoint extends HistoryPoint {
  /** totalIndex − the previous known totalIndex (hundredths), null for the first or without an index. */
  indexChange: number | null;
  /** previous rank − rank (positive = climbed), null for the first or without a rank. */
  rankChange: number | null;
  /** The year compared with (the previous point), null for the first point. */
  previousYear: number | null;
  /** True when years are missing between previousYear and year. */
  afterGap: boolean;
  /** Field index changes against the previous point (hundredths), for fields known in both. */
  fieldChanges: Record<string, number>;
}

/** The series sorted by year with the first and last year and the missing years in between (for charts with gaps). */
export interface Trend {
  points: TrendPoint[];
  from: number | null;
  to: number | null;
  missingYears: number[];
  /** Best and worst rank and index over the series, with their years (earliest year on ties). */
  bestRank: { rank: number; year: number } | null;
  worstRank: { rank: number; year: number } | null;
  bestIndex: { index: number; year: number } | null;
  worstIndex: { index: number; year: number } | null;
}

/** Sorts an agency's history by year (throws RangeError on a repeated year) and adds year-over-year changes, tolerating gaps. */
export function trends(history: readonly HistoryPoint[]): Trend {
  const sorted = [...history].sort((a, b) => a.year - b.year);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.year === sorted[i - 1]!.year) throw new RangeError(`Year ${sorted[i]!.year} appears twice`);
  let lastIndex: number | null = null;
  let lastRank: number | null = null;
  let lastFields: Readonly<Record<string, number | null>> = {};
  const points: TrendPoint[] = sorted.map((p, i) => {
    const prev = sorted[i - 1] ?? null;
    const fieldChanges: Record<string, number> = {};
    for (const [code, v] of Object.entries(p.fields ?? {})) {
      const before = lastFields[code];
      if (v !== null && before !== null && before !== undefined) fieldChanges[code] = v - before;
    }
    const point: TrendPoint = {
      ...p,
      indexChange: p.totalIndex !== null && lastIndex !== null ? p.totalIndex - lastIndex : null,
      rankChange: p.rank !== null && lastRank !== null ? lastRank - p.rank : null,
      previousYear: prev ? prev.year : null,
      afterGap: prev !== null && p.year - prev.year > 1,
      fieldChanges,
    };
    if (p.totalIndex !== null) lastIndex = p.totalIndex;
    if (p.rank !== null) lastRank = p.rank;
    lastFields = { ...lastFields, ...Object.fromEntries(Object.entries(p.fields ?? {}).filter(([, v]) => v !== null)) };
    return point;
  });
  const from = sorted[0]?.year ?? null;
  const to = sorted[sorted.length - 1]?.year ?? null;
  const present = new Set(sorted.map((p) => p.year));
  const missingYears: number[] = [];
  if (from !== null && to !== null) for (let y = from + 1; y < to; y++) if (!present.has(y)) missingYears.push(y);
  const pick = <K extends 'rank' | 'totalIndex'>(key: K, better: (a: number, b: number) => boolean) => {
    let out: { value: number; year: number } | null = null;
    for (const p of sorted) {
      const v = p[key];
      if (v !== null && (out === null || better(v, out.value))) out = { value: v, year: p.year };
    }
    return out;
  };
  const bestR = pick('rank', (a, b) => a < b);
  const worstR = pick('rank', (a, b) => a > b);
  const bestI = pick('totalIndex', (a, b) => a > b);
  const worstI = pick('totalIndex', (a, b) => a < b);
  return {
    points,
    from,
    to,
    missingYears,
    bestRank: bestR && { rank: bestR.value, year: bestR.year },
    worstRank: worstR && { rank: worstR.value, year: worstR.year },
    bestIndex: bestI && { index: bestI.value, year: bestI.year },
    worstIndex: worstI && { index: worstI.value, year: worstI.year },
  };
}
