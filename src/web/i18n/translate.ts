import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type MessageParams = Record<string, string | number>;

/**
 * Vietnamese (the default) ships in the main bundle; English is loaded on demand (`loadDictionary`), so the
 * language most users never switch to costs them nothing on first load.
 */
const DICTIONARIES: Partial<Record<Lang, Record<MessageKey, string>>> = { vi };

/** True when the dictionary of `lang` is loaded. */
export function hasDictionary(lang: Lang): boolean {
  return DICTIONARIES[lang] !== undefined;
}

/** Loads the dictionary of `lang` (a separate chunk for English); resolves at once when it is there. */
export async function loadDictionary(lang: Lang): Promise<void> {
  if (lang === 'en' && !DICTIONARIES.en) DICTIONARIES.en = (await import('./en')).en;
}

/** The message for `key` in `lang` with `{name}` placeholders filled in (Vietnamese while a dictionary loads). */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[lang]?.[key] ?? vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
