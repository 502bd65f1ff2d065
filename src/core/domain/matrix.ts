/**
 * The leaf matrix's difference rule (docs/reports.md, "Leaf matrix"): appraisal round 1 differs when it is
 * entered and is not the self-assessed value; the final score differs when it is entered and is not the value
 * it replaces (round 1 when entered, else the self-assessment). "na" and points compare as text after
 * canonicalisation, so "1.50" and "1.5" are equal.
 */
import { canonicalDecimal } from './decimal';

/** A matrix cell: decimal text, "na" (not applicable) or null (not scored / not visible). */
export type Cell = string | null;

const same = (a: Cell, b: Cell) => a === b || (a !== null && b !== null && a !== 'na' && b !== 'na' && canonicalDecimal(a) === canonicalDecimal(b));

/** Which later stages of one leaf changed the value before them: { appraisal1, final }. */
export function stageDifferences(self: Cell, appraisal1: Cell, final: Cell): { appraisal1: boolean; final: boolean } {
  const a1 = appraisal1 !== null && !same(appraisal1, self);
  const before = appraisal1 ?? self;
  return { appraisal1: a1, final: final !== null && !same(final, before) };
}

/** True when any stage of the leaf changed the value before it. */
export function leafDiffers(self: Cell, appraisal1: Cell, final: Cell): boolean {
  const d = stageDifferences(self, appraisal1, final);
  return d.appraisal1 || d.final;
}
