/** Folds Vietnamese text for accent-insensitive search: lower case, no diacritics, đ → d, single spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Vietnamese letters with diacritics (both cases, since SQL lower() leaves them alone under the C locale) and their
 * folded letters, for SQL translate(): accent-insensitive search without a database extension.
 */
export const VIETNAMESE_FOLD: { from: string; to: string } = (() => {
  const lower = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
  const letters = lower + lower.toUpperCase();
  return { from: letters, to: [...letters].map((c) => foldText(c)).join('') };
})();

/** Why a text is refused at the edge: a NUL, another control character, a line break or tab where none belongs, or broken UTF-16. */
export type UnsafeTextReason = 'nul' | 'control' | 'line_break' | 'lone_surrogate';

// C0 controls except tab, line feed and carriage return; DEL; C1 controls (never typed, a sign of mis-decoded bytes).
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const TAB_OR_NEWLINE = /[\t\n\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The reason a text may not enter the system, or null when it may (decision 0012): NUL, control characters and
 * lone surrogates never; tab, line feed and carriage return only where `multiline` (free texts of a JSON body or
 * form field; never in a query string, path, file name or header).
 */
export function unsafeTextReason(s: string, multiline: boolean): UnsafeTextReason | null {
  if (s.includes('\u0000')) return 'nul';
  if (CONTROL_EXCEPT_TAB_NEWLINE.test(s)) return 'control';
  if (!multiline && TAB_OR_NEWLINE.test(s)) return 'line_break';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}
