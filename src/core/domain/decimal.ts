/**
 * Exact points arithmetic (architecture.md, "Numbers"): points are fixed-point integers in units of 1/10000 point,
 * indices are integer hundredths of a percent, and rounding happens once, half away from zero, at presentation.
 */

/** A points amount in units of 1/10000 point; always a safe integer (e.g. 1.25 points = 12500). */
export type Units = number;

/** An index in integer hundredths of a percent, 0..10000 for a total index (8464 = 84.64%). */
export type IndexHundredths = number;

/** A percentage in units of 1/10000 percent (e.g. "90" = 900000, "66.6667" = 666667). */
export type PercentUnits = number;

/** Presentation language of formatted numbers: Vietnamese uses a decimal comma, English a decimal point. */
export type NumberLang = 'vi' | 'en';

/** Units per point: 10000, so 4 decimal digits are exact (docs/scoring.md, "Units"). */
export const POINT_SCALE = 10_000;

/** Number of exact decimal digits of a points amount (4). */
export const POINT_DECIMALS = 4;

/** Units of a whole percent in {@link PercentUnits} (10000 = 1%). */
export const PERCENT_SCALE = 10_000;

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;
const BIG_SAFE = 2 ** 50;

/** Parses a decimal text or number ("1.25", "-1.5", "2", 0.25) into exact units; throws RangeError on more than 4 decimals, NaN, infinity or exponent forms. */
export function parsePoints(s: string | number): Units {
  let text: string;
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) throw new RangeError(`Not a finite number: ${String(s)}`);
    // String() gives the shortest decimal that round-trips, so 0.1 stays "0.1" while 0.1 + 0.2 is rejected.
    text = String(s);
    if (/e/i.test(text)) throw new RangeError(`Exponent form is not accepted: ${text}`);
  } else if (typeof s === 'string') {
    text = s.trim();
  } else {
    throw new RangeError('Not a decimal number');
  }
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new RangeError(`Not a decimal number: ${JSON.stringify(s)}`);
  const intDigits = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  if (frac.length > POINT_DECIMALS) throw new RangeError(`More than ${POINT_DECIMALS} decimals: ${text}`);
  if (intDigits.length > 11) throw new RangeError(`Number too large: ${text}`);
  const units = Number(intDigits) * POINT_SCALE + Number(frac.padEnd(POINT_DECIMALS, '0'));
  if (!Number.isSafeInteger(units)) throw new RangeError(`Number too large: ${text}`);
  if (units === 0) return 0;
  return m[1] === '-' ? -units : units;
}

/** Like {@link parsePoints} but returns null instead of throwing (for validation that reports every problem). */
export function tryParsePoints(s: unknown): Units | null {
  if (typeof s !== 'string' && typeof s !== 'number') return null;
  try {
    return parsePoints(s);
  } catch {
    return null;
  }
}

/** Exact integer division rounded half away from zero (1.5 → 2, −1.5 → −2); denominator > 0; switches to BigInt for large operands. */
export function roundHalfUpDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator)) throw new RangeError(`Numerator is not a safe integer: ${numerator}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`Denominator must be a positive safe integer: ${denominator}`);
  }
  if (numerator === 0) return 0; // also turns −0 into 0
  const negative = numerator < 0;
  const a = negative ? -numerator : numerator;
  if (a > BIG_SAFE || denominator > BIG_SAFE) {
    return Number(roundHalfUpDivBig(BigInt(numerator), BigInt(denominator)));
  }
  let q = Math.floor(a / denominator);
  let r = a - q * denominator;
  // Float division can be off by one near integer boundaries; correct it exactly.
  if (r < 0) {
    q -= 1;
    r += denominator;
  } else if (r >= denominator) {
    q += 1;
    r -= denominator;
  }
  if (2 * r >= denominator) q += 1;
  return negative && q !== 0 ? -q : q;
}

/** BigInt version of {@link roundHalfUpDiv}: exact division rounded half away from zero; denominator > 0. */
export function roundHalfUpDivBig(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('Denominator must be positive');
  const negative = numerator < 0n;
  const a = negative ? -numerator : numerator;
  let q = a / denominator;
  const r = a - q * denominator;
  if (2n * r >= denominator) q += 1n;
  return negative ? -q : q;
}

/** Exact floor division (towards −∞) of BigInts; denominator > 0. */
export function floorDivBig(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('Denominator must be positive');
  const q = numerator / denominator;
  return numerator < 0n && q * denominator !== numerator ? q - 1n : q;
}

function formatScaledInteger(value: number, decimals: number): string {
  const negative = value < 0;
  const digits = String(negative ? -value : value).padStart(decimals + 1, '0');
  const intPart = digits.slice(0, digits.length - decimals);
  const fracPart = digits.slice(digits.length - decimals);
  return (negative ? '-' : '') + intPart + (decimals > 0 ? `.${fracPart}` : '');
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > POINT_DECIMALS) {
    throw new RangeError(`decimals must be an integer 0..${POINT_DECIMALS}`);
  }
}

/** Formats units with exactly `decimals` digits (0..4, default 2), rounding half away from zero ("1.25", "84.64", "-0.13"). */
export function formatUnits(u: Units, decimals = 2): string {
  if (!Number.isSafeInteger(u)) throw new RangeError(`Units must be a safe integer: ${u}`);
  checkDecimals(decimals);
  const rounded = roundHalfUpDiv(u, 10 ** (POINT_DECIMALS - decimals));
  return formatScaledInteger(rounded, decimals);
}

/** Exact decimal text of units with trailing zeros trimmed ("1.5", "0.25", "2", "-0.0001"): the storage form for a `numeric` column. */
export function unitsToDecimalString(u: Units): string {
  if (!Number.isSafeInteger(u)) throw new RangeError(`Units must be a safe integer: ${u}`);
  // Hot path (every result cell): integer arithmetic instead of a regular expression.
  const negative = u < 0;
  const a = negative ? -u : u;
  const whole = Math.floor(a / POINT_SCALE);
  let frac = a - whole * POINT_SCALE;
  const sign = negative ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  let digits = 4;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  return `${sign}${whole}.${String(frac).padStart(digits, '0')}`;
}

/** Canonical decimal text of a decimal text or number ("1.50" → "1.5", 2 → "2"); throws RangeError like {@link parsePoints}. */
export function canonicalDecimal(s: string | number): string {
  return unitsToDecimalString(parsePoints(s));
}

function localise(text: string, lang: NumberLang): string {
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** Formats units for a reader with exactly `decimals` digits, half away from zero, decimal comma in Vietnamese ("84,64" / "84.64"). */
export function formatPoints(u: Units, lang: NumberLang, decimals = 2): string {
  return localise(formatUnits(u, decimals), lang);
}

/** Formats units exactly with trailing zeros trimmed, decimal comma in Vietnamese ("0,5" / "0.5"): used in explanations. */
export function formatPointsExact(u: Units, lang: NumberLang): string {
  return localise(unitsToDecimalString(u), lang);
}

/** The index of `points` over `max` in hundredths of a percent: the exact rational points × 100 / max rounded ONCE, half-up; max > 0. */
export function indexHundredths(points: Units, max: Units): IndexHundredths {
  if (!Number.isSafeInteger(points)) throw new RangeError(`points must be a safe integer: ${points}`);
  if (!Number.isSafeInteger(max) || max <= 0) throw new RangeError(`max must be a positive safe integer: ${max}`);
  const product = points * 10_000;
  if (Number.isSafeInteger(product)) return roundHalfUpDiv(product, max);
  return Number(roundHalfUpDivBig(BigInt(points) * 10_000n, BigInt(max)));
}

/** Formats an index in hundredths with 2 decimals and a percent sign by default ("84,64%" in Vietnamese, "84.64%" in English). */
export function formatIndex(h: IndexHundredths, lang: NumberLang, options: { percentSign?: boolean } = {}): string {
  if (!Number.isSafeInteger(h)) throw new RangeError(`index must be a safe integer: ${h}`);
  const text = localise(formatScaledInteger(h, 2), lang);
  return options.percentSign === false ? text : `${text}%`;
}

/** Parses a percentage text such as "90" or "66.6667" into {@link PercentUnits} (1/10000 %); throws RangeError like {@link parsePoints}. */
export function parsePercent(s: string | number): PercentUnits {
  return parsePoints(s);
}

/** Compares the exact ratio numerator/denominator with a percentage (BigInt, never floats): −1 below, 0 equal, 1 above; denominator > 0. */
export function compareRatioToPercent(numerator: Units, denominator: Units, percent: PercentUnits): -1 | 0 | 1 {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  // n/d ? p/(100·10000)  ⇔  n·10^6 ? p·d
  const left = BigInt(numerator) * 1_000_000n;
  const right = BigInt(percent) * BigInt(denominator);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The percentage numerator/denominator × 100 in {@link PercentUnits}, rounded half-up to 1/10000 %; denominator > 0. */
export function ratioPercentUnits(numerator: Units, denominator: Units): PercentUnits {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  return Number(roundHalfUpDivBig(BigInt(numerator) * 1_000_000n, BigInt(denominator)));
}

/** True when an index in hundredths reaches a percentage threshold (inclusive), compared exactly. */
export function indexReachesPercent(h: IndexHundredths, percent: PercentUnits): boolean {
  return h * 100 >= percent;
}

/** Formats a percentage in {@link PercentUnits} with `decimals` digits half-up, decimal comma in Vietnamese ("90,00"). */
export function formatPercentUnits(p: PercentUnits, lang: NumberLang, decimals = 2): string {
  return formatPoints(p, lang, decimals);
}

/** Formats a percentage in {@link PercentUnits} exactly with trailing zeros trimmed ("90", "66,5"). */
export function formatPercentExact(p: PercentUnits, lang: NumberLang): string {
  return formatPointsExact(p, lang);
}

const LONG_DECIMAL_RE = /^([+-])?(\d+)(?:[.,](\d*))?$/;

/**
 * Rounds a decimal text with any number of decimals (a published figure such as "84.645" or "80,005") to
 * `decimals` digits (0..4, default 2) half away from zero, exactly on the digits (never through a float), and
 * returns its canonical text with exactly `decimals` digits ("84.65", "80.01"); null when the text is not a
 * plain decimal (docs/scoring.md, "Imported history").
 */
export function roundDecimalText(text: string, decimals = 2): string | null {
  checkDecimals(decimals);
  const m = LONG_DECIMAL_RE.exec(text.trim());
  if (!m) return null;
  const intDigits = m[2]!.replace(/^0+(?=\d)/, '');
  if (intDigits.length > 11) return null;
  const frac = m[3] ?? '';
  const kept = frac.slice(0, decimals).padEnd(decimals, '0');
  let scaled = BigInt(intDigits + kept);
  // Half-up on the first dropped digit: the dropped tail is ≥ half exactly when its first digit is ≥ 5.
  if ((frac[decimals] ?? '0') >= '5') scaled += 1n;
  const negative = m[1] === '-' && scaled !== 0n;
  return (negative ? '-' : '') + formatScaledInteger(Number(scaled), decimals);
}
