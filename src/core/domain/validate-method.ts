/**
 * Method rules of framework validation (levels, ladders, ratios, steps) and the problem collector shared with
 * validate-framework.ts; see docs/scoring.md, "Framework rules".
 */
import type { Bilingual } from '../errors';
import type { LeafMethod, NodeKind } from '../schemas/framework';
import { formatPercentExact, formatPointsExact, tryParsePoints, type Units } from './decimal';
import type { FrameworkProblem, FrameworkProblemCode, ProblemSeverity } from './framework';

const FIELD_NAMES: Record<string, Bilingual> = {
  maxPoints: { vi: 'Điểm tối đa', en: 'Maximum points' },
  declaredTotal: { vi: 'Tổng điểm công bố', en: 'The declared total' },
  bonusCap: { vi: 'Mức trần điểm thưởng', en: 'The bonus cap' },
  deductionCap: { vi: 'Mức trần điểm trừ', en: 'The deduction cap' },
  points: { vi: 'Điểm của mức/bậc', en: 'Level or step points' },
  minPercent: { vi: 'Ngưỡng tỷ lệ', en: 'The ratio threshold' },
  step: { vi: 'Bước điểm', en: 'The step' },
  capPercent: { vi: 'Ngưỡng đủ điểm', en: 'The full-points threshold' },
};

/** Vietnamese and English names of node kinds, for messages. */
export const KIND_NAMES: Record<NodeKind, Bilingual> = {
  regular: { vi: 'thường', en: 'regular' },
  bonus: { vi: 'điểm thưởng', en: 'bonus' },
  deduction: { vi: 'điểm trừ', en: 'deduction' },
};

/** 100% in units of 1/10000 percent. */
export const HUNDRED_PERCENT = 100 * 10_000;

function fieldName(path: string): Bilingual {
  const last = path.split('.').pop() ?? path;
  return FIELD_NAMES[last] ?? { vi: path, en: path };
}

/** Accumulates framework problems with bilingual messages (internal to validation). */
export class Collector {
  readonly problems: FrameworkProblem[] = [];
  add(code: FrameworkProblemCode, severity: ProblemSeverity, message: Bilingual, nodeCode?: string, path?: string) {
    this.problems.push({
      code,
      severity,
      ...(nodeCode !== undefined ? { nodeCode } : {}),
      ...(path !== undefined ? { path } : {}),
      message,
    });
  }
  error(code: FrameworkProblemCode, message: Bilingual, nodeCode?: string, path?: string) {
    this.add(code, 'error', message, nodeCode, path);
  }
  warn(code: FrameworkProblemCode, message: Bilingual, nodeCode?: string, path?: string) {
    this.add(code, 'warning', message, nodeCode, path);
  }
  /** Parses a decimal field, reporting invalid or (unless allowed) negative values; returns null when unusable. */
  decimal(value: string | undefined, path: string, nodeCode?: string, allowNegative = false): Units | null {
    const parsed = tryParsePoints(value);
    const name = fieldName(path);
    const where = nodeCode !== undefined ? { vi: ` của "${nodeCode}"`, en: ` of "${nodeCode}"` } : { vi: '', en: '' };
    if (parsed === null) {
      this.error(
        'invalid_decimal',
        {
          vi: `${name.vi}${where.vi} không phải số thập phân hợp lệ (tối đa 4 chữ số thập phân): "${String(value)}".`,
          en: `${name.en}${where.en} is not a valid decimal (at most 4 decimal digits): "${String(value)}".`,
        },
        nodeCode,
        path,
      );
      return null;
    }
    if (!allowNegative && parsed < 0) {
      this.error(
        'negative_value',
        { vi: `${name.vi}${where.vi} không được âm.`, en: `${name.en}${where.en} must not be negative.` },
        nodeCode,
        path,
      );
      return null;
    }
    return parsed;
  }
}

/** Formats units exactly for a message ("0,5" / "0.5"). */
export const p = (u: Units, lang: 'vi' | 'en') => formatPointsExact(u, lang);

function checkPercent(c: Collector, code: string, value: string, path: string, allowZero: boolean): Units | null {
  const v = c.decimal(value, path, code);
  if (v === null) return null;
  if (v > HUNDRED_PERCENT || (!allowZero && v === 0)) {
    const name = fieldName(path);
    c.error(
      'percent_out_of_range',
      {
        vi: `${name.vi} của "${code}" phải ${allowZero ? 'từ 0' : 'lớn hơn 0'} đến 100%.`,
        en: `${name.en} of "${code}" must be ${allowZero ? 'from 0' : 'above 0'} to 100%.`,
      },
      code,
      path,
    );
    return null;
  }
  return v;
}

function checkStep(c: Collector, code: string, step: string, path: string, max: Units): void {
  const s = c.decimal(step, path, code);
  if (s === null) return;
  if (s <= 0) {
    c.error('step_not_positive', { vi: `Bước điểm của "${code}" phải lớn hơn 0.`, en: `The step of "${code}" must be above 0.` }, code, path);
  } else if (max % s !== 0) {
    c.error(
      'step_not_divisor',
      {
        vi: `Điểm tối đa ${p(max, 'vi')} của "${code}" không phải bội số của bước ${p(s, 'vi')}.`,
        en: `The maximum ${p(max, 'en')} of "${code}" is not a multiple of the step ${p(s, 'en')}.`,
      },
      code,
      path,
    );
  }
}

/** Checks a leaf's method against its maximum (levels, ladder order and points, percent ranges, steps), adding problems to the collector. */
export function checkMethod(c: Collector, code: string, method: LeafMethod, max: Units): void {
  switch (method.type) {
    case 'levels': {
      if (method.levels.length === 0) {
        c.error('levels_empty', { vi: `Tiêu chí "${code}" chấm theo mức nhưng chưa có mức nào.`, en: `"${code}" is scored by levels but has none.` }, code, 'method.levels');
        return;
      }
      const seen = new Set<string>();
      let reachesMax = false;
      let allParsed = true;
      method.levels.forEach((level, i) => {
        if (seen.has(level.code)) {
          c.error(
            'duplicate_level_code',
            { vi: `Mã mức "${level.code}" của "${code}" bị trùng.`, en: `Level code "${level.code}" of "${code}" is used more than once.` },
            code,
            `method.levels.${i}.code`,
          );
        }
        seen.add(level.code);
        const pts = c.decimal(level.points, `method.levels.${i}.points`, code);
        if (pts === null) {
          allParsed = false;
          return;
        }
        if (pts > max) {
          c.error(
            'level_points_exceed_max',
            {
              vi: `Mức "${level.labelVi}" của "${code}" cho ${p(pts, 'vi')} điểm, vượt điểm tối đa ${p(max, 'vi')}.`,
              en: `Level "${level.labelEn || level.labelVi}" of "${code}" gives ${p(pts, 'en')} points, above the maximum ${p(max, 'en')}.`,
            },
            code,
            `method.levels.${i}.points`,
          );
        }
        if (pts === max) reachesMax = true;
      });
      if (allParsed && !reachesMax) {
        c.warn(
          'no_level_gives_max',
          { vi: `Không có mức nào của "${code}" đạt điểm tối đa ${p(max, 'vi')}.`, en: `No level of "${code}" gives the maximum ${p(max, 'en')}.` },
          code,
          'method.levels',
        );
      }
      return;
    }
    case 'ratio_ladder': {
      if (method.steps.length === 0) {
        c.error('ladder_empty', { vi: `Tiêu chí "${code}" chấm theo thang tỷ lệ nhưng chưa có bậc nào.`, en: `"${code}" is scored by a percentage ladder but has no steps.` }, code, 'method.steps');
        return;
      }
      let prevMin: Units | null = null;
      let prevInclusive = false;
      let prevPoints: Units | null = null;
      let sorted = true;
      let monotonic = true;
      let reachesMax = false;
      let allParsed = true;
      method.steps.forEach((step, i) => {
        const min = checkPercent(c, code, step.minPercent, `method.steps.${i}.minPercent`, true);
        const pts = c.decimal(step.points, `method.steps.${i}.points`, code);
        if (min === null || pts === null) {
          allParsed = false;
          return;
        }
        if (pts > max) {
          c.error(
            'ladder_points_exceed_max',
            {
              vi: `Bậc ${step.inclusive ? '≥' : '>'} ${formatPercentExact(min, 'vi')}% của "${code}" cho ${p(pts, 'vi')} điểm, vượt điểm tối đa ${p(max, 'vi')}.`,
              en: `Step ${step.inclusive ? '≥' : '>'} ${formatPercentExact(min, 'en')}% of "${code}" gives ${p(pts, 'en')} points, above the maximum ${p(max, 'en')}.`,
            },
            code,
            `method.steps.${i}.points`,
          );
        }
        if (pts === max) reachesMax = true;
        // Strictly descending thresholds; at an equal percent "> x" must come before "≥ x".
        if (prevMin !== null && (min > prevMin || (min === prevMin && (prevInclusive || !step.inclusive)))) sorted = false;
        if (prevPoints !== null && pts > prevPoints) monotonic = false;
        prevMin = min;
        prevInclusive = step.inclusive;
        prevPoints = pts;
      });
      if (!sorted) {
        c.error(
          'ladder_not_sorted',
          {
            vi: `Các bậc tỷ lệ của "${code}" phải xếp theo ngưỡng giảm dần, không trùng nhau.`,
            en: `The steps of "${code}" must be listed by strictly decreasing threshold.`,
          },
          code,
          'method.steps',
        );
      } else if (allParsed && !monotonic) {
        c.warn(
          'ladder_not_monotonic',
          {
            vi: `Thang tỷ lệ của "${code}": tỷ lệ cao hơn lại được ít điểm hơn.`,
            en: `The ladder of "${code}" gives fewer points to a higher ratio.`,
          },
          code,
          'method.steps',
        );
      }
      if (allParsed && !reachesMax) {
        c.warn(
          'no_step_gives_max',
          { vi: `Không có bậc nào của "${code}" đạt điểm tối đa ${p(max, 'vi')}.`, en: `No step of "${code}" gives the maximum ${p(max, 'en')}.` },
          code,
          'method.steps',
        );
      }
      return;
    }
    case 'ratio_proportional': {
      if (method.capPercent !== undefined) checkPercent(c, code, method.capPercent, 'method.capPercent', false);
      if (method.rounding === 'floor_to_step') {
        if (method.step === undefined) {
          c.error(
            'floor_step_missing',
            {
              vi: `Tiêu chí "${code}" làm tròn xuống theo bước nhưng chưa khai báo bước.`,
              en: `"${code}" rounds down to a step but declares no step.`,
            },
            code,
            'method.step',
          );
        } else {
          checkStep(c, code, method.step, 'method.step', max);
        }
      }
      return;
    }
    case 'manual':
      checkStep(c, code, method.step, 'method.step', max);
      return;
    default:
      return;
  }
}

