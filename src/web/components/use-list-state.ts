import { useCallback, useMemo } from 'react';
import { intParam, useSearchState } from './use-search-state';

const BASE = { page: '1', pageSize: '50', q: '' };

/** The page sizes a list offers; the URL may not ask for more than the largest. */
export const PAGE_SIZES = [20, 50, 100, 200] as const;

export interface ListState<K extends string> {
  /** Every URL value (page, pageSize, q and the screen's own filters) as text, defaults filled in. */
  values: Record<K | keyof typeof BASE, string>;
  page: number;
  pageSize: number;
  /** The search text, or undefined when empty (ready for a query). */
  q: string | undefined;
  /** True when a search or any filter differs from its default ("no match" rather than "empty"). */
  filtered: boolean;
  /** Changes URL values as they are (e.g. paging). */
  update: (patch: Partial<Record<K | keyof typeof BASE, string | number | null | undefined>>) => void;
  /** Changes a search or filter and goes back to page 1. */
  setFilter: (patch: Partial<Record<K | 'q', string | number | null | undefined>>) => void;
  /** Clears the search and every filter. */
  clear: () => void;
}

const NO_EXTRA = {};

/**
 * The state of a list screen kept in the URL (issue 11 part 5): page, page size, search and the screen's own filters
 * (`filters`: name → default), so Back, reload and a shared link show the same list. `extra` holds further URL
 * values that are not filters (e.g. the sort column): they are kept by "clear filters" and do not make the list
 * "filtered". Pass module constants so the defaults stay stable.
 */
export function useListState<K extends string, E extends string = never>(filters: Record<K, string>, extra: Record<E, string> = NO_EXTRA as Record<E, string>): ListState<K | E> {
  const defaults = useMemo(() => ({ ...BASE, ...extra, ...filters }), [filters, extra]);
  const [values, update] = useSearchState<K | E | keyof typeof BASE>(defaults as Record<K | E | keyof typeof BASE, string>);
  const page = intParam(values.page, 1);
  const pageSize = Math.min(intParam(values.pageSize, 50), Math.max(...PAGE_SIZES));
  const filterKeys = Object.keys(filters) as K[];
  const filtered = values.q !== '' || filterKeys.some((k) => values[k] !== filters[k]);
  const setFilter = useCallback((patch: Partial<Record<K | 'q', string | number | null | undefined>>) => update({ ...patch, page: 1 } as never), [update]);
  const clear = useCallback(() => update({ q: '', ...filters, page: 1 } as never), [update, filters]);
  return { values, page, pageSize, q: values.q || undefined, filtered, update, setFilter, clear };
}
