import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** `roles.0.agencyId` → `['roles', 0, 'agencyId']` (antd name path). */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors next to their fields. Returns the messages that belong to no field of the form
 * (to show above it). `isField` says which dotted paths the form shows.
 */
export function applyServerErrors(form: FormInstance, err: unknown, isField: (path: string) => boolean): string[] {
  if (!(err instanceof ApiError)) return [err instanceof Error ? err.message : String(err)];
  const rest: string[] = [];
  const fields = err.fields.filter((f) => {
    if (isField(f.path)) return true;
    rest.push(f.message);
    return false;
  });
  if (fields.length) form.setFields(fields.map((f) => ({ name: toNamePath(f.path), errors: [f.message] })));
  return rest;
}

/** A predicate for a fixed set of top-level field names. */
export function fieldsOf(...names: string[]): (path: string) => boolean {
  const set = new Set(names);
  return (path) => set.has(path);
}
