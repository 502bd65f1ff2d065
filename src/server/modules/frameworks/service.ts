import type { AuditAction } from '../../../core/domain/audit-catalogue';
import type { z } from 'zod';
import { DEFAULT_BANDS } from '../../../core/domain/classification';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { diffFrameworks as diffDocuments } from '../../../core/domain/diff';
import { canonicalizeFramework, frameworkTotals, hasErrors, validateFramework } from '../../../core/domain/framework';
import { AppError } from '../../../core/errors';
import type { Framework } from '../../../core/schemas/framework';
import type {
  FrameworkDetail,
  FrameworkDiffView,
  FrameworkSummary,
  frameworkClone,
  frameworkCreate,
  frameworkListQuery,
  frameworkSave,
} from '../../../core/schemas/frameworks';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, type Actor, authorize, requireActor } from '../../policies';
import * as q from './queries';

const FRAMEWORK_ACTIONS = ['framework.update', 'framework.publish', 'framework.newRevision', 'framework.clone', 'framework.delete'] as const;

function resourceOf(row: q.FrameworkRow, usedByPeriods: number) {
  return { provinceId: row.provinceId, status: row.status, usedByPeriods };
}

function presentSummary(v: q.FrameworkListRow, actor: Actor | null): FrameworkSummary {
  const f = v.framework;
  return {
    id: f.id,
    year: f.year,
    revision: f.revision,
    groupId: f.groupId,
    groupCode: v.groupCode,
    groupNameVi: v.groupNameVi,
    groupNameEn: v.groupNameEn,
    nameVi: f.nameVi,
    nameEn: f.nameEn,
    status: f.status as 'draft' | 'published',
    publishedAt: f.publishedAt ? f.publishedAt.toISOString() : null,
    nodeCount: v.nodeCount,
    usedByPeriods: v.usedByPeriods,
    clonedFromId: f.clonedFromId,
    version: f.version,
    abilities: abilitiesFor(actor, FRAMEWORK_ACTIONS, resourceOf(f, v.usedByPeriods)),
  };
}

/** A stored framework's document without an authorization check, for services that already authorized the caller. */
export async function documentById(db: Ctx['db'], id: number): Promise<{ row: q.FrameworkRow; groupCode: string; document: Framework } | null> {
  const view = await q.findFrameworkView(db, id);
  if (!view) return null;
  const document = canonicalizeFramework(q.toFramework(view.framework, view.groupCode, await q.listNodes(db, id)));
  return { row: view.framework, groupCode: view.groupCode, document };
}

/** The framework document (core shape) of a stored framework, canonicalised. */
export async function loadDocument(ctx: Ctx, view: q.FrameworkListRow): Promise<Framework> {
  return canonicalizeFramework(q.toFramework(view.framework, view.groupCode, await q.listNodes(ctx.db, view.framework.id)));
}

async function loadView(ctx: Ctx, id: number): Promise<q.FrameworkListRow> {
  const actor = requireActor(ctx.actor);
  const view = await q.findFrameworkView(ctx.db, id);
  if (!view || view.framework.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'framework.read', resourceOf(view.framework, view.usedByPeriods));
  return view;
}

function detail(ctx: Ctx, view: q.FrameworkListRow, document: Framework): FrameworkDetail {
  const totals = frameworkTotals(document);
  return {
    ...presentSummary(view, ctx.actor),
    document,
    problems: validateFramework(document).map((p) => ({
      code: p.code,
      severity: p.severity,
      ...(p.nodeCode !== undefined ? { nodeCode: p.nodeCode } : {}),
      ...(p.path !== undefined ? { path: p.path } : {}),
      message: p.message[ctx.lang],
    })),
    totals: {
      declaredTotal: unitsToDecimalString(totals.declaredTotal),
      regularMax: unitsToDecimalString(totals.regularMax),
      bonusMax: unitsToDecimalString(totals.bonusMax),
      deductionMax: unitsToDecimalString(totals.deductionMax),
      nodeCount: totals.nodeCount,
      leafCount: totals.leafCount,
      fieldCount: totals.fieldCount,
    },
  };
}

/** Frameworks of the actor's province; drafts only for those who may read them. */
export async function listFrameworks(ctx: Ctx, query: z.infer<typeof frameworkListQuery>) {
  const actor = requireActor(ctx.actor);
  const rows = await q.listFrameworks(ctx.db, { provinceId: actor.provinceId, year: query.year, groupId: query.groupId, status: query.status });
  const visible = rows.filter((r) => abilitiesFor(actor, ['framework.read'], resourceOf(r.framework, r.usedByPeriods)).read);
  return {
    items: visible.map((r) => presentSummary(r, actor)),
    abilities: abilitiesFor(actor, ['framework.create', 'framework.import'], { provinceId: actor.provinceId }),
  };
}

/** One framework with its document, validation problems and totals. */
export async function getFramework(ctx: Ctx, id: number): Promise<FrameworkDetail> {
  const view = await loadView(ctx, id);
  return detail(ctx, view, await loadDocument(ctx, view));
}

/** The stored document of a framework the actor may read (used by other modules: periods, results). */
export async function readDocument(ctx: Ctx, id: number): Promise<{ view: q.FrameworkListRow; document: Framework }> {
  const view = await loadView(ctx, id);
  return { view, document: await loadDocument(ctx, view) };
}

async function checkGroup(ctx: Ctx, groupId: number) {
  const group = await q.findGroup(ctx.db, groupId);
  if (!group || group.provinceId !== ctx.actor?.provinceId) {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'groupId', message: { vi: 'Không tồn tại.', en: 'Does not exist.' } }] });
  }
  return group;
}

/** Stores a new draft (revision = next free for the year and group) with its nodes, in one transaction. */
async function insertDraft(ctx: Ctx, doc: Framework, groupId: number, extra: { clonedFromId?: number | null; action: AuditAction; reason?: string }) {
  const actor = requireActor(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const revision = (await q.maxRevision(tx, actor.provinceId, groupId, doc.year)) + 1;
    const row = await q.insertFramework(tx, {
      provinceId: actor.provinceId,
      groupId,
      year: doc.year,
      revision,
      nameVi: doc.nameVi,
      nameEn: doc.nameEn,
      declaredTotal: doc.declaredTotal,
      bonusCap: doc.bonusCap,
      deductionCap: doc.deductionCap,
      bands: doc.bands,
      status: 'draft',
      clonedFromId: extra.clonedFromId ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await q.replaceNodes(tx, row.id, doc.nodes);
    await appendAudit(tx, ctx, {
      action: extra.action,
      entityType: 'framework',
      entityId: row.id,
      reason: extra.reason ?? null,
      newValue: { year: doc.year, groupId, revision, nameVi: doc.nameVi, nodes: doc.nodes.length, clonedFromId: extra.clonedFromId ?? null },
    });
    return row;
  });
}

/** Creates a draft framework (empty or with nodes). */
export async function createFramework(ctx: Ctx, input: z.infer<typeof frameworkCreate>): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'framework.create', { provinceId: actor.provinceId });
  const group = await checkGroup(ctx, input.groupId);
  const doc = canonicalizeFramework({
    year: input.year,
    groupCode: group.code,
    nameVi: input.nameVi,
    nameEn: input.nameEn,
    declaredTotal: input.declaredTotal,
    bonusCap: input.bonusCap,
    deductionCap: input.deductionCap,
    bands: input.bands ?? [...DEFAULT_BANDS],
    nodes: input.nodes,
  });
  const row = await insertDraft(ctx, doc, group.id, { action: 'framework.create' });
  return getFramework(ctx, row.id);
}

/** Saves the whole document of a draft (the editor's autosave); a published framework is immutable. */
export async function saveFramework(ctx: Ctx, id: number, input: z.infer<typeof frameworkSave>): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  const view = await loadView(ctx, id);
  const before = view.framework;
  if (before.status !== 'draft') {
    throw new AppError('immutable', {
      vi: 'Bộ tiêu chí đã ban hành không thể sửa; hãy tạo phiên bản mới.',
      en: 'A published framework cannot be edited; create a new version.',
    });
  }
  authorize(actor, 'framework.update', resourceOf(before, view.usedByPeriods));
  const doc = canonicalizeFramework({
    year: before.year,
    groupCode: view.groupCode,
    nameVi: input.nameVi,
    nameEn: input.nameEn,
    declaredTotal: input.declaredTotal,
    bonusCap: input.bonusCap,
    deductionCap: input.deductionCap,
    bands: input.bands,
    nodes: input.nodes,
  });
  const oldDoc = await loadDocument(ctx, view);
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateFrameworkVersioned(tx, id, input.version, {
      nameVi: doc.nameVi,
      nameEn: doc.nameEn,
      declaredTotal: doc.declaredTotal,
      bonusCap: doc.bonusCap,
      deductionCap: doc.deductionCap,
      bands: doc.bands,
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    await q.replaceNodes(tx, id, doc.nodes);
    const d = diffDocuments(oldDoc, doc);
    await appendAudit(tx, ctx, {
      action: 'framework.update',
      entityType: 'framework',
      entityId: id,
      oldValue: { version: before.version },
      newValue: {
        version: updated.version,
        added: d.added.map((n) => n.code),
        removed: d.removed.map((n) => n.code),
        moved: d.moved.map((m) => `${m.fromCode}→${m.code}`),
        renamed: d.renamed.map((r) => r.code),
        changed: d.changed.map((c) => `${c.code}:${c.changes.join('+')}`),
        meta: d.meta.map((m) => m.field),
      },
    });
  });
  return getFramework(ctx, id);
}

/** Publishes a draft once it has no errors; from then on it is immutable. */
export async function publishFramework(ctx: Ctx, id: number, version: number): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  const view = await loadView(ctx, id);
  if (view.framework.status !== 'draft') throw new AppError('invalid_state', { vi: 'Bộ tiêu chí đã được ban hành.', en: 'The framework is already published.' });
  authorize(actor, 'framework.publish', resourceOf(view.framework, view.usedByPeriods));
  const doc = await loadDocument(ctx, view);
  const problems = validateFramework(doc);
  if (hasErrors(problems)) {
    throw new AppError(
      'invalid_state',
      { vi: 'Bộ tiêu chí còn lỗi; hãy sửa hết lỗi trước khi ban hành.', en: 'The framework has errors; fix them all before publishing.' },
      { details: { problems: problems.filter((p) => p.severity === 'error').map((p) => ({ code: p.code, nodeCode: p.nodeCode ?? null, message: p.message[ctx.lang] })) } },
    );
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateFrameworkVersioned(tx, id, version, { status: 'published', publishedAt: ctx.now, publishedBy: actor.userId, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: view.framework.version } });
    await appendAudit(tx, ctx, { action: 'framework.publish', entityType: 'framework', entityId: id, oldValue: { status: 'draft' }, newValue: { status: 'published' } });
  });
  return getFramework(ctx, id);
}

/** Copies a framework into a new draft for another year and/or group ("clone last year's"). */
export async function cloneFramework(ctx: Ctx, id: number, input: z.infer<typeof frameworkClone>): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  const view = await loadView(ctx, id);
  authorize(actor, 'framework.clone', { provinceId: actor.provinceId });
  const group = await checkGroup(ctx, input.groupId);
  const source = await loadDocument(ctx, view);
  const doc: Framework = {
    ...source,
    year: input.year,
    groupCode: group.code,
    nameVi: input.nameVi ?? source.nameVi.replace(String(source.year), String(input.year)),
    nameEn: input.nameEn || source.nameEn.replace(String(source.year), String(input.year)),
  };
  const row = await insertDraft(ctx, doc, group.id, { clonedFromId: id, action: 'framework.clone' });
  return getFramework(ctx, row.id);
}

/** Starts a new draft revision of a published framework (same year and group). */
export async function newRevision(ctx: Ctx, id: number): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  const view = await loadView(ctx, id);
  authorize(actor, 'framework.newRevision', resourceOf(view.framework, view.usedByPeriods));
  const doc = await loadDocument(ctx, view);
  const row = await insertDraft(ctx, doc, view.framework.groupId, { clonedFromId: id, action: 'framework.new_revision' });
  return getFramework(ctx, row.id);
}

/** Deletes a draft that no period uses. */
export async function deleteFramework(ctx: Ctx, id: number): Promise<void> {
  const actor = requireActor(ctx.actor);
  const view = await loadView(ctx, id);
  if (view.framework.status !== 'draft') throw new AppError('immutable');
  authorize(actor, 'framework.delete', resourceOf(view.framework, view.usedByPeriods));
  await ctx.db.transaction(async (tx) => {
    await q.deleteFramework(tx, id);
    await appendAudit(tx, ctx, { action: 'framework.delete', entityType: 'framework', entityId: id, oldValue: { year: view.framework.year, revision: view.framework.revision, nameVi: view.framework.nameVi } });
  });
}

/** What changed from framework `againstId` (before) to framework `id` (after). */
export async function diffFrameworks(ctx: Ctx, id: number, againstId: number): Promise<FrameworkDiffView> {
  const [to, from] = await Promise.all([loadView(ctx, id), loadView(ctx, againstId)]);
  const d = diffDocuments(await loadDocument(ctx, from), await loadDocument(ctx, to));
  return { from: presentSummary(from, ctx.actor), to: presentSummary(to, ctx.actor), ...d, meta: d.meta.map((m) => ({ ...m })) };
}

/** Imports a framework document as a new draft (used by .xlsx and JSON import). */
export async function createDraftFromDocument(ctx: Ctx, doc: Framework, groupId: number, reason: string): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'framework.import', { provinceId: actor.provinceId });
  const group = await checkGroup(ctx, groupId);
  const row = await insertDraft(ctx, canonicalizeFramework({ ...doc, groupCode: group.code }), group.id, { action: 'framework.import', reason });
  return getFramework(ctx, row.id);
}
