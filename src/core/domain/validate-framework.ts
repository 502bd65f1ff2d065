/**
 * Validation of a framework: every problem at once (structure, sums, methods, caps, bands), each with a code,
 * a severity, the node and field it concerns and a bilingual message (docs/scoring.md, "Framework rules").
 */
import { FRAMEWORK_LIMITS, NODE_CODE_RE } from '../schemas/framework';
import type { Framework, FrameworkNode } from '../schemas/framework';
import { validateBands } from './classification';
import type { Units } from './decimal';
import type { FrameworkProblem } from './framework';
import { childrenByParent, parentCodeOf, topLevelCodes } from './framework-tree';
import { checkMethod, Collector, KIND_NAMES, p } from './validate-method';

/** Checks a framework and returns every problem found (not only the first); an empty array means valid; see docs/scoring.md. */
export function validateFramework(f: Framework): FrameworkProblem[] {
  const c = new Collector();
  if (f.nodes.length === 0) {
    c.error('empty_framework', { vi: 'Bộ tiêu chí chưa có tiêu chí nào.', en: 'The framework has no nodes.' });
  }
  if (f.nodes.length > FRAMEWORK_LIMITS.nodes) {
    c.error('too_many_nodes', {
      vi: `Bộ tiêu chí có ${f.nodes.length} tiêu chí, vượt quá giới hạn ${FRAMEWORK_LIMITS.nodes}.`,
      en: `The framework has ${f.nodes.length} nodes, more than the limit of ${FRAMEWORK_LIMITS.nodes}.`,
    });
  }

  // Codes, parents and the shape of the tree.
  const byCode = new Map<string, FrameworkNode>();
  for (const node of f.nodes) {
    if (node.code.length > FRAMEWORK_LIMITS.code || !NODE_CODE_RE.test(node.code)) {
      c.error(
        'invalid_code_format',
        {
          vi: `Mã "${node.code}" không hợp lệ: chỉ gồm chữ cái không dấu và chữ số, phân cấp bằng dấu chấm (ví dụ 1.2.3), tối đa ${FRAMEWORK_LIMITS.code} ký tự.`,
          en: `Code "${node.code}" is invalid: unaccented letters and digits separated by dots (e.g. 1.2.3), at most ${FRAMEWORK_LIMITS.code} characters.`,
        },
        node.code,
        'code',
      );
    }
    if (byCode.has(node.code)) {
      c.error(
        'duplicate_code',
        { vi: `Mã "${node.code}" bị trùng.`, en: `Code "${node.code}" is used more than once.` },
        node.code,
        'code',
      );
    } else {
      byCode.set(node.code, node);
    }
    if (node.nameVi.trim() === '') {
      c.error(
        'name_missing',
        { vi: `Tiêu chí "${node.code}" chưa có tên tiếng Việt.`, en: `Node "${node.code}" has no Vietnamese name.` },
        node.code,
        'nameVi',
      );
    }
  }
  for (const node of f.nodes) {
    if (node.parentCode !== null && !byCode.has(node.parentCode)) {
      c.error(
        'unknown_parent',
        {
          vi: `Mục cha "${node.parentCode}" của "${node.code}" không tồn tại.`,
          en: `The parent "${node.parentCode}" of "${node.code}" does not exist.`,
        },
        node.code,
        'parentCode',
      );
    } else if (node.parentCode !== parentCodeOf(node.code)) {
      const expected = parentCodeOf(node.code);
      c.error(
        'code_parent_mismatch',
        {
          vi: `Mã "${node.code}" không khớp với mục cha: ${expected === null ? 'phải là lĩnh vực cấp cao nhất' : `phải nằm dưới "${expected}"`} (đang nằm dưới ${node.parentCode === null ? 'cấp cao nhất' : `"${node.parentCode}"`}).`,
          en: `Code "${node.code}" does not match its parent: ${expected === null ? 'it must be top-level' : `it must be under "${expected}"`} (it is under ${node.parentCode === null ? 'the top level' : `"${node.parentCode}"`}).`,
        },
        node.code,
        'parentCode',
      );
    }
  }
  for (const node of f.nodes) {
    if (byCode.get(node.code) !== node) continue;
    // Follow the parent chain; coming back to a node already on it means the chain loops.
    const chain = new Set<string>([node.code]);
    let parent = node.parentCode;
    while (parent !== null) {
      if (parent === node.code) {
        c.error(
          'cycle',
          { vi: `Tiêu chí "${node.code}" nằm trong một vòng lặp cha–con.`, en: `"${node.code}" is part of a parent–child cycle.` },
          node.code,
          'parentCode',
        );
        break;
      }
      if (chain.has(parent)) break; // hangs below a loop that does not include it: reported on the loop's nodes
      chain.add(parent);
      parent = byCode.get(parent)?.parentCode ?? null;
    }
  }

  const children = childrenByParent(f.nodes);
  const tops = topLevelCodes(f.nodes);
  const maxOf = new Map<string, Units | null>();
  for (const node of f.nodes) {
    if (byCode.get(node.code) !== node) continue;
    maxOf.set(node.code, c.decimal(node.maxPoints, 'maxPoints', node.code));
  }

  // Positions among siblings.
  for (const list of children.values()) {
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (prev && cur && prev.position === cur.position) {
        c.warn(
          'duplicate_position',
          {
            vi: `Thứ tự của "${cur.code}" trùng với "${prev.code}" (cùng cấp); sắp xếp theo mã.`,
            en: `"${cur.code}" has the same position as its sibling "${prev.code}"; ordered by code.`,
          },
          cur.code,
          'position',
        );
      }
    }
  }

  // Per node: method presence, sums, kind, method rules.
  for (const node of f.nodes) {
    if (byCode.get(node.code) !== node) continue;
    const kids = children.get(node.code) ?? [];
    const max = maxOf.get(node.code) ?? null;
    const top = tops.get(node.code);
    const topNode = top !== undefined ? byCode.get(top) : undefined;
    if (topNode && topNode.kind !== node.kind) {
      c.error(
        'kind_mismatch',
        {
          vi: `Loại của "${node.code}" (${KIND_NAMES[node.kind].vi}) phải giống lĩnh vực chứa nó "${topNode.code}" (${KIND_NAMES[topNode.kind].vi}).`,
          en: `The kind of "${node.code}" (${KIND_NAMES[node.kind].en}) must match its top-level node "${topNode.code}" (${KIND_NAMES[topNode.kind].en}).`,
        },
        node.code,
        'kind',
      );
    }
    if (kids.length > 0) {
      if (node.method !== null) {
        c.error(
          'parent_with_method',
          {
            vi: `Tiêu chí "${node.code}" có tiêu chí con nên không có phương pháp chấm riêng (điểm là tổng của các tiêu chí con).`,
            en: `"${node.code}" has children, so it cannot have its own scoring method (its points are the sum of its children).`,
          },
          node.code,
          'method',
        );
      }
      if (node.mayBeNotApplicable) {
        c.warn(
          'not_applicable_on_parent',
          {
            vi: `"Có thể không áp dụng" chỉ có tác dụng ở tiêu chí không có tiêu chí con; "${node.code}" có tiêu chí con.`,
            en: `"May be not applicable" only applies to leaves; "${node.code}" has children.`,
          },
          node.code,
          'mayBeNotApplicable',
        );
      }
      const kidMaxes = kids.map((k) => (byCode.get(k.code) === k ? maxOf.get(k.code) : null));
      if (max !== null && kidMaxes.every((m) => m !== null && m !== undefined)) {
        const sum = kidMaxes.reduce<number>((a, b) => a + (b ?? 0), 0);
        if (sum !== max) {
          c.error(
            'children_sum_mismatch',
            {
              vi: `Điểm tối đa của "${node.code}" là ${p(max, 'vi')} nhưng tổng điểm tối đa của các tiêu chí con là ${p(sum, 'vi')}.`,
              en: `The maximum of "${node.code}" is ${p(max, 'en')} but its children's maxima sum to ${p(sum, 'en')}.`,
            },
            node.code,
            'maxPoints',
          );
        }
      }
    } else {
      if (node.method === null) {
        c.error(
          'leaf_without_method',
          {
            vi: `Tiêu chí "${node.code}" không có tiêu chí con nên phải có phương pháp chấm điểm.`,
            en: `"${node.code}" has no children, so it needs a scoring method.`,
          },
          node.code,
          'method',
        );
      } else if (max !== null) {
        checkMethod(c, node.code, node.method, max);
      }
      if (max === 0) {
        c.warn(
          'zero_max',
          { vi: `Tiêu chí "${node.code}" có điểm tối đa bằng 0.`, en: `"${node.code}" has a maximum of 0 points.` },
          node.code,
          'maxPoints',
        );
      }
    }
  }

  // Totals and caps.
  const declared = c.decimal(f.declaredTotal, 'declaredTotal');
  let regularSum = 0;
  let regularKnown = true;
  let hasBonus = false;
  let hasDeduction = false;
  for (const node of children.get(null) ?? []) {
    if (node.kind === 'bonus') hasBonus = true;
    else if (node.kind === 'deduction') hasDeduction = true;
    else {
      const max = maxOf.get(node.code);
      if (max === null || max === undefined) regularKnown = false;
      else regularSum += max;
    }
  }
  if (declared !== null && regularKnown && declared !== regularSum && f.nodes.length > 0) {
    c.error(
      'total_mismatch',
      {
        vi: `Tổng điểm công bố là ${p(declared, 'vi')} nhưng tổng điểm tối đa của các lĩnh vực (không kể điểm thưởng, điểm trừ) là ${p(regularSum, 'vi')}.`,
        en: `The declared total is ${p(declared, 'en')} but the fields (bonus and deductions excluded) sum to ${p(regularSum, 'en')}.`,
      },
      undefined,
      'declaredTotal',
    );
  }
  const bonusCap = c.decimal(f.bonusCap, 'bonusCap');
  const deductionCap = c.decimal(f.deductionCap, 'deductionCap');
  if (hasBonus && bonusCap === 0) {
    c.warn(
      'cap_zero_with_items',
      { vi: 'Có mục điểm thưởng nhưng mức trần điểm thưởng bằng 0.', en: 'There are bonus items but the bonus cap is 0.' },
      undefined,
      'bonusCap',
    );
  }
  if (hasDeduction && deductionCap === 0) {
    c.warn(
      'cap_zero_with_items',
      { vi: 'Có mục điểm trừ nhưng mức trần điểm trừ bằng 0.', en: 'There are deduction items but the deduction cap is 0.' },
      undefined,
      'deductionCap',
    );
  }
  for (const problem of validateBands(f.bands)) {
    c.error('bands_invalid', problem.message, undefined, problem.path);
  }
  return c.problems;
}

/** True when the problem list contains at least one error (warnings do not block). */
export function hasErrors(problems: readonly FrameworkProblem[]): boolean {
  return problems.some((pr) => pr.severity === 'error');
}
