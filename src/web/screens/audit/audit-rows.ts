export interface DiffRow {
  key: string;
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields of old and new, side by side; unchanged fields of an update are listed last and dimmed. */
export function diffRows(oldValue: unknown, newValue: unknown): DiffRow[] {
  const before = asRecord(oldValue) ?? {};
  const after = asRecord(newValue) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rows = keys.map((k) => ({ key: k, field: k, before: before[k], after: after[k], changed: !same(before[k], after[k]) }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

