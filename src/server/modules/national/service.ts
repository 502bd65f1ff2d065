import { formatUnits, parsePoints } from '../../../core/domain/decimal';
import { AppError } from '../../../core/errors';
import type { NationalResults, NationalYear } from '../../../core/schemas/national';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import { latestPublishedRankingOf, publishedYearsOf } from '../publication/service';
import * as q from './queries';

/**
 * A province's national results, year by year: for every year a national tenant has published while the province
 * was linked to one of its agencies, that agency's row of the published ranking (rank of N, index, change, class,
 * component indices). Read from the national tenant's frozen snapshots, so the province shows what the Ministry
 * published, never a recomputation.
 */
export async function nationalResultsOf(ctx: Ctx, provinceId: number): Promise<NationalResults> {
  const links = await q.listLinks(ctx.db, provinceId);
  if (!links.length) return { national: null, years: [] };
  const first = links[0]!;
  const years: NationalYear[] = [];
  const byNational = new Map<number, q.LinkRow[]>();
  for (const l of links) byNational.set(l.national_id, [...(byNational.get(l.national_id) ?? []), l]);
  for (const [nationalId, own] of byNational) {
    for (const year of await publishedYearsOf(ctx, nationalId)) {
      const link = own.find((l) => l.from_year <= year && (l.to_year === null || year <= l.to_year));
      if (!link) continue;
      const published = await latestPublishedRankingOf(ctx, nationalId, year);
      if (!published) continue;
      for (const group of published.content.groups) {
        const row = group.agencies.find((a) => a.agencyId === link.agency_id);
        if (!row) continue;
        years.push({
          year,
          agency: { code: row.code, nameVi: row.nameVi, nameEn: row.nameEn },
          group: { code: group.group.code, nameVi: group.group.nameVi, nameEn: group.group.nameEn },
          rank: row.rank,
          of: group.agencies.length,
          tied: row.tied,
          totalIndex: row.totalIndex,
          previousRank: row.previousRank,
          rankChange: row.rankChange,
          indexChange: null,
          classification: row.classification,
          components: row.components.map((c) => ({ code: c.code, nameVi: c.nameVi, nameEn: c.nameEn, index: c.index })),
          decisionNumber: published.decisionNumber ?? '',
          periodNameVi: published.content.period.nameVi,
          periodNameEn: published.content.period.nameEn,
        });
      }
    }
  }
  years.sort((a, b) => b.year - a.year);
  // The index change compares a national agency only with itself: a merged province starts a new series until
  // agency lineage links it to its predecessors.
  for (let i = 0; i < years.length - 1; i++) {
    const cur = years[i]!;
    const prev = years[i + 1]!;
    if (prev.year === cur.year - 1 && prev.agency.code === cur.agency.code && cur.totalIndex !== null && prev.totalIndex !== null) {
      cur.indexChange = formatUnits(parsePoints(cur.totalIndex) - parsePoints(prev.totalIndex), 2);
    }
  }
  return { national: { code: first.national_code, nameVi: first.national_name_vi, nameEn: first.national_name_en, isSynthetic: first.is_synthetic }, years };
}

/** The signed-in user's province's national results (any role: the Ministry's results are public once published). */
export async function ownNationalResults(ctx: Ctx): Promise<NationalResults> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'national.read', { provinceId: actor.provinceId });
  return nationalResultsOf(ctx, actor.provinceId);
}

/** A province's national results on its public pages (no login). */
export async function publicNationalResults(ctx: Ctx, provinceCode: string): Promise<NationalResults> {
  const province = await q.findProvinceByCode(ctx.db, provinceCode);
  if (!province) throw new AppError('not_found');
  return nationalResultsOf(ctx, province.id);
}
