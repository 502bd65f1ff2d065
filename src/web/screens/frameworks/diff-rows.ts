import { compareCodes } from '../../../core/domain/framework-tree';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { FrameworkDiffView, FrameworkSummary } from '../../api/frameworks';

export type DiffKind = 'added' | 'removed' | 'moved' | 'renamed' | 'changed';

/** One line of the comparison: a node added, removed, or matched with what happened to it. */
export interface DiffRow {
  key: string;
  code: string;
  /** The code in the earlier framework when it differs. */
  fromCode: string | null;
  kinds: DiffKind[];
  before: FrameworkNode | null;
  after: FrameworkNode | null;
  fromName: { vi: string; en: string } | null;
  toName: { vi: string; en: string } | null;
  changes: string[];
}

/** Merges the server's lists into one row per node, in code order (removed nodes by their old code). */
export function diffRows(d: FrameworkDiffView): DiffRow[] {
  const rows = new Map<string, DiffRow>();
  const matched = (code: string, fromCode: string): DiffRow => {
    let row = rows.get(`m:${code}`);
    if (!row) {
      row = { key: `m:${code}`, code, fromCode: fromCode === code ? null : fromCode, kinds: [], before: null, after: null, fromName: null, toName: null, changes: [] };
      rows.set(row.key, row);
    }
    return row;
  };
  for (const n of d.added) rows.set(`a:${n.code}`, { key: `a:${n.code}`, code: n.code, fromCode: null, kinds: ['added'], before: null, after: n, fromName: null, toName: null, changes: [] });
  for (const n of d.removed) rows.set(`r:${n.code}`, { key: `r:${n.code}`, code: n.code, fromCode: null, kinds: ['removed'], before: n, after: null, fromName: null, toName: null, changes: [] });
  for (const m of d.moved) matched(m.code, m.fromCode).kinds.push('moved');
  for (const r of d.renamed) {
    const row = matched(r.code, r.fromCode);
    row.kinds.push('renamed');
    row.fromName = r.fromName;
    row.toName = r.toName;
  }
  for (const c of d.changed) {
    const row = matched(c.code, c.fromCode);
    row.kinds.push('changed');
    row.before = c.before;
    row.after = c.after;
    row.changes = c.changes;
  }
  return [...rows.values()].sort((a, b) => compareCodes(a.code, b.code) || a.key.localeCompare(b.key));
}

/** The colour family of a row: green added, red removed, amber otherwise. */
export function toneOf(row: DiffRow): 'added' | 'removed' | 'changed' {
  if (row.kinds.includes('added')) return 'added';
  if (row.kinds.includes('removed')) return 'removed';
  return 'changed';
}

/** The framework to compare with by default: same group, the latest earlier year (published first), else an earlier revision, else its source. */
export function defaultAgainst(all: readonly FrameworkSummary[], current: FrameworkSummary): FrameworkSummary | undefined {
  const rank = (f: FrameworkSummary) => f.year * 10_000 + (f.status === 'published' ? 5_000 : 0) + f.revision;
  const sameGroup = all.filter((f) => f.groupId === current.groupId && f.id !== current.id);
  const earlier = sameGroup.filter((f) => f.year < current.year).sort((a, b) => rank(b) - rank(a))[0];
  const earlierRevision = sameGroup.filter((f) => f.year === current.year && f.revision < current.revision).sort((a, b) => b.revision - a.revision)[0];
  return earlier ?? earlierRevision ?? all.find((f) => f.id === current.clonedFromId);
}
