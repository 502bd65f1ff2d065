/**
 * Tree utilities over the flat node list of a framework: nesting, flattening, canonical form and totals.
 */
import type { Framework, FrameworkNode, LeafMethod } from '../schemas/framework';
import { canonicalDecimal, tryParsePoints, type Units } from './decimal';
import type { TreeNode } from './framework';

/** The parent code implied by a dotted code ("1.2.3" → "1.2", "1" → null); the spreadsheet layout relies on it. */
export function parentCodeOf(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** Natural comparator of codes: segment by segment, digit runs numerically ("1.9" < "1.10" < "2", "1" < "1.1"). */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  const sa = a.split('.');
  const sb = b.split('.');
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const c = compareNatural(sa[i] ?? '', sb[i] ?? '');
    if (c !== 0) return c;
  }
  if (sa.length !== sb.length) return sa.length - sb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const CHUNK_RE = /\d+|\D+/g;

function compareNatural(a: string, b: string): number {
  const ca = a.match(CHUNK_RE) ?? [];
  const cb = b.match(CHUNK_RE) ?? [];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i] ?? '';
    const y = cb[i] ?? '';
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return xs < ys ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length;
    } else if (xd !== yd) {
      return xd ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return ca.length - cb.length;
}

/** Sibling order: by position, then by code (natural), so duplicate positions still give a deterministic order. */
export function compareSiblings(a: FrameworkNode, b: FrameworkNode): number {
  return a.position - b.position || compareCodes(a.code, b.code);
}

/** Children of each parent code (null = top level), each list in sibling order. */
export function childrenByParent(nodes: readonly FrameworkNode[]): Map<string | null, FrameworkNode[]> {
  const map = new Map<string | null, FrameworkNode[]>();
  for (const node of nodes) {
    const list = map.get(node.parentCode);
    if (list) list.push(node);
    else map.set(node.parentCode, [node]);
  }
  for (const list of map.values()) list.sort(compareSiblings);
  return map;
}

/** Nests the flat list under its top-level nodes; nodes unreachable from the top (unknown parent, cycle, duplicate code) are left out. */
export function buildTree(nodes: readonly FrameworkNode[]): TreeNode[] {
  const children = childrenByParent(nodes);
  const seen = new Set<string>();
  const build = (node: FrameworkNode): TreeNode | null => {
    if (seen.has(node.code)) return null;
    seen.add(node.code);
    const kids: TreeNode[] = [];
    for (const child of children.get(node.code) ?? []) {
      const built = build(child);
      if (built) kids.push(built);
    }
    return { ...node, children: kids };
  };
  const roots: TreeNode[] = [];
  for (const root of children.get(null) ?? []) {
    const built = build(root);
    if (built) roots.push(built);
  }
  return roots;
}

/** Flattens a tree in pre-order, setting each node's parentCode from the tree and its position to its index among siblings (0-based). */
export function flattenTree(tree: readonly TreeNode[]): FrameworkNode[] {
  const out: FrameworkNode[] = [];
  const walk = (list: readonly TreeNode[], parentCode: string | null) => {
    list.forEach((treeNode, position) => {
      const { children, ...node } = treeNode;
      out.push({ ...node, parentCode, position });
      walk(children, node.code);
    });
  };
  walk(tree, null);
  return out;
}

/** The nodes in pre-order (tree order) without renumbering; unreachable nodes are left out. */
export function orderedNodes(nodes: readonly FrameworkNode[]): FrameworkNode[] {
  const children = childrenByParent(nodes);
  const out: FrameworkNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const node of children.get(parent) ?? []) {
      if (seen.has(node.code)) continue;
      seen.add(node.code);
      out.push(node);
      walk(node.code);
    }
  };
  walk(null);
  return out;
}

/** Codes of the nodes that have children. */
export function parentCodes(nodes: readonly FrameworkNode[]): Set<string> {
  const set = new Set<string>();
  for (const node of nodes) if (node.parentCode !== null) set.add(node.parentCode);
  return set;
}

/** The leaves (nodes without children) in tree order. */
export function leafNodes(nodes: readonly FrameworkNode[]): FrameworkNode[] {
  const parents = parentCodes(nodes);
  return orderedNodes(nodes).filter((n) => !parents.has(n.code));
}

/** The top-level ancestor code of every reachable node (a top-level node maps to itself). */
export function topLevelCodes(nodes: readonly FrameworkNode[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const node of orderedNodes(nodes)) {
    map.set(node.code, node.parentCode === null ? node.code : (map.get(node.parentCode) ?? node.code));
  }
  return map;
}

function canonicalMaybe(value: string): string {
  try {
    return canonicalDecimal(value);
  } catch {
    return value;
  }
}

function canonicalMethod(method: LeafMethod | null): LeafMethod | null {
  if (method === null) return null;
  switch (method.type) {
    case 'levels':
      return { type: 'levels', levels: method.levels.map((l) => ({ ...l, points: canonicalMaybe(l.points) })) };
    case 'ratio_ladder':
      return {
        ...method,
        steps: method.steps.map((s) => ({
          minPercent: canonicalMaybe(s.minPercent),
          inclusive: s.inclusive,
          points: canonicalMaybe(s.points),
        })),
      };
    case 'ratio_proportional': {
      const { step, capPercent, ...rest } = method;
      return {
        ...rest,
        ...(step !== undefined ? { step: canonicalMaybe(step) } : {}),
        ...(capPercent !== undefined ? { capPercent: canonicalMaybe(capPercent) } : {}),
      };
    }
    case 'manual':
      return { type: 'manual', step: canonicalMaybe(method.step) };
    default:
      return method;
  }
}

const OPTIONAL_TEXT = ['guidanceVi', 'guidanceEn', 'evidenceVi', 'appraisingBody'] as const;

/** The canonical form of a framework: nodes in tree order with positions 0..n−1, decimals in shortest form, empty optional texts removed. */
export function canonicalizeFramework(f: Framework): Framework {
  const nodes = flattenTree(buildTree(f.nodes)).map((node) => {
    const out: FrameworkNode = { ...node, maxPoints: canonicalMaybe(node.maxPoints), method: canonicalMethod(node.method) };
    for (const key of OPTIONAL_TEXT) {
      if (out[key] === undefined || out[key] === '') delete out[key];
    }
    return out;
  });
  const { groupCode, ...rest } = f;
  return {
    ...rest,
    ...(groupCode !== undefined && groupCode !== '' ? { groupCode } : {}),
    declaredTotal: canonicalMaybe(f.declaredTotal),
    bonusCap: canonicalMaybe(f.bonusCap),
    deductionCap: canonicalMaybe(f.deductionCap),
    bands: f.bands.map((b) => ({ ...b, minPercent: canonicalMaybe(b.minPercent) })),
    nodes,
  };
}

/** Totals of a framework in units (unparsable decimals count as 0; validate first). */
export interface FrameworkTotals {
  /** The declared total (usually 100 points). */
  declaredTotal: Units;
  /** Sum of the maxima of the regular top-level nodes (fields); must equal declaredTotal. */
  regularMax: Units;
  /** Sum of the maxima of bonus top-level nodes (before the cap). */
  bonusMax: Units;
  /** Sum of the maxima of deduction top-level nodes (before the cap). */
  deductionMax: Units;
  bonusCap: Units;
  deductionCap: Units;
  nodeCount: number;
  leafCount: number;
  /** Number of regular top-level nodes (fields, lĩnh vực). */
  fieldCount: number;
}

/** Computes the declared, regular, bonus and deduction totals and counts of a framework (units of 1/10000 point). */
export function frameworkTotals(f: Framework): FrameworkTotals {
  const num = (s: string) => tryParsePoints(s) ?? 0;
  let regularMax = 0;
  let bonusMax = 0;
  let deductionMax = 0;
  let fieldCount = 0;
  for (const node of f.nodes) {
    if (node.parentCode !== null) continue;
    const max = num(node.maxPoints);
    if (node.kind === 'bonus') bonusMax += max;
    else if (node.kind === 'deduction') deductionMax += max;
    else {
      regularMax += max;
      fieldCount += 1;
    }
  }
  const parents = parentCodes(f.nodes);
  return {
    declaredTotal: num(f.declaredTotal),
    regularMax,
    bonusMax,
    deductionMax,
    bonusCap: num(f.bonusCap),
    deductionCap: num(f.deductionCap),
    nodeCount: f.nodes.length,
    leafCount: f.nodes.filter((n) => !parents.has(n.code)).length,
    fieldCount,
  };
}
