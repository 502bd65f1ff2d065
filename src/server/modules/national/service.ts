import { formatUnits, parsePoints } from '../../../core/domain/decimal';
import { comparedWith, eventsAsSuccessor } from '../../../core/domain/lineage';
import { AppError } from '../../../core/errors';
import type { NationalResults, NationalYear } from '../../../core/schemas/national';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import { lineageEventsOf, lineageNotesOf } from '../lineage/service';
import { latestPublishedRankingOf, publishedYearsOf } from '../publication/service';
import * as q from './queries';

/**
 * A province's national results, year by year: for every year a national tenant has published while the province
 * was linked to one of its agencies, that agency's row of the published ranking (rank of N, index, change, class,
 * component indices). Read from the national tenant's frozen snapshots, so the province shows what the Ministry
 * published, never a recomputation; the changes of a province formed by a merger, rename or split follow the national
 * tenant's lineage (compared with the named predecessor's previous-year row, or with none).
 */
export async function nationalResultsOf(ctx: Ctx, provinceId: number): Promise<NationalResults> {
  const links = await q.listLinks(ctx.db, provinceId);
  if (!links.length) return { national: null, years: [] };
  const first = links[0]!;
  const years: NationalYear[] = [];
  const byNational = new Map<number, q.LinkRow[]>();
  for (const l of links) byNational.set(l.national_id, [...(byNational.get(l.national_id) ?? []), l]);
  for (const [nationalId, own] of byNational) {
    const events = await lineageEventsOf(ctx, nationalId);
    const rankings = new Map<number, Awaited<ReturnType<typeof latestPublishedRankingOf>>>();
    const ranking = async (year: number) => {
      if (!rankings.has(year)) rankings.set(year, await latestPublishedRankingOf(ctx, nationalId, year));
      return rankings.get(year)!;
    };
    const rowOf = (published: Awaited<ReturnType<typeof latestPublishedRankingOf>>, agencyId: number) => {
      for (const g of published?.content.groups ?? []) {
        const row = g.agencies.find((a) => a.agencyId === agencyId);
        if (row) return row;
      }
      return null;
    };
    for (const year of await publishedYearsOf(ctx, nationalId)) {
      const link = own.find((l) => l.from_year <= year && (l.to_year === null || year <= l.to_year));
      if (!link) continue;
      const published = await ranking(year);
      if (!published) continue;
      for (const group of published.content.groups) {
        const row = group.agencies.find((a) => a.agencyId === link.agency_id);
        if (!row) continue;
        // The national tenant's lineage (docs/analysis.md, "Lineage"): a province formed this year is compared with
        // the predecessor the Ministry named, or with none; any other province with itself.
        const succeeded = eventsAsSuccessor(row.agencyId, events).find((e) => e.year === year) ?? null;
        const comparedId = comparedWith(row.agencyId, year, events);
        const previous = comparedId === null ? null : rowOf(await ranking(year - 1), comparedId);
        // A province that succeeded another this year reads its rank change from the lineage (the rule may have
        // changed since publication); any other keeps the rank change as published.
        const previousRank = succeeded ? (previous?.rank ?? null) : row.previousRank;
        const rankChange = succeeded ? (previousRank === null ? null : previousRank - row.rank) : row.rankChange;
        const indexChange = previous && previous.totalIndex !== null && row.totalIndex !== null ? formatUnits(parsePoints(row.totalIndex) - parsePoints(previous.totalIndex), 2) : null;
        years.push({
          year,
          agency: { code: row.code, nameVi: row.nameVi, nameEn: row.nameEn },
          group: { code: group.group.code, nameVi: group.group.nameVi, nameEn: group.group.nameEn },
          rank: row.rank,
          of: group.agencies.length,
          tied: row.tied,
          totalIndex: row.totalIndex,
          previousRank,
          rankChange,
          indexChange,
          lineage: succeeded ? ((await lineageNotesOf(ctx, nationalId, row.agencyId)).find((n) => n.year === year) ?? null) : null,
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
