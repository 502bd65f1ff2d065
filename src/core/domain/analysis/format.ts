/**
 * Wording helpers of the analysis sentences: English ordinals (1st, 2nd, 3rd, 11th, 21st), list joining in
 * Vietnamese and English, and a field's name in a language (English falls back to Vietnamese when empty).
 */
import type { Lang } from '../../errors';

/** The English ordinal of a positive integer: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd, 111th. */
export function ordinalEn(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** Joins names as prose: "A", "A và B", "A, B và C" in Vietnamese; "A", "A and B", "A, B and C" in English. */
export function joinList(items: readonly string[], lang: Lang): string {
  const and = lang === 'vi' ? ' và ' : ' and ';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** A name in the requested language: the English name, or the Vietnamese one when the English is empty. */
export function nameIn(x: { nameVi: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' && x.nameEn.trim() !== '' ? x.nameEn : x.nameVi;
}
