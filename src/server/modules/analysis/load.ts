/**
 * Builds the core analysis inputs (src/core/domain/analysis/types.ts) from what was published: a year's group
 * from its latest snapshot (every agency's effective leaf points from its scorecard, recomputed with the engine so
 * fields and totals are consistent), or from imported history (totals and component indices only).
 */
import { agencyResultFromLeaves, fieldsOf, rankGroup, type AgencyResultInput, type GroupYear, type HistoryPoint } from '../../../core/domain/analysis';
import { followLineage, lineageSegments, predecessorLink, type LineageEvent } from '../../../core/domain/lineage';
import type { CompiledFramework } from '../../../core/domain/compute-index';
import { parsePoints, type Units } from '../../../core/domain/decimal';
import type { GroupResults } from '../../../core/schemas/results';
import type { SnapshotNode } from '../../../core/schemas/publication';
import type { Ctx } from '../../lib/context';
import { agencyHistoryRows } from '../history/service';
import { lineageEventsOf } from '../lineage/service';
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
 * imported history of the same group (indices and the published ranks), else null. Agencies that succeeded others
 * this year (docs/analysis.md, "Lineage") stand in the previous year as the predecessor they are compared with.
 */
export async function previousGroup(ctx: Ctx, provinceId: number, current: PublishedGroup): Promise<GroupYear | null> {
  const year = current.year - 1;
  const events = await lineageEventsOf(ctx, provinceId);
  const published = await publishedGroup(ctx, provinceId, year, { groupId: current.results.group.id });
  if (published) return withSuccessors(published.group, current, events);
  const rows = await agencyHistoryRows(ctx, provinceId, { year, groupId: current.results.group.id });
  if (!rows.length) return null;
  return withSuccessors(
    {
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
        published: { rank: r.rank, of: r.rankedCount },
      })),
    },
    current,
    events,
  );
}

/** Adds, for every agency of the current year that continues a predecessor through a change effective this year, the predecessor's previous-year entry under the successor's id. */
function withSuccessors(previous: GroupYear, current: PublishedGroup, events: readonly LineageEvent[]): GroupYear {
  const byId = new Map(previous.agencies.map((a) => [a.agencyId, a]));
  const extra: GroupYear['agencies'][number][] = [];
  for (const a of current.group.agencies) {
    const link = predecessorLink(Number(a.agencyId), current.year, events);
    if (!link || byId.has(a.agencyId)) continue;
    const p = byId.get(String(link.predecessorId));
    if (p) extra.push({ ...p, agencyId: a.agencyId, code: a.code, nameVi: a.nameVi, nameEn: a.nameEn });
  }
  if (!extra.length) return previous;
  // A predecessor that now stands for a successor is not also compared under its own id (its history ended).
  const used = new Set(current.group.agencies.map((a) => predecessorLink(Number(a.agencyId), current.year, events)?.predecessorId).filter((x): x is number => x !== undefined).map(String));
  const kept = previous.agencies.filter((a) => !used.has(a.agencyId));
  const published = previous.agencies.some((a) => a.published);
  // A recomputed ranking must keep the predecessor's rank: carry it as published when the year was ranked by snapshot.
  if (!published) {
    const ranks = rankGroup(previous);
    const carry = (a: GroupYear['agencies'][number], from: string) => ({ ...a, published: { rank: ranks.get(from)?.rank ?? null, of: ranks.get(from)?.of ?? null } });
    const fromOf = new Map(extra.map((e) => [e.agencyId, String(predecessorLink(Number(e.agencyId), current.year, events)!.predecessorId)]));
    return { ...previous, agencies: [...kept.map((a) => carry(a, a.agencyId)), ...extra.map((e) => carry(e, fromOf.get(e.agencyId)!))] };
  }
  return { ...previous, agencies: [...kept, ...extra] };
}

/** The points of one agency's own years: every published year (snapshot ranks) and every imported year not published. */
async function ownTrendPoints(ctx: Ctx, provinceId: number, agencyId: number, publishedYears: readonly number[]): Promise<HistoryPoint[]> {
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
  for (const r of await agencyHistoryRows(ctx, provinceId, { agencyId })) {
    if (points.has(r.year)) continue;
    // The published rank and "of N" as imported: never recomputed among the imported rows.
    points.set(r.year, {
      year: r.year,
      totalIndex: hundredths(r.totalIndex),
      rank: r.rank,
      of: r.rankedCount,
      fields: Object.fromEntries(r.components.map((c) => [c.code, hundredths(c.index)])),
    });
  }
  return [...points.values()].sort((a, b) => a.year - b.year);
}

/** An agency's history for trends, through its lineage (renames, mergers with the chosen rule, splits): each year read from the agency that stood for it. */
export async function agencyTrendPoints(ctx: Ctx, provinceId: number, agencyId: number, publishedYears: readonly number[]): Promise<HistoryPoint[]> {
  const events = await lineageEventsOf(ctx, provinceId);
  const segments = lineageSegments(agencyId, events);
  const own = new Map<number, HistoryPoint[]>();
  for (const s of segments) own.set(s.agencyId, await ownTrendPoints(ctx, provinceId, s.agencyId, publishedYears));
  return followLineage(agencyId, events, (id) => own.get(id) ?? []).map((p) => p.point);
}
