/**
 * The difference between two frameworks (e.g. last year's and this year's), so that the secretariat sees what
 * changed when a framework is cloned and edited (product.md, "Framework"). Nodes are matched first by identical
 * code and name, then by code alone (renamed), then by name alone (code changed or moved).
 */
import type { Framework, FrameworkNode } from '../schemas/framework';
import { compareCodes } from './framework-tree';

/** A node attribute that can change between two matched nodes. */
export type NodeChangeField =
  | 'maxPoints'
  | 'method'
  | 'guidance'
  | 'evidence'
  | 'appraisingBody'
  | 'mayBeNotApplicable'
  | 'kind';

/** A framework-level attribute that can change. */
export type FrameworkChangeField = 'nameVi' | 'nameEn' | 'declaredTotal' | 'bonusCap' | 'deductionCap' | 'bands';

/** Both languages of a node name. */
export interface NodeName {
  vi: string;
  en: string;
}

/** The structured difference from framework `a` (before) to `b` (after); every list is ordered by code (natural). */
export interface FrameworkDiff {
  added: FrameworkNode[];
  removed: FrameworkNode[];
  /** Matched nodes whose code or parent changed: `code` is the new code, `fromCode` the old one. */
  moved: { code: string; fromCode: string; fromParent: string | null; toParent: string | null }[];
  /** Matched nodes whose name changed in either language. */
  renamed: { code: string; fromCode: string; fromName: NodeName; toName: NodeName }[];
  /** Matched nodes whose attributes changed (a node may also be moved or renamed). */
  changed: { code: string; fromCode: string; changes: NodeChangeField[]; before: FrameworkNode; after: FrameworkNode }[];
  /** Framework-level changes (names, declared total, caps, bands). */
  meta: { field: FrameworkChangeField; before: unknown; after: unknown }[];
  /** Matched nodes with no move, rename or change. */
  unchangedCount: number;
}

/** Name used for matching: NFC, trimmed, inner whitespace collapsed, lower case. */
function matchName(node: FrameworkNode): string {
  return node.nameVi.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sameDecimal(a: string, b: string): boolean {
  if (a === b) return true;
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b) && na === nb;
}

function nodeChanges(a: FrameworkNode, b: FrameworkNode): NodeChangeField[] {
  const out: NodeChangeField[] = [];
  const text = (s: string | undefined) => s ?? '';
  if (!sameDecimal(a.maxPoints, b.maxPoints)) out.push('maxPoints');
  if (stable(a.method) !== stable(b.method)) out.push('method');
  if (text(a.guidanceVi) !== text(b.guidanceVi) || text(a.guidanceEn) !== text(b.guidanceEn)) out.push('guidance');
  if (text(a.evidenceVi) !== text(b.evidenceVi)) out.push('evidence');
  if (text(a.appraisingBody) !== text(b.appraisingBody)) out.push('appraisingBody');
  if (a.mayBeNotApplicable !== b.mayBeNotApplicable) out.push('mayBeNotApplicable');
  if (a.kind !== b.kind) out.push('kind');
  return out;
}

const byCode = (x: { code: string }, y: { code: string }) => compareCodes(x.code, y.code);

/** Compares two frameworks node by node (matching by code+name, then code, then name) and lists added, removed, moved, renamed and changed nodes in code order. */
export function diffFrameworks(a: Framework, b: Framework): FrameworkDiff {
  const before = [...a.nodes].sort(byCode);
  const after = [...b.nodes].sort(byCode);
  const pairs: [FrameworkNode, FrameworkNode][] = [];
  const usedA = new Set<FrameworkNode>();
  const usedB = new Set<FrameworkNode>();
  const pair = (x: FrameworkNode, y: FrameworkNode) => {
    pairs.push([x, y]);
    usedA.add(x);
    usedB.add(y);
  };

  const nameOf = new Map<FrameworkNode, string>();
  for (const node of [...before, ...after]) nameOf.set(node, matchName(node));
  const name = (node: FrameworkNode) => nameOf.get(node) ?? '';

  // 1. Identical code and name.
  const afterByCode = new Map<string, FrameworkNode>();
  for (const y of after) if (!afterByCode.has(y.code)) afterByCode.set(y.code, y);
  for (const x of before) {
    const y = afterByCode.get(x.code);
    if (y && !usedB.has(y) && name(x) === name(y)) pair(x, y);
  }
  // 2. Same code, different name: a rename in place, unless the node now holding the code carries the name of
  //    another unmatched old node (then that node was renumbered into this code; step 3 pairs it by name).
  const unmatchedBeforeNames = new Map<string, number>();
  for (const x of before) if (!usedA.has(x)) unmatchedBeforeNames.set(name(x), (unmatchedBeforeNames.get(name(x)) ?? 0) + 1);
  for (const x of before) {
    if (usedA.has(x)) continue;
    const y = afterByCode.get(x.code);
    if (y && !usedB.has(y) && (unmatchedBeforeNames.get(name(y)) ?? 0) === 0) {
      pair(x, y);
      unmatchedBeforeNames.set(name(x), (unmatchedBeforeNames.get(name(x)) ?? 1) - 1);
    }
  }
  // 3. Same name, different code: the code changed or the node moved.
  const unmatchedAfterByName = new Map<string, FrameworkNode[]>();
  for (const y of after) {
    if (usedB.has(y)) continue;
    const list = unmatchedAfterByName.get(name(y));
    if (list) list.push(y);
    else unmatchedAfterByName.set(name(y), [y]);
  }
  for (const x of before) {
    if (usedA.has(x)) continue;
    const y = unmatchedAfterByName.get(name(x))?.find((c) => !usedB.has(c));
    if (y) pair(x, y);
  }
  // Leftovers with the same code after all (both renamed and displaced): still the same place, call it a rename.
  for (const x of before) {
    if (usedA.has(x)) continue;
    const y = afterByCode.get(x.code);
    if (y && !usedB.has(y)) pair(x, y);
  }

  const diff: FrameworkDiff = {
    added: after.filter((y) => !usedB.has(y)),
    removed: before.filter((x) => !usedA.has(x)),
    moved: [],
    renamed: [],
    changed: [],
    meta: [],
    unchangedCount: 0,
  };
  for (const [x, y] of pairs) {
    let same = true;
    if (x.code !== y.code || x.parentCode !== y.parentCode) {
      diff.moved.push({ code: y.code, fromCode: x.code, fromParent: x.parentCode, toParent: y.parentCode });
      same = false;
    }
    if (x.nameVi !== y.nameVi || x.nameEn !== y.nameEn) {
      diff.renamed.push({ code: y.code, fromCode: x.code, fromName: { vi: x.nameVi, en: x.nameEn }, toName: { vi: y.nameVi, en: y.nameEn } });
      same = false;
    }
    const changes = nodeChanges(x, y);
    if (changes.length > 0) {
      diff.changed.push({ code: y.code, fromCode: x.code, changes, before: x, after: y });
      same = false;
    }
    if (same) diff.unchangedCount += 1;
  }
  diff.moved.sort(byCode);
  diff.renamed.sort(byCode);
  diff.changed.sort(byCode);

  const metaField = (field: FrameworkChangeField, x: unknown, y: unknown, equal: boolean) => {
    if (!equal) diff.meta.push({ field, before: x, after: y });
  };
  metaField('nameVi', a.nameVi, b.nameVi, a.nameVi === b.nameVi);
  metaField('nameEn', a.nameEn, b.nameEn, a.nameEn === b.nameEn);
  metaField('declaredTotal', a.declaredTotal, b.declaredTotal, sameDecimal(a.declaredTotal, b.declaredTotal));
  metaField('bonusCap', a.bonusCap, b.bonusCap, sameDecimal(a.bonusCap, b.bonusCap));
  metaField('deductionCap', a.deductionCap, b.deductionCap, sameDecimal(a.deductionCap, b.deductionCap));
  metaField('bands', a.bands, b.bands, stable(a.bands) === stable(b.bands));
  return diff;
}
