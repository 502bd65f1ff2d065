import { and, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidence, files, leafEvidence } from '../../db/schema/index';

export type EvidenceRow = typeof evidence.$inferSelect;
export type FileRow = typeof files.$inferSelect;

export async function findFileBySha(db: DbOrTx, sha256: string): Promise<FileRow | null> {
  return (await db.select().from(files).where(eq(files.sha256, sha256)).limit(1))[0] ?? null;
}

/** Inserts a file row, or returns the existing one with the same SHA-256 (concurrent uploads of one file). */
export async function insertFile(db: DbOrTx, values: typeof files.$inferInsert): Promise<FileRow> {
  const inserted = await db.insert(files).values(values).onConflictDoNothing().returning();
  return inserted[0] ?? (await findFileBySha(db, values.sha256))!;
}

export async function insertEvidence(db: DbOrTx, values: typeof evidence.$inferInsert): Promise<EvidenceRow> {
  return (await db.insert(evidence).values(values).returning())[0]!;
}

const selection = {
  evidence,
  file: files,
  usedBy: sql<number>`(select count(*)::int from ${leafEvidence} le where le.evidence_id = ${evidence.id})`,
};

export type EvidenceWithFile = { evidence: EvidenceRow; file: FileRow; usedBy: number };

export async function findEvidence(db: DbOrTx, id: number): Promise<EvidenceWithFile | null> {
  const rows = await db.select(selection).from(evidence).innerJoin(files, eq(files.id, evidence.fileId)).where(eq(evidence.id, id)).limit(1);
  return (rows[0] as EvidenceWithFile | undefined) ?? null;
}

export async function findEvidenceMany(db: DbOrTx, ids: number[]): Promise<EvidenceWithFile[]> {
  if (!ids.length) return [];
  return (await db.select(selection).from(evidence).innerJoin(files, eq(files.id, evidence.fileId)).where(inArray(evidence.id, ids))) as EvidenceWithFile[];
}

export async function listEvidence(db: DbOrTx, agencyId: number, q: string | undefined, page: number, pageSize: number) {
  const parts = [eq(evidence.agencyId, agencyId)];
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(or(ilike(evidence.title, like), ilike(evidence.docNumber, like), ilike(evidence.issuer, like), ilike(evidence.originalName, like))!);
  }
  const where = and(...parts);
  const [items, totals] = await Promise.all([
    db.select(selection).from(evidence).innerJoin(files, eq(files.id, evidence.fileId)).where(where).orderBy(desc(evidence.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(evidence).where(where),
  ]);
  return { items: items as EvidenceWithFile[], total: Number(totals[0]?.n ?? 0) };
}

export async function updateEvidence(db: DbOrTx, id: number, values: Partial<typeof evidence.$inferInsert>): Promise<void> {
  await db.update(evidence).set(values).where(eq(evidence.id, id));
}
