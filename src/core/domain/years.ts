import type { Phase } from './workflow';

/** A year the top bar offers: it has a period (with its phase) or imported historical results, or both. */
export interface YearEntry {
  year: number;
  /** The phase of the year's period; null when the year has only historical results. */
  phase: Phase | null;
  hasHistory: boolean;
}

/**
 * The year every screen opens on when neither the URL nor the user's choice names one (decision 0015): the period in
 * progress (any phase between set-up and publication, the newest if several), else the latest published period,
 * else the latest period being set up, else the latest year of history; null when the province has no year at all.
 */
export function defaultYear(entries: readonly YearEntry[]): number | null {
  const newest = (pick: (e: YearEntry) => boolean) => entries.filter(pick).reduce<number | null>((m, e) => (m === null || e.year > m ? e.year : m), null);
  return (
    newest((e) => e.phase !== null && e.phase !== 'setup' && e.phase !== 'published') ??
    newest((e) => e.phase === 'published') ??
    newest((e) => e.phase === 'setup') ??
    newest(() => true)
  );
}

/** Merges period years and history years into one list, newest first. */
export function mergeYears(periods: readonly { year: number; phase: Phase }[], historyYears: readonly number[]): YearEntry[] {
  const byYear = new Map<number, YearEntry>();
  for (const p of periods) byYear.set(p.year, { year: p.year, phase: p.phase, hasHistory: false });
  for (const y of historyYears) {
    const e = byYear.get(y);
    if (e) e.hasHistory = true;
    else byYear.set(y, { year: y, phase: null, hasHistory: true });
  }
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}
