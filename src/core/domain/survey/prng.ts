/**
 * Seeded pseudo-random numbers for the pure core (no Math.random): mulberry32, a 32-bit generator that is fast,
 * small and identical on every JavaScript engine, and a string hash to derive seeds (re-verification samples,
 * Monte Carlo rank robustness). Not for cryptography.
 */

/** A generator of floats in [0, 1) with 32 bits of randomness each (k / 2^32), fully determined by its seed. */
export type Prng = () => number;

/** The mulberry32 generator seeded with a 32-bit integer (other numbers are truncated to 32 bits): same seed ⇒ same sequence. */
export function mulberry32(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash of a text's UTF-16 code units, used to turn seeds and ids into mulberry32 seeds (0..2^32−1). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit seed from a number or a text seed combined with optional parts (e.g. an agency id), so each part gets its own stream. */
export function deriveSeed(seed: number | string, ...parts: readonly string[]): number {
  if (parts.length === 0 && typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  return hashSeed([String(seed), ...parts].join('\u0000'));
}

/** A uniform integer in [0, n) from a generator; n is a positive safe integer below 2^32. */
export function randomInt(rng: Prng, n: number): number {
  return Math.floor(rng() * n);
}
