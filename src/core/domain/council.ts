/**
 * The internal council (hội đồng đánh giá CCHC nội bộ) of an agency: which points each division lost, how its
 * tasks went, and the ranking of divisions by the council's score. Pure and exact: points in units of 1/10000
 * (decimal.ts), scores in hundredths, no floats, no clock (the caller passes today's date).
 * See docs/council-initiatives.md.
 */
import { formatUnits, parsePoints, roundHalfUpDiv, type Units } from './decimal';
import { rankAgencies } from './ranking';

/** A council score in hundredths of a point (0..10000 = 0.00..100.00). */
export type ScoreHundredths = number;

const SCORE_RE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Parses a council score "0".."100" with at most 2 decimals ("85.5" → 8550); null when malformed, out of range or with more decimals. */
export function parseCouncilScore(s: string | number): ScoreHundredths | null {
  const text = typeof s === 'number' ? (Number.isFinite(s) ? String(s) : '') : typeof s === 'string' ? s.trim() : '';
  const m = SCORE_RE.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return value >= 0 && value <= 10_000 ? value : null;
}

/** The storage and wire text of a score: exactly 2 decimals ("85.50"). */
export function formatCouncilScore(h: ScoreHundredths): string {
  const whole = Math.floor(h / 100);
  return `${whole}.${String(h - whole * 100).padStart(2, '0')}`;
}

/** A leaf of a published scorecard as the council reads it (decimal texts as in the snapshot). */
export interface ScoredLeaf {
  code: string;
  kind: 'regular' | 'bonus' | 'deduction';
  points: string;
  lost: string;
  notApplicable: boolean;
}

/**
 * The points an agency lost on one leaf: a regular leaf loses its applicable maximum minus its points (`lost`); a
 * deduction item loses the deduction actually applied (its points); a bonus item loses nothing (a bonus not earned
 * is not a loss from the index); a not-applicable leaf loses nothing.
 */
export function leafLossUnits(leaf: ScoredLeaf): Units {
  if (leaf.notApplicable) return 0;
  if (leaf.kind === 'regular') return Math.max(0, parsePoints(leaf.lost));
  if (leaf.kind === 'deduction') return Math.max(0, parsePoints(leaf.points));
  return 0;
}

/** Sums the loss of each division over the leaves it answers for; leaves answered by nobody sum under `null`. */
export function lossByDivision(leaves: readonly ScoredLeaf[], divisionOf: ReadonlyMap<string, number>): Map<number | null, Units> {
  const out = new Map<number | null, Units>();
  for (const leaf of leaves) {
    const key = divisionOf.get(leaf.code) ?? null;
    out.set(key, (out.get(key) ?? 0) + leafLossUnits(leaf));
  }
  return out;
}

/** A task as the council counts it. `dueOn` is a local date (YYYY-MM-DD); `completedOn` the local date it was done. */
export interface CouncilTask {
  status: 'open' | 'in_progress' | 'done' | 'cancelled' | string;
  dueOn: string | null;
  completedOn: string | null;
}

/** Task completion of a division: cancelled tasks do not count; `completionRate` is done / total in % (2 decimals), null without tasks. */
export interface TaskStats {
  total: number;
  done: number;
  /** Done after the due date. */
  late: number;
  /** Not done and past the due date (today excluded: a task due today is not yet overdue). */
  overdue: number;
  /** Not done and not overdue. */
  open: number;
  completionRate: string | null;
}

/** Counts a division's tasks on `today` (a local date YYYY-MM-DD). */
export function taskStats(tasks: readonly CouncilTask[], today: string): TaskStats {
  let total = 0;
  let done = 0;
  let late = 0;
  let overdue = 0;
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    total++;
    if (t.status === 'done') {
      done++;
      if (t.dueOn && t.completedOn && t.completedOn > t.dueOn) late++;
    } else if (t.dueOn && t.dueOn < today) {
      overdue++;
    }
  }
  return {
    total,
    done,
    late,
    overdue,
    open: total - done - overdue,
    completionRate: total === 0 ? null : percentText(done, total),
  };
}

/** part / whole × 100 rounded once, half-up, to 2 decimals ("66.67"); whole > 0. */
function percentText(part: number, whole: number): string {
  return formatUnits(roundHalfUpDiv(part * 10_000, whole) * 100, 2);
}

/** A task belongs to the council of year Y when it is due in Y; a task without a due date counts in the year it was created. */
export function taskCouncilYear(task: { dueOn: string | null; createdOn: string }): number {
  return Number((task.dueOn ?? task.createdOn).slice(0, 4));
}

/** The local date (Asia/Ho_Chi_Minh, UTC+7, no daylight saving) of an instant, as YYYY-MM-DD. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A division to rank: its score in hundredths, or null when not scored yet (unscored divisions are not ranked). */
export interface DivisionScore {
  divisionId: number;
  code: string;
  nameVi: string;
  score: ScoreHundredths | null;
}

/** Competition ranking of scored divisions by score, highest first (equal score ⇒ equal rank: 1, 2, 2, 4); ties listed by code. */
export function rankDivisions(entries: readonly DivisionScore[]): Map<number, { rank: number; tied: boolean }> {
  const ranked = rankAgencies(
    entries.filter((e) => e.score !== null).map((e) => ({ agencyId: String(e.divisionId), code: e.code, nameVi: e.nameVi, indexHundredths: e.score as number })),
  );
  return new Map(ranked.map((r) => [Number(r.agencyId), { rank: r.rank, tied: r.tied }]));
}

/** The share of the agency's loss a division carries, in % with 2 decimals ("42.50"); null when nothing was lost. */
export function lossShare(lost: Units, totalLost: Units): string | null {
  if (totalLost <= 0) return null;
  return percentText(lost, totalLost);
}
