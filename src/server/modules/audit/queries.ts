import { and, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditLog } from '../../db/schema/index';

export interface AuditFilter {
  provinceId: number;
  actorId?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
}

function auditWhere(f: AuditFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(auditLog.provinceId, f.provinceId)];
  if (f.actorId) parts.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) parts.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditLog.entityId, f.entityId));
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.from) parts.push(gte(auditLog.at, f.from));
  if (f.to) parts.push(lte(auditLog.at, f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(or(ilike(auditLog.actorName, like), ilike(auditLog.action, like), sql`${auditLog.newValue}::text ilike ${like}`, sql`${auditLog.oldValue}::text ilike ${like}`));
  }
  return and(...parts)!;
}

/** A page of audit entries, newest first. */
export async function listAudit(db: DbOrTx, f: AuditFilter, page: number, pageSize: number) {
  const where = auditWhere(f);
  const [items, totals] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: Number(totals[0]?.n ?? 0) };
}

/** Distinct entity types and actions seen, for the filter drop-downs. */
export async function auditFacets(db: DbOrTx, provinceId: number) {
  const res = await db.execute(sql`select distinct entity_type, action from audit_log where province_id = ${provinceId} order by 1, 2 limit 500`);
  return (res as unknown as { rows: { entity_type: string; action: string }[] }).rows;
}
