import type { AgencyAnalysis, ProvinceAnalysis } from '../../api/analysis';
import { pickName } from '../../i18n/names';
import type { Lang } from '../../i18n/translate';
import type { AnalysisT } from './use-analysis-t';

/** The line under an exported table's title: whose analysis, which year and group, and the published decision it reads. */
export function exportSubtitle(at: AnalysisT, lang: Lang, data: AgencyAnalysis | ProvinceAnalysis): string {
  const who = 'agency' in data ? `${pickName(lang, data.agency)} · ` : '';
  return `${who}${pickName(lang, data.group)} · ${at('an.seeYear', { year: data.year })} · ${at('an.printSource', { decision: data.published.decisionNumber, revision: data.published.revision, hash: data.published.contentHash.slice(0, 12) })}`;
}
