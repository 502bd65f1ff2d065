import { describe, expect, it } from 'vitest';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { FrameworkDiffView, FrameworkSummary } from '../../api/frameworks';
import { defaultAgainst, diffRows, toneOf } from './diff-rows';

const node = (code: string, maxPoints = '1'): FrameworkNode => ({
  code,
  parentCode: code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null,
  position: 0,
  nameVi: `Tiêu chí ${code}`,
  nameEn: '',
  maxPoints,
  mayBeNotApplicable: false,
  method: { type: 'yes_no' },
  kind: 'regular',
});

const summary = (id: number, year: number, groupId: number, status: 'draft' | 'published', revision = 1, clonedFromId: number | null = null): FrameworkSummary => ({
  id,
  year,
  revision,
  groupId,
  groupCode: groupId === 1 ? 'SO' : 'HUYEN',
  groupNameVi: '',
  groupNameEn: '',
  nameVi: `F${id}`,
  nameEn: '',
  status,
  publishedAt: null,
  nodeCount: 0,
  usedByPeriods: 0,
  clonedFromId,
  version: 1,
  abilities: {},
});

describe('framework comparison rows', () => {
  it('merge moves, renames and edits of one node into one row, in code order', () => {
    const d = {
      added: [node('7.5')],
      removed: [node('1.4.2')],
      moved: [{ code: '1.6', fromCode: '1.4.2', fromParent: '1.4', toParent: '1' }],
      renamed: [{ code: '7', fromCode: '7', fromName: { vi: 'Cũ', en: '' }, toName: { vi: 'Mới', en: '' } }],
      changed: [{ code: '1.6', fromCode: '1.4.2', changes: ['maxPoints'], before: node('1.4.2', '0.5'), after: node('1.6', '1') }],
      meta: [],
      unchangedCount: 10,
    } as unknown as FrameworkDiffView;
    const rows = diffRows(d);
    expect(rows.map((r) => `${r.code}:${r.kinds.join('+')}`)).toEqual(['1.4.2:removed', '1.6:moved+changed', '7:renamed', '7.5:added']);
    expect(rows[1]?.fromCode).toBe('1.4.2');
    expect(rows.map(toneOf)).toEqual(['removed', 'changed', 'changed', 'added']);
  });

  it('compare by default with the same group’s latest earlier year, published first', () => {
    const all = [summary(1, 2018, 1, 'published'), summary(2, 2019, 1, 'published'), summary(3, 2019, 1, 'draft', 2), summary(4, 2019, 2, 'published'), summary(5, 2020, 1, 'draft')];
    expect(defaultAgainst(all, all[4] as FrameworkSummary)?.id).toBe(2);
    expect(defaultAgainst(all, all[0] as FrameworkSummary)).toBeUndefined();
    const revision = summary(6, 2018, 1, 'draft', 2, 1);
    expect(defaultAgainst([...all, revision], revision)?.id).toBe(1);
  });
});
