/**
 * The survey tally (methodology.md §5.1, docs/survey-tally.md): per agency × survey leaf, points = leaf maximum ×
 * mean weight of the valid answers mapped to the leaf ("don't know" excluded), rounded ONCE half-up to 1/10000
 * point, with the answer count, the distinct responses, a 95 % confidence interval and quota warnings; plus the
 * same per respondent group and the quota fill of agencies × respondent groups.
 */
import type { Bilingual } from '../../errors';
import type { Framework } from '../../schemas/framework';
import type { CompiledFramework } from '../compute-index';
import { formatPointsExact, formatUnits, indexHundredths, roundHalfUpDiv, roundHalfUpDivBig, tryParsePoints, type IndexHundredths, type Units } from '../decimal';
import { compareCodes, orderedNodes, parentCodes } from '../framework-tree';
import {
  isScored,
  leafCodesFor,
  likertWeight,
  parseWeight,
  WEIGHT_SCALE,
  type Questionnaire,
  type SurveyQuestion,
  type WeightUnits,
} from './questionnaire';

/** A survey leaf of the framework as the tally needs it: code and maximum points (decimal text), names for messages. */
export interface SurveyLeaf {
  code: string;
  maxPoints: string;
  nameVi?: string;
  nameEn?: string;
}

/** One stored answer as the tally reads it (already validated at submission); `agencyId` is null for respondent-level questions. */
export interface TallyAnswer {
  responseId: string;
  questionnaireCode: string;
  respondentGroup: string;
  agencyId: string | null;
  questionCode: string;
  optionCode?: string | null;
  likert?: number | null;
  dontKnow?: boolean | null;
}

/** The number of responses wanted for an agency from a respondent group (a non-negative integer). */
export interface QuotaTarget {
  agencyId: string;
  respondentGroup: string;
  target: number;
}

/** Everything the tally reads: the framework's survey leaves, the questionnaires (questions with their leaf mapping), answers and quota targets. */
export interface TallyInput {
  leaves: readonly SurveyLeaf[];
  questionnaires: readonly Pick<Questionnaire, 'code' | 'questions'>[];
  answers: readonly TallyAnswer[];
  targets?: readonly QuotaTarget[];
  /** Agencies to report even without answers or targets (their leaves get points null and a warning). */
  agencyIds?: readonly string[];
}

/** Why a cell of the tally deserves attention. */
export const TALLY_WARNING_CODES = ['no_answers', 'below_target', 'few_answers'] as const;
export type TallyWarningCode = (typeof TALLY_WARNING_CODES)[number];

/** A warning on a tally cell with a bilingual message. */
export interface TallyWarning {
  code: TallyWarningCode;
  message: Bilingual;
}

/** A 95 % confidence interval of a leaf's mean weight (normal approximation, sample standard deviation), in points and in weight. */
export interface SurveyInterval {
  /** Points interval in units of 1/10000 point: points ∓ halfWidth, clamped to [0, max]. */
  low: Units;
  high: Units;
  /** round(max × 1.96 × s / √n) in units, half-up. */
  halfWidth: Units;
  /** The weight interval as decimal text with 4 decimals, clamped to [0, 1]. */
  lowWeight: string;
  highWeight: string;
}

/** One agency × survey leaf (× respondent group in {@link tallyByGroup}) of the tally; points in units of 1/10000 point. */
export interface LeafTally {
  agencyId: string;
  leafCode: string;
  /** The respondent group of a per-group cell, null in the overall tally. */
  respondentGroup: string | null;
  maxUnits: Units;
  /** max × Σweight / (count × 10000) rounded once, half-up, to a unit; null when no valid answer (not 0). */
  points: Units | null;
  /** Valid answers used (weights in the mean). */
  count: number;
  /** "Don't know" answers mapped to this leaf (excluded from the mean). */
  dontKnow: number;
  /** Distinct responses with at least one valid answer in this cell. */
  responses: number;
  /** The quota target of the agency (summed over groups; the group's own target per group), 0 when none. */
  target: number;
  /** True when target > 0 and responses < target. */
  belowTarget: boolean;
  /** Σ weight units of the valid answers. */
  sumWeight: WeightUnits;
  /** Mean weight as decimal text with 4 decimals ("0.5333"), half-up; null without answers. */
  meanWeight: string | null;
  /** 95 % confidence interval; null when count < 2. */
  interval: SurveyInterval | null;
  warnings: TallyWarning[];
}

/** Per agency (× group in {@link tallyByGroup}): distinct responses with any answer about it, its target and the below-target flag. */
export interface AgencyTally {
  agencyId: string;
  respondentGroup: string | null;
  responses: number;
  target: number;
  belowTarget: boolean;
}

/** Why an answer did not count toward any leaf. */
/** Why an answer was left out of the tally. */
export const IGNORED_REASONS = ['unknown_questionnaire', 'unknown_question', 'not_scored', 'no_agency', 'unknown_option', 'invalid_value', 'unmapped', 'unknown_leaf'] as const;
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

/** The result of a tally: cells (agencies in natural code order, leaves in the given order), agency summaries and ignored-answer counts. */
export interface SurveyTally {
  cells: LeafTally[];
  agencies: AgencyTally[];
  ignored: Record<IgnoredReason, number>;
}

/** Answers fewer than this in a cell raise the `few_answers` warning. */
export const FEW_ANSWERS = 5;

/** The two-sided 95 % normal quantile used by the confidence intervals. */
export const Z_95 = 1.96;

/** The survey leaves of a framework in tree order (leaves whose method is `survey`), as {@link tallySurvey} takes them. */
export function surveyLeavesOf(f: Framework | CompiledFramework): SurveyLeaf[] {
  const nodes = 'compiled' in f ? f.nodes : orderedNodes(f.nodes);
  const parents = parentCodes(nodes);
  return nodes
    .filter((n) => !parents.has(n.code) && n.method?.type === 'survey')
    .map((n) => ({ code: n.code, maxPoints: n.maxPoints, nameVi: n.nameVi, nameEn: n.nameEn }));
}

interface Acc {
  n: number;
  dk: number;
  sum: number;
  sumSq: number;
  responses: Set<string>;
}

const emptyIgnored = (): Record<IgnoredReason, number> => ({
  unknown_questionnaire: 0,
  unknown_question: 0,
  not_scored: 0,
  no_agency: 0,
  unknown_option: 0,
  invalid_value: 0,
  unmapped: 0,
  unknown_leaf: 0,
});

/** The weight of an answer to a scored question: a number, 'dont_know', or null when the option/value is not valid. */
function answerWeight(q: SurveyQuestion, a: TallyAnswer): WeightUnits | 'dont_know' | null {
  if (q.type === 'single') {
    const option = q.options.find((o) => o.code === a.optionCode);
    if (!option) return null;
    if (option.weight === null) return 'dont_know';
    return parseWeight(option.weight);
  }
  if (q.type === 'likert') {
    if (a.dontKnow === true) return q.allowDontKnow ? 'dont_know' : null;
    return typeof a.likert === 'number' ? likertWeight(a.likert) : null;
  }
  return null;
}

const msg = {
  noAnswers: (): Bilingual => ({
    vi: 'Chưa có câu trả lời hợp lệ nào cho tiêu chí này nên chưa có điểm.',
    en: 'No valid answer for this leaf yet, so it has no points.',
  }),
  belowTarget: (responses: number, target: number): Bilingual => ({
    vi: `Số phiếu (${responses}) thấp hơn chỉ tiêu (${target}).`,
    en: `Responses (${responses}) are below the target (${target}).`,
  }),
  few: (count: number): Bilingual => ({
    vi: `Chỉ có ${count} câu trả lời hợp lệ (dưới ${FEW_ANSWERS}): kết quả kém tin cậy.`,
    en: `Only ${count} valid answer${count === 1 ? '' : 's'} (fewer than ${FEW_ANSWERS}): the result is unreliable.`,
  }),
};

/** The points, mean weight and 95 % interval of one cell from its sums (exact integers; only the interval's square root uses floats). */
export function cellStatistics(
  maxUnits: Units,
  count: number,
  sumWeight: WeightUnits,
  sumSquares: number,
): { points: Units | null; meanWeight: string | null; interval: SurveyInterval | null } {
  if (count <= 0) return { points: null, meanWeight: null, interval: null };
  const points = Number(roundHalfUpDivBig(BigInt(maxUnits) * BigInt(sumWeight), BigInt(count) * BigInt(WEIGHT_SCALE)));
  const meanUnits = roundHalfUpDiv(sumWeight, count);
  const meanWeight = formatUnits(meanUnits, 4);
  if (count < 2) return { points, meanWeight, interval: null };
  // Variance of the mean = (n·Σw² − (Σw)²) / (n²·(n − 1)), in weight units squared; exact up to the square root.
  const n = BigInt(count);
  const varNumerator = n * BigInt(sumSquares) - BigInt(sumWeight) * BigInt(sumWeight);
  const seWeight = Math.sqrt(Number(varNumerator < 0n ? 0n : varNumerator) / (count * count * (count - 1)));
  const halfWeight = Z_95 * seWeight;
  const halfWidth = Math.round((maxUnits * halfWeight) / WEIGHT_SCALE);
  const halfW = Math.round(halfWeight);
  return {
    points,
    meanWeight,
    interval: {
      low: Math.max(0, points - halfWidth),
      high: Math.min(maxUnits, points + halfWidth),
      halfWidth,
      lowWeight: formatUnits(Math.max(0, meanUnits - halfW), 4),
      highWeight: formatUnits(Math.min(WEIGHT_SCALE, meanUnits + halfW), 4),
    },
  };
}

function checkTarget(t: QuotaTarget): void {
  if (!Number.isSafeInteger(t.target) || t.target < 0) throw new RangeError(`Quota target of ${t.agencyId}/${t.respondentGroup} must be a non-negative integer`);
}

function tallyCore(input: TallyInput, perGroup: boolean): SurveyTally {
  const leaves = input.leaves.map((l) => {
    const max = tryParsePoints(l.maxPoints);
    if (max === null || max < 0) throw new RangeError(`Invalid maximum of survey leaf ${l.code}: ${l.maxPoints}`);
    return { code: l.code, max };
  });
  const leafIndex = new Map<string, number>();
  leaves.forEach((l, i) => leafIndex.set(l.code, i));
  const questions = new Map<string, Map<string, SurveyQuestion>>();
  for (const qn of input.questionnaires) {
    const m = new Map<string, SurveyQuestion>();
    for (const q of qn.questions) if (!m.has(q.code)) m.set(q.code, q);
    questions.set(qn.code, m);
  }
  const ignored = emptyIgnored();
  const groupOf = (g: string): string => (perGroup ? g : '');
  // Keys: agency id and group ('' overall) joined by \u0000.
  const key = (agencyId: string, group: string) => `${agencyId}\u0000${group}`;
  const units = new Map<string, { agencyId: string; group: string }>();
  const addUnit = (agencyId: string, group: string) => {
    const k = key(agencyId, group);
    if (!units.has(k)) units.set(k, { agencyId, group });
    return k;
  };
  const targets = new Map<string, number>();
  for (const t of input.targets ?? []) {
    checkTarget(t);
    const k = addUnit(t.agencyId, groupOf(t.respondentGroup));
    targets.set(k, (targets.get(k) ?? 0) + t.target);
  }
  if (!perGroup) for (const id of input.agencyIds ?? []) addUnit(id, '');
  const cells = new Map<string, Acc>();
  const unitResponses = new Map<string, Set<string>>();
  for (const a of input.answers) {
    const qs = questions.get(a.questionnaireCode);
    if (!qs) {
      ignored.unknown_questionnaire++;
      continue;
    }
    const q = qs.get(a.questionCode);
    if (!q) {
      ignored.unknown_question++;
      continue;
    }
    if (a.agencyId === null || a.agencyId === undefined || a.agencyId === '') {
      ignored.no_agency++;
      continue;
    }
    const uk = addUnit(a.agencyId, groupOf(a.respondentGroup));
    let seen = unitResponses.get(uk);
    if (!seen) unitResponses.set(uk, (seen = new Set()));
    seen.add(a.responseId);
    if (!isScored(q)) {
      ignored.not_scored++;
      continue;
    }
    const w = answerWeight(q, a);
    if (w === null) {
      if (q.type === 'single') ignored.unknown_option++;
      else ignored.invalid_value++;
      continue;
    }
    const codes = leafCodesFor(q, a.respondentGroup);
    if (codes.length === 0) {
      ignored.unmapped++;
      continue;
    }
    for (const code of new Set(codes)) {
      const li = leafIndex.get(code);
      if (li === undefined) {
        ignored.unknown_leaf++;
        continue;
      }
      const ck = `${uk}\u0000${li}`;
      let acc = cells.get(ck);
      if (!acc) cells.set(ck, (acc = { n: 0, dk: 0, sum: 0, sumSq: 0, responses: new Set() }));
      if (w === 'dont_know') acc.dk++;
      else {
        acc.n++;
        acc.sum += w;
        acc.sumSq += w * w;
        acc.responses.add(a.responseId);
      }
    }
  }
  const sortedUnits = [...units.entries()].sort(
    ([, x], [, y]) => compareCodes(x.agencyId, y.agencyId) || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0),
  );
  const outCells: LeafTally[] = [];
  const agencies: AgencyTally[] = [];
  for (const [uk, u] of sortedUnits) {
    const target = targets.get(uk) ?? 0;
    const unitCount = unitResponses.get(uk)?.size ?? 0;
    const respondentGroup = perGroup ? u.group : null;
    agencies.push({ agencyId: u.agencyId, respondentGroup, responses: unitCount, target, belowTarget: target > 0 && unitCount < target });
    leaves.forEach((leaf, li) => {
      const acc = cells.get(`${uk}\u0000${li}`);
      const count = acc?.n ?? 0;
      const responses = acc?.responses.size ?? 0;
      const stats = cellStatistics(leaf.max, count, acc?.sum ?? 0, acc?.sumSq ?? 0);
      const warnings: TallyWarning[] = [];
      if (count === 0) warnings.push({ code: 'no_answers', message: msg.noAnswers() });
      else if (count < FEW_ANSWERS) warnings.push({ code: 'few_answers', message: msg.few(count) });
      const belowTarget = target > 0 && responses < target;
      if (belowTarget) warnings.push({ code: 'below_target', message: msg.belowTarget(responses, target) });
      outCells.push({
        agencyId: u.agencyId,
        leafCode: leaf.code,
        respondentGroup,
        maxUnits: leaf.max,
        points: stats.points,
        count,
        dontKnow: acc?.dk ?? 0,
        responses,
        target,
        belowTarget,
        sumWeight: acc?.sum ?? 0,
        meanWeight: stats.meanWeight,
        interval: stats.interval,
        warnings,
      });
    });
  }
  return { cells: outCells, agencies, ignored };
}

/** Tallies the survey per agency × survey leaf over all respondent groups (mean over answers, "don't know" excluded; see docs/survey-tally.md). */
export function tallySurvey(input: TallyInput): SurveyTally {
  return tallyCore(input, false);
}

/** The same tally per agency × respondent group × survey leaf (for reports); targets are each group's own. */
export function tallyByGroup(input: TallyInput): SurveyTally {
  return tallyCore(input, true);
}

/** The survey points of each agency by leaf code as decimal text ("2.1333"), null when the leaf has no answer: the `surveyPoints` of the engine's inputs. */
export function surveyPointsByAgency(tally: SurveyTally): Map<string, Record<string, string | null>> {
  const out = new Map<string, Record<string, string | null>>();
  for (const c of tally.cells) {
    if (c.respondentGroup !== null) continue;
    let rec = out.get(c.agencyId);
    if (!rec) out.set(c.agencyId, (rec = {}));
    rec[c.leafCode] = c.points === null ? null : formatPointsExact(c.points, 'en');
  }
  return out;
}

/** The points intervals (units) of each agency's survey leaves that have one, as rank robustness takes them. */
export function surveyIntervalsByAgency(tally: SurveyTally): Record<string, Record<string, { low: Units; high: Units }>> {
  const out: Record<string, Record<string, { low: Units; high: Units }>> = {};
  for (const c of tally.cells) {
    if (c.respondentGroup !== null || c.interval === null) continue;
    (out[c.agencyId] ??= {})[c.leafCode] = { low: c.interval.low, high: c.interval.high };
  }
  return out;
}

/** One response counted toward a quota: one entry per response and evaluated agency (a matrix response counts for each agency it rated). */
export interface QuotaResponse {
  responseId: string;
  agencyId: string;
  respondentGroup: string;
}

/** Quota fill of one agency × respondent group (or of one agency over groups): percent in hundredths of a percent, half-up, null when the target is 0. */
export interface QuotaCell {
  agencyId: string;
  respondentGroup: string | null;
  target: number;
  done: number;
  percent: IndexHundredths | null;
  complete: boolean;
}

/** The quota dashboard: per agency × group, per agency, and overall (done counts only up to each cell's target in `overall.capped`). */
export interface QuotaFill {
  cells: QuotaCell[];
  agencies: QuotaCell[];
  overall: { target: number; done: number; capped: number; percent: IndexHundredths | null; complete: boolean };
}

const fillPercent = (done: number, target: number): IndexHundredths | null => (target > 0 ? indexHundredths(done, target) : null);

/** Fills quota targets with distinct responses per agency × respondent group (complete when done ≥ target); cells with responses but no target have target 0. */
export function quotaFill(targets: readonly QuotaTarget[], responses: readonly QuotaResponse[]): QuotaFill {
  const key = (a: string, g: string) => `${a}\u0000${g}`;
  const cells = new Map<string, { agencyId: string; group: string; target: number; done: Set<string> }>();
  const cell = (agencyId: string, group: string) => {
    const k = key(agencyId, group);
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { agencyId, group, target: 0, done: new Set() }));
    return c;
  };
  for (const t of targets) {
    checkTarget(t);
    cell(t.agencyId, t.respondentGroup).target += t.target;
  }
  for (const r of responses) cell(r.agencyId, r.respondentGroup).done.add(r.responseId);
  const sorted = [...cells.values()].sort(
    (x, y) => compareCodes(x.agencyId, y.agencyId) || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0),
  );
  const out: QuotaCell[] = sorted.map((c) => ({
    agencyId: c.agencyId,
    respondentGroup: c.group,
    target: c.target,
    done: c.done.size,
    percent: fillPercent(c.done.size, c.target),
    complete: c.done.size >= c.target,
  }));
  const byAgency = new Map<string, QuotaCell>();
  let target = 0;
  let done = 0;
  let capped = 0;
  for (const c of out) {
    let a = byAgency.get(c.agencyId);
    if (!a) byAgency.set(c.agencyId, (a = { agencyId: c.agencyId, respondentGroup: null, target: 0, done: 0, percent: null, complete: true }));
    a.target += c.target;
    a.done += c.done;
    a.complete = a.complete && c.complete;
    target += c.target;
    done += c.done;
    capped += Math.min(c.done, c.target);
  }
  const agencies = [...byAgency.values()].map((a) => ({ ...a, percent: fillPercent(a.done, a.target) }));
  return {
    cells: out,
    agencies,
    overall: { target, done, capped, percent: fillPercent(capped, target), complete: out.every((c) => c.complete) },
  };
}
