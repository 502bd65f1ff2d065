import { useCallback } from 'react';
import { analysisEn, analysisVi } from '../../i18n/messages/analysis';
import { useLang } from '../../i18n/i18n-context';
import type { Lang, MessageParams } from '../../i18n/translate';

export type AnalysisKey = keyof typeof analysisVi;
export type AnalysisT = (key: AnalysisKey, params?: MessageParams) => string;

const DICTIONARIES: Record<Lang, Record<AnalysisKey, string>> = { vi: analysisVi, en: analysisEn };

/** The analysis message for `key` in `lang` with `{name}` placeholders filled in (the app's translate(), for this screen's dictionary). */
export function translateAnalysis(lang: Lang, key: AnalysisKey, params?: MessageParams): string {
  const template = DICTIONARIES[lang][key] ?? analysisVi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * The translate function of the analysis screens. Their messages live in their own dictionary, loaded with the
 * screens (not with the shell), so the first load of the app stays within its JavaScript budget.
 */
export function useAnalysisT(): AnalysisT {
  const { lang } = useLang();
  return useCallback<AnalysisT>((key, params) => translateAnalysis(lang, key, params), [lang]);
}
