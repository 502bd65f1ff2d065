import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

const KEY = 'parindex.year';
export const FIRST_YEAR = 2018;

interface PeriodValue {
  /** The assessment year being worked on (the index of year N is assessed during year N + 1). */
  year: number;
  years: number[];
  setYear: (year: number) => void;
}

const PeriodContext = createContext<PeriodValue | null>(null);

function currentYear(): number {
  return new Date().getFullYear();
}

function initialYear(years: number[]): number {
  try {
    const stored = Number(window.localStorage.getItem(KEY));
    if (years.includes(stored)) return stored;
  } catch {
    /* ignore */
  }
  return currentYear() - 1;
}

/** The selected assessment year, shared by every screen; defaults to last year. */
export function PeriodProvider({ children }: { children: ReactNode }) {
  const years = useMemo(() => {
    const out: number[] = [];
    for (let y = currentYear(); y >= FIRST_YEAR; y--) out.push(y);
    return out;
  }, []);
  const [year, setYearState] = useState(() => initialYear(years));
  const setYear = useCallback((y: number) => {
    setYearState(y);
    try {
      window.localStorage.setItem(KEY, String(y));
    } catch {
      /* ignore */
    }
  }, []);
  const value = useMemo(() => ({ year, years, setYear }), [year, years, setYear]);
  return <PeriodContext.Provider value={value}>{children}</PeriodContext.Provider>;
}

export function usePeriod(): PeriodValue {
  const v = useContext(PeriodContext);
  if (!v) throw new Error('usePeriod outside PeriodProvider');
  return v;
}
