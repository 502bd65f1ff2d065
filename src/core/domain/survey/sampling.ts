/**
 * Re-verification (phúc tra) sampling: a deterministic random sample of ceil(p % × n) of each agency's survey
 * responses, drawn with a seeded PRNG so that the same seed always gives the same sample (the seed is recorded
 * with the sample for audit). Each agency has its own stream, so adding an agency never changes another's sample.
 */
import { parsePercent } from '../decimal';
import { compareCodes } from '../framework-tree';
import { deriveSeed, mulberry32, randomInt } from './prng';

/** The sample of one agency: how many distinct responses it had, how many were drawn, and the drawn ids in ascending order. */
export interface VerificationSample {
  agencyId: string;
  total: number;
  size: number;
  responseIds: string[];
}

/** The sample size ceil(percent % × n) computed exactly (percent as decimal text or number, 0..100, up to 4 decimals). */
export function verificationSampleSize(n: number, percent: string | number): number {
  const p = parsePercent(percent);
  if (p < 0 || p > 100 * 10_000) throw new RangeError(`percent must be within 0..100: ${String(percent)}`);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer: ${n}`);
  // ceil(n × p / (100 × 10000)) with p in 1/10000 %.
  return Number((BigInt(n) * BigInt(p) + 999_999n) / 1_000_000n);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Draws ceil(percent % × n) responses of each agency (duplicates ignored, input order irrelevant) by a partial
 * Fisher–Yates shuffle of the sorted ids with mulberry32 seeded from (seed, agencyId); agencies in natural code order.
 */
export function drawVerificationSample(
  responseIdsByAgency: Readonly<Record<string, readonly string[]>> | ReadonlyMap<string, readonly string[]>,
  percent: string | number,
  seed: number | string,
): VerificationSample[] {
  const entries: [string, readonly string[]][] =
    responseIdsByAgency instanceof Map ? [...responseIdsByAgency.entries()] : Object.entries(responseIdsByAgency as Record<string, readonly string[]>);
  entries.sort(([a], [b]) => compareCodes(a, b));
  return entries.map(([agencyId, ids]) => {
    const pool = [...new Set(ids)].sort(compareText);
    const size = verificationSampleSize(pool.length, percent);
    const rng = mulberry32(deriveSeed(seed, agencyId));
    for (let i = 0; i < size; i++) {
      const j = i + randomInt(rng, pool.length - i);
      const t = pool[i] as string;
      pool[i] = pool[j] as string;
      pool[j] = t;
    }
    return { agencyId, total: pool.length, size, responseIds: pool.slice(0, size).sort(compareText) };
  });
}
