import { describe, expect, it } from 'vitest';
import { validateFramework } from '../../../core/domain/framework';
import type { Framework, FrameworkNode } from '../../../core/schemas/framework';
import {
  addChild,
  addSibling,
  childrenSum,
  indentNode,
  moveNode,
  moveOptions,
  nextChildCode,
  outdentNode,
  removeNode,
  updateNode,
} from './tree-ops';

const leaf = (code: string, parentCode: string | null, position: number, maxPoints: string): FrameworkNode => ({
  code,
  parentCode,
  position,
  nameVi: `Tiêu chí ${code}`,
  nameEn: '',
  maxPoints,
  mayBeNotApplicable: false,
  method: { type: 'yes_no' },
  kind: 'regular',
});
const parent = (code: string, parentCode: string | null, position: number, maxPoints: string): FrameworkNode => ({
  ...leaf(code, parentCode, position, maxPoints),
  method: null,
});

// 1 (3) → 1.1 (1), 1.2 (2) → 1.2.1 (1), 1.2.2 (1); 2 (7) → 2.1 (7); B bonus (1) → B.1
const NODES: FrameworkNode[] = [
  parent('1', null, 0, '3'),
  leaf('1.1', '1', 0, '1'),
  parent('1.2', '1', 1, '2'),
  leaf('1.2.1', '1.2', 0, '1'),
  leaf('1.2.2', '1.2', 1, '1'),
  parent('2', null, 1, '7'),
  leaf('2.1', '2', 0, '7'),
  { ...parent('B', null, 2, '1'), kind: 'bonus' },
  { ...leaf('B.1', 'B', 0, '1'), kind: 'bonus' },
];

const doc = (nodes: FrameworkNode[]): Framework => ({
  year: 2021,
  nameVi: 'Thử',
  nameEn: '',
  declaredTotal: '10',
  bonusCap: '1',
  deductionCap: '0',
  bands: [{ code: 'weak', labelVi: 'Yếu', labelEn: 'Weak', minPercent: '0' }],
  nodes,
});
const errors = (nodes: FrameworkNode[]) => validateFramework(doc(nodes)).filter((p) => p.severity === 'error').map((p) => p.code);
const codes = (nodes: FrameworkNode[]) =>
  [...nodes].sort((a, b) => (a.parentCode ?? '').localeCompare(b.parentCode ?? '') || a.position - b.position).map((n) => `${n.parentCode ?? '-'}>${n.code}`);

describe('framework tree operations', () => {
  it('start from a valid fixture', () => {
    expect(errors(NODES)).toEqual([]);
  });

  it('suggest the next numeric code, ignoring letters', () => {
    expect(nextChildCode(NODES, null)).toBe('3');
    expect(nextChildCode(NODES, '1.2')).toBe('1.2.3');
    expect(nextChildCode(NODES, '2.1')).toBe('2.1.1');
  });

  it('add a child with 0 points so no sum breaks', () => {
    const r = addChild(NODES, '1.2', 'Mới');
    expect(r.select).toBe('1.2.3');
    expect(errors(r.nodes)).toEqual([]);
  });

  it('hand a leaf’s method and points to its first child', () => {
    const r = addChild(NODES, '2.1', 'Mới');
    const p = r.nodes.find((n) => n.code === '2.1');
    const c = r.nodes.find((n) => n.code === '2.1.1');
    expect(p?.method).toBeNull();
    expect(c?.maxPoints).toBe('7');
    expect(c?.method).toEqual({ type: 'yes_no' });
    expect(errors(r.nodes)).toEqual([]);
  });

  it('place a new field before the bonus field', () => {
    const r = addChild(NODES, null, 'Lĩnh vực mới');
    const tops = r.nodes.filter((n) => n.parentCode === null).sort((a, b) => a.position - b.position).map((n) => n.code);
    expect(tops).toEqual(['1', '2', '3', 'B']);
  });

  it('insert a sibling after a node and number the following ones further', () => {
    const r = addSibling(NODES, '1.1', 'Mới');
    expect(r.select).toBe('1.2');
    expect(r.renamed.get('1.2')).toBe('1.3');
    expect(r.renamed.get('1.2.1')).toBe('1.3.1');
    expect(errors(r.nodes)).toEqual([]);
  });

  it('move a node down, swapping codes with its subtree', () => {
    const r = moveNode(NODES, '1.1', 1);
    expect(r.select).toBe('1.2');
    expect(codes(r.nodes)).toContain('1>1.1');
    expect(r.nodes.find((n) => n.code === '1.1')?.nameVi).toBe('Tiêu chí 1.2');
    expect(r.nodes.find((n) => n.code === '1.1.2')?.nameVi).toBe('Tiêu chí 1.2.2');
    expect(errors(r.nodes)).toEqual([]);
  });

  it('keep letters such as B when renumbering fields', () => {
    const r = moveNode(NODES, '2', -1);
    expect(r.nodes.find((n) => n.nameVi === 'Tiêu chí 2.1')?.code).toBe('1.1');
    expect(r.nodes.some((n) => n.code === 'B.1')).toBe(true);
    expect(errors(r.nodes)).toEqual([]);
  });

  it('indent and outdent conserve the points above and keep codes hierarchical', () => {
    const inside = indentNode(NODES, '1.2');
    expect(inside.select).toBe('1.1.1');
    expect(inside.nodes.find((n) => n.code === '1.1')?.maxPoints).toBe('3');
    expect(inside.nodes.find((n) => n.code === '1.1.1.2')?.parentCode).toBe('1.1.1');
    // 1.1 was a leaf worth 1: it now holds 3 points over a 2-point child, which the validator flags.
    expect(errors(inside.nodes)).toEqual(['children_sum_mismatch']);
    const back = outdentNode(NODES, '1.2.2');
    expect(back.select).toBe('1.3');
    expect(back.nodes.find((n) => n.code === '1.2')?.maxPoints).toBe('1');
    expect(errors(back.nodes)).toEqual([]);
  });

  it('give an indented node the kind of its new field', () => {
    const r = indentNode(NODES, 'B');
    expect(r.nodes.filter((n) => n.parentCode === '2' || n.code.startsWith('2.')).every((n) => n.kind === 'regular')).toBe(true);
  });

  it('say which moves are possible', () => {
    expect(moveOptions(NODES, '1')).toEqual({ up: false, down: true, indent: false, outdent: false });
    expect(moveOptions(NODES, '1.2.2')).toEqual({ up: true, down: false, indent: true, outdent: true });
  });

  it('delete a subtree, number the rest and select a neighbour', () => {
    const r = removeNode(NODES, '1.1');
    expect(r.nodes.some((n) => n.nameVi === 'Tiêu chí 1.1')).toBe(false);
    expect(r.select).toBe('1.1');
    expect(r.nodes.find((n) => n.code === '1.1.2')?.nameVi).toBe('Tiêu chí 1.2.2');
    expect(errors(r.nodes)).toEqual(['children_sum_mismatch']);
  });

  it('relabel a subtree when its code is edited', () => {
    const r = updateNode(NODES, '1.2', { code: '1.5' });
    expect(r.nodes.find((n) => n.code === '1.5.2')?.parentCode).toBe('1.5');
    expect(errors(r.nodes)).toEqual([]);
  });

  it('sum the children’s maxima exactly', () => {
    expect(childrenSum(NODES, '1')).toBe(30_000);
    expect(childrenSum(NODES, '1.1')).toBeNull();
  });
});
