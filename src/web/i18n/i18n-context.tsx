import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setRequestLang } from '../api/client';
import { readStoredLang, storeLang } from './storage';
import { hasDictionary, type Lang, loadDictionary, type MessageKey, type MessageParams, translate } from './translate';

interface I18nValue {
  lang: Lang;
  /** Changes the interface language; `remember: false` adopts the account's preference without storing a choice. */
  setLang: (lang: Lang, options?: { remember?: boolean }) => void;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyLang(lang: Lang): void {
  setRequestLang(lang);
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  document.documentElement.lang = lang;
}

/** Holds the interface language (Vietnamese by default) and keeps the API client, dayjs and <html lang> in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang() ?? 'vi';
    applyLang(initial);
    return initial;
  });

  // The English dictionary is a separate chunk. At start, render once it is there (no flash of the other
  // language); on a switch, keep the page (and what the user typed) and change language when it has arrived.
  const [ready, setReady] = useState(() => hasDictionary(lang));
  useEffect(() => {
    if (ready) return;
    void loadDictionary(lang)
      .catch(() => undefined) // offline and not cached: Vietnamese is the fallback
      .then(() => setReady(true));
  }, [lang, ready]);

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang, options?: { remember?: boolean }) => {
    if (options?.remember !== false) storeLang(next);
    void loadDictionary(next)
      .catch(() => undefined)
      .then(() => {
        applyLang(next);
        setLangState(next);
      });
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The translate function of the current language. */
export function useT(): I18nValue['t'] {
  return useI18n().t;
}

/** The current language and its setter. */
export function useLang(): Pick<I18nValue, 'lang' | 'setLang'> {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
}
