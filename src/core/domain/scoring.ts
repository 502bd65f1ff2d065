/**
 * Points of one leaf at one stage (self-assessment, appraisal, final) from that stage's input, with a structured
 * derivation explaining exactly how the points were obtained (docs/scoring.md, "Leaf methods"; methodology.md §3).
 */
import type { Bilingual } from '../errors';
import type { FrameworkNode, LeafInput, LeafMethod, RatioMethod } from './framework';
import {
  compareRatioToPercent,
  floorDivBig,
  formatPointsExact,
  formatUnits,
  ratioPercentUnits,
  roundHalfUpDivBig,
  tryParsePoints,
  type PercentUnits,
  type Units,
} from './decimal';

/** The closed set of reasons a leaf input cannot be scored. */
export type ScoreProblemCode =
  | 'invalid_framework'
  | 'not_applicable_not_allowed'
  | 'unknown_level'
  | 'invalid_number'
  | 'negative_count'
  | 'incomplete_ratio'
  | 'numerator_exceeds_denominator'
  | 'invalid_value'
  | 'value_out_of_range'
  | 'value_not_multiple_of_step'
  | 'survey_not_self_scored';

/** Why an input cannot be scored; `field` is the input field to highlight. */
export interface ScoreProblem {
  code: ScoreProblemCode;
  nodeCode: string;
  field?: keyof LeafInput;
  message: Bilingual;
}

/** A ladder step as it appears in a derivation (decimal texts as declared). */
export interface DerivationStep {
  minPercent: string;
  inclusive: boolean;
  points: string;
}

/** Structured account of how a leaf's points were derived; every variant carries the leaf maximum in units. */
export type Derivation =
  | { method: 'not_scored'; units: 0; maxUnits: Units }
  | { method: 'not_applicable'; reason: 'declared' | 'denominator_zero'; units: null; maxUnits: Units }
  | { method: 'levels'; levelCode: string; labelVi: string; labelEn: string; units: Units; maxUnits: Units }
  | {
      method: 'ratio_ladder';
      numerator: string;
      denominator: string;
      /** The ratio in percent, 2 decimals, half-up ("90.00"). */
      percent: string;
      /** The percent text an explanation shows: `percent`, or more digits when 2 decimals would contradict the comparison. */
      percentShown: string;
      /** The step that matched, or null when the ratio is below every step (0 points). */
      matched: DerivationStep | null;
      /** The lowest step, used to say "< 70%" when nothing matched. */
      lowest: DerivationStep;
      units: Units;
      maxUnits: Units;
    }
  | {
      method: 'ratio_proportional';
      numerator: string;
      denominator: string;
      percent: string;
      percentShown: string;
      /** The ratio that earns full points (percent text, "100" when not declared). */
      capPercent: string;
      /** True when the ratio reached the cap, giving the maximum. */
      capped: boolean;
      rounding: 'exact' | 'floor_to_step';
      step?: string;
      /** max × ratio / cap rounded half-up to 1/10000 point (the documented quantisation of a derived value). */
      exactUnits: Units;
      /** False when max × ratio / cap had more than 4 decimals and was quantised. */
      isExact: boolean;
      units: Units;
      maxUnits: Units;
    }
  | { method: 'denominator_zero'; rule: 'full' | 'zero'; units: Units; maxUnits: Units }
  | { method: 'yes_no'; value: boolean; units: Units; maxUnits: Units }
  | { method: 'manual'; step: string; units: Units; maxUnits: Units }
  | { method: 'survey'; units: Units; maxUnits: Units };

/** Result of scoring a leaf: units null means not applicable (its maximum leaves the denominator). */
export type ScoreResult =
  | { ok: true; units: Units | null; derivation: Derivation }
  | { ok: false; problem: ScoreProblem };

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** True when a stage input carries anything (a value, a count, a level, survey points or a not-applicable flag). */
export function hasLeafInput(input: LeafInput | null | undefined): boolean {
  if (!input) return false;
  return (
    input.notApplicable === true ||
    present(input.levelCode) ||
    present(input.numerator) ||
    present(input.denominator) ||
    present(input.value) ||
    present(input.surveyPoints)
  );
}

function fail(node: FrameworkNode, code: ScoreProblemCode, message: Bilingual, field?: keyof LeafInput): ScoreResult {
  return { ok: false, problem: { code, nodeCode: node.code, ...(field ? { field } : {}), message } };
}

const pt = (u: Units, lang: 'vi' | 'en') => formatPointsExact(u, lang);

/** Scores one leaf from one stage's input: missing input counts 0 flagged 'not_scored'; see docs/scoring.md for each method's rule. */
export function scoreLeaf(node: FrameworkNode, input: LeafInput | null | undefined): ScoreResult {
  const maxUnits = tryParsePoints(node.maxPoints);
  const method = node.method;
  if (maxUnits === null || maxUnits < 0 || method === null) {
    return fail(node, 'invalid_framework', {
      vi: `Tiêu chí "${node.code}" chưa được khai báo đúng (điểm tối đa hoặc phương pháp chấm).`,
      en: `"${node.code}" is not declared correctly (maximum or scoring method).`,
    });
  }
  if (method.type === 'survey') return scoreSurvey(node, input, maxUnits);
  if (!hasLeafInput(input) || !input) return { ok: true, units: 0, derivation: { method: 'not_scored', units: 0, maxUnits } };
  if (input.notApplicable === true) {
    if (!node.mayBeNotApplicable) {
      return fail(
        node,
        'not_applicable_not_allowed',
        {
          vi: `Tiêu chí "${node.code}" không được đánh giá là không áp dụng.`,
          en: `"${node.code}" cannot be marked not applicable.`,
        },
        'notApplicable',
      );
    }
    return { ok: true, units: null, derivation: { method: 'not_applicable', reason: 'declared', units: null, maxUnits } };
  }
  switch (method.type) {
    case 'levels': {
      const level = method.levels.find((l) => l.code === input.levelCode);
      if (!level) {
        return fail(
          node,
          'unknown_level',
          {
            vi: `Mức "${String(input.levelCode ?? '')}" không có trong các mức của "${node.code}".`,
            en: `Level "${String(input.levelCode ?? '')}" is not one of the levels of "${node.code}".`,
          },
          'levelCode',
        );
      }
      const units = tryParsePoints(level.points);
      if (units === null) return fail(node, 'invalid_framework', { vi: 'Điểm của mức không hợp lệ.', en: 'Invalid level points.' });
      return {
        ok: true,
        units,
        derivation: { method: 'levels', levelCode: level.code, labelVi: level.labelVi, labelEn: level.labelEn, units, maxUnits },
      };
    }
    case 'ratio_ladder':
    case 'ratio_proportional':
      return scoreRatio(node, method, input, maxUnits);
    case 'yes_no': {
      if (typeof input.value !== 'boolean') {
        return fail(node, 'invalid_value', { vi: 'Cần chọn Có hoặc Không.', en: 'Choose yes or no.' }, 'value');
      }
      const units = input.value ? maxUnits : 0;
      return { ok: true, units, derivation: { method: 'yes_no', value: input.value, units, maxUnits } };
    }
    case 'manual': {
      const step = tryParsePoints(method.step);
      if (step === null || step <= 0) return fail(node, 'invalid_framework', { vi: 'Bước điểm không hợp lệ.', en: 'Invalid step.' });
      const units = parseValue(input.value);
      if (units === null) {
        return fail(
          node,
          'invalid_number',
          { vi: 'Điểm phải là số, tối đa 4 chữ số thập phân.', en: 'Points must be a number with at most 4 decimals.' },
          'value',
        );
      }
      const range = checkRange(node, units, maxUnits, 'value');
      if (range) return range;
      if (units % step !== 0) {
        return fail(
          node,
          'value_not_multiple_of_step',
          {
            vi: `Điểm ${pt(units, 'vi')} của "${node.code}" phải là bội số của ${pt(step, 'vi')}.`,
            en: `The points ${pt(units, 'en')} of "${node.code}" must be a multiple of ${pt(step, 'en')}.`,
          },
          'value',
        );
      }
      return { ok: true, units, derivation: { method: 'manual', step: method.step, units, maxUnits } };
    }
  }
}

function parseValue(v: unknown): Units | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  return tryParsePoints(v);
}

function checkRange(node: FrameworkNode, units: Units, maxUnits: Units, field: keyof LeafInput): ScoreResult | null {
  if (units < 0 || units > maxUnits) {
    return fail(
      node,
      'value_out_of_range',
      {
        vi: `Điểm của "${node.code}" phải từ 0 đến ${pt(maxUnits, 'vi')} (đang là ${pt(units, 'vi')}).`,
        en: `The points of "${node.code}" must be from 0 to ${pt(maxUnits, 'en')} (got ${pt(units, 'en')}).`,
      },
      field,
    );
  }
  return null;
}

function scoreSurvey(node: FrameworkNode, input: LeafInput | null | undefined, maxUnits: Units): ScoreResult {
  if (input && (present(input.levelCode) || present(input.value) || present(input.numerator) || present(input.denominator))) {
    return fail(
      node,
      'survey_not_self_scored',
      {
        vi: `Tiêu chí "${node.code}" lấy điểm từ điều tra xã hội học, không tự chấm.`,
        en: `"${node.code}" takes its points from the survey and is not self-scored.`,
      },
      'value',
    );
  }
  if (input?.notApplicable === true) {
    if (!node.mayBeNotApplicable) {
      return fail(
        node,
        'not_applicable_not_allowed',
        { vi: `Tiêu chí "${node.code}" không được đánh giá là không áp dụng.`, en: `"${node.code}" cannot be marked not applicable.` },
        'notApplicable',
      );
    }
    return { ok: true, units: null, derivation: { method: 'not_applicable', reason: 'declared', units: null, maxUnits } };
  }
  if (!input || !present(input.surveyPoints)) return { ok: true, units: 0, derivation: { method: 'not_scored', units: 0, maxUnits } };
  const units = parseValue(input.surveyPoints);
  if (units === null) {
    return fail(
      node,
      'invalid_number',
      { vi: 'Điểm điều tra phải là số, tối đa 4 chữ số thập phân.', en: 'Survey points must be a number with at most 4 decimals.' },
      'surveyPoints',
    );
  }
  return checkRange(node, units, maxUnits, 'surveyPoints') ?? { ok: true, units, derivation: { method: 'survey', units, maxUnits } };
}

function parseCount(node: FrameworkNode, v: unknown, field: 'numerator' | 'denominator'): Units | ScoreResult {
  const units = parseValue(v);
  const name = field === 'numerator' ? { vi: 'Tử số', en: 'The numerator' } : { vi: 'Mẫu số', en: 'The denominator' };
  if (units === null) {
    return fail(
      node,
      'invalid_number',
      { vi: `${name.vi} phải là số, tối đa 4 chữ số thập phân.`, en: `${name.en} must be a number with at most 4 decimals.` },
      field,
    );
  }
  if (units < 0) return fail(node, 'negative_count', { vi: `${name.vi} không được âm.`, en: `${name.en} must not be negative.` }, field);
  return units;
}

type Relation = '>=' | '>' | '<' | '<=';

/** The 2-decimal percent, and the text to show: more digits (or directed rounding) when 2 decimals would contradict a stated comparison. */
function percentTexts(n: Units, d: Units, constraints: { percent: PercentUnits; relation: Relation }[]): { percent: string; percentShown: string } {
  const p4 = ratioPercentUnits(n, d);
  const percent = formatUnits(p4, 2);
  const holds = (v: number) =>
    constraints.every(({ percent: b, relation }) =>
      relation === '>=' ? v >= b : relation === '>' ? v > b : relation === '<' ? v < b : v <= b,
    );
  const p2 = Number(roundHalfUpDivBig(BigInt(n) * 10_000n, BigInt(d))) * 100;
  if (holds(p2)) return { percent, percentShown: percent };
  if (holds(p4)) return { percent, percentShown: formatUnits(p4, 4) };
  const num = BigInt(n) * 1_000_000n;
  const down = Number(floorDivBig(num, BigInt(d)));
  if (holds(down)) return { percent, percentShown: formatUnits(down, 4) };
  const up = Number(-floorDivBig(-num, BigInt(d)));
  if (holds(up)) return { percent, percentShown: formatUnits(up, 4) };
  // An interval narrower than 1/10000 %: show 8 decimals, truncated.
  const eight = floorDivBig(num * 10_000n, BigInt(d)).toString().padStart(9, '0');
  return { percent, percentShown: `${eight.slice(0, -8)}.${eight.slice(-8)}` };
}

function scoreRatio(node: FrameworkNode, method: RatioMethod, input: LeafInput, maxUnits: Units): ScoreResult {
  if (!present(input.numerator) || !present(input.denominator)) {
    return fail(
      node,
      'incomplete_ratio',
      { vi: 'Cần nhập cả tử số và mẫu số.', en: 'Enter both the numerator and the denominator.' },
      present(input.numerator) ? 'denominator' : 'numerator',
    );
  }
  const n = parseCount(node, input.numerator, 'numerator');
  if (typeof n !== 'number') return n;
  const d = parseCount(node, input.denominator, 'denominator');
  if (typeof d !== 'number') return d;
  if (n > d) {
    return fail(
      node,
      'numerator_exceeds_denominator',
      {
        vi: `Tử số (${pt(n, 'vi')}) không được lớn hơn mẫu số (${pt(d, 'vi')}).`,
        en: `The numerator (${pt(n, 'en')}) cannot exceed the denominator (${pt(d, 'en')}).`,
      },
      'numerator',
    );
  }
  if (d === 0) {
    if (method.whenDenominatorZero === 'not_applicable') {
      return { ok: true, units: null, derivation: { method: 'not_applicable', reason: 'denominator_zero', units: null, maxUnits } };
    }
    const units = method.whenDenominatorZero === 'full' ? maxUnits : 0;
    return { ok: true, units, derivation: { method: 'denominator_zero', rule: method.whenDenominatorZero, units, maxUnits } };
  }
  const numerator = formatPointsExact(n, 'en');
  const denominator = formatPointsExact(d, 'en');
  if (method.type === 'ratio_ladder') return scoreLadder(node, method, n, d, numerator, denominator, maxUnits);
  const cap = method.capPercent !== undefined ? tryParsePoints(method.capPercent) : 100 * 10_000;
  const step = method.step !== undefined ? tryParsePoints(method.step) : null;
  if (cap === null || cap <= 0 || (method.rounding === 'floor_to_step' && (step === null || step <= 0))) {
    return fail(node, 'invalid_framework', { vi: 'Tham số tỷ lệ không hợp lệ.', en: 'Invalid ratio parameters.' });
  }
  const capped = compareRatioToPercent(n, d, cap) >= 0;
  // points = max × (n/d) / (cap/100) = max · n · 10^6 / (d · cap), cap in 1/10000 %.
  const num = BigInt(maxUnits) * BigInt(n) * 1_000_000n;
  const den = BigInt(d) * BigInt(cap);
  const exactUnits = capped ? maxUnits : Number(roundHalfUpDivBig(num, den));
  const isExact = capped || num % den === 0n;
  let units = exactUnits;
  if (!capped && method.rounding === 'floor_to_step' && step !== null) {
    units = Number(floorDivBig(num, den * BigInt(step))) * step;
  }
  return {
    ok: true,
    units,
    derivation: {
      method: 'ratio_proportional',
      numerator,
      denominator,
      ...percentTexts(n, d, [{ percent: cap, relation: capped ? '>=' : '<' }]),
      capPercent: method.capPercent ?? '100',
      capped,
      rounding: method.rounding,
      ...(method.step !== undefined ? { step: method.step } : {}),
      exactUnits,
      isExact,
      units,
      maxUnits,
    },
  };
}

function scoreLadder(
  node: FrameworkNode,
  method: Extract<LeafMethod, { type: 'ratio_ladder' }>,
  n: Units,
  d: Units,
  numerator: string,
  denominator: string,
  maxUnits: Units,
): ScoreResult {
  const steps = method.steps
    .map((s) => ({ step: s, min: tryParsePoints(s.minPercent), points: tryParsePoints(s.points) }))
    .sort((a, b) => (b.min ?? 0) - (a.min ?? 0) || Number(a.step.inclusive) - Number(b.step.inclusive));
  if (steps.length === 0 || steps.some((s) => s.min === null || s.points === null)) {
    return fail(node, 'invalid_framework', { vi: 'Thang tỷ lệ không hợp lệ.', en: 'Invalid percentage ladder.' });
  }
  const lowestEntry = steps[steps.length - 1];
  if (!lowestEntry) return fail(node, 'invalid_framework', { vi: 'Thang tỷ lệ không hợp lệ.', en: 'Invalid percentage ladder.' });
  const lowest = { ...lowestEntry.step };
  for (const [i, s] of steps.entries()) {
    const cmp = compareRatioToPercent(n, d, s.min ?? 0);
    if (cmp > 0 || (cmp === 0 && s.step.inclusive)) {
      const units = s.points ?? 0;
      const above = steps[i - 1];
      const constraints: { percent: PercentUnits; relation: Relation }[] = [
        { percent: s.min ?? 0, relation: s.step.inclusive ? '>=' : '>' },
      ];
      // The shown percent must not seem to reach the step above either.
      if (above) constraints.push({ percent: above.min ?? 0, relation: above.step.inclusive ? '<' : '<=' });
      return {
        ok: true,
        units,
        derivation: {
          method: 'ratio_ladder',
          numerator,
          denominator,
          ...percentTexts(n, d, constraints),
          matched: { ...s.step },
          lowest,
          units,
          maxUnits,
        },
      };
    }
  }
  return {
    ok: true,
    units: 0,
    derivation: {
      method: 'ratio_ladder',
      numerator,
      denominator,
      ...percentTexts(n, d, [{ percent: lowestEntry.min ?? 0, relation: lowest.inclusive ? '<' : '<=' }]),
      matched: null,
      lowest,
      units: 0,
      maxUnits,
    },
  };
}

export { describeMethod, explainDerivation } from './explain-derivation';
