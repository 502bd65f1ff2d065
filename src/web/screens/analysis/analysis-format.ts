/**
 * Pure helpers of the analysis screens: numbers in the language's notation (points from units of 1/10000 point,
 * indices from hundredths of a percent, signed changes), the weakest components of an agency, the "what it takes"
 * target choices with ties collapsed, the step a suggested leaf climbs to, the waterfall's floating bars, the
 * ten-year series with gaps, and the rank strip of the robustness card.
 */
import type { IndexComparison, LeafGain, RankTarget, Trend, WaterfallBar } from '../../../core/domain/analysis';
import { formatIndex, formatPoints, type IndexHundredths, type Units } from '../../../core/domain/decimal';
import type { Lang } from '../../i18n/translate';

const MINUS = '−';

/** Points with two decimals: "7,50" / "7.50"; "—" when unknown. */
export function showUnits(u: Units | null | undefined, lang: Lang): string {
  return u === null || u === undefined ? '—' : formatPoints(u, lang, 2);
}

/**
 * What a target needs, with two decimals like every other point on the screen but rounded up, never down, so that
 * gaining the amount shown is always enough: 1.4535 points read "1,46" (issue 11: no four-decimal figures).
 */
export function showUnitsNeeded(u: Units, lang: Lang): string {
  return formatPoints(Math.ceil(u / 100) * 100, lang, 2);
}

/** An index with two decimals and "%": "63,09%" / "63.09%"; "—" when unknown. */
export function showIdx(h: IndexHundredths | null | undefined, lang: Lang, percentSign = true): string {
  return h === null || h === undefined ? '—' : formatIndex(h, lang, { percentSign });
}

/** A signed change of points: "+0,50", "−1,20", "0,00" (a true minus sign, readable and printable). */
export function signedUnits(u: Units | null | undefined, lang: Lang): string {
  if (u === null || u === undefined) return '—';
  const text = formatPoints(Math.abs(u), lang, 2);
  return u > 0 ? `+${text}` : u < 0 ? `${MINUS}${text}` : text;
}

/** A signed change of an index in percentage points (hundredths): "+18,75", "−19,58", "0,00". */
export function signedIndex(h: number | null | undefined, lang: Lang): string {
  if (h === null || h === undefined) return '—';
  const text = formatIndex(Math.abs(h), lang, { percentSign: false });
  return h > 0 ? `+${text}` : h < 0 ? `${MINUS}${text}` : text;
}

/** A number as a plain percentage of something (hundredths of a percent, e.g. a probability): "34,5%" style with up to 1 decimal. */
export function showShare(h: IndexHundredths, lang: Lang): string {
  const value = Math.round(h / 10) / 10;
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(value)}%`;
}

/**
 * The components that pull the agency's index down: fields whose component index is below its total index,
 * lowest first (ties by code). The total index is the maximum-weighted mean of the components, so these are the
 * fields where the points were lost relatively; when none is below (all equal, or lifted by a bonus), the lowest
 * fields below 100 % are returned.
 */
export function weakestComponents(fields: readonly IndexComparison[], totalIndex: IndexHundredths | null): IndexComparison[] {
  const known = fields.filter((f): f is IndexComparison & { index: number } => f.index !== null);
  const byIndex = [...known].sort((a, b) => a.index - b.index || compareCode(a.code, b.code));
  const below = totalIndex === null ? [] : byIndex.filter((f) => f.index < totalIndex);
  if (below.length > 0) return below;
  const lowest = byIndex[0];
  if (!lowest || lowest.index >= 10_000) return [];
  return byIndex.filter((f) => f.index === lowest.index);
}

/** Framework codes in natural order ("2" < "10", "1.2" < "1.10"); null (the total) first. */
export function compareCode(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}

/** One choice of the target-rank selector: the ranks it stands for (tied agencies make several ranks one). */
export interface TargetOption {
  /** The selector's value: the best rank of the option. */
  rank: number;
  /** The worst rank of the option (equal to `rank` unless other agencies tie there). */
  lastRank: number;
  /** The entry of the best rank: needed index, points, suggested leaves. */
  target: RankTarget;
}

/**
 * The target ranks nearest first (current − 1, current − 2, …), with ranks that need the same index collapsed:
 * when agencies above tie, reaching their index gives their (shared) rank, so "12" and "13" are one choice.
 */
export function targetOptions(targets: readonly RankTarget[]): TargetOption[] {
  const sorted = [...targets].sort((a, b) => a.rank - b.rank);
  const out: TargetOption[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last && last.target.neededIndex === t.neededIndex) last.lastRank = t.rank;
    else out.push({ rank: t.rank, lastRank: t.rank, target: t });
  }
  return out.reverse();
}

/** The default target: the nearest reachable better rank, else the nearest one; null when already first. */
export function defaultTarget(options: readonly TargetOption[]): TargetOption | null {
  return options.find((o) => o.target.reachable) ?? options[0] ?? null;
}

/** What a suggested leaf climbs to: the level's label, the ladder step ("≥ 90%"), "yes", or nothing for points only. */
export function stepLabel(leaf: Pick<LeafGain, 'method' | 'level' | 'ladderStep'>, lang: Lang, words: { yes: string }): string | null {
  if (leaf.level) return lang === 'en' && leaf.level.labelEn ? leaf.level.labelEn : leaf.level.labelVi;
  if (leaf.ladderStep) {
    const p = lang === 'vi' ? leaf.ladderStep.minPercent.replace('.', ',') : leaf.ladderStep.minPercent;
    return `${leaf.ladderStep.inclusive ? '≥' : '>'} ${p}%`;
  }
  if (leaf.method === 'yes_no') return words.yes;
  return null;
}

/** One floating bar of the waterfall chart (units): an invisible base and the visible part, or the total. */
export interface WaterfallStep {
  kind: WaterfallBar['kind'] | 'total';
  code: string | null;
  nameVi: string;
  nameEn: string;
  /** Signed contribution to the points lost (the total bar: the net points lost). */
  amount: Units;
  /** Where the visible part starts and ends on the axis (start ≤ end). */
  start: Units;
  end: Units;
}

/**
 * The waterfall's floating bars: each bar starts where the running sum of the previous ones ended (a negative
 * amount, the bonus, goes down), then a total bar from 0 to the sum. The bars add up exactly (units are integers).
 */
export function waterfallSteps(bars: readonly Pick<WaterfallBar, 'kind' | 'code' | 'nameVi' | 'nameEn' | 'amount'>[], total: { nameVi: string; nameEn: string }): WaterfallStep[] {
  let running = 0;
  const out: WaterfallStep[] = [];
  for (const b of bars) {
    const next = running + b.amount;
    out.push({ kind: b.kind, code: b.code, nameVi: b.nameVi, nameEn: b.nameEn, amount: b.amount, start: Math.min(running, next), end: Math.max(running, next) });
    running = next;
  }
  out.push({ kind: 'total', code: null, nameVi: total.nameVi, nameEn: total.nameEn, amount: running, start: Math.min(0, running), end: Math.max(0, running) });
  return out;
}

/** The ten-year series for the charts: every year from the first to the last, null where a year is missing (a visible gap). */
export function trendSeries(trend: Pick<Trend, 'points' | 'from' | 'to'>): { years: number[]; index: (number | null)[]; rank: (number | null)[]; of: (number | null)[] } {
  const years: number[] = [];
  const index: (number | null)[] = [];
  const rank: (number | null)[] = [];
  const of: (number | null)[] = [];
  if (trend.from === null || trend.to === null) return { years, index, rank, of };
  const byYear = new Map(trend.points.map((p) => [p.year, p]));
  for (let y = trend.from; y <= trend.to; y++) {
    const p = byYear.get(y);
    years.push(y);
    index.push(p?.totalIndex ?? null);
    rank.push(p?.rank ?? null);
    of.push(p?.of ?? null);
  }
  return { years, index, rank, of };
}

/** One cell of the robustness rank strip (1 … N). */
export interface RankCell {
  rank: number;
  current: boolean;
  /** Inside the 5–95 % interval of the survey Monte Carlo. */
  inSurveyInterval: boolean;
  /** Inside the interval of one step of appraisal judgement (best … worst). */
  inAppraisalInterval: boolean;
  /** Share of the draws that gave this rank, hundredths of a percent (0 when it never occurred). */
  percent: number;
}

/** The cells of the rank strip of the robustness card. */
export function rankStrip(
  of: number,
  current: number,
  survey: { p5: number; p95: number; probabilities: readonly { rank: number; percent: number }[] } | null,
  appraisal: { best: number; worst: number } | null,
): RankCell[] {
  const share = new Map((survey?.probabilities ?? []).map((p) => [p.rank, p.percent]));
  return Array.from({ length: Math.max(of, current) }, (_, i) => {
    const rank = i + 1;
    return {
      rank,
      current: rank === current,
      inSurveyInterval: survey !== null && rank >= survey.p5 && rank <= survey.p95,
      inAppraisalInterval: appraisal !== null && rank >= appraisal.best && rank <= appraisal.worst,
      percent: share.get(rank) ?? 0,
    };
  });
}

/**
 * The bins of the histogram worth drawing: from 50 % (or lower, from the first bin that holds an agency) to
 * 100 %, so a group between 60 % and 95 % is not squeezed into the right third of the chart.
 */
export function visibleBins<B extends { from: number; count: number }>(bins: readonly B[]): B[] {
  const first = bins.findIndex((b) => b.count > 0);
  const half = bins.findIndex((b) => b.from >= 5_000);
  const start = first < 0 ? Math.max(0, half) : half < 0 ? first : Math.min(first, half);
  return bins.slice(Math.max(0, start));
}

/** The exact mean of the known indices (hundredths), rounded once half-up; null when none. */
export function meanHundredths(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return null;
  const sum = xs.reduce((a, b) => a + b, 0);
  // Integers: (2·sum + n) / (2·n) floored is sum / n rounded half-up for non-negative sums.
  return Math.floor((2 * sum + xs.length) / (2 * xs.length));
}

/** The tick step of a rank axis for a group of `of` agencies: the roundest step giving at most 6 ticks (1 up to 6, 2 up to 12, 5 up to 30, …). */
export function rankTickStep(of: number): number {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (of / step <= 6) return step;
  return Math.ceil(of / 6 / 1000) * 1000;
}

/** Points (units of 1/10000) as a number of points for a spreadsheet cell; null stays empty. */
export function pointsCell(u: Units | null | undefined): number | null {
  return u === null || u === undefined ? null : u / 10_000;
}

/** An index (hundredths of a percent) as a number of percent for a spreadsheet cell (63.09 for 63.09 %); null stays empty. */
export function indexCell(h: IndexHundredths | null | undefined): number | null {
  return h === null || h === undefined ? null : h / 100;
}
