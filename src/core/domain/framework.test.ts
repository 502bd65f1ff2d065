import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbFramework } from './arbitraries.test-support';
import { sampleFramework } from './fixtures.test-support';
import {
  buildTree,
  canonicalizeFramework,
  compareCodes,
  flattenTree,
  frameworkTotals,
  hasErrors,
  leafNodes,
  parentCodeOf,
  validateFramework,
  type Framework,
  type FrameworkNode,
  type FrameworkProblemCode,
} from './framework';

describe('codes', () => {
  it('sorts codes naturally', () => {
    const codes = ['1.10', '2', '1.9', '1', '1.1', '10', 'B', '1.2.1', 'D', '1a', '1.01'];
    expect([...codes].sort(compareCodes)).toEqual(['1', '1.1', '1.01', '1.2.1', '1.9', '1.10', '1a', '2', '10', 'B', 'D']);
  });

  it('derives the parent from the code', () => {
    expect(parentCodeOf('1.2.3')).toBe('1.2');
    expect(parentCodeOf('1')).toBeNull();
  });
});

describe('tree utilities', () => {
  it('nests by parent and position, and flattens back in pre-order', () => {
    const f = sampleFramework();
    const shuffled = [...f.nodes].reverse();
    const tree = buildTree(shuffled);
    expect(tree.map((t) => t.code)).toEqual(['1', '2', 'B', 'D']);
    expect(tree[0]?.children.map((c) => c.code)).toEqual(['1.1', '1.2']);
    expect(flattenTree(tree)).toEqual(f.nodes);
    expect(leafNodes(f.nodes).map((n) => n.code)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1', '2.1', 'B.1', 'D.1']);
  });

  it('leaves out unreachable nodes', () => {
    const f = sampleFramework();
    const orphan: FrameworkNode = { ...f.nodes[2]!, code: '9.1', parentCode: '9' };
    expect(flattenTree(buildTree([...f.nodes, orphan])).length).toBe(f.nodes.length);
  });

  it('computes totals', () => {
    expect(frameworkTotals(sampleFramework())).toEqual({
      declaredTotal: 100_000,
      regularMax: 100_000,
      bonusMax: 10_000,
      deductionMax: 20_000,
      bonusCap: 5_000,
      deductionCap: 10_000,
      nodeCount: 13,
      leafCount: 7,
      fieldCount: 2,
    });
  });

  it('canonicalises decimals, order and positions', () => {
    const f = sampleFramework();
    const messy: Framework = {
      ...f,
      declaredTotal: '10.00',
      nodes: [...f.nodes].reverse().map((n) => ({ ...n, maxPoints: `${n.maxPoints}.0`.replace(/\.(\d+)\.0$/, '.$10'), guidanceVi: '' })),
    };
    expect(canonicalizeFramework(messy)).toEqual(f);
  });
});

function codesOf(f: Framework): FrameworkProblemCode[] {
  return validateFramework(f).map((p) => p.code);
}

function edit(mutate: (nodes: FrameworkNode[], f: Framework) => void): Framework {
  const f = structuredClone(sampleFramework());
  mutate(f.nodes, f);
  return f;
}

const at = (nodes: FrameworkNode[], code: string) => nodes.find((n) => n.code === code)!;

describe('validateFramework', () => {
  it('accepts the sample and every generated valid framework', () => {
    expect(validateFramework(sampleFramework())).toEqual([]);
    fc.assert(
      fc.property(arbFramework(), (f) => {
        expect(validateFramework(f).filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it.each<[string, (nodes: FrameworkNode[], f: Framework) => void, FrameworkProblemCode, string | undefined, string | undefined]>([
    ['children do not sum', (n) => (at(n, '1.1.3').maxPoints = '2'), 'children_sum_mismatch', '1.1', 'maxPoints'],
    ['total differs', (_n, f) => (f.declaredTotal = '100'), 'total_mismatch', undefined, 'declaredTotal'],
    ['duplicate code', (n) => n.push({ ...at(n, '1.1.3'), position: 9 }), 'duplicate_code', '1.1.3', 'code'],
    ['unknown parent', (n) => n.push({ ...at(n, '2.1'), code: '3.1', parentCode: '3' }), 'unknown_parent', '3.1', 'parentCode'],
    ['code does not match parent', (n) => n.push({ ...at(n, '2.1'), code: '2.2', parentCode: '1', maxPoints: '0' }), 'code_parent_mismatch', '2.2', 'parentCode'],
    ['leaf without method', (n) => (at(n, '1.1.3').method = null), 'leaf_without_method', '1.1.3', 'method'],
    ['parent with method', (n) => (at(n, '1.1').method = { type: 'yes_no' }), 'parent_with_method', '1.1', 'method'],
    ['bad code format', (n) => n.push({ ...at(n, '2.1'), code: '2.1 a', parentCode: '2' }), 'invalid_code_format', '2.1 a', 'code'],
    ['bad decimal', (n) => (at(n, '1.1.3').maxPoints = '1,5'), 'invalid_decimal', '1.1.3', 'maxPoints'],
    ['negative max', (n) => (at(n, '1.1.3').maxPoints = '-1'), 'negative_value', '1.1.3', 'maxPoints'],
    [
      'level points above max',
      (n) => ((at(n, '1.1.1').method as Extract<FrameworkNode['method'], { type: 'levels' }>).levels[0]!.points = '2'),
      'level_points_exceed_max',
      '1.1.1',
      'method.levels.0.points',
    ],
    [
      'duplicate level code',
      (n) => ((at(n, '1.1.1').method as Extract<FrameworkNode['method'], { type: 'levels' }>).levels[1]!.code = 'on_time'),
      'duplicate_level_code',
      '1.1.1',
      'method.levels.1.code',
    ],
    [
      'ladder not sorted',
      (n) => (at(n, '1.1.2').method as Extract<FrameworkNode['method'], { type: 'ratio_ladder' }>).steps.reverse(),
      'ladder_not_sorted',
      '1.1.2',
      'method.steps',
    ],
    [
      'ladder points above max',
      (n) => ((at(n, '1.1.2').method as Extract<FrameworkNode['method'], { type: 'ratio_ladder' }>).steps[0]!.points = '3'),
      'ladder_points_exceed_max',
      '1.1.2',
      'method.steps.0.points',
    ],
    [
      'ladder percent above 100',
      (n) => ((at(n, '1.1.2').method as Extract<FrameworkNode['method'], { type: 'ratio_ladder' }>).steps[0]!.minPercent = '120'),
      'percent_out_of_range',
      '1.1.2',
      'method.steps.0.minPercent',
    ],
    ['step does not divide max', (n) => (at(n, 'D.1').method = { type: 'manual', step: '0.3' }), 'step_not_divisor', 'D.1', 'method.step'],
    ['step zero', (n) => (at(n, 'D.1').method = { type: 'manual', step: '0' }), 'step_not_positive', 'D.1', 'method.step'],
    [
      'floor without step',
      (n) =>
        (at(n, '1.1.2').method = {
          type: 'ratio_proportional',
          numeratorLabelVi: 'a',
          numeratorLabelEn: 'a',
          denominatorLabelVi: 'b',
          denominatorLabelEn: 'b',
          rounding: 'floor_to_step',
          whenDenominatorZero: 'zero',
        }),
      'floor_step_missing',
      '1.1.2',
      'method.step',
    ],
    ['kind differs from its field', (n) => (at(n, 'B.1').kind = 'regular'), 'kind_mismatch', 'B.1', 'kind'],
    ['bands unsorted', (_n, f) => f.bands.reverse(), 'bands_invalid', undefined, 'bands.1.minPercent'],
    ['cycle', (n) => ((at(n, '1').parentCode = '1.1'), (at(n, '1.1').parentCode = '1')), 'cycle', '1', 'parentCode'],
    ['empty', (n) => n.splice(0, n.length), 'empty_framework', undefined, undefined],
  ])('reports %s', (_name, mutate, code, nodeCode, path) => {
    const problems = validateFramework(edit(mutate));
    const found = problems.find((p) => p.code === code);
    expect(found, JSON.stringify(problems)).toBeDefined();
    expect(found?.severity).toBe('error');
    expect(found?.nodeCode).toBe(nodeCode);
    expect(found?.path).toBe(path);
    expect(found?.message.vi).toMatch(/[àáảãạăâđèéêìíòóôơùúưýạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]|\d/i);
    expect(found?.message.en.length).toBeGreaterThan(0);
  });

  it.each<[string, (nodes: FrameworkNode[], f: Framework) => void, FrameworkProblemCode]>([
    ['no level gives the max', (n) => ((at(n, '1.1.1').method as Extract<FrameworkNode['method'], { type: 'levels' }>).levels[0]!.points = '0.75'), 'no_level_gives_max'],
    [
      'ladder not monotonic',
      (n) => {
        const steps = (at(n, '1.1.2').method as Extract<FrameworkNode['method'], { type: 'ratio_ladder' }>).steps;
        steps[0]!.points = '1';
        steps[1]!.points = '2';
      },
      'ladder_not_monotonic',
    ],
    ['no step gives the max', (n) => ((at(n, '1.1.2').method as Extract<FrameworkNode['method'], { type: 'ratio_ladder' }>).steps[0]!.points = '1.5'), 'no_step_gives_max'],
    ['N/A flag on a parent', (n) => (at(n, '1.1').mayBeNotApplicable = true), 'not_applicable_on_parent'],
    ['duplicate positions', (n) => (at(n, '1.1.2').position = 0), 'duplicate_position'],
    ['bonus cap 0', (_n, f) => (f.bonusCap = '0'), 'cap_zero_with_items'],
  ])('warns (does not fail) on %s', (_name, mutate, code) => {
    const problems = validateFramework(edit(mutate));
    expect(problems.some((p) => p.code === code && p.severity === 'warning'), JSON.stringify(problems)).toBe(true);
    expect(hasErrors(problems.filter((p) => p.code === code))).toBe(false);
  });

  it('reports every problem at once, not the first', () => {
    const f = edit((n, fw) => {
      at(n, '1.1').maxPoints = '5';
      at(n, '1.1.3').method = null;
      at(n, 'D.1').method = { type: 'manual', step: '0.3' };
      fw.declaredTotal = '11';
    });
    expect(codesOf(f)).toEqual(expect.arrayContaining(['children_sum_mismatch', 'leaf_without_method', 'step_not_divisor', 'total_mismatch']));
  });

  it('writes Vietnamese messages with diacritics', () => {
    const [p] = validateFramework(edit((n) => (at(n, '1.1.3').maxPoints = '2')));
    expect(p?.message.vi).toBe('Điểm tối đa của "1.1" là 4 nhưng tổng điểm tối đa của các tiêu chí con là 5.');
    expect(p?.message.en).toBe('The maximum of "1.1" is 4 but its children\'s maxima sum to 5.');
  });
});
