import { AppError, type Bilingual } from '../../../core/errors';
import type { NextYearResult, TaskDetail } from '../../../core/schemas/tasks';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import type { FileStorage } from '../../lib/storage';
import type { SpooledUpload } from '../../lib/storage-upload';
import { authorize, can, requireActor } from '../../policies';
import { setLeafEvidence } from '../assessments/self';
import { uploadEvidence } from '../evidence/service';
import { closedReason, resolveTarget } from './evidence-target';
import { taskResource } from './present';
import * as q from './queries';
import { getTask, loadTask } from './service';

const msg = (vi: string, en: string): Bilingual => ({ vi, en });

const cancelled = () => new AppError('invalid_state', msg('Nhiệm vụ đã hủy; không thêm tài liệu đầu ra.', 'The task is cancelled; it takes no output documents.'));

/**
 * Checks, before the upload is read, that the actor may add an output document to the task: update the task, and
 * add to the agency's evidence library (its focal point or head). Returns the task.
 */
export async function checkOutputUpload(ctx: Ctx, id: number) {
  const loaded = await loadTask(ctx, id);
  const actor = requireActor(ctx.actor);
  authorize(actor, 'task.update', taskResource(loaded.task));
  if (!can(actor, 'evidence.upload', { provinceId: loaded.task.provinceId, agencyId: loaded.task.agencyId })) {
    throw new AppError(
      'forbidden',
      msg(
        'Chỉ đầu mối CCHC hoặc thủ trưởng cơ quan được thêm tài liệu vào thư viện tài liệu kiểm chứng; hãy gửi tài liệu cho đầu mối.',
        "Only the agency's focal point or head can add documents to its evidence library; send the document to the focal point.",
      ),
      { details: { action: 'evidence.upload' } },
    );
  }
  if (loaded.task.status === 'cancelled') throw cancelled();
  return loaded;
}

async function recordOutputs(ctx: Ctx, taskId: number, evidence: { id: number; title: string }[], via: 'upload' | 'library') {
  const actor = requireActor(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const added = new Set(await q.insertOutputs(tx, taskId, evidence.map((e) => e.id), ctx.now));
    for (const e of evidence.filter((x) => added.has(x.id))) {
      await q.insertEvent(tx, { taskId, at: ctx.now, userId: actor.userId, kind: 'output_added', note: '', data: { evidenceId: e.id, title: e.title, via } });
    }
    if (added.size) {
      await appendAudit(tx, ctx, { action: 'task.output_add', entityType: 'task', entityId: taskId, newValue: { evidenceIds: [...added], via } });
      await q.updateTaskTouched(tx, taskId, ctx.now);
    }
  });
}

/**
 * Uploads an output document: it goes into the agency's evidence library through the evidence module (type by
 * signature, size limit, safe name, SHA-256) and is linked to the task.
 */
export async function uploadOutput(ctx: Ctx, storage: FileStorage, id: number, upload: SpooledUpload): Promise<TaskDetail> {
  const { task } = await checkOutputUpload(ctx, id);
  const ev = await uploadEvidence(ctx, storage, task.agencyId, upload);
  await recordOutputs(ctx, id, [{ id: ev.id, title: ev.title }], 'upload');
  return getTask(ctx, id);
}

/** Links documents already in the agency's library as outputs of the task. */
export async function linkOutputs(ctx: Ctx, id: number, evidenceIds: number[]): Promise<TaskDetail> {
  const { task } = await loadTask(ctx, id);
  authorize(ctx.actor, 'task.update', taskResource(task));
  if (task.status === 'cancelled') throw cancelled();
  const owned = await q.evidenceAgencies(ctx.db, evidenceIds);
  const problems = evidenceIds.flatMap((e, i) =>
    owned.some((o) => o.id === e && o.agencyId === task.agencyId)
      ? []
      : [{ path: `evidenceIds.${i}`, message: msg('Tài liệu không thuộc thư viện của cơ quan.', "Not in the agency's evidence library.") }],
  );
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const titles = await q.evidenceTitles(ctx.db, evidenceIds);
  await recordOutputs(ctx, id, [...new Set(evidenceIds)].map((e) => ({ id: e, title: titles.get(e) ?? '' })), 'library');
  return getTask(ctx, id);
}

/** Unlinks an output document from the task (the document stays in the library and on any leaf it is attached to). */
export async function unlinkOutput(ctx: Ctx, id: number, evidenceId: number): Promise<TaskDetail> {
  const { task } = await loadTask(ctx, id);
  const actor = requireActor(ctx.actor);
  authorize(actor, 'task.update', taskResource(task));
  await ctx.db.transaction(async (tx) => {
    if (!(await q.deleteOutput(tx, id, evidenceId))) throw new AppError('not_found', msg('Tài liệu không phải đầu ra của nhiệm vụ.', 'The document is not an output of this task.'));
    await q.insertEvent(tx, { taskId: id, at: ctx.now, userId: actor.userId, kind: 'output_removed', note: '', data: { evidenceId } });
    await appendAudit(tx, ctx, { action: 'task.output_remove', entityType: 'task', entityId: id, oldValue: { evidenceId } });
    await q.updateTaskTouched(tx, id, ctx.now);
  });
  return getTask(ctx, id);
}

/**
 * "Use as evidence next year": attaches output documents of the task to the same leaf of the agency's assessment
 * in the next period (a plan task: its own year's period), through the assessments module, which gates it exactly
 * like an attachment made on the self-assessment screen (who, phase, deadline, submitted or not, leaf version).
 * The leaf's evidence, the task event and both audit entries are written in one transaction.
 */
export async function useAsEvidence(ctx: Ctx, id: number, evidenceIds: number[]): Promise<NextYearResult> {
  const { task, agency } = await loadTask(ctx, id);
  const actor = requireActor(ctx.actor);
  authorize(actor, 'task.manage', taskResource(task));
  const outputs = new Set(await q.outputIds(ctx.db, id));
  const problems = evidenceIds.flatMap((e, i) =>
    outputs.has(e) ? [] : [{ path: `evidenceIds.${i}`, message: msg('Tài liệu không phải đầu ra của nhiệm vụ.', 'Not an output document of this task.') }],
  );
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const resolved = await resolveTarget(ctx, task, agency);
  if (!resolved) {
    throw new AppError('invalid_state', msg('Nhiệm vụ không gắn với tiêu chí nào nên không có nơi để dùng tài liệu.', 'The task is not tied to a leaf, so there is nowhere to use the document.'));
  }
  if (!resolved.ok) throw new AppError('invalid_state', resolved.problem, { details: { year: resolved.year, periodId: resolved.periodId } });
  const { target } = resolved;
  const code = task.nodeCode!;
  const before = target.leaf.evidence.map((e) => e.id);
  const attached = [...new Set(evidenceIds)].filter((e) => !before.includes(e));
  const base = { year: target.year, periodId: target.period.id, assessmentId: target.assessmentId, nodeCode: code };
  if (!attached.length) return { ...base, attached: [], evidenceIds: before };
  const result = await ctx.db.transaction(async (tx) => {
    // The assessments module runs in this transaction (its own becomes a savepoint), so the leaf's evidence and
    // the task's history are written together or not at all.
    const inTx: Ctx = { ...ctx, db: tx as unknown as Ctx['db'] };
    let res: { code: string; evidenceIds: number[] };
    try {
      res = await setLeafEvidence(inTx, target.assessmentId, code, { evidenceIds: [...before, ...attached], version: target.leaf.version });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'phase_closed' || err.code === 'deadline_passed' || err.code === 'invalid_state')) {
        const why = err.code === 'invalid_state' ? closedReason(target.detail, target.year) : err.bilingual;
        throw new AppError(err.code, msg(`Không thể gắn vào bản đánh giá năm ${target.year}: ${why.vi}`, `Cannot attach to the ${target.year} assessment: ${why.en}`), { details: err.details ?? {} });
      }
      throw err;
    }
    await q.insertEvent(tx, {
      taskId: id,
      at: ctx.now,
      userId: actor.userId,
      kind: 'evidence_next_year',
      note: '',
      data: { evidenceIds: attached, year: target.year, periodId: target.period.id, assessmentId: target.assessmentId, nodeCode: code },
    });
    await appendAudit(tx, ctx, {
      action: 'task.evidence_next_year',
      entityType: 'task',
      entityId: id,
      newValue: { evidenceIds: attached, year: target.year, assessmentId: target.assessmentId, nodeCode: code },
    });
    return res;
  });
  return { ...base, attached, evidenceIds: result.evidenceIds };
}
