import { en } from './en';
import { vi } from './vi';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type MessageParams = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** The message for `key` in `lang` with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[lang][key] ?? vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
