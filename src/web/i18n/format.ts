import dayjs from 'dayjs';
import type { Lang } from './translate';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

/** A number in the language's notation: `84,64` in Vietnamese, `84.64` in English. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return numberFormat(lang, digits).format(value);
}

/** Points and indices always show two decimals. */
export function formatPoints(value: number | null | undefined, lang: Lang): string {
  return formatNumber(value, lang, 2);
}

/** A whole number such as a count, with the language's grouping (1.234 / 1,234). */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  return formatNumber(value, lang, 0);
}

/** Date pattern for display and date pickers: `26/11/2026` in Vietnamese, `2026-11-26` in English. */
export function datePattern(lang: Lang): string {
  return lang === 'vi' ? 'DD/MM/YYYY' : 'YYYY-MM-DD';
}

/** Date-time pattern: `26/11/2026 10:21` / `2026-11-26 10:21`. */
export function dateTimePattern(lang: Lang): string {
  return `${datePattern(lang)} HH:mm`;
}

function toDayjs(value: string | Date | null | undefined) {
  if (value == null || value === '') return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  return toDayjs(value)?.format(datePattern(lang)) ?? '—';
}

export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  return toDayjs(value)?.format(dateTimePattern(lang)) ?? '—';
}

/** Time of day, e.g. for "Saved at 10:21" / "Đã lưu lúc 10:21". */
export function formatTime(value: string | Date | null | undefined): string {
  return toDayjs(value)?.format('HH:mm') ?? '—';
}
