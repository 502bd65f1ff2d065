import { describe, expect, it } from 'vitest';
import { diffRows } from './audit-rows';

describe('diffRows', () => {
  it('lists changed fields first and marks unchanged ones', () => {
    const rows = diffRows({ code: 'A', nameVi: 'Cũ' }, { code: 'A', nameVi: 'Mới' });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['nameVi', true],
      ['code', false],
    ]);
  });
  it('treats a missing old value as a creation', () => {
    expect(diffRows(null, { code: 'X' })).toEqual([{ key: 'code', field: 'code', before: undefined, after: 'X', changed: true }]);
  });
  it('ignores non-object values', () => {
    expect(diffRows('x', [1, 2])).toEqual([]);
  });
});
