/**
 * Editing operations on the flat node list of a framework draft, pure and immutable. Structural operations keep
 * codes hierarchical (a child's code starts with its parent's code, as core validation requires) by numbering the
 * siblings they touch 1, 2, 3… in order and relabelling each renamed subtree; non-numeric codes such as the bonus
 * field "B" keep their code. Moves conserve points: a moved node's maximum leaves its old parent and joins its
 * new one, so the totals above stay as they were. Edits of a maximum never propagate: the warning shows where
 * the children no longer add up.
 */
import { childrenByParent, parentCodeOf } from '../../../core/domain/framework-tree';
import { tryParsePoints, unitsToDecimalString } from '../../../core/domain/decimal';
import type { FrameworkNode, LeafMethod, NodeKind } from '../../../core/schemas/framework';

export interface TreeEdit {
  nodes: FrameworkNode[];
  /** Old code → new code of every node whose code changed. */
  renamed: Map<string, string>;
  /** The node to select afterwards (its new code). */
  select: string | null;
}

const lastSegment = (code: string) => code.slice(code.lastIndexOf('.') + 1);
const prefixOf = (parent: string | null) => (parent === null ? '' : `${parent}.`);
const isNumeric = (s: string) => /^\d+$/.test(s);

function siblings(nodes: readonly FrameworkNode[], parent: string | null): FrameworkNode[] {
  return childrenByParent(nodes).get(parent) ?? [];
}

function byCode(nodes: readonly FrameworkNode[], code: string): FrameworkNode | undefined {
  return nodes.find((n) => n.code === code);
}

/** True when the node has children. */
export function hasChildren(nodes: readonly FrameworkNode[], code: string): boolean {
  return nodes.some((n) => n.parentCode === code);
}

/** The code a new child of `parent` gets: one more than the highest numeric last segment among its children. */
export function nextChildCode(nodes: readonly FrameworkNode[], parent: string | null): string {
  let max = 0;
  for (const n of nodes) {
    if (n.parentCode !== parent) continue;
    const seg = lastSegment(n.code);
    if (isNumeric(seg)) max = Math.max(max, Number(seg));
  }
  let candidate = max + 1;
  const taken = new Set(nodes.map((n) => n.code));
  while (taken.has(`${prefixOf(parent)}${candidate}`)) candidate++;
  return `${prefixOf(parent)}${candidate}`;
}

/** Adds `code → newCode` for a node and its whole subtree (children follow their parent's new code). */
function relabelInto(nodes: readonly FrameworkNode[], map: Map<string, string>, code: string, newCode: string): void {
  if (code === newCode) return;
  map.set(code, newCode);
  for (const child of nodes) {
    if (child.parentCode !== code || child.code === code) continue;
    const rest = child.code.startsWith(`${code}.`) ? child.code.slice(code.length + 1) : lastSegment(child.code);
    relabelInto(nodes, map, child.code, `${newCode}.${rest}`);
  }
}

function applyMap(nodes: readonly FrameworkNode[], map: Map<string, string>): FrameworkNode[] {
  if (map.size === 0) return [...nodes];
  return nodes.map((n) => {
    const code = map.get(n.code) ?? n.code;
    const parentCode = n.parentCode === null ? null : (map.get(n.parentCode) ?? n.parentCode);
    return code === n.code && parentCode === n.parentCode ? n : { ...n, code, parentCode };
  });
}

/** Sets positions 0..n−1 under `parent` in their current order and numbers the numeric codes 1, 2, 3…. */
function renumber(nodes: readonly FrameworkNode[], parent: string | null, map: Map<string, string>): FrameworkNode[] {
  const list = siblings(nodes, parent);
  const position = new Map(list.map((n, i) => [n, i]));
  let counter = 0;
  for (const n of list) {
    const keeps = parentCodeOf(n.code) === parent && !isNumeric(lastSegment(n.code));
    const target = keeps ? n.code : `${prefixOf(parent)}${++counter}`;
    relabelInto(nodes, map, n.code, target);
  }
  return nodes.map((n) => {
    const p = position.get(n);
    return p === undefined || p === n.position ? n : { ...n, position: p };
  });
}

/** Renumbers each touched parent in turn (the later ones by their current code) and composes the renames. */
function finish(nodes: FrameworkNode[], parents: (string | null)[], select: string | null): TreeEdit {
  const total = new Map<string, string>(); // original code → current code
  let out = nodes;
  const done = new Set<string | null>();
  for (const original of parents) {
    const parent = original === null ? null : (total.get(original) ?? original);
    if (done.has(parent)) continue;
    done.add(parent);
    const map = new Map<string, string>();
    out = applyMap(renumber(out, parent, map), map);
    const current = new Set(total.values());
    for (const [orig, cur] of total) {
      const next = map.get(cur);
      if (next !== undefined) total.set(orig, next);
    }
    for (const [cur, next] of map) if (!current.has(cur) && !total.has(cur)) total.set(cur, next);
  }
  return { nodes: out, renamed: total, select: select === null ? null : (total.get(select) ?? select) };
}

function addPoints(a: string, b: string, sign: 1 | -1): string {
  const x = tryParsePoints(a);
  const y = tryParsePoints(b);
  if (x === null || y === null) return a;
  return unitsToDecimalString(x + sign * y);
}

function setKind(nodes: FrameworkNode[], code: string, kind: NodeKind): FrameworkNode[] {
  const inSubtree = subtreeCodes(nodes, code);
  return nodes.map((n) => (inSubtree.has(n.code) && n.kind !== kind ? { ...n, kind } : n));
}

/** The codes of a node and all its descendants. */
export function subtreeCodes(nodes: readonly FrameworkNode[], code: string): Set<string> {
  const out = new Set<string>([code]);
  const kids = childrenByParent(nodes);
  const walk = (c: string) => {
    for (const k of kids.get(c) ?? []) {
      if (out.has(k.code)) continue;
      out.add(k.code);
      walk(k.code);
    }
  };
  walk(code);
  return out;
}

/** A fresh leaf scored yes/no with 0 points, so adding it never breaks a sum. */
export function blankNode(code: string, parentCode: string | null, position: number, kind: NodeKind, nameVi: string): FrameworkNode {
  return { code, parentCode, position, nameVi, nameEn: '', maxPoints: '0', mayBeNotApplicable: false, method: { type: 'yes_no' }, kind };
}

/**
 * Adds a child at the end of `parent` (null: a new field, placed before the bonus and deduction fields). A leaf
 * that receives its first child hands it its method, points, guidance and evidence, so the sums stay right.
 */
export function addChild(nodes: readonly FrameworkNode[], parent: string | null, nameVi: string): TreeEdit {
  const code = nextChildCode(nodes, parent);
  const p = parent === null ? undefined : byCode(nodes, parent);
  if (parent !== null && !p) return { nodes: [...nodes], renamed: new Map(), select: null };
  const list = siblings(nodes, parent);
  let child = blankNode(code, parent, list.length, p?.kind ?? 'regular', nameVi);
  let out = [...nodes];
  if (p && !hasChildren(nodes, p.code)) {
    const { guidanceVi, guidanceEn, evidenceVi, ...rest } = p;
    child = {
      ...child,
      maxPoints: p.maxPoints,
      mayBeNotApplicable: p.mayBeNotApplicable,
      method: p.method ?? child.method,
      ...(guidanceVi !== undefined ? { guidanceVi } : {}),
      ...(guidanceEn !== undefined ? { guidanceEn } : {}),
      ...(evidenceVi !== undefined ? { evidenceVi } : {}),
    };
    out = out.map((n) => (n === p ? { ...rest, method: null, mayBeNotApplicable: false } : n));
  }
  if (parent === null) {
    // New fields go after the last regular field, before bonus and deduction.
    const lastRegular = list.filter((n) => n.kind === 'regular').pop();
    const at = lastRegular ? list.indexOf(lastRegular) + 1 : 0;
    const order = [...list.slice(0, at), child, ...list.slice(at)];
    const pos = new Map(order.map((n, i) => [n.code, i]));
    out = out.map((n) => (n.parentCode === null ? { ...n, position: pos.get(n.code) ?? n.position } : n));
    child = { ...child, position: at };
  }
  return { nodes: [...out, child], renamed: new Map(), select: code };
}

/** Adds a sibling right after `code`, numbering the siblings that follow one further. */
export function addSibling(nodes: readonly FrameworkNode[], code: string, nameVi: string): TreeEdit {
  const node = byCode(nodes, code);
  if (!node) return { nodes: [...nodes], renamed: new Map(), select: null };
  const list = siblings(nodes, node.parentCode);
  const at = list.indexOf(node) + 1;
  const fresh = blankNode(nextChildCode(nodes, node.parentCode), node.parentCode, at, node.kind, nameVi);
  const order = [...list.slice(0, at), fresh, ...list.slice(at)];
  const pos = new Map(order.map((n, i) => [n.code, i]));
  const out = nodes.map((n) => (n.parentCode === node.parentCode ? { ...n, position: pos.get(n.code) ?? n.position } : n));
  return finish([...out, fresh], [node.parentCode], fresh.code);
}

/** Moves a node one place up (−1) or down (+1) among its siblings; codes follow the new order. */
export function moveNode(nodes: readonly FrameworkNode[], code: string, delta: -1 | 1): TreeEdit {
  const node = byCode(nodes, code);
  if (!node) return { nodes: [...nodes], renamed: new Map(), select: code };
  const list = siblings(nodes, node.parentCode);
  const i = list.indexOf(node);
  const j = i + delta;
  if (j < 0 || j >= list.length) return { nodes: [...nodes], renamed: new Map(), select: code };
  const order = [...list];
  [order[i], order[j]] = [order[j] as FrameworkNode, order[i] as FrameworkNode];
  const pos = new Map(order.map((n, k) => [n, k]));
  const out = nodes.map((n) => {
    const p = pos.get(n);
    return p === undefined ? n : { ...n, position: p };
  });
  return finish(out, [node.parentCode], code);
}

/** Whether a node can move up, down, in (under its previous sibling) or out (beside its parent). */
export function moveOptions(nodes: readonly FrameworkNode[], code: string) {
  const node = byCode(nodes, code);
  if (!node) return { up: false, down: false, indent: false, outdent: false };
  const list = siblings(nodes, node.parentCode);
  const i = list.indexOf(node);
  return { up: i > 0, down: i >= 0 && i < list.length - 1, indent: i > 0, outdent: node.parentCode !== null };
}

/** Makes a node the last child of its previous sibling, whose maximum grows by the node's (a leaf gives up its method). */
export function indentNode(nodes: readonly FrameworkNode[], code: string): TreeEdit {
  const node = byCode(nodes, code);
  if (!node) return { nodes: [...nodes], renamed: new Map(), select: code };
  const list = siblings(nodes, node.parentCode);
  const prev = list[list.indexOf(node) - 1];
  if (!prev) return { nodes: [...nodes], renamed: new Map(), select: code };
  const prevIsLeaf = !hasChildren(nodes, prev.code);
  const lastPos = siblings(nodes, prev.code).length;
  let out = nodes.map((n) => {
    if (n === node) return { ...n, parentCode: prev.code, position: lastPos };
    if (n === prev) {
      const grown = { ...n, maxPoints: addPoints(n.maxPoints, node.maxPoints, 1) };
      return prevIsLeaf ? { ...grown, method: null, mayBeNotApplicable: false } : grown;
    }
    return n;
  });
  out = setKind(out, node.code, prev.kind);
  return finish(out, [prev.code, node.parentCode], code);
}

/** Moves a node out of its parent to just after it; the parent's maximum shrinks by the node's. */
export function outdentNode(nodes: readonly FrameworkNode[], code: string): TreeEdit {
  const node = byCode(nodes, code);
  const parent = node?.parentCode == null ? undefined : byCode(nodes, node.parentCode);
  if (!node || !parent) return { nodes: [...nodes], renamed: new Map(), select: code };
  const list = siblings(nodes, parent.parentCode);
  const at = list.indexOf(parent) + 1;
  const order = [...list.slice(0, at), node, ...list.slice(at)];
  const pos = new Map(order.map((n, i) => [n.code, i]));
  const out = nodes.map((n) => {
    if (n === node) return { ...n, parentCode: parent.parentCode, position: at };
    if (n === parent) return { ...n, maxPoints: addPoints(n.maxPoints, node.maxPoints, -1) };
    if (n.parentCode === parent.parentCode) return { ...n, position: pos.get(n.code) ?? n.position };
    return n;
  });
  return finish(out, [parent.code, parent.parentCode], code);
}

/** Deletes a node with its subtree; the siblings after it move up one number. Selects a neighbour. */
export function removeNode(nodes: readonly FrameworkNode[], code: string): TreeEdit {
  const node = byCode(nodes, code);
  if (!node) return { nodes: [...nodes], renamed: new Map(), select: null };
  const gone = subtreeCodes(nodes, code);
  const list = siblings(nodes, node.parentCode);
  const i = list.indexOf(node);
  const neighbour = list[i + 1] ?? list[i - 1];
  const out = nodes.filter((n) => !gone.has(n.code));
  return finish(out, [node.parentCode], neighbour?.code ?? node.parentCode);
}

/** Changes fields of one node; a new code relabels its subtree, a new kind applies to its subtree. */
export function updateNode(nodes: readonly FrameworkNode[], code: string, patch: Partial<FrameworkNode>): TreeEdit {
  const index = nodes.findIndex((n) => n.code === code);
  const node = nodes[index];
  if (!node) return { nodes: [...nodes], renamed: new Map(), select: code };
  const map = new Map<string, string>();
  if (patch.code !== undefined && patch.code !== code) relabelInto(nodes, map, code, patch.code);
  let out = applyMap(nodes, map);
  out[index] = { ...(out[index] as FrameworkNode), ...patch };
  const newCode = patch.code ?? code;
  if (patch.kind !== undefined && patch.kind !== node.kind) out = setKind(out, newCode, patch.kind);
  return { nodes: out, renamed: map, select: newCode };
}

/** The sum of the children's maxima in units, or null when a child's maximum is not a number or there are none. */
export function childrenSum(nodes: readonly FrameworkNode[], code: string): number | null {
  const kids = nodes.filter((n) => n.parentCode === code);
  if (kids.length === 0) return null;
  let sum = 0;
  for (const k of kids) {
    const u = tryParsePoints(k.maxPoints);
    if (u === null) return null;
    sum += u;
  }
  return sum;
}

/** The coarsest usual step (0.25, 0.05, 0.01, 0.0001) that divides the maximum. */
function manualStep(max: string): string {
  const u = tryParsePoints(max) ?? 0;
  return ['0.25', '0.05', '0.01', '0.0001'].find((s) => u % (tryParsePoints(s) as number) === 0) ?? '0.0001';
}

/** The method a leaf starts with when its type is changed in the editor. */
export function defaultMethod(type: LeafMethod['type'], maxPoints: string, labels: { yes: string; no: string; num: string; den: string }): LeafMethod {
  const max = tryParsePoints(maxPoints) === null ? '1' : maxPoints;
  const ratio = { numeratorLabelVi: labels.num, numeratorLabelEn: '', denominatorLabelVi: labels.den, denominatorLabelEn: '' };
  switch (type) {
    case 'levels':
      return {
        type,
        levels: [
          { code: 'L1', labelVi: labels.yes, labelEn: '', points: max },
          { code: 'L2', labelVi: labels.no, labelEn: '', points: '0' },
        ],
      };
    case 'ratio_ladder':
      return { type, ...ratio, steps: [{ minPercent: '100', inclusive: true, points: max }], whenDenominatorZero: 'full' };
    case 'ratio_proportional':
      return { type, ...ratio, rounding: 'exact', whenDenominatorZero: 'full' };
    case 'manual':
      return { type, step: manualStep(max) };
    default:
      return { type };
  }
}
