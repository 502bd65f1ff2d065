import type { AuditAction, AuditEntityType } from '../../core/domain/audit-catalogue';
import type { DbOrTx } from '../db/client';
import { auditLog } from '../db/schema/index';
import type { Ctx } from './context';

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | number | null;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
  provinceId?: number | null;
}

/** Keeps only the keys whose values differ, so the log shows old → new of what changed. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { oldValue: Partial<T>; newValue: Partial<T> } {
  const oldValue: Partial<T> = {};
  const newValue: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      oldValue[key] = a;
      newValue[key] = b as T[keyof T];
    }
  }
  return { oldValue, newValue };
}

/** Appends one entry to the audit log inside the caller's transaction (who, when, what, old → new, request id). */
export async function appendAudit(tx: DbOrTx, ctx: Ctx, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    at: ctx.now,
    provinceId: entry.provinceId ?? ctx.actor?.provinceId ?? null,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor ? `${ctx.actor.fullName} (${ctx.actor.username})` : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    oldValue: entry.oldValue === undefined ? null : (entry.oldValue as object),
    newValue: entry.newValue === undefined ? null : (entry.newValue as object),
    reason: entry.reason ?? null,
    requestId: ctx.requestId,
  });
}
