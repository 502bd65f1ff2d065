/**
 * Builds the core analysis inputs (src/core/domain/analysis/types.ts) from what was published: a year's group
 * from its latest snapshot (every agency's effective leaf points from its scorecard, recomputed with the engine so
 * fields and totals are consistent), or from imported history (totals and component indices only).
 */
import { agencyResultFromLeaves, fieldsOf, type AgencyResultInput, type GroupYear, type HistoryPoint } from '../../../core/domain/analysis';
import type { CompiledFramework } from '../../../core/domain/compute-index';
import { parsePoints, type Units } from '../../../core/domain/decimal';
import type { GroupResults } from '../../../core/schemas/results';
import type { SnapshotNode } from '../../../core/schemas/publication';
import type { Ctx } from '../../lib/context';
import { agencyHistoryRows } from '../history/service';
import { latestPublishedRankingOf, latestSnapshotOf } from '../publication/service';
import { compiledFramework, effectiveLeavesOfGroup } from '../results/compute';

/** "84.64" → 8464 (hundredths of a percent); null stays null. */
export const hundredths = (s: string | null | undefined): number | null => (s == null ? null : Math.round(parsePoints(s) / 100));

/** The plural label of a group for sentences: "Sở, ban, ngành" → "sở, ban, ngành" (an acronym such as "UBND …" is kept). */
export function groupLabel(g: { nameVi: string; nameEn: string }) {
  const lower = (s: string) => (s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s);
  return { vi: lower(g.nameVi), en: lower(g.nameEn || g.nameVi) };
}

function leavesOf(nodes: readonly SnapshotNode[], out: Record<string, Units | null>) {
  for (const n of nodes) {
    if (n.children.length) leavesOf(n.children, out);
    else out[n.code] = n.notApplicable ? null : parsePoints(n.points);
  }
  return out;
}

/** How often the analysis had to read the full snapshot because stored scores disagreed with it (tests watch this). */
export const loadStats = { snapshotFallbacks: 0 };

export interface PublishedGroup {
  year: number;
  periodId: number;
  revision: number;
  decisionNumber: string;
  contentHash: string;
  results: GroupResults;
  compiled: CompiledFramework;
  group: GroupYear;
}

/**
 * The published group of a year that contains `agencyId` (or the group `groupId`), with leaf detail. Null when the
 * year is not published or the agency/group is not in it.
 */
export async function publishedGroup(ctx: Ctx, provinceId: number, year: number, find: { agencyId?: number; groupId?: number }): Promise<PublishedGroup | null> {
  // The rankings without the scorecards (a 300-agency snapshot is ~15 MB with them), and the leaf points from the
  // stored scores, which a published period keeps frozen; checked against the published index of every agency.
  const snap = await latestPublishedRankingOf(ctx, provinceId, year);
  if (!snap) return null;
  const results = snap.content.groups.find((g) => (find.groupId !== undefined ? g.group.id === find.groupId : g.agencies.some((a) => a.agencyId === find.agencyId)));
  if (!results) return null;
  const entry = await compiledFramework(ctx.db, results.framework.id);
  if (!entry) return null;
  const stored = await effectiveLeavesOfGroup(ctx.db, snap.periodId, results.framework.id);
  const meta = (row: GroupResults['agencies'][number]) => ({ agencyId: String(row.agencyId), code: row.code, nameVi: row.nameVi, nameEn: row.nameEn });
  let agencies: AgencyResultInput[] = results.agencies.map((row) => agencyResultFromLeaves(entry.compiled, meta(row), stored.get(row.agencyId) ?? {}));
  const consistent = agencies.every((a, i) => a.totalIndex === hundredths(results.agencies[i]!.totalIndex));
  if (!consistent) {
    loadStats.snapshotFallbacks++;
    // Scores changed after publication without a new revision: the published snapshot is the truth.
    const full = await latestSnapshotOf(ctx, provinceId, year);
    agencies = results.agencies.map((row) => {
      const card = full?.content.scorecards[String(row.agencyId)];
      return card ? agencyResultFromLeaves(entry.compiled, meta(row), leavesOf(card.tree, {})) : { ...meta(row), totalIndex: hundredths(row.totalIndex), fields: [] };
    });
  }
  return {
    year,
    periodId: snap.periodId,
    revision: snap.revision,
    decisionNumber: snap.decisionNumber,
    contentHash: snap.contentHash,
    results,
    compiled: entry.compiled,
    group: { year, groupLabel: groupLabel(results.group), fields: fieldsOf(entry.compiled), agencies },
  };
}

/**
 * The previous year's group for comparisons: the published snapshot when there is one (with leaf detail), else the
 * imported history of the same group (indices only), else null.
 */
export async function previousGroup(ctx: Ctx, provinceId: number, current: PublishedGroup): Promise<GroupYear | null> {
  const year = current.year - 1;
  const published = await publishedGroup(ctx, provinceId, year, { groupId: current.results.group.id });
  if (published) return published.group;
  const rows = await agencyHistoryRows(ctx, provinceId, { year, groupId: current.results.group.id });
  if (!rows.length) return null;
  return {
    year,
    groupLabel: current.group.groupLabel,
    fields: current.group.fields,
    agencies: rows.map((r) => ({
      agencyId: String(r.agencyId),
      code: r.code,
      nameVi: r.nameVi,
      nameEn: r.nameEn,
      totalIndex: hundredths(r.totalIndex),
      fields: r.components.map((c) => ({ code: c.code, points: null, applicableMax: null, index: hundredths(c.index) })),
    })),
  };
}

/** An agency's history for trends: every published year (snapshot ranks) and every imported year not published. */
export async function agencyTrendPoints(ctx: Ctx, provinceId: number, agencyId: number, publishedYears: readonly number[]): Promise<HistoryPoint[]> {
  const points = new Map<number, HistoryPoint>();
  for (const year of publishedYears) {
    // The rankings only (no scorecards): a 300-agency snapshot is ~15 MB with its scorecards.
    const snap = await latestPublishedRankingOf(ctx, provinceId, year);
    const g = snap?.content.groups.find((x) => x.agencies.some((a) => a.agencyId === agencyId));
    const row = g?.agencies.find((a) => a.agencyId === agencyId);
    if (!g || !row) continue;
    points.set(year, {
      year,
      totalIndex: hundredths(row.totalIndex),
      rank: row.rank,
      of: g.agencies.length,
      fields: Object.fromEntries(row.components.map((c) => [c.code, hundredths(c.index)])),
    });
  }
  const history = await agencyHistoryRows(ctx, provinceId, { agencyId });
  const byYear = new Map<number, typeof history>();
  for (const r of history) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  for (const r of history) {
    if (r.agencyId !== agencyId || points.has(r.year)) continue;
    points.set(r.year, {
      year: r.year,
      totalIndex: hundredths(r.totalIndex),
      rank: r.rank,
      of: r.groupSize,
      fields: Object.fromEntries(r.components.map((c) => [c.code, hundredths(c.index)])),
    });
  }
  return [...points.values()].sort((a, b) => a.year - b.year);
}
