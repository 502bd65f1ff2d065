/**
 * One step of appraisal judgement on a leaf, up or down its scoring method (docs/analysis.md §5–6): levels move to
 * the next level, a percentage ladder to the next step, yes/no to yes or no, manual and proportional leaves by one
 * step; survey leaves never move (their points come from the survey). Amounts in units of 1/10000 point.
 */
import type { FrameworkNode, LeafMethod } from '../../schemas/framework';
import { roundHalfUpDiv, tryParsePoints, type Units } from '../decimal';

/** How far an improvable leaf is assumed to move: one step up its method, or straight to its highest reachable points. */
export type GainMode = 'one_step' | 'to_max';

/** Where a step leads: the new points and, for levels and ladders, the level or ladder step that gives them. */
export interface LeafStep {
  to: Units;
  level?: { code: string; labelVi: string; labelEn: string };
  ladderStep?: { minPercent: string; inclusive: boolean };
}

/** The step of a `ratio_proportional` leaf without a declared step: 10 % of its maximum, half-up, at least one unit. */
export function proportionalStep(method: Extract<LeafMethod, { type: 'ratio_proportional' }>, max: Units): Units {
  const declared = method.rounding === 'floor_to_step' && method.step !== undefined ? tryParsePoints(method.step) : null;
  return declared !== null && declared > 0 ? declared : Math.max(1, roundHalfUpDiv(max, 10));
}

function stepOf(method: Extract<LeafMethod, { type: 'manual' | 'ratio_proportional' }>, max: Units): Units {
  return method.type === 'manual' ? (tryParsePoints(method.step) ?? max) : proportionalStep(method, max);
}

const copyStep = (s: LeafStep): LeafStep => ({
  to: s.to,
  ...(s.level ? { level: { ...s.level } } : {}),
  ...(s.ladderStep ? { ladderStep: { ...s.ladderStep } } : {}),
});

interface Candidate {
  points: Units;
  step: LeafStep;
}

// Parsed candidates per method object: robustness and "what it takes" step every leaf of every agency.
const candidateCache = new WeakMap<object, Candidate[]>();

function candidates(method: Extract<LeafMethod, { type: 'levels' | 'ratio_ladder' }>): Candidate[] {
  let list = candidateCache.get(method);
  if (!list) candidateCache.set(method, (list = parseCandidates(method)));
  return list;
}

function parseCandidates(method: Extract<LeafMethod, { type: 'levels' | 'ratio_ladder' }>): Candidate[] {
  if (method.type === 'levels') {
    return method.levels.flatMap((l) => {
      const points = tryParsePoints(l.points);
      return points === null ? [] : [{ points, step: { to: points, level: { code: l.code, labelVi: l.labelVi, labelEn: l.labelEn } } }];
    });
  }
  // Among steps giving the same points, the lowest threshold is the easiest to reach; 0 is "below every step".
  const out: Candidate[] = [{ points: 0, step: { to: 0 } }];
  const sorted = [...method.steps].sort((a, b) => (tryParsePoints(a.minPercent) ?? 0) - (tryParsePoints(b.minPercent) ?? 0));
  for (const s of sorted) {
    const points = tryParsePoints(s.points);
    if (points === null) continue;
    const existing = out.find((c) => c.points === points);
    if (existing && existing.step.ladderStep) continue;
    const cand = { points, step: { to: points, ladderStep: { minPercent: s.minPercent, inclusive: s.inclusive } } };
    if (existing) Object.assign(existing, cand);
    else out.push(cand);
  }
  return out;
}

/** The next higher points of a leaf (`one_step`) or its highest reachable points (`to_max`); null when it cannot rise (at the top, survey, no method). */
export function stepUp(node: Pick<FrameworkNode, 'method'>, max: Units, units: Units, mode: GainMode = 'one_step'): LeafStep | null {
  const method = node.method;
  if (!method || method.type === 'survey') return null;
  if (method.type === 'levels' || method.type === 'ratio_ladder') {
    const list = candidates(method);
    const higher = list.filter((c) => c.points > units && c.points <= max);
    if (higher.length === 0) return null;
    const pick = higher.reduce((a, b) => (mode === 'to_max' ? (b.points > a.points ? b : a) : b.points < a.points ? b : a));
    return copyStep(pick.step);
  }
  if (units >= max) return null;
  if (mode === 'to_max' || method.type === 'yes_no') return { to: max };
  const step = stepOf(method, max);
  if (step <= 0) return { to: max };
  const next = method.type === 'manual' ? (Math.floor(units / step) + 1) * step : units + step;
  return { to: Math.min(max, next) };
}

/** The next lower points of a leaf (one step of stricter judgement); null when it cannot fall (at 0, survey, no method). */
export function stepDown(node: Pick<FrameworkNode, 'method'>, max: Units, units: Units): LeafStep | null {
  const method = node.method;
  if (!method || method.type === 'survey') return null;
  if (method.type === 'levels' || method.type === 'ratio_ladder') {
    const list = candidates(method);
    const lower = list.filter((c) => c.points < units && c.points >= 0);
    if (lower.length === 0) return null;
    return copyStep(lower.reduce((a, b) => (b.points > a.points ? b : a)).step);
  }
  if (units <= 0) return null;
  if (method.type === 'yes_no') return { to: 0 };
  const step = stepOf(method, max);
  if (step <= 0) return { to: 0 };
  const next = method.type === 'manual' ? Math.ceil(units / step) * step - step : units - step;
  return { to: Math.max(0, next) };
}
