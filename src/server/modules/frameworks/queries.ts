import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Framework, FrameworkNode } from '../../../core/schemas/framework';
import type { DbOrTx } from '../../db/client';
import { agencyGroups, frameworkNodes, frameworks, periodFrameworks } from '../../db/schema/index';

export type FrameworkRow = typeof frameworks.$inferSelect;
export type NodeRow = typeof frameworkNodes.$inferSelect;

export interface FrameworkListRow {
  framework: FrameworkRow;
  groupCode: string;
  groupNameVi: string;
  groupNameEn: string;
  nodeCount: number;
  usedByPeriods: number;
}

const listSelection = {
  framework: frameworks,
  groupCode: agencyGroups.code,
  groupNameVi: agencyGroups.nameVi,
  groupNameEn: agencyGroups.nameEn,
  nodeCount: sql<number>`(select count(*)::int from ${frameworkNodes} n where n.framework_id = ${frameworks.id})`,
  usedByPeriods: sql<number>`(select count(*)::int from ${periodFrameworks} pf where pf.framework_id = ${frameworks.id})`,
};

/** Frameworks of a province, newest year first, filtered by year, group and status. */
export async function listFrameworks(
  db: DbOrTx,
  f: { provinceId: number; year?: number | undefined; groupId?: number | undefined; status?: string | undefined },
): Promise<FrameworkListRow[]> {
  const parts: SQL[] = [eq(frameworks.provinceId, f.provinceId)];
  if (f.year) parts.push(eq(frameworks.year, f.year));
  if (f.groupId) parts.push(eq(frameworks.groupId, f.groupId));
  if (f.status) parts.push(eq(frameworks.status, f.status));
  const rows = await db
    .select(listSelection)
    .from(frameworks)
    .innerJoin(agencyGroups, eq(agencyGroups.id, frameworks.groupId))
    .where(and(...parts))
    .orderBy(desc(frameworks.year), asc(agencyGroups.position), desc(frameworks.revision));
  return rows as FrameworkListRow[];
}

export async function findFrameworkView(db: DbOrTx, id: number): Promise<FrameworkListRow | null> {
  const rows = await db
    .select(listSelection)
    .from(frameworks)
    .innerJoin(agencyGroups, eq(agencyGroups.id, frameworks.groupId))
    .where(eq(frameworks.id, id))
    .limit(1);
  return (rows[0] as FrameworkListRow | undefined) ?? null;
}

export async function listNodes(db: DbOrTx, frameworkId: number): Promise<NodeRow[]> {
  return db.select().from(frameworkNodes).where(eq(frameworkNodes.frameworkId, frameworkId)).orderBy(asc(frameworkNodes.id));
}

export async function listNodesOf(db: DbOrTx, frameworkIds: number[]): Promise<NodeRow[]> {
  if (!frameworkIds.length) return [];
  return db.select().from(frameworkNodes).where(inArray(frameworkNodes.frameworkId, frameworkIds)).orderBy(asc(frameworkNodes.id));
}

export async function maxRevision(db: DbOrTx, provinceId: number, groupId: number, year: number): Promise<number> {
  const rows = await db
    .select({ r: sql<number>`coalesce(max(${frameworks.revision}), 0)::int` })
    .from(frameworks)
    .where(and(eq(frameworks.provinceId, provinceId), eq(frameworks.groupId, groupId), eq(frameworks.year, year)));
  return rows[0]?.r ?? 0;
}

export async function insertFramework(db: DbOrTx, values: typeof frameworks.$inferInsert): Promise<FrameworkRow> {
  return (await db.insert(frameworks).values(values).returning())[0]!;
}

export async function updateFrameworkVersioned(
  db: DbOrTx,
  id: number,
  version: number,
  values: Partial<typeof frameworks.$inferInsert>,
): Promise<FrameworkRow | null> {
  const rows = await db
    .update(frameworks)
    .set({ ...values, version: sql`${frameworks.version} + 1` })
    .where(and(eq(frameworks.id, id), eq(frameworks.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Replaces every node of a framework (the editor saves the whole tree at once). */
export async function replaceNodes(db: DbOrTx, frameworkId: number, nodes: readonly FrameworkNode[]): Promise<void> {
  await db.delete(frameworkNodes).where(eq(frameworkNodes.frameworkId, frameworkId));
  for (let i = 0; i < nodes.length; i += 500) {
    const chunk = nodes.slice(i, i + 500).map((n) => ({
      frameworkId,
      code: n.code,
      parentCode: n.parentCode,
      position: n.position,
      nameVi: n.nameVi,
      nameEn: n.nameEn,
      guidanceVi: n.guidanceVi ?? null,
      guidanceEn: n.guidanceEn ?? null,
      evidenceVi: n.evidenceVi ?? null,
      appraisingBody: n.appraisingBody ?? null,
      maxPoints: n.maxPoints,
      mayBeNotApplicable: n.mayBeNotApplicable,
      kind: n.kind,
      method: n.method,
    }));
    if (chunk.length) await db.insert(frameworkNodes).values(chunk);
  }
}

export async function deleteFramework(db: DbOrTx, id: number): Promise<void> {
  await db.delete(frameworkNodes).where(eq(frameworkNodes.frameworkId, id));
  await db.delete(frameworks).where(eq(frameworks.id, id));
}

export async function findGroup(db: DbOrTx, id: number) {
  const rows = await db.select().from(agencyGroups).where(eq(agencyGroups.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Converts stored rows to the core Framework document. */
export function toFramework(row: FrameworkRow, groupCode: string, nodes: NodeRow[]): Framework {
  return {
    year: row.year,
    groupCode,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    declaredTotal: row.declaredTotal,
    bonusCap: row.bonusCap,
    deductionCap: row.deductionCap,
    bands: row.bands,
    nodes: nodes.map((n) => ({
      code: n.code,
      parentCode: n.parentCode,
      position: n.position,
      nameVi: n.nameVi,
      nameEn: n.nameEn,
      ...(n.guidanceVi != null ? { guidanceVi: n.guidanceVi } : {}),
      ...(n.guidanceEn != null ? { guidanceEn: n.guidanceEn } : {}),
      ...(n.evidenceVi != null ? { evidenceVi: n.evidenceVi } : {}),
      ...(n.appraisingBody != null ? { appraisingBody: n.appraisingBody } : {}),
      maxPoints: n.maxPoints,
      mayBeNotApplicable: n.mayBeNotApplicable,
      method: n.method ?? null,
      kind: n.kind as FrameworkNode['kind'],
    })),
  };
}
