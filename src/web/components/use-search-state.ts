import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List state (page, filters, sort) kept in the URL, so Back, reload and a shared link show the same list.
 * Values equal to their default are left out of the URL.
 */
export function useSearchState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  // Defaults are constant for a screen; a ref keeps the callbacks stable.
  const defaultsRef = useRef(defaults);
  const values = useMemo(() => {
    const out = { ...defaultsRef.current };
    for (const k of Object.keys(out) as K[]) {
      const v = params.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }, [params]);

  const update = useCallback(
    (patch: Partial<Record<K, string | number | null | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, raw] of Object.entries(patch) as [K, string | number | null | undefined][]) {
            const v = raw == null ? '' : String(raw);
            if (v === '' || v === defaultsRef.current[k]) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [values, update] as const;
}

/** A positive integer from a URL value, else the fallback. */
export function intParam(value: string, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** An optional positive integer id from a URL value. */
export function idParam(value: string): number | undefined {
  const n = Number(value);
  return value !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One of the allowed values, else the fallback. */
export function enumParam<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** When the URL asks for a page past the end (e.g. after deletions or a hand-edited link), go to the last page. */
export function useClampPage(
  data: { items: unknown[]; total: number } | undefined,
  page: number,
  pageSize: number,
  update: (patch: { page: number }) => void,
): void {
  const total = data?.total ?? 0;
  const empty = data != null && data.items.length === 0;
  useEffect(() => {
    if (!empty || page <= 1) return;
    const last = Math.max(1, Math.ceil(total / pageSize));
    if (page > last) update({ page: last });
  }, [empty, total, page, pageSize, update]);
}
