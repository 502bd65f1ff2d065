import { formatPoints, tryParsePoints } from '../../../core/domain/decimal';
import type { Lang } from '../../i18n/translate';

/** An index sent as "84.64" shown as "84,64" (Vietnamese) or "84.64" (English); "—" when absent. */
export function showIndex(s: string | null | undefined, lang: Lang): string {
  if (s === null || s === undefined || s === '') return '—';
  return lang === 'vi' ? s.replace('.', ',') : s;
}

/** Points sent as decimal text ("7.5") shown with two decimals ("7,50" / "7.50"). */
export function showPoints(s: string | null | undefined, lang: Lang): string {
  const u = tryParsePoints(s);
  return u === null ? '—' : formatPoints(u, lang);
}

/** A number of percent (e.g. an average) with two decimals in the language's notation. */
export function showPercent(n: number | null, lang: Lang): string {
  if (n === null) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}
