import { compileFramework, computeStageResult, type AgencyInputs, type CompiledFramework, type LeafStageInputs } from '../../core/domain/compute-index';
import { unitsToDecimalString } from '../../core/domain/decimal';
import { leafNodes } from '../../core/domain/framework';
import { rankAgencies } from '../../core/domain/ranking';
import type { Framework, FrameworkNode, LeafInput } from '../../core/schemas/framework';
import { mulberry32 } from '../../core/domain/survey/prng';

/**
 * Deterministic demo scores: each agency gets a strength per field and year; leaf inputs are drawn in each
 * leaf's method from that strength (self-assessment a little optimistic, appraisal round 1 the "truth", the final
 * round restoring some adjustments after explanation). Ban Dân tộc's strengths are searched so that it ranks
 * 11th of 20 in 2018 and 20th of 20 in 2019, losing most in fields 1, 3, 7 and 8 (the article in shared/seed).
 */

/** The core's seeded PRNG (mulberry32) so every seed run produces the same demo. */
export const rng = mulberry32;

export function hashSeed(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Strength (0..1) of an agency per top-level field code; `base` for fields not listed. */
export interface Profile {
  base: number;
  fields?: Record<string, number>;
  notApplicable?: string[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

function topOf(code: string): string {
  return code.split('.')[0]!;
}

function inputFor(node: FrameworkNode, t: number, r: () => number): LeafInput {
  const max = Number(node.maxPoints);
  const m = node.method!;
  switch (m.type) {
    case 'levels': {
      let best = m.levels[0]!;
      for (const l of m.levels) {
        if (Math.abs(Number(l.points) / max - t) < Math.abs(Number(best.points) / max - t)) best = l;
      }
      return { levelCode: best.code };
    }
    case 'yes_no':
      return { value: t >= 0.62 };
    case 'ratio_ladder':
    case 'ratio_proportional': {
      const denominator = 20 + Math.floor(r() * 180);
      const pct = clamp(t + 0.08, 0.35, 1);
      return { numerator: String(Math.round(denominator * pct)), denominator: String(denominator) };
    }
    case 'manual': {
      const step = Number(m.step);
      if (node.kind === 'bonus') return { value: t > 0.93 ? unitsToDecimalString(Math.round(Math.min(max, 0.5) * 10000)) : '0' };
      if (node.kind === 'deduction') return { value: t < 0.5 && node.code.endsWith('.1') ? String(step) : '0' };
      return { value: String(Math.floor((t * max) / step) * step) };
    }
    case 'survey':
      return {};
  }
}

/** Generates the three stages of inputs and survey points of one agency for one framework. */
export function generateInputs(framework: Framework, profile: Profile, seed: number): AgencyInputs {
  const r = rng(seed);
  const out: Record<string, LeafStageInputs> = {};
  for (const leaf of leafNodes(framework.nodes)) {
    const field = topOf(leaf.code);
    const strength = profile.fields?.[field] ?? profile.base;
    const truth = clamp(strength + (r() - 0.5) * 0.22, 0, 1);
    if (leaf.method?.type === 'survey') {
      out[leaf.code] = { surveyPoints: String(round2(Number(leaf.maxPoints) * clamp(strength + (r() - 0.5) * 0.12, 0.2, 0.98))) };
      continue;
    }
    if (leaf.mayBeNotApplicable && profile.notApplicable?.includes(leaf.code)) {
      const na = { notApplicable: true };
      out[leaf.code] = { self: na, appraisal1: na, final: na };
      continue;
    }
    const self = inputFor(leaf, clamp(truth + 0.12, 0, 1), rng(seed ^ hashSeed(leaf.code, 's')));
    const appraisal1 = inputFor(leaf, truth, rng(seed ^ hashSeed(leaf.code, 'a')));
    // A third of the adjustments are restored after the agency's explanation.
    const restored = JSON.stringify(self) !== JSON.stringify(appraisal1) && r() < 0.33;
    out[leaf.code] = { self, appraisal1, final: restored ? self : appraisal1 };
  }
  return out;
}

/** The official index (hundredths of a percent) of an agency's inputs. */
export function indexOf(compiled: CompiledFramework, inputs: AgencyInputs): number {
  return computeStageResult(compiled, inputs, 'effective').totalIndex ?? 0;
}

export interface DemoAgencyRef {
  id: number;
  code: string;
  nameVi: string;
}

/** Generates a group's inputs for a year; `target` pins one agency to a rank by searching its strength. */
export function generateGroupYear(
  framework: Framework,
  agencies: DemoAgencyRef[],
  year: number,
  profileOf: (code: string) => Profile,
  target?: { code: string; rank: number; vary: (profile: Profile, x: number) => Profile },
): Map<string, AgencyInputs> {
  const compiled = compileFramework(framework);
  const inputs = new Map<string, AgencyInputs>();
  for (const a of agencies) inputs.set(a.code, generateInputs(framework, profileOf(a.code), hashSeed(a.code, year)));
  if (!target) return inputs;
  const rankOf = (candidate: AgencyInputs) => {
    const entries = agencies.map((a) => ({
      agencyId: String(a.id),
      code: a.code,
      nameVi: a.nameVi,
      indexHundredths: indexOf(compiled, a.code === target.code ? candidate : inputs.get(a.code)!),
    }));
    return rankAgencies(entries).find((e) => e.code === target.code)!.rank;
  };
  let best: { inputs: AgencyInputs; distance: number } | null = null;
  // Scores are discrete, so some ranks fall between two strengths: try a few noise seeds too.
  search: for (let salt = 0; salt < 40; salt++) {
    for (let x = 1; x >= -0.0001; x -= 0.005) {
      const candidate = generateInputs(framework, target.vary(profileOf(target.code), x), hashSeed(target.code, year, salt));
      const distance = Math.abs(rankOf(candidate) - target.rank);
      if (!best || distance < best.distance) best = { inputs: candidate, distance };
      if (distance === 0) break search;
    }
  }
  inputs.set(target.code, best!.inputs);
  return inputs;
}
