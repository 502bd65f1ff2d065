import type { AgencyResultRow, GroupResults } from '../../api/results';
import type { ExportColumnSpec } from '../../components/export-table-button';
import { pickName } from '../../i18n/names';
import type { Lang, MessageKey, MessageParams } from '../../i18n/translate';

/**
 * The ranking table as exported to .xlsx (components/export-table-button.tsx): the same columns as on screen, with
 * numbers as numbers (indices in %, two decimals; rank change signed: + climbed, − fell) and the fields' full names.
 */
export function resultsExportColumns(t: (key: MessageKey, params?: MessageParams) => string, lang: Lang, results: GroupResults): ExportColumnSpec<AgencyResultRow>[] {
  return [
    { key: 'rank', title: t('res.col.rank'), type: 'integer', width: 7, value: (a) => a.rank },
    { key: 'code', title: t('agency.code'), type: 'text', width: 10, value: (a) => a.code },
    { key: 'agency', title: t('res.col.agency'), type: 'text', width: 42, value: (a) => pickName(lang, a) },
    { key: 'index', title: `${t('res.col.index')} (%)`, type: 'number', decimals: 2, width: 10, value: (a) => a.totalIndex },
    { key: 'change', title: t('res.col.change'), type: 'integer', width: 10, value: (a) => a.rankChange },
    { key: 'class', title: t('res.col.class'), type: 'text', width: 12, value: (a) => (a.classification ? (lang === 'vi' ? a.classification.labelVi : a.classification.labelEn || a.classification.labelVi) : null) },
    ...results.fields.map((f) => ({
      key: `f-${f.code}`,
      title: `${f.code}. ${pickName(lang, f)} (%)`,
      type: 'number' as const,
      decimals: 2,
      width: 14,
      value: (a: AgencyResultRow) => a.components.find((c) => c.code === f.code)?.index ?? null,
    })),
  ];
}
