import crypto from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { batchCreate, questionnaireCreate, questionnaireSave, QuestionnaireView, quotaBody } from '../../../core/schemas/surveys';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, requireActor } from '../../policies';
import { loadPeriod, periodFrameworksOf } from '../periods/service';
import { compiledFramework } from '../results/compute';
import * as q from './queries';

const field = (path: string, vi: string, en: string) => ({ path, message: { vi, en } });

/** Loads a questionnaire of the actor's province (404 otherwise) and checks `survey.read`. */
export async function loadQuestionnaire(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await q.findQuestionnaire(ctx.db, id);
  if (!row || row.q.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'survey.read', { provinceId: row.q.provinceId });
  return row;
}

export async function present(ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof q.findQuestionnaire>>>): Promise<QuestionnaireView> {
  const agencies = await q.agenciesByIds(ctx.db, row.q.content.ratedAgencyIds);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const editable = row.q.status === 'draft' || (row.q.status === 'published' && row.responses === 0);
  return {
    id: row.q.id,
    periodId: row.q.periodId,
    year: row.year,
    code: row.q.code,
    titleVi: row.q.titleVi,
    titleEn: row.q.titleEn,
    status: row.q.status as QuestionnaireView['status'],
    content: row.q.content,
    ratedAgencies: row.q.content.ratedAgencyIds.map((id) => byId.get(id)).filter((a): a is NonNullable<typeof a> => !!a).map(({ provinceId: _p, ...a }) => a),
    publicToken: row.q.publicToken,
    openLink: row.q.openLink === 'on' ? 'on' : 'off',
    responseCount: row.responses,
    publishedAt: row.q.publishedAt ? row.q.publishedAt.toISOString() : null,
    version: row.q.version,
    abilities: { ...abilitiesFor(ctx.actor, ['survey.manage', 'survey.enterPaper', 'survey.verify'], { provinceId: row.q.provinceId }), edit: editable && abilitiesFor(ctx.actor, ['survey.manage'], { provinceId: row.q.provinceId }).manage === true },
  };
}

/**
 * Checks a questionnaire's content against its period: rated agencies of the province, question and option codes
 * unique, weights on scored questions, every mapped leaf a survey leaf of a framework of the period.
 */
async function checkContent(ctx: Ctx, periodId: number, content: z.infer<typeof questionnaireCreate>['content']) {
  const actor = requireActor(ctx.actor);
  const fields: { path: string; message: { vi: string; en: string } }[] = [];
  const agencies = await q.agenciesByIds(ctx.db, content.ratedAgencyIds);
  content.ratedAgencyIds.forEach((id, i) => {
    if (!agencies.some((a) => a.id === id && a.provinceId === actor.provinceId)) fields.push(field(`content.ratedAgencyIds.${i}`, 'Cơ quan không tồn tại.', 'No such agency.'));
  });
  const surveyLeaves = new Set<string>();
  for (const pf of await periodFrameworksOf(ctx.db, periodId)) {
    const entry = await compiledFramework(ctx.db, pf.frameworkId);
    for (const n of entry?.document.nodes ?? []) if (n.method?.type === 'survey') surveyLeaves.add(n.code);
  }
  const codes = new Set<string>();
  content.sections.forEach((s, si) =>
    s.questions.forEach((qn, qi) => {
      const path = `content.sections.${si}.questions.${qi}`;
      if (codes.has(qn.code)) fields.push(field(`${path}.code`, 'Mã câu hỏi bị trùng.', 'Duplicate question code.'));
      codes.add(qn.code);
      if ((qn.type === 'single' || qn.type === 'multiple') && qn.options.length < 2) fields.push(field(`${path}.options`, 'Cần ít nhất 2 phương án.', 'At least 2 options are needed.'));
      if (new Set(qn.options.map((o) => o.code)).size !== qn.options.length) fields.push(field(`${path}.options`, 'Mã phương án bị trùng.', 'Duplicate option code.'));
      if (qn.type === 'single' && qn.leafCodes.length && !qn.options.some((o) => o.weight !== null))
        fields.push(field(`${path}.options`, 'Câu hỏi tính điểm cần trọng số cho phương án.', 'A scored question needs option weights.'));
      if (qn.leafCodes.length && (qn.type === 'multiple' || qn.type === 'text'))
        fields.push(field(`${path}.leafCodes`, 'Chỉ câu hỏi một lựa chọn hoặc thang 1–5 được tính điểm.', 'Only single-choice or 1–5 questions are scored.'));
      qn.leafCodes.forEach((c, li) => {
        if (!surveyLeaves.has(c)) fields.push(field(`${path}.leafCodes.${li}`, `"${c}" không phải tiêu chí điều tra xã hội học của kỳ này.`, `"${c}" is not a survey leaf of this period.`));
      });
    }),
  );
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
}

export async function listQuestionnaires(ctx: Ctx, periodId?: number) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'survey.read', { provinceId: actor.provinceId });
  const rows = await q.listQuestionnaires(ctx.db, actor.provinceId, periodId);
  const abilities = abilitiesFor(actor, ['survey.manage'], { provinceId: actor.provinceId });
  // A published period takes no new questionnaire (createQuestionnaire refuses it with period_published).
  const published = periodId !== undefined && (await loadPeriod(ctx, periodId)).phase === 'published';
  return { items: await Promise.all(rows.map((r) => present(ctx, r))), abilities: { ...abilities, create: abilities.manage === true && !published } };
}

export async function getQuestionnaire(ctx: Ctx, id: number) {
  return present(ctx, await loadQuestionnaire(ctx, id));
}

/** Creates a draft questionnaire for a period with a random public token. */
export async function createQuestionnaire(ctx: Ctx, input: z.infer<typeof questionnaireCreate>) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'survey.manage', { provinceId: actor.provinceId });
  const period = await loadPeriod(ctx, input.periodId);
  if (period.phase === 'published') throw new AppError('period_published');
  await checkContent(ctx, period.id, input.content);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await q.insertQuestionnaire(tx, {
      provinceId: actor.provinceId,
      periodId: period.id,
      code: input.code,
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      content: input.content,
      openLink: input.openLink,
      publicToken: newPublicToken(),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendAudit(tx, ctx, { action: 'survey.create', entityType: 'questionnaire', entityId: created.id, newValue: { code: input.code, titleVi: input.titleVi } });
    return created;
  });
  return getQuestionnaire(ctx, row.id);
}

/** Saves a questionnaire; refused once it has answers (a published questionnaire with answers is immutable). */
export async function saveQuestionnaire(ctx: Ctx, id: number, input: z.infer<typeof questionnaireSave>) {
  const row = await loadQuestionnaire(ctx, id);
  authorize(ctx.actor, 'survey.manage', { provinceId: row.q.provinceId });
  if (row.responses > 0 || row.q.status === 'closed') {
    throw new AppError('immutable', { vi: 'Phiếu đã có câu trả lời nên không thể sửa.', en: 'The questionnaire has answers and cannot change.' });
  }
  await checkContent(ctx, row.q.periodId, input.content);
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateQuestionnaireVersioned(tx, id, input.version, {
      code: input.code,
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      content: input.content,
      openLink: input.openLink,
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.q.version } });
    await appendAudit(tx, ctx, { action: 'survey.update', entityType: 'questionnaire', entityId: id, oldValue: { version: row.q.version }, newValue: { version: updated.version } });
  });
  return getQuestionnaire(ctx, id);
}

/** Publishes (opens for answers) or closes a questionnaire. */
export async function setStatus(ctx: Ctx, id: number, status: 'published' | 'closed', version: number) {
  const row = await loadQuestionnaire(ctx, id);
  authorize(ctx.actor, 'survey.manage', { provinceId: row.q.provinceId });
  const from = row.q.status;
  if ((status === 'published' && from !== 'draft') || (status === 'closed' && from !== 'published')) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateQuestionnaireVersioned(tx, id, version, { status, ...(status === 'published' ? { publishedAt: ctx.now } : {}), updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.q.version } });
    await appendAudit(tx, ctx, { action: `survey.${status === 'published' ? 'publish' : 'close'}`, entityType: 'questionnaire', entityId: id, oldValue: { status: from }, newValue: { status } });
  });
  return getQuestionnaire(ctx, id);
}

/** Replaces the quota targets (agency × respondent group). */
export async function setQuotas(ctx: Ctx, id: number, input: z.infer<typeof quotaBody>) {
  const row = await loadQuestionnaire(ctx, id);
  authorize(ctx.actor, 'survey.manage', { provinceId: row.q.provinceId });
  const groups = new Set(row.q.content.respondentGroups.map((g) => g.code));
  const rated = new Set(row.q.content.ratedAgencyIds);
  const fields = input.quotas.flatMap((x, i) => [
    ...(!rated.has(x.agencyId) ? [field(`quotas.${i}.agencyId`, 'Cơ quan không thuộc phiếu.', 'The agency is not rated by this questionnaire.')] : []),
    ...(!groups.has(x.respondentGroup) ? [field(`quotas.${i}.respondentGroup`, 'Nhóm đối tượng không thuộc phiếu.', 'Not a respondent group of this questionnaire.')] : []),
  ]);
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  await ctx.db.transaction(async (tx) => {
    await q.replaceQuotas(tx, id, input.quotas);
    await appendAudit(tx, ctx, { action: 'survey.quotas', entityType: 'questionnaire', entityId: id, newValue: { count: input.quotas.length } });
  });
  return q.listQuotas(ctx.db, id);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A questionnaire's public token: 16 characters of lower-case letters and digits without look-alikes (0/o, 1/l/i),
 * about 80 bits, so a person can type it from a printed sheet; lookups ignore case anyway.
 */
export function newPublicToken(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A one-time code: 10 characters without look-alikes (0/O, 1/I), ~50 bits of randomness. */
export function newCode(): string {
  const bytes = crypto.randomBytes(10);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Issues a batch of one-time codes for a respondent group (optionally recording to whom each goes). */
export async function createBatch(ctx: Ctx, id: number, input: z.infer<typeof batchCreate>) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.manage', { provinceId: row.q.provinceId });
  if (!row.q.content.respondentGroups.some((g) => g.code === input.respondentGroup)) {
    throw new AppError('validation_failed', undefined, { fields: [field('respondentGroup', 'Nhóm đối tượng không thuộc phiếu.', 'Not a respondent group of this questionnaire.')] });
  }
  return ctx.db.transaction(async (tx) => {
    const batch = await q.insertBatch(tx, { questionnaireId: id, respondentGroup: input.respondentGroup, label: input.label, size: input.size, createdBy: actor.userId, createdAt: ctx.now });
    const codes = Array.from({ length: input.size }, (_, i) => ({ questionnaireId: id, batchId: batch.id, code: newCode(), respondentGroup: input.respondentGroup, issuedTo: input.issuedTo?.[i] ?? null }));
    await q.insertCodes(tx, codes);
    await appendAudit(tx, ctx, { action: 'survey.codes', entityType: 'questionnaire', entityId: id, newValue: { batchId: batch.id, size: input.size, respondentGroup: input.respondentGroup } });
    return { id: batch.id, size: batch.size, respondentGroup: batch.respondentGroup, label: batch.label, createdAt: batch.createdAt.toISOString(), used: 0 };
  });
}

export async function listBatches(ctx: Ctx, id: number) {
  await loadQuestionnaire(ctx, id);
  return (await q.listBatches(ctx.db, id)).map((b) => ({ id: b.batch.id, size: b.batch.size, respondentGroup: b.batch.respondentGroup, label: b.batch.label, createdAt: b.batch.createdAt.toISOString(), used: b.used }));
}

/** The codes of a batch with whether each is used (for reprinting or handing out the unused ones). */
export async function batchCodeList(ctx: Ctx, id: number, batchId: number) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.manage', { provinceId: row.q.provinceId });
  const batch = await q.findBatch(ctx.db, batchId);
  if (!batch || batch.questionnaireId !== id) throw new AppError('not_found');
  const codes = await q.batchCodes(ctx.db, batchId);
  return { id: batch.id, label: batch.label, respondentGroup: batch.respondentGroup, codes: codes.map((c) => ({ code: c.code, issuedTo: c.issuedTo, used: c.usedAt !== null })) };
}
