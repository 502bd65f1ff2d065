/**
 * Ranking (xếp hạng) of agencies within a group by their official index, in hundredths of a percent (the
 * published 2-decimal value): equal index ⇒ equal rank, competition ranking 1, 2, 2, 4 (methodology.md §7; the
 * reference framework's `ranking.tie_break`), and rank change against the previous year.
 */
import { compareCodes } from './framework-tree';

/** An agency to rank: its official total index in hundredths of a percent (8464 = 84.64%). */
export interface RankInput {
  agencyId: string;
  code: string;
  nameVi: string;
  indexHundredths: number;
}

/** A ranked agency: `rank` is the competition rank (1 = best), `tied` is true when another agency shares it. */
export type RankedEntry<T extends RankInput = RankInput> = T & { rank: number; tied: boolean };

/** A ranked agency with its change against the previous period: change = previousRank − rank (positive = climbed), null without a previous rank. */
export type RankChange<T extends RankInput = RankInput> = RankedEntry<T> & {
  previousRank: number | null;
  change: number | null;
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ranks agencies by official index descending with competition ranks (1, 2, 2, 4); ties are listed by agency code (natural order) then agencyId. */
export function rankAgencies<T extends RankInput>(entries: readonly T[]): RankedEntry<T>[] {
  for (const e of entries) {
    if (!Number.isSafeInteger(e.indexHundredths)) {
      throw new RangeError(`indexHundredths of ${e.agencyId} must be an integer (hundredths of a percent)`);
    }
  }
  const sorted = [...entries].sort(
    (a, b) => b.indexHundredths - a.indexHundredths || compareCodes(a.code, b.code) || compareText(a.agencyId, b.agencyId),
  );
  const out: RankedEntry<T>[] = [];
  let rank = 0;
  sorted.forEach((entry, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.indexHundredths !== entry.indexHundredths) rank = i + 1;
    const next = sorted[i + 1];
    const tied = (prev?.indexHundredths ?? null) === entry.indexHundredths || (next?.indexHundredths ?? null) === entry.indexHundredths;
    out.push({ ...entry, rank, tied });
  });
  return out;
}

/** Adds each agency's previous rank and change (previousRank − rank; +9 means it climbed 9 places, −9 that it fell); null when it had no previous rank. */
export function rankChanges<T extends RankInput>(
  current: readonly RankedEntry<T>[],
  previous: ReadonlyMap<string, number>,
): RankChange<T>[] {
  return current.map((entry) => {
    const previousRank = previous.get(entry.agencyId) ?? null;
    return { ...entry, previousRank, change: previousRank === null ? null : previousRank - entry.rank };
  });
}
