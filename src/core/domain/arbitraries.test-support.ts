/**
 * Test support only (imported by *.test.ts, never by application code): fast-check arbitraries of valid
 * frameworks (trees of depth 1–4, leaves with every method, consistent sums) and of leaf inputs.
 */
import fc from 'fast-check';
import type { ClassificationBand, Framework, FrameworkNode, LeafInput, LeafMethod, NodeKind } from '../schemas/framework';
import { DEFAULT_BANDS } from './classification';
import { tryParsePoints, unitsToDecimalString, type Units } from './decimal';
import { defaultLevelCode } from './method-config';

const TEXT_CHARS = ['a', 'b', 'Đ', 'ư', 'ệ', 'ổ', ' ', ';', '=', '|', '[', ']', '\\', ':', '%', '>', '1', '.', ','];

/** A trimmed non-empty label using Vietnamese letters and the characters the config text must escape. */
export const arbLabel = fc
  .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join('').trim().replace(/\s+/g, ' '))
  .filter((s) => s.length > 0);

const arbOptionalText = fc.option(arbLabel, { nil: undefined });

/** Leaf maxima in units: multiples of 0.05 point from 0.05 to 5. */
export const arbLeafMax = fc.oneof(
  fc.integer({ min: 1, max: 20 }).map((k) => k * 2500),
  fc.integer({ min: 1, max: 100 }).map((k) => k * 500),
);

const dec = unitsToDecimalString;

function arbMethod(max: Units): fc.Arbitrary<LeafMethod> {
  const stepsDividing = [2500, 500, 100, 1].filter((s) => max % s === 0);
  const arbStep = fc.constantFrom(...stepsDividing);
  const labels = fc.record({
    numeratorLabelVi: arbLabel,
    numeratorLabelEn: fc.oneof(arbLabel, fc.constant('')),
    denominatorLabelVi: arbLabel,
    denominatorLabelEn: fc.oneof(arbLabel, fc.constant('')),
  });
  const zero = fc.constantFrom('full' as const, 'zero' as const, 'not_applicable' as const);
  const levels: fc.Arbitrary<LeafMethod> = fc
    .array(fc.integer({ min: 0, max }), { minLength: 0, maxLength: 3 })
    .chain((others) =>
      fc.tuple(
        fc.constant([max, ...others]),
        fc.array(fc.tuple(arbLabel, fc.oneof(arbLabel, fc.constant(null))), { minLength: others.length + 1, maxLength: others.length + 1 }),
        fc.boolean(),
      ),
    )
    .map(([points, names, customCodes]) => ({
      type: 'levels' as const,
      levels: points.map((pt, i) => ({
        code: customCodes ? `c${i}_x` : defaultLevelCode(i),
        labelVi: names[i]?.[0] ?? 'x',
        labelEn: names[i]?.[1] ?? names[i]?.[0] ?? 'x',
        points: dec(pt),
      })),
    }));
  const ladder: fc.Arbitrary<LeafMethod> = fc
    .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 4 })
    .chain((mins) =>
      fc.tuple(
        fc.constant([...mins].sort((a, b) => b - a)),
        fc.array(fc.boolean(), { minLength: mins.length, maxLength: mins.length }),
        fc.array(fc.integer({ min: 0, max }), { minLength: mins.length - 1, maxLength: mins.length - 1 }),
        labels,
        zero,
      ),
    )
    .map(([mins, inclusive, others, lab, whenDenominatorZero]) => {
      const points = [max, ...others.sort((a, b) => b - a)];
      return {
        type: 'ratio_ladder' as const,
        ...lab,
        // mins are hundredths of a percent (0..100.00).
        steps: mins.map((m, i) => ({ minPercent: dec(m * 100), inclusive: inclusive[i] ?? true, points: dec(points[i] ?? 0) })),
        whenDenominatorZero,
      };
    });
  const proportional: fc.Arbitrary<LeafMethod> = fc
    .tuple(labels, zero, fc.boolean(), arbStep, fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }))
    .map(([lab, whenDenominatorZero, floor, step, cap]) => ({
      type: 'ratio_proportional' as const,
      ...lab,
      rounding: floor ? ('floor_to_step' as const) : ('exact' as const),
      ...(floor ? { step: dec(step) } : {}),
      ...(cap !== undefined ? { capPercent: dec(cap * 100) } : {}),
      whenDenominatorZero,
    }));
  return fc.oneof(
    levels,
    ladder,
    proportional,
    fc.constant<LeafMethod>({ type: 'yes_no' }),
    arbStep.map((s): LeafMethod => ({ type: 'manual', step: dec(s) })),
    fc.constant<LeafMethod>({ type: 'survey' }),
  );
}

interface Spec {
  leaf: boolean;
  children: Spec[];
}

const arbSpec = (depth: number): fc.Arbitrary<Spec> =>
  depth <= 1
    ? fc.constant({ leaf: true, children: [] })
    : fc.oneof(
        { weight: 1, arbitrary: fc.constant<Spec>({ leaf: true, children: [] }) },
        { weight: 2, arbitrary: fc.array(arbSpec(depth - 1), { minLength: 1, maxLength: 3 }).map((children) => ({ leaf: false, children })) },
      );

interface LeafDraft {
  max: Units;
  method: LeafMethod;
  mayBeNotApplicable: boolean;
  nameVi: string;
  nameEn: string;
  guidanceVi: string | undefined;
  guidanceEn: string | undefined;
  evidenceVi: string | undefined;
}

const arbLeafDraft = (allowSurvey: boolean): fc.Arbitrary<LeafDraft> =>
  arbLeafMax.chain((max) =>
    fc.record({
      max: fc.constant(max),
      method: allowSurvey ? arbMethod(max) : fc.constantFrom(...[2500, 500, 100].filter((s) => max % s === 0)).map((s): LeafMethod => ({ type: 'manual', step: dec(s) })),
      mayBeNotApplicable: fc.boolean(),
      nameVi: arbLabel,
      nameEn: fc.oneof(arbLabel, fc.constant('')),
      guidanceVi: arbOptionalText,
      guidanceEn: arbOptionalText,
      evidenceVi: arbOptionalText,
    }),
  );

function countLeaves(spec: Spec): number {
  return spec.leaf ? 1 : spec.children.reduce((a, c) => a + countLeaves(c), 0);
}

function buildNodes(tops: { spec: Spec; kind: NodeKind; code: string; appraisingBody?: string }[], drafts: LeafDraft[], names: string[]): FrameworkNode[] {
  const nodes: FrameworkNode[] = [];
  let leafIndex = 0;
  let nameIndex = 0;
  const walk = (spec: Spec, code: string, parentCode: string | null, position: number, kind: NodeKind, appraisingBody?: string): Units => {
    if (spec.leaf) {
      const d = drafts[leafIndex++] as LeafDraft;
      const node: FrameworkNode = {
        code,
        parentCode,
        position,
        nameVi: d.nameVi,
        nameEn: d.nameEn,
        maxPoints: dec(d.max),
        mayBeNotApplicable: d.mayBeNotApplicable,
        method: d.method,
        kind,
      };
      if (d.guidanceVi !== undefined) node.guidanceVi = d.guidanceVi;
      if (d.guidanceEn !== undefined) node.guidanceEn = d.guidanceEn;
      if (d.evidenceVi !== undefined) node.evidenceVi = d.evidenceVi;
      if (appraisingBody !== undefined) node.appraisingBody = appraisingBody;
      nodes.push(node);
      return d.max;
    }
    const node: FrameworkNode = {
      code,
      parentCode,
      position,
      nameVi: names[nameIndex++ % names.length] ?? 'x',
      nameEn: '',
      maxPoints: '0',
      mayBeNotApplicable: false,
      method: null,
      kind,
    };
    if (appraisingBody !== undefined) node.appraisingBody = appraisingBody;
    nodes.push(node);
    let sum = 0;
    spec.children.forEach((child, i) => {
      sum += walk(child, `${code}.${i + 1}`, code, i, kind);
    });
    node.maxPoints = dec(sum);
    return sum;
  };
  tops.forEach((top, i) => walk(top.spec, top.code, null, i, top.kind, top.appraisingBody));
  return nodes;
}

const arbBands: fc.Arbitrary<ClassificationBand[]> = fc.oneof(
  fc.constant(DEFAULT_BANDS.map((b) => ({ ...b }))),
  fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: 0, maxLength: 4 }).chain((mins) =>
    fc.array(arbLabel, { minLength: mins.length + 1, maxLength: mins.length + 1 }).map((labels) =>
      [...[...mins].sort((a, b) => b - a), 0].map((m, i) => ({ code: `b${i}`, labelVi: labels[i] ?? 'x', labelEn: labels[i] ?? 'x', minPercent: dec(m * 100) })),
    ),
  ),
);

/** Options of {@link arbFramework}: the tree depth (1–4) and whether bonus/deduction nodes and survey leaves may appear. */
export interface FrameworkArbOptions {
  maxDepth?: number;
  maxFields?: number;
  withBonus?: boolean;
}

/** A valid framework in canonical form (tree order, positions 0..n−1, shortest decimals): no validation errors. */
export function arbFramework(options: FrameworkArbOptions = {}): fc.Arbitrary<Framework> {
  const maxDepth = options.maxDepth ?? 4;
  const withBonus = options.withBonus ?? true;
  return fc
    .record({
      fields: fc.array(arbSpec(maxDepth), { minLength: 1, maxLength: options.maxFields ?? 4 }),
      bonus: withBonus ? fc.option(arbSpec(2), { nil: undefined }) : fc.constant(undefined),
      deduction: withBonus ? fc.option(arbSpec(2), { nil: undefined }) : fc.constant(undefined),
      names: fc.array(arbLabel, { minLength: 1, maxLength: 5 }),
      bodies: fc.array(fc.option(arbLabel, { nil: undefined }), { minLength: 4, maxLength: 4 }),
      year: fc.integer({ min: 2000, max: 2100 }),
      groupCode: fc.option(fc.constantFrom('department', 'district', 'commune'), { nil: undefined }),
      nameVi: arbLabel,
      nameEn: fc.oneof(arbLabel, fc.constant('')),
      bonusCap: fc.integer({ min: 0, max: 50_000 }),
      deductionCap: fc.integer({ min: 0, max: 50_000 }),
      bands: arbBands,
    })
    .chain((r) => {
      const regularLeaves = r.fields.reduce((a, s) => a + countLeaves(s), 0);
      const extraLeaves = (r.bonus ? countLeaves(r.bonus) : 0) + (r.deduction ? countLeaves(r.deduction) : 0);
      return fc
        .tuple(
          fc.array(arbLeafDraft(true), { minLength: regularLeaves, maxLength: regularLeaves }),
          fc.array(arbLeafDraft(false), { minLength: extraLeaves, maxLength: extraLeaves }),
        )
        .map(([regularDrafts, extraDrafts]) => {
          const tops: { spec: Spec; kind: NodeKind; code: string; appraisingBody?: string }[] = r.fields.map((spec, i) => ({
            spec,
            kind: 'regular' as const,
            code: String(i + 1),
            ...(r.bodies[i % 4] !== undefined ? { appraisingBody: r.bodies[i % 4] as string } : {}),
          }));
          if (r.bonus) tops.push({ spec: r.bonus, kind: 'bonus', code: 'B' });
          if (r.deduction) tops.push({ spec: r.deduction, kind: 'deduction', code: 'D' });
          // Drafts are consumed in tree order: regular fields first, then bonus, then deductions.
          const nodes = buildNodes(tops, [...regularDrafts, ...extraDrafts], r.names);
          const declared = tops
            .filter((t) => t.kind === 'regular')
            .reduce((a, t) => a + (tryParsePoints(nodes.find((n) => n.code === t.code)?.maxPoints) ?? 0), 0);
          const f: Framework = {
            year: r.year,
            ...(r.groupCode !== undefined ? { groupCode: r.groupCode } : {}),
            nameVi: r.nameVi,
            nameEn: r.nameEn,
            declaredTotal: dec(declared),
            bonusCap: dec(r.bonusCap),
            deductionCap: dec(r.deductionCap),
            bands: r.bands,
            nodes,
          };
          return f;
        });
    });
}

/** A scoring input for a leaf that is valid for its method (sometimes N/A when allowed, sometimes missing). */
export function arbLeafInput(node: FrameworkNode): fc.Arbitrary<LeafInput | undefined> {
  const method = node.method;
  const max = tryParsePoints(node.maxPoints) ?? 0;
  const base: fc.Arbitrary<LeafInput> = (() => {
    switch (method?.type) {
      case 'levels':
        return fc.constantFrom(...method.levels.map((l) => l.code)).map((levelCode) => ({ levelCode }));
      case 'ratio_ladder':
      case 'ratio_proportional':
        return fc.integer({ min: 0, max: 200 }).chain((d) =>
          fc.integer({ min: 0, max: d }).map((n) => ({ numerator: String(n), denominator: d === 0 ? '0' : String(d) })),
        );
      case 'yes_no':
        return fc.boolean().map((value) => ({ value }));
      case 'manual': {
        const step = tryParsePoints(method.step) ?? 1;
        return fc.integer({ min: 0, max: Math.floor(max / step) }).map((k) => ({ value: unitsToDecimalString(k * step) }));
      }
      case 'survey':
        return fc.integer({ min: 0, max }).map((u) => ({ surveyPoints: unitsToDecimalString(u) }));
      default:
        return fc.constant({});
    }
  })();
  const options: fc.Arbitrary<LeafInput | undefined>[] = [base, base, base, fc.constant(undefined)];
  if (node.mayBeNotApplicable) options.push(fc.constant({ notApplicable: true }));
  return fc.oneof(...options);
}
