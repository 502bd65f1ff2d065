/**
 * Test support only: groups of agencies for the analysis tests (generated leaf points valid for each method, seeded for reproducibility) and fast-check arbitraries of groups.
 */
import fc from 'fast-check';
import type { FrameworkNode } from '../../schemas/framework';
import type { CompiledFramework } from '../compute-index';
import { indexHundredths, tryParsePoints, type Units } from '../decimal';
import { mulberry32, type Prng } from '../survey/prng';
import { agencyResultFromLeaves, fieldsOf, type AgencyResultInput, type FieldResult, type GroupYear } from './types';

/** The values a leaf may take under its method (units), for generators; survey and proportional leaves take any unit 0..max. */
export function leafValues(node: FrameworkNode): Units[] | null {
  const max = tryParsePoints(node.maxPoints) ?? 0;
  const m = node.method;
  if (!m) return [0];
  switch (m.type) {
    case 'levels':
      return m.levels.map((l) => tryParsePoints(l.points) ?? 0);
    case 'ratio_ladder':
      return [0, ...m.steps.map((s) => tryParsePoints(s.points) ?? 0)];
    case 'yes_no':
      return [0, max];
    case 'manual': {
      const step = tryParsePoints(m.step) ?? max;
      return Array.from({ length: Math.floor(max / step) + 1 }, (_, k) => k * step);
    }
    default:
      return null;
  }
}

/** Random valid leaf points of an agency from a seeded generator; `quality` (0..1) biases towards the maximum; N/A sometimes where allowed. */
export function randomLeaves(compiled: CompiledFramework, rng: Prng, quality = rng()): Record<string, Units | null> {
  const out: Record<string, Units | null> = {};
  compiled.leafCodes.forEach((code, i) => {
    const node = compiled.nodes[compiled.leafNode[i]!]!;
    const max = compiled.leafMax[i]!;
    if (node.mayBeNotApplicable && rng() < 0.1) {
      out[code] = null;
      return;
    }
    const values = leafValues(node);
    const r = Math.min(0.9999, rng() * 0.6 + quality * 0.4);
    if (values) {
      const sorted = [...values].sort((a, b) => a - b);
      out[code] = sorted[Math.floor(r * sorted.length)]!;
    } else out[code] = Math.round(r * max);
  });
  return out;
}

/** A group of `count` agencies with random leaves (seeded), as the server would build it. */
export function randomGroup(compiled: CompiledFramework, count: number, seed: number, year = 2019): GroupYear {
  const rng = mulberry32(seed);
  const agencies = Array.from({ length: count }, (_, a) =>
    agencyResultFromLeaves(compiled, { agencyId: `id${a + 1}`, code: `S${String(a + 1).padStart(3, '0')}`, nameVi: `Sở ${a + 1}`, nameEn: `Department ${a + 1}` }, randomLeaves(compiled, rng)),
  );
  return { year, groupLabel: { vi: 'sở, ban, ngành', en: 'departments' }, fields: fieldsOf(compiled), agencies };
}

/** An arbitrary of an agency's valid leaves for a compiled framework. */
export function arbLeaves(compiled: CompiledFramework): fc.Arbitrary<Record<string, Units | null>> {
  return fc
    .tuple(
      ...compiled.leafCodes.map((_, i) => {
        const node = compiled.nodes[compiled.leafNode[i]!]!;
        const values = leafValues(node);
        const v = values ? fc.constantFrom(...values) : fc.integer({ min: 0, max: compiled.leafMax[i]! });
        return node.mayBeNotApplicable ? fc.oneof({ weight: 5, arbitrary: v }, { weight: 1, arbitrary: fc.constant<Units | null>(null) }) : v;
      }),
    )
    .map((vals) => Object.fromEntries(compiled.leafCodes.map((c, i) => [c, vals[i] as Units | null])));
}

/** An arbitrary group of 2..`max` agencies with valid leaves. */
export function arbGroup(compiled: CompiledFramework, max = 8): fc.Arbitrary<GroupYear> {
  return fc.array(arbLeaves(compiled), { minLength: 2, maxLength: max }).map((list) => ({
    year: 2024,
    groupLabel: { vi: 'sở, ban, ngành', en: 'departments' },
    fields: fieldsOf(compiled),
    agencies: list.map((leaves, a) =>
      agencyResultFromLeaves(compiled, { agencyId: `id${a}`, code: `A${a}`, nameVi: `Cơ quan ${a}`, nameEn: `Agency ${a}` }, leaves),
    ),
  }));
}

/** An agency known only by its field points and maxima (units), its total index computed from their sums, no bonus or deductions. */
export function agencyFromFields(agencyId: string, code: string, fields: readonly [string, Units, Units][]): AgencyResultInput {
  const rows: FieldResult[] = fields.map(([c, points, max]) => ({ code: c, points, applicableMax: max, index: max > 0 ? indexHundredths(points, max) : null }));
  const points = fields.reduce((a, f) => a + f[1], 0);
  const max = fields.reduce((a, f) => a + f[2], 0);
  return { agencyId, code, nameVi: `Cơ quan ${code}`, nameEn: `Agency ${code}`, totalIndex: max > 0 ? indexHundredths(points, max) : null, fields: rows };
}

