/** What the builder picks from: the agencies of the period's groups and the survey leaves of its frameworks. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { leafNodes } from '../../../core/domain/framework';
import { type Agency, fetchAgencies } from '../../api/org';
import { type PeriodView, usePeriodFrameworkDocs } from '../../api/periods';
import { AGENCIES_KEY } from '../../api/keys';
import type { Lang } from '../../i18n/translate';
import type { SurveyLeaf } from './builder-draft';

/** Active agencies of every agency group the period assesses (all pages). */
export function usePeriodAgencies(period: PeriodView | undefined) {
  const groupIds = period?.frameworks.map((f) => f.groupId) ?? [];
  return useQuery({
    queryKey: [...AGENCIES_KEY, 'survey-pick', groupIds],
    queryFn: async () => {
      const out: Agency[] = [];
      for (const groupId of groupIds) {
        for (let page = 1; ; page++) {
          const res = await fetchAgencies({ page, pageSize: 200, groupId, active: 'true', sort: 'code', order: 'asc' });
          out.push(...res.items);
          if (page * res.pageSize >= res.total) break;
        }
      }
      return out;
    },
    enabled: groupIds.length > 0,
    staleTime: 60_000,
  });
}

/** Survey leaves (method "survey") of the period's frameworks, one per code, labelled "8.1.1. name (≤ 2)"; null while loading. */
export function useSurveyLeaves(period: PeriodView | undefined, lang: Lang): { leaves: SurveyLeaf[] | null; pending: boolean } {
  const docs = usePeriodFrameworkDocs(period);
  const hasFrameworks = (period?.frameworks.length ?? 0) > 0;
  const leaves = useMemo(() => {
    if (!docs.data) return null;
    const map = new Map<string, SurveyLeaf>();
    for (const d of docs.data)
      for (const n of leafNodes(d.document.nodes))
        if (n.method?.type === 'survey' && !map.has(n.code)) map.set(n.code, { code: n.code, label: `${n.code}. ${lang === 'en' && n.nameEn ? n.nameEn : n.nameVi} (≤ ${n.maxPoints})` });
    return [...map.values()].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
  }, [docs.data, lang]);
  return { leaves: hasFrameworks ? leaves : [], pending: hasFrameworks && docs.isPending };
}
