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

  // 1. Identical code and name; 2. same code (renamed).
  const afterByCode = new Map<string, FrameworkNode>();
  for (const y of after) if (!afterByCode.has(y.code)) afterByCode.set(y.code, y);
  for (const x of before) {
    const y = afterByCode.get(x.code);
    if (y && !usedB.has(y) && matchName(x) === matchName(y)) pair(x, y);
  }
  // 3. Same name, different code (code changed or moved), before pairing leftovers by code, so that a node that
  //    moved away and a new node taking its old code are told apart.
  const unmatchedAfterByName = new Map<string, FrameworkNode[]>();
  for (const y of after) {
    if (usedB.has(y)) continue;
    const key = matchName(y);
    const list = unmatchedAfterByName.get(key);
    if (list) list.push(y);
    else unmatchedAfterByName.set(key, [y]);
  }
  const takenByName = new Map<FrameworkNode, FrameworkNode>();
  for (const x of before) {
    if (usedA.has(x)) continue;
    const codeTwin = afterByCode.get(x.code);
    // A same-code twin still unmatched means a rename at the same place: prefer it over a name match elsewhere,
    // unless the twin's name belongs to another unmatched old node (then the twin is that node, moved).
    if (codeTwin && !usedB.has(codeTwin) && !before.some((o) => o !== x && !usedA.has(o) && matchName(o) === matchName(codeTwin))) {
      continue;
    }
    const list = unmatchedAfterByName.get(matchName(x));
    const y = list?.find((c) => !usedB.has(c));
    if (y) {
      takenByName.set(x, y);
      pair(x, y);
    }
  }
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
