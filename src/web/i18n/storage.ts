import type { Lang } from './translate';

const KEY = 'parindex.lang';

/** The language the user explicitly chose on this device, if any. */
export function readStoredLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'vi' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
