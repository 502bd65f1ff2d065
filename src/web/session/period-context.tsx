import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { type Location, useLocation, useNavigate } from 'react-router';
import type { YearEntry } from '../../core/domain/years';
import { type Me, saveYear, useCurrentUser } from '../api/auth';
import { ME_KEY } from '../api/keys';
import { useYears } from '../api/years';
import { PageSpinner } from '../components/full-page-spinner';

interface PeriodValue {
  /** The assessment year every screen, dialog and export works on (the index of year N is assessed during year N + 1). */
  year: number;
  /** The years the top bar offers (periods and history, newest first; the selected year is always among them). */
  years: number[];
  /** Each offered year's period phase (null: history only), for the picker's labels and the "no period" states. */
  entries: YearEntry[];
  /** The year a screen opens on without a choice: the period in progress, else the latest published (decision 0015). */
  defaultYear: number | null;
  /**
   * Selects another year: a new history entry (Back returns to the previous year), remembered for the user. `replace`
   * changes the current entry instead (a screen landing on the year it can show).
   */
  setYear: (year: number, options?: { replace?: boolean }) => void;
}

const PeriodContext = createContext<PeriodValue | null>(null);

/** Pages whose path carries the year (`/results/2019/agencies/12`); everywhere else it is `?year=`. */
const PATH_YEAR = /^(\/results\/)(\d{4})(\/agencies\/)/;

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 2000 && n <= 2100;
}

/** The year named by the address, or null. */
export function yearInLocation(location: Pick<Location, 'pathname' | 'search'>): number | null {
  const inPath = PATH_YEAR.exec(location.pathname);
  const raw = inPath ? inPath[2] : new URLSearchParams(location.search).get('year');
  const n = Number(raw);
  return raw && isYear(n) ? n : null;
}

/** The same address with another year (in the path where the page carries it there, else in `?year=`). */
export function withYear(location: Pick<Location, 'pathname' | 'search' | 'hash'>, year: number): string {
  if (PATH_YEAR.test(location.pathname)) return location.pathname.replace(PATH_YEAR, `$1${year}$3`) + location.search + location.hash;
  const params = new URLSearchParams(location.search);
  params.set('year', String(year));
  return `${location.pathname}?${params.toString()}${location.hash}`;
}

/**
 * The one selected year (decision 0015): the address's `?year=` (or the year in a scorecard's path) wins, so a link,
 * a bookmark, a reload and Back/Forward keep it; without one, the year the user last chose (stored on the account),
 * else the period in progress, else the latest published year. The resolved year is written into the address.
 */
export function PeriodProvider({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const years = useYears();
  const fromUrl = yearInLocation(location);
  const known = years.data?.items ?? [];
  const preferred = me.user.preferredYear;
  const fallback = years.data ? (preferred !== null && known.some((e) => e.year === preferred) ? preferred : (years.data.defaultYear ?? new Date().getFullYear())) : null;
  const year = fromUrl ?? fallback;

  // Remember the year in effect for the user (here and on their other devices), once per change.
  useEffect(() => {
    if (year === null || year === preferred) return;
    qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user: { ...old.user, preferredYear: year } } : old));
    saveYear(year).catch(() => {
      /* the address still carries the year; the next choice stores it again */
    });
  }, [year, preferred, qc]);

  // An address without a year gets the resolved one, in place (no extra history entry).
  useEffect(() => {
    if (fromUrl === null && year !== null) void navigate(withYear(location, year), { replace: true });
  }, [fromUrl, year, location, navigate]);

  const setYear = useCallback(
    (y: number, options?: { replace?: boolean }) => {
      if (y !== yearInLocation(location)) void navigate(withYear(location, y), { replace: options?.replace === true });
    },
    [location, navigate],
  );

  const value = useMemo<PeriodValue | null>(() => {
    if (year === null) return null;
    const entries = known.some((e) => e.year === year) ? known : [...known, { year, phase: null, hasHistory: false }].sort((a, b) => b.year - a.year);
    return { year, years: entries.map((e) => e.year), entries, defaultYear: years.data?.defaultYear ?? null, setYear };
  }, [year, known, years.data, setYear]);

  if (!value) return <PageSpinner />;
  return <PeriodContext.Provider value={value}>{children}</PeriodContext.Provider>;
}

/**
 * For screens about published results only (the analyses): when the selected year has none, moves the top bar to the
 * latest published year before it (else the latest one), in place, so the screen and the top bar show one year.
 * Returns true while that move is pending.
 */
export function useLandOnPublishedYear(): boolean {
  const { year, entries, setYear } = usePeriod();
  const published = entries.filter((e) => e.phase === 'published').map((e) => e.year);
  const target = published.includes(year) || published.length === 0 ? null : (published.find((y) => y < year) ?? published[0]!);
  useEffect(() => {
    if (target !== null) setYear(target, { replace: true });
  }, [target, setYear]);
  return target !== null;
}

/** {@link useLandOnPublishedYear} as an element, for a dialog that needs it only while open. */
export function LandOnPublishedYear(): null {
  useLandOnPublishedYear();
  return null;
}

export function usePeriod(): PeriodValue {
  const v = useContext(PeriodContext);
  if (!v) throw new Error('usePeriod outside PeriodProvider');
  return v;
}
