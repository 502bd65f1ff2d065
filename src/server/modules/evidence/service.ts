import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { evidenceFields, evidenceListQuery, evidenceUpdate, EvidenceView } from '../../../core/schemas/evidence';
import { issuesToFields } from '../../../core/schemas/issues';
import { evidenceFields as fieldsSchema } from '../../../core/schemas/evidence';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { checkEvidenceFile, safeFileName } from '../../lib/file-types';
import { type FileStorage, StorageMissingError, storageKeyFor } from '../../lib/storage';
import type { SpooledUpload } from '../../lib/storage-upload';
import { abilitiesFor, type Actor, authorize, requireActor } from '../../policies';
import { findAgencyRef } from '../org/service';
import * as q from './queries';

function present(row: q.EvidenceWithFile, actor: Actor | null, provinceId: number): EvidenceView {
  return {
    id: row.evidence.id,
    agencyId: row.evidence.agencyId,
    title: row.evidence.title,
    docNumber: row.evidence.docNumber,
    issuedOn: row.evidence.issuedOn,
    issuer: row.evidence.issuer,
    originalName: row.evidence.originalName,
    mime: row.file.mime,
    sizeBytes: row.file.sizeBytes,
    sha256: row.file.sha256,
    inline: row.file.mime === 'application/pdf' || row.file.mime.startsWith('image/'),
    createdAt: row.evidence.createdAt.toISOString(),
    usedBy: row.usedBy,
    abilities: abilitiesFor(actor, ['evidence.upload'], { provinceId, agencyId: row.evidence.agencyId }),
  };
}

/** The province of an agency (404 when it is not the actor's). */
async function agencyProvince(ctx: Ctx, agencyId: number): Promise<number> {
  const actor = requireActor(ctx.actor);
  const a = await findAgencyRef(ctx.db, agencyId);
  if (!a || a.provinceId !== actor.provinceId) throw new AppError('not_found');
  return a.provinceId;
}

/**
 * Stores an uploaded evidence document in the agency's library: content type checked by signature (and against
 * the extension), size limited, name made safe, SHA-256 recorded, identical contents stored once.
 */
export async function uploadEvidence(
  ctx: Ctx,
  storage: FileStorage,
  agencyId: number,
  upload: SpooledUpload,
): Promise<EvidenceView> {
  const actor = requireActor(ctx.actor);
  const provinceId = await agencyProvince(ctx, agencyId);
  authorize(actor, 'evidence.upload', { provinceId, agencyId });
  const meta = fieldsSchema.safeParse(upload.fields, { reportInput: true });
  if (!meta.success) throw new AppError('validation_failed', undefined, { fields: issuesToFields(meta.error.issues) });
  const type = checkEvidenceFile(upload.head, upload.filename);
  const digest = upload.sha256;
  const storageKey = storageKeyFor(digest);
  // Content-addressed: identical bytes are stored once; the storage checks the bytes against the SHA-256 on write.
  if ((await storage.stat(storageKey))?.size !== upload.size) {
    await storage.putStream(storageKey, upload.open(), { sha256: digest, size: upload.size });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const file = await q.insertFile(tx, { sha256: digest, sizeBytes: upload.size, mime: type.mime, storageKey, createdAt: ctx.now });
    const ev = await q.insertEvidence(tx, {
      agencyId,
      fileId: file.id,
      title: meta.data.title,
      docNumber: meta.data.docNumber,
      issuedOn: meta.data.issuedOn ? meta.data.issuedOn : null,
      issuer: meta.data.issuer,
      originalName: safeFileName(upload.filename),
      createdBy: actor.userId,
      createdAt: ctx.now,
    });
    await appendAudit(tx, ctx, {
      action: 'evidence.upload',
      entityType: 'evidence',
      entityId: ev.id,
      newValue: { agencyId, title: ev.title, docNumber: ev.docNumber, sha256: digest, sizeBytes: upload.size, mime: type.mime },
    });
    return ev;
  });
  return present((await q.findEvidence(ctx.db, row.id))!, actor, provinceId);
}

/** An agency's evidence library (search by title, number, issuer, file name), newest first. */
export async function listEvidence(ctx: Ctx, agencyId: number, query: z.infer<typeof evidenceListQuery>) {
  const actor = requireActor(ctx.actor);
  const provinceId = await agencyProvince(ctx, agencyId);
  authorize(actor, 'evidence.read', { provinceId, agencyId });
  const { items, total } = await q.listEvidence(ctx.db, agencyId, query.q, query.page, query.pageSize);
  return {
    items: items.map((r) => present(r, actor, provinceId)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    abilities: abilitiesFor(actor, ['evidence.upload'], { provinceId, agencyId }),
  };
}

async function loadEvidence(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await q.findEvidence(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const provinceId = await agencyProvince(ctx, row.evidence.agencyId);
  authorize(actor, 'evidence.read', { provinceId, agencyId: row.evidence.agencyId });
  return { row, provinceId };
}

export async function getEvidence(ctx: Ctx, id: number): Promise<EvidenceView> {
  const { row, provinceId } = await loadEvidence(ctx, id);
  return present(row, ctx.actor, provinceId);
}

/** Edits an evidence document's title, number, date or issuer (the file itself never changes). */
export async function updateEvidence(ctx: Ctx, id: number, input: z.infer<typeof evidenceUpdate>): Promise<EvidenceView> {
  const actor = requireActor(ctx.actor);
  const { row, provinceId } = await loadEvidence(ctx, id);
  authorize(actor, 'evidence.upload', { provinceId, agencyId: row.evidence.agencyId });
  // Nothing to change (every field is optional): no update, no audit line.
  if (Object.values(input).every((v) => v === undefined)) return present(row, actor, provinceId);
  await ctx.db.transaction(async (tx) => {
    await q.updateEvidence(tx, id, input);
    await appendAudit(tx, ctx, {
      action: 'evidence.update',
      entityType: 'evidence',
      entityId: id,
      oldValue: { title: row.evidence.title, docNumber: row.evidence.docNumber, issuedOn: row.evidence.issuedOn, issuer: row.evidence.issuer },
      newValue: input,
    });
  });
  return present((await q.findEvidence(ctx.db, id))!, actor, provinceId);
}

/** The stored content of an evidence document for download or in-browser preview. */
export async function openEvidenceFile(ctx: Ctx, storage: FileStorage, id: number) {
  const { row } = await loadEvidence(ctx, id);
  let stream;
  try {
    stream = await storage.stream(row.file.storageKey);
  } catch (err) {
    if (!(err instanceof StorageMissingError)) throw err;
    throw new AppError('file_missing', undefined, { details: { sha256: row.file.sha256 } });
  }
  return { stream, mime: row.file.mime, name: row.evidence.originalName, size: row.file.sizeBytes };
}

/** Evidence documents by id (for other modules: the leaf attachments of an assessment). */
export async function evidenceByIds(ctx: Ctx, ids: number[]) {
  return q.findEvidenceMany(ctx.db, ids);
}

export type { evidenceFields };
