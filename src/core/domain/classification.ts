/**
 * Classification (xếp loại) of an agency's total index into bands such as Tốt / Khá / Trung bình / Yếu.
 * Band names are sourced (methodology.md §7, Khánh Hòa); thresholds are data, defaulting to the inferred 80/70/50.
 */
import type { Bilingual } from '../errors';
import type { ClassificationBand } from '../schemas/framework';
import { formatPercentExact, type IndexHundredths, type PercentUnits, tryParsePoints } from './decimal';

/** Default bands (methodology.md §7, inferred thresholds): Tốt ≥ 80, Khá 70–<80, Trung bình 50–<70, Yếu < 50 (percent, inclusive lower bounds). */
export const DEFAULT_BANDS: readonly ClassificationBand[] = [
  { code: 'good', labelVi: 'Tốt', labelEn: 'Good', minPercent: '80' },
  { code: 'fair', labelVi: 'Khá', labelEn: 'Fairly good', minPercent: '70' },
  { code: 'average', labelVi: 'Trung bình', labelEn: 'Average', minPercent: '50' },
  { code: 'weak', labelVi: 'Yếu', labelEn: 'Weak', minPercent: '0' },
];

// Parsed lower bounds per band list: classify runs once per agency, so parse each list once.
const parsedMinimums = new WeakMap<readonly ClassificationBand[], (number | null)[]>();

function bandMinimums(bands: readonly ClassificationBand[]): (number | null)[] {
  let mins = parsedMinimums.get(bands);
  if (!mins) {
    mins = bands.map((b) => tryParsePoints(b.minPercent));
    parsedMinimums.set(bands, mins);
  }
  return mins;
}

/** The band of an official index in hundredths (8000 = 80.00%): the band with the highest minPercent ≤ the index; null when none fits or bands are empty. */
export function classify(h: IndexHundredths, bands: readonly ClassificationBand[]): ClassificationBand | null {
  let best: ClassificationBand | null = null;
  let bestMin = -1;
  const mins = bandMinimums(bands);
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i]!;
    const min = mins[i] ?? null;
    if (min === null) continue;
    // h is in 1/100 %, min in 1/10000 %: compare exactly as integers.
    if (h * 100 >= min && min > bestMin) {
      best = band;
      bestMin = min;
    }
  }
  return best;
}

/** One problem of a band list: `index` is the band's position, `path` the field (e.g. `bands.1.minPercent`). */
export interface BandProblem {
  index: number | null;
  path: string;
  message: Bilingual;
}

/** Checks bands: at least one, codes unique, minPercent a decimal in [0, 100], strictly descending, the lowest exactly 0. */
export function validateBands(bands: readonly ClassificationBand[]): BandProblem[] {
  const problems: BandProblem[] = [];
  if (bands.length === 0) {
    problems.push({
      index: null,
      path: 'bands',
      message: { vi: 'Cần ít nhất một mức xếp loại.', en: 'At least one classification band is required.' },
    });
    return problems;
  }
  const codes = new Set<string>();
  let previous: PercentUnits | null = null;
  let lowest: PercentUnits | null = null;
  let allParsed = true;
  bands.forEach((band, index) => {
    if (codes.has(band.code)) {
      problems.push({
        index,
        path: `bands.${index}.code`,
        message: { vi: `Mã xếp loại "${band.code}" bị trùng.`, en: `Band code "${band.code}" is used more than once.` },
      });
    }
    codes.add(band.code);
    const min = tryParsePoints(band.minPercent);
    if (min === null) {
      allParsed = false;
      problems.push({
        index,
        path: `bands.${index}.minPercent`,
        message: {
          vi: `Ngưỡng của mức "${band.labelVi}" không phải số hợp lệ: "${band.minPercent}".`,
          en: `The threshold of band "${band.labelEn || band.labelVi}" is not a valid number: "${band.minPercent}".`,
        },
      });
      return;
    }
    if (min < 0 || min > 100 * 10_000) {
      problems.push({
        index,
        path: `bands.${index}.minPercent`,
        message: {
          vi: `Ngưỡng của mức "${band.labelVi}" phải từ 0 đến 100%.`,
          en: `The threshold of band "${band.labelEn || band.labelVi}" must be between 0 and 100%.`,
        },
      });
    }
    if (previous !== null && min >= previous) {
      problems.push({
        index,
        path: `bands.${index}.minPercent`,
        message: {
          vi: 'Các mức xếp loại phải xếp theo ngưỡng giảm dần và không trùng ngưỡng (ví dụ Tốt 80, Khá 70, Trung bình 50, Yếu 0).',
          en: 'Bands must be listed by strictly decreasing threshold (e.g. Good 80, Fairly good 70, Average 50, Weak 0).',
        },
      });
    }
    previous = min;
    lowest = lowest === null ? min : Math.min(lowest, min);
  });
  if (allParsed && lowest !== null && lowest !== 0) {
    problems.push({
      index: bands.length - 1,
      path: `bands.${bands.length - 1}.minPercent`,
      message: {
        vi: `Mức thấp nhất phải có ngưỡng 0% (đang là ${formatPercentExact(lowest, 'vi')}%) để mọi chỉ số đều được xếp loại.`,
        en: `The lowest band must start at 0% (it starts at ${formatPercentExact(lowest, 'en')}%) so that every index is classified.`,
      },
    });
  }
  return problems;
}
