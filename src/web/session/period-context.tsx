import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

const KEY = 'parindex.year';
export const FIRST_YEAR = 2018;

interface PeriodValue {
  /** The assessment year being worked on (the index of year N is assessed during year N + 1). */
  year: number;
  years: number[];
  setYear: (year: number) => void;
  /**
   * Moves to `year` unless the user chose a year (now or on an earlier visit): how the home page lands on the
   * period in progress when last year has none (a new installation, the demo). Not remembered.
   */
  suggestYear: (year: number) => void;
}

const PeriodContext = createContext<PeriodValue | null>(null);

function currentYear(): number {
  return new Date().getFullYear();
}

function storedYear(years: number[]): number | null {
  try {
    const stored = Number(window.localStorage.getItem(KEY));
    if (years.includes(stored)) return stored;
  } catch {
    /* ignore */
  }
  return null;
}

/** The selected assessment year, shared by every screen; defaults to last year. */
export function PeriodProvider({ children }: { children: ReactNode }) {
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = currentYear(); y >= FIRST_YEAR; y--) out.push(y);
    return out;
  }, []);
  const [year, setYearState] = useState(() => storedYear(years) ?? currentYear() - 1);
  const chosen = useRef(storedYear(years) !== null);
  const setYear = useCallback((y: number) => {
    chosen.current = true;
    setYearState(y);
    try {
      window.localStorage.setItem(KEY, String(y));
    } catch {
      /* ignore */
    }
  }, []);
  const suggestYear = useCallback((y: number) => {
    if (!chosen.current) setYearState(y);
  }, []);
  const value = useMemo(() => ({ year, years, setYear, suggestYear }), [year, years, setYear, suggestYear]);
  return <PeriodContext.Provider value={value}>{children}</PeriodContext.Provider>;
}

export function usePeriod(): PeriodValue {
  const v = useContext(PeriodContext);
  if (!v) throw new Error('usePeriod outside PeriodProvider');
  return v;
}
