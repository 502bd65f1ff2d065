import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from './arbitraries.test-support';
import { diffFrameworks } from './diff';
import { sampleFramework } from './fixtures.test-support';
import type { Framework, FrameworkNode } from './framework';

function edit(mutate: (nodes: FrameworkNode[], f: Framework) => FrameworkNode[] | void): Framework {
  const f = structuredClone(sampleFramework());
  const out = mutate(f.nodes, f);
  if (out) f.nodes = out;
  return f;
}
const at = (nodes: FrameworkNode[], code: string) => nodes.find((n) => n.code === code)!;

describe('diffFrameworks', () => {
  it('finds nothing between identical frameworks', () => {
    const d = diffFrameworks(sampleFramework(), sampleFramework());
    expect(d).toMatchObject({ added: [], removed: [], moved: [], renamed: [], changed: [], meta: [] });
    expect(d.unchangedCount).toBe(13);
  });

  it('lists added and removed nodes', () => {
    const b = edit((n) => [
      ...n.filter((x) => x.code !== '1.1.3'),
      { ...at(n, '2.1'), code: '2.2', position: 1, nameVi: 'Chỉ số hài lòng SIPAS' },
    ]);
    const d = diffFrameworks(sampleFramework(), b);
    expect(d.added.map((x) => x.code)).toEqual(['2.2']);
    expect(d.removed.map((x) => x.code)).toEqual(['1.1.3']);
  });

  it('reports a renamed node when the code stays and the name changes', () => {
    const d = diffFrameworks(sampleFramework(), edit((n) => void (at(n, '1.2').nameVi = 'Báo cáo định kỳ về CCHC')));
    expect(d.renamed).toEqual([
      { code: '1.2', fromCode: '1.2', fromName: { vi: 'Báo cáo CCHC', en: '' }, toName: { vi: 'Báo cáo định kỳ về CCHC', en: '' } },
    ]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('reports a moved node when the name stays and the code or parent changes', () => {
    // 1.1.3 moves under 1.2 as 1.2.2
    const b = edit((n) => {
      const moved = at(n, '1.1.3');
      Object.assign(moved, { code: '1.2.2', parentCode: '1.2', position: 1 });
      at(n, '1.1').maxPoints = '3';
      at(n, '1.2').maxPoints = '3';
    });
    const d = diffFrameworks(sampleFramework(), b);
    expect(d.moved).toEqual([{ code: '1.2.2', fromCode: '1.1.3', fromParent: '1.1', toParent: '1.2' }]);
    expect(d.changed.map((c) => [c.code, c.changes])).toEqual([
      ['1.1', ['maxPoints']],
      ['1.2', ['maxPoints']],
    ]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it('tells a renumbered node from a rename: 1.1.2 removed, 1.1.3 becomes 1.1.2', () => {
    const b = edit((n) => {
      const kept = n.filter((x) => x.code !== '1.1.2');
      Object.assign(at(kept, '1.1.3'), { code: '1.1.2', position: 1 });
      at(kept, '1.1').maxPoints = '2';
      at(kept, '1').maxPoints = '4';
      return kept;
    });
    const d = diffFrameworks(sampleFramework(), b);
    expect(d.removed.map((x) => x.code)).toEqual(['1.1.2']);
    expect(d.moved).toEqual([{ code: '1.1.2', fromCode: '1.1.3', fromParent: '1.1', toParent: '1.1' }]);
    expect(d.renamed).toEqual([]);
  });

  it('reports a node both moved and changed, and each kind of change', () => {
    const b = edit((n) => {
      Object.assign(at(n, 'D.1'), { code: 'D.2', method: { type: 'manual', step: '1' }, guidanceVi: 'Mới', mayBeNotApplicable: true });
      at(n, '1.1.1').evidenceVi = 'Quyết định ban hành kế hoạch';
    });
    const d = diffFrameworks(sampleFramework(), b);
    expect(d.moved).toEqual([{ code: 'D.2', fromCode: 'D.1', fromParent: 'D', toParent: 'D' }]);
    expect(d.changed.map((c) => [c.code, c.changes])).toEqual([
      ['1.1.1', ['evidence']],
      ['D.2', ['method', 'guidance', 'mayBeNotApplicable']],
    ]);
    expect(d.changed[1]?.before.code).toBe('D.1');
  });

  it('lists framework-level changes and ignores decimal spelling', () => {
    const b = edit((n, f) => {
      f.bonusCap = '1';
      f.declaredTotal = '10.0';
      at(n, '1').maxPoints = '6.00';
    });
    const d = diffFrameworks(sampleFramework(), b);
    expect(d.meta).toEqual([{ field: 'bonusCap', before: '0.5', after: '1' }]);
    expect(d.changed).toEqual([]);
  });

  it('orders every list by natural code order', () => {
    const a = sampleFramework();
    const extra = (code: string, position: number): FrameworkNode => ({ ...at(a.nodes, '2.1'), code, position, nameVi: `Mục ${code}` });
    const b = { ...a, nodes: [...a.nodes, extra('2.10', 9), extra('2.9', 8), extra('2.2', 1)] };
    expect(diffFrameworks(a, b).added.map((x) => x.code)).toEqual(['2.2', '2.9', '2.10']);
  });

  it('accounts for every node: matched + removed = before, matched + added = after', () => {
    fc.assert(
      fc.property(arbFramework({ maxDepth: 3 }), arbFramework({ maxDepth: 3 }), (a, b) => {
        const d = diffFrameworks(a, b);
        const matched = a.nodes.length - d.removed.length;
        expect(b.nodes.length - d.added.length).toBe(matched);
        expect(d.unchangedCount).toBeLessThanOrEqual(matched);
        expect(diffFrameworks(a, a)).toMatchObject({ added: [], removed: [], moved: [], renamed: [], changed: [], unchangedCount: a.nodes.length });
      }),
      { numRuns: 100 },
    );
  });
});
