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
