import type { z } from 'zod';
import { initiativeBasis, proposeAgencies } from '../../../core/domain/commendation';
import { vietnamDate } from '../../../core/domain/council';
import { AppError, type Bilingual } from '../../../core/errors';
import type {
  commendationDecision,
  commendationGenerate,
  CommendationGenerateResult,
  CommendationList,
  commendationListQuery,
  commendationUpdate,
  CommendationView,
} from '../../../core/schemas/commendations';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, can, isProvinceStaff, ownAgencyIds, requireActor } from '../../policies';
import { latestPublishedResults } from '../publication/service';
import * as q from './queries';

const field = (path: string, vi: string, en: string) => ({ path, message: { vi, en } as Bilingual });

function present(ctx: Ctx, row: q.CommendationListRow, provinceId: number): CommendationView {
  const c = row.c;
  const manage = can(ctx.actor, 'commendation.manage', { provinceId });
  return {
    id: c.id,
    year: row.year,
    periodId: c.periodId,
    kind: c.kind as CommendationView['kind'],
    agency: { id: row.agency.id, code: row.agency.code, nameVi: row.agency.nameVi, nameEn: row.agency.nameEn, groupCode: row.agency.groupCode },
    initiative: c.initiativeId !== null && row.initiativeTitle !== null ? { id: c.initiativeId, title: row.initiativeTitle, authors: row.initiativeAuthors ?? '' } : null,
    basisVi: c.basisVi,
    basisEn: c.basisEn,
    status: c.status as CommendationView['status'],
    decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
    decidedBy: row.decidedByName,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
    abilities: { edit: manage && c.status === 'proposed', decide: manage },
  };
}

async function periodOfYear(ctx: Ctx, provinceId: number, year: number) {
  const period = await q.findPeriodByYear(ctx.db, provinceId, year);
  if (!period) throw new AppError('not_found', { vi: `Chưa có kỳ đánh giá năm ${year}.`, en: `There is no ${year} period.` });
  return period;
}

/** The proposals of a year: the secretariat and administrators see all, an agency's staff their agency's. */
export async function listCommendations(ctx: Ctx, query: z.infer<typeof commendationListQuery>): Promise<CommendationList> {
  const actor = requireActor(ctx.actor);
  let agencyIds: number[] | null = null;
  if (!isProvinceStaff(actor)) {
    agencyIds = ownAgencyIds(actor).filter((id) => can(actor, 'commendation.read', { provinceId: actor.provinceId, agencyId: id }));
    if (!agencyIds.length) throw new AppError('forbidden', undefined, { details: { action: 'commendation.read' } });
  } else {
    authorize(actor, 'commendation.read', { provinceId: actor.provinceId });
  }
  const period = await q.findPeriodByYear(ctx.db, actor.provinceId, query.year);
  const rows = period ? await q.listCommendations(ctx.db, { provinceId: actor.provinceId, periodId: period.id, agencyIds, status: query.status, kind: query.kind }) : [];
  return { items: rows.map((r) => present(ctx, r, actor.provinceId)), abilities: abilitiesFor(actor, ['commendation.manage'], { provinceId: actor.provinceId }) };
}

/**
 * Generates proposals for a published year: agencies the rules pick from each group's published ranking (top N,
 * class or better, rise), and the year's approved initiatives. Idempotent: a proposal that exists (whatever its
 * status) is kept as it is and not duplicated.
 */
export async function generateCommendations(ctx: Ctx, input: z.infer<typeof commendationGenerate>): Promise<CommendationGenerateResult> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'commendation.manage', { provinceId: actor.provinceId });
  const period = await periodOfYear(ctx, actor.provinceId, input.year);
  const published = await latestPublishedResults(ctx, actor.provinceId, input.year);
  if (!published) {
    throw new AppError('invalid_state', { vi: `Kết quả Chỉ số CCHC năm ${input.year} chưa được công bố.`, en: `The ${input.year} PAR Index results are not published yet.` });
  }
  const fields: ReturnType<typeof field>[] = [];
  const known = new Set(published.groups.map((g) => g.group.code));
  input.groupCodes?.forEach((c, i) => {
    if (!known.has(c)) fields.push(field(`groupCodes.${i}`, `Nhóm "${c}" không có trong kết quả năm ${input.year}.`, `Group "${c}" is not in the ${input.year} results.`));
  });
  const { minClassCode } = input.rules;
  if (minClassCode !== null && !published.groups.some((g) => g.framework.bands.some((b) => b.code === minClassCode))) {
    fields.push(field('rules.minClassCode', `Không có mức xếp loại "${minClassCode}" trong bộ tiêu chí năm ${input.year}.`, `No classification band "${minClassCode}" in the ${input.year} frameworks.`));
  }
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  const groups = published.groups.filter((g) => !input.groupCodes || input.groupCodes.includes(g.group.code));
  const rows: q.CommendationInsert[] = groups.flatMap((g) =>
    proposeAgencies(g, input.rules).map((p) => ({
      provinceId: actor.provinceId,
      periodId: period.id,
      agencyId: p.agencyId,
      kind: 'agency',
      basisVi: p.basisVi,
      basisEn: p.basisEn,
      createdBy: actor.userId,
      createdAt: ctx.now,
    })),
  );
  if (input.includeInitiatives) {
    for (const i of await q.approvedInitiatives(ctx.db, actor.provinceId, input.year)) {
      if (input.groupCodes && !input.groupCodes.includes(i.groupCode)) continue;
      const basis = initiativeBasis({ ...i, approvedOn: i.reviewedAt ? vietnamDate(i.reviewedAt) : null });
      rows.push({ provinceId: actor.provinceId, periodId: period.id, agencyId: i.agencyId, kind: 'initiative', initiativeId: i.id, basisVi: basis.vi, basisEn: basis.en, createdBy: actor.userId, createdAt: ctx.now });
    }
  }
  const created = await ctx.db.transaction(async (tx) => {
    const inserted = await q.insertCommendations(tx, rows);
    await appendAudit(tx, ctx, {
      action: 'commendation.generate',
      entityType: 'period',
      entityId: period.id,
      newValue: { year: input.year, rules: input.rules, groupCodes: input.groupCodes ?? null, includeInitiatives: input.includeInitiatives, candidates: rows.length, created: inserted.map((r) => r.id) },
    });
    return inserted.length;
  });
  const list = await listCommendations(ctx, { year: input.year });
  return { created, existing: rows.length - created, items: list.items };
}

async function loadForManage(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'commendation.manage', { provinceId: actor.provinceId });
  const row = await q.findCommendation(ctx.db, id);
  if (!row || row.c.provinceId !== actor.provinceId) throw new AppError('not_found');
  return { actor, row };
}

/** Edits the basis of a proposal (secretariat) while it is proposed. */
export async function updateCommendation(ctx: Ctx, id: number, input: z.infer<typeof commendationUpdate>): Promise<CommendationView> {
  const { actor, row } = await loadForManage(ctx, id);
  if (row.c.status !== 'proposed') {
    throw new AppError('invalid_state', { vi: 'Đề xuất đã được quyết định; mở lại để sửa căn cứ.', en: 'The proposal has been decided; reopen it to edit the basis.' });
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateCommendationVersioned(tx, id, input.version, ['proposed'], { basisVi: input.basisVi, basisEn: input.basisEn });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.c.version } });
    await appendAudit(tx, ctx, { action: 'commendation.update', entityType: 'commendation', entityId: id, oldValue: { basisVi: row.c.basisVi, basisEn: row.c.basisEn }, newValue: { basisVi: input.basisVi, basisEn: input.basisEn } });
  });
  return present(ctx, (await q.findCommendation(ctx.db, id))!, actor.provinceId);
}

/** Approves or rejects a proposal (from proposed), or reopens a decided one. */
export async function decideCommendation(ctx: Ctx, id: number, input: z.infer<typeof commendationDecision>): Promise<CommendationView> {
  const { actor, row } = await loadForManage(ctx, id);
  const from = input.decision === 'reopen' ? ['approved', 'rejected'] : ['proposed'];
  if (!from.includes(row.c.status)) {
    throw new AppError('invalid_state', undefined, { details: { status: row.c.status } });
  }
  const status = input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'proposed';
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateCommendationVersioned(tx, id, input.version, from, {
      status,
      decidedBy: status === 'proposed' ? null : actor.userId,
      decidedAt: status === 'proposed' ? null : ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.c.version } });
    await appendAudit(tx, ctx, { action: `commendation.${input.decision}`, entityType: 'commendation', entityId: id, oldValue: { status: row.c.status }, newValue: { status } });
  });
  return present(ctx, (await q.findCommendation(ctx.db, id))!, actor.provinceId);
}

/** The rows of the yearly review's proposal list (secretariat and administrators). */
export async function exportRows(ctx: Ctx, year: number) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'commendation.read', { provinceId: actor.provinceId });
  const period = await periodOfYear(ctx, actor.provinceId, year);
  const rows = await q.listCommendations(ctx.db, { provinceId: actor.provinceId, periodId: period.id, agencyIds: null });
  return rows.map((r) => present(ctx, r, actor.provinceId));
}
