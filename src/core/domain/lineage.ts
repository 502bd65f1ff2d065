/**
 * Agency lineage (docs/analysis.md, "Lineage"): renames (A → A′), mergers (A + B → C) and splits (A → B + C) with
 * the year they take effect (the first year the successors are assessed). An agency's trend and rank change read
 * the years before such an event from its predecessor: a rename or a split continues the only predecessor; a
 * merger continues the predecessor the secretariat named, or starts a new history when the secretariat chose none.
 */

/** The kind of a lineage event. */
export type LineageKind = 'rename' | 'merge' | 'split';

/** For a merger: compare the successor with the named predecessor, or with none (a new history). */
export type MergeComparison = 'predecessor' | 'none';

/** One recorded change of agencies (ids as numbers), effective from `year`. */
export interface LineageEvent {
  id: number;
  year: number;
  kind: LineageKind;
  comparison: MergeComparison;
  /** The predecessor a merger's successor continues (required when comparison = 'predecessor' for a merger). */
  predecessorId: number | null;
  from: readonly number[];
  to: readonly number[];
}

/** Which agency's results stand for the agency before a year, and through which event and rule. */
export interface LineageLink {
  /** The agency whose results are read for years before `year`. */
  predecessorId: number;
  year: number;
  eventId: number;
  kind: LineageKind;
  /** 'predecessor' for renames and splits; the secretariat's rule for mergers. */
  rule: MergeComparison;
}

/** A run of years read from one agency: years in [fromYear, toYear) (null = open), and the link that led there. */
export interface LineageSegment {
  agencyId: number;
  fromYear: number | null;
  toYear: number | null;
  via: LineageLink | null;
}

/** One problem of a lineage event, with the field it concerns and a bilingual message. */
export interface LineageProblem {
  path: string;
  message: { vi: string; en: string };
}

/** Checks the shape of an event: counts of predecessors and successors per kind, no agency on both sides, a named predecessor among the merged ones. */
export function validateLineageEvent(e: Omit<LineageEvent, 'id'>): LineageProblem[] {
  const p: LineageProblem[] = [];
  const distinct = (xs: readonly number[]) => new Set(xs).size === xs.length;
  if (!distinct(e.from) || !distinct(e.to)) p.push({ path: 'from', message: { vi: 'Một cơ quan được nêu hai lần.', en: 'An agency is named twice.' } });
  if (e.from.some((x) => e.to.includes(x))) p.push({ path: 'to', message: { vi: 'Một cơ quan không thể vừa là cơ quan cũ vừa là cơ quan mới.', en: 'An agency cannot be both a predecessor and a successor.' } });
  if (e.kind === 'rename' && (e.from.length !== 1 || e.to.length !== 1)) {
    p.push({ path: 'from', message: { vi: 'Đổi tên: đúng một cơ quan cũ và một cơ quan mới.', en: 'A rename has exactly one predecessor and one successor.' } });
  }
  if (e.kind === 'merge') {
    if (e.from.length < 2 || e.to.length !== 1) p.push({ path: 'from', message: { vi: 'Hợp nhất: ít nhất hai cơ quan cũ và đúng một cơ quan mới.', en: 'A merger has at least two predecessors and exactly one successor.' } });
    if (e.comparison === 'predecessor' && (e.predecessorId === null || !e.from.includes(e.predecessorId))) {
      p.push({ path: 'predecessorId', message: { vi: 'Chọn cơ quan cũ để so sánh (một trong các cơ quan hợp nhất).', en: 'Choose the predecessor to compare with (one of the merged agencies).' } });
    }
  }
  if (e.kind === 'split' && (e.from.length !== 1 || e.to.length < 2)) {
    p.push({ path: 'to', message: { vi: 'Chia tách: đúng một cơ quan cũ và ít nhất hai cơ quan mới.', en: 'A split has exactly one predecessor and at least two successors.' } });
  }
  return p;
}

/** The link an agency has to its predecessor through events taking effect in `year` exactly, or null (no event, or a merger compared with none). */
export function predecessorLink(agencyId: number, year: number, events: readonly LineageEvent[]): LineageLink | null {
  const e = events.find((x) => x.year === year && x.to.includes(agencyId));
  if (!e) return null;
  if (e.kind === 'merge') {
    if (e.comparison === 'none' || e.predecessorId === null) return null;
    return { predecessorId: e.predecessorId, year, eventId: e.id, kind: e.kind, rule: 'predecessor' };
  }
  return { predecessorId: e.from[0]!, year, eventId: e.id, kind: e.kind, rule: 'predecessor' };
}

/**
 * The agency whose previous-year result an agency's rank change and index change compare with in `year`: itself when
 * no change took effect that year, its predecessor through such a change, null when a merger is compared with none.
 */
export function comparedWith(agencyId: number, year: number, events: readonly LineageEvent[]): number | null {
  if (!events.some((e) => e.year === year && e.to.includes(agencyId))) return agencyId;
  return predecessorLink(agencyId, year, events)?.predecessorId ?? null;
}

/** The event that made `agencyId` a successor (any year), whether or not it links to a predecessor: the screens say which rule was used. */
export function eventsAsSuccessor(agencyId: number, events: readonly LineageEvent[]): LineageEvent[] {
  return events.filter((e) => e.to.includes(agencyId)).sort((a, b) => b.year - a.year);
}

/**
 * The agencies an agency's history is read from, newest first: itself from its latest link's year on, then each
 * predecessor for the years before, following links back (a cycle stops the walk).
 */
export function lineageSegments(agencyId: number, events: readonly LineageEvent[]): LineageSegment[] {
  const segments: LineageSegment[] = [];
  const seen = new Set<number>();
  let current = agencyId;
  let toYear: number | null = null;
  let via: LineageLink | null = null;
  for (;;) {
    seen.add(current);
    // The latest event before toYear that made `current` a successor.
    const candidates = events.filter((e) => e.to.includes(current) && (toYear === null || e.year < toYear)).sort((a, b) => b.year - a.year);
    const e = candidates[0];
    const link = e ? predecessorLink(current, e.year, [e]) : null;
    if (!e || !link || seen.has(link.predecessorId)) {
      segments.push({ agencyId: current, fromYear: e ? e.year : null, toYear, via });
      return segments;
    }
    segments.push({ agencyId: current, fromYear: e.year, toYear, via });
    via = link;
    toYear = e.year;
    current = link.predecessorId;
  }
}

/** A year's point of a history series, tagged with the agency it was read from. */
export interface LineagePoint<P extends { year: number }> {
  point: P;
  agencyId: number;
  via: LineageLink | null;
}

/**
 * An agency's history through its lineage: for every segment, the points of the segment's agency whose year lies in
 * the segment, oldest first; `pointsOf` gives an agency's own points.
 */
export function followLineage<P extends { year: number }>(agencyId: number, events: readonly LineageEvent[], pointsOf: (agencyId: number) => readonly P[]): LineagePoint<P>[] {
  const out: LineagePoint<P>[] = [];
  for (const s of lineageSegments(agencyId, events)) {
    for (const point of pointsOf(s.agencyId)) {
      if ((s.fromYear === null || point.year >= s.fromYear) && (s.toYear === null || point.year < s.toYear)) out.push({ point, agencyId: s.agencyId, via: s.via });
    }
  }
  return out.sort((a, b) => a.point.year - b.point.year);
}
