import type { z } from 'zod';
import { orderedNodes, parentCodes } from '../../../core/domain/framework';
import type { FrameworkNode } from '../../../core/schemas/framework';
import { AppError, type Bilingual } from '../../../core/errors';
import type { CriteriaList, initiativeCreate, initiativeListQuery, InitiativePage, initiativeReview, initiativeUpdate, InitiativeView } from '../../../core/schemas/initiatives';
import type { DbOrTx } from '../../db/client';
import { appendAudit, changedFields } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { authorize, can, isProvinceStaff, ownAgencyIds, requireActor } from '../../policies';
import { periodFrameworksOf } from '../periods/service';
import { compiledFramework } from '../results/compute';
import * as q from './queries';

const field = (path: string, vi: string, en: string) => ({ path, message: { vi, en } as Bilingual });

/** The nodes of the framework a year's period applies to an agency group, by code; null without period or framework. */
async function frameworkNodes(db: DbOrTx, provinceId: number, year: number, groupId: number): Promise<Map<string, FrameworkNode> | null> {
  const period = await q.findPeriodByYear(db, provinceId, year);
  if (!period) return null;
  const pf = (await periodFrameworksOf(db, period.id)).find((f) => f.groupId === groupId);
  const entry = pf ? await compiledFramework(db, pf.frameworkId) : null;
  return entry ? new Map(entry.document.nodes.map((n) => [n.code, n])) : null;
}

/** Nodes per (year, group), loaded once per request. */
function nodeCache(db: DbOrTx, provinceId: number) {
  const cache = new Map<string, Promise<Map<string, FrameworkNode> | null>>();
  return (year: number, groupId: number) => {
    const key = `${year}:${groupId}`;
    if (!cache.has(key)) cache.set(key, frameworkNodes(db, provinceId, year, groupId));
    return cache.get(key)!;
  };
}

function resourceOf(row: q.InitiativeListRow) {
  return { provinceId: row.agency.provinceId, agencyId: row.i.agencyId, createdBy: row.i.createdBy };
}

async function present(ctx: Ctx, row: q.InitiativeListRow, nodesOf: ReturnType<typeof nodeCache>): Promise<InitiativeView> {
  const nodes = await nodesOf(row.i.year, row.agency.groupId);
  const submitted = row.i.status === 'submitted';
  return {
    id: row.i.id,
    agency: { id: row.agency.id, code: row.agency.code, nameVi: row.agency.nameVi, nameEn: row.agency.nameEn },
    year: row.i.year,
    title: row.i.title,
    summary: row.i.summary,
    authors: row.i.authors,
    division: row.division?.id != null ? { id: row.division.id, code: row.division.code, nameVi: row.division.nameVi, nameEn: row.division.nameEn } : null,
    nodes: row.i.nodeCodes.map((code) => ({ code, nameVi: nodes?.get(code)?.nameVi ?? '', nameEn: nodes?.get(code)?.nameEn ?? '' })),
    status: row.i.status as InitiativeView['status'],
    reviewNote: row.i.reviewNote,
    reviewedAt: row.i.reviewedAt ? row.i.reviewedAt.toISOString() : null,
    reviewedBy: row.reviewedByName,
    createdBy: row.createdByName,
    createdAt: row.i.createdAt.toISOString(),
    updatedAt: row.i.updatedAt.toISOString(),
    commendation: row.commendationId !== null && row.commendationStatus !== null ? { id: row.commendationId, status: row.commendationStatus } : null,
    version: row.i.version,
    abilities: {
      review: submitted && can(ctx.actor, 'initiative.review', resourceOf(row)),
      edit: submitted && can(ctx.actor, 'initiative.create', resourceOf(row)),
    },
  };
}

/** Loads an initiative of the actor's province (404 otherwise) and checks `initiative.read`. */
async function load(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await q.findInitiative(ctx.db, id);
  if (!row || row.agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'initiative.read', resourceOf(row));
  return row;
}

export async function getInitiative(ctx: Ctx, id: number): Promise<InitiativeView> {
  const row = await load(ctx, id);
  return present(ctx, row, nodeCache(ctx.db, row.agency.provinceId));
}

/**
 * Initiatives the actor may read, filtered: the secretariat and administrators read the whole province, agency
 * staff their own agencies. Asking for another agency is 403.
 */
export async function listInitiatives(ctx: Ctx, query: z.infer<typeof initiativeListQuery>): Promise<InitiativePage> {
  const actor = requireActor(ctx.actor);
  let agencyIds: number[] | null;
  if (query.agencyId !== undefined) {
    const agency = await q.findAgency(ctx.db, query.agencyId);
    if (!agency || agency.provinceId !== actor.provinceId) throw new AppError('not_found');
    authorize(actor, 'initiative.read', { provinceId: agency.provinceId, agencyId: agency.id });
    agencyIds = [agency.id];
  } else if (isProvinceStaff(actor)) {
    agencyIds = null;
  } else {
    agencyIds = ownAgencyIds(actor).filter((id) => can(actor, 'initiative.read', { provinceId: actor.provinceId, agencyId: id }));
    if (!agencyIds.length) throw new AppError('forbidden', undefined, { details: { action: 'initiative.read' } });
  }
  const { items, total, counts } = await q.listInitiatives(ctx.db, { provinceId: actor.provinceId, agencyIds, year: query.year, status: query.status, q: query.q }, query.page, query.pageSize);
  const nodesOf = nodeCache(ctx.db, actor.provinceId);
  return {
    items: await Promise.all(items.map((r) => present(ctx, r, nodesOf))),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts: { submitted: counts.get('submitted') ?? 0, approved: counts.get('approved') ?? 0, rejected: counts.get('rejected') ?? 0 },
    abilities: { create: ownAgencyIds(actor).some((id) => can(actor, 'initiative.create', { provinceId: actor.provinceId, agencyId: id })) },
  };
}

/** Checks the division (an active one of the agency) and the linked criteria (nodes of the year's framework). */
async function checkReferences(ctx: Ctx, agency: { id: number; provinceId: number; groupId: number }, year: number, divisionId: number | null | undefined, nodeCodes: string[] | undefined) {
  const fields: ReturnType<typeof field>[] = [];
  if (divisionId != null) {
    const d = await q.findDivision(ctx.db, divisionId);
    if (!d || d.agencyId !== agency.id) fields.push(field('divisionId', 'Phòng, bộ phận không thuộc cơ quan.', 'The division is not one of the agency’s.'));
    else if (!d.isActive) fields.push(field('divisionId', `${d.nameVi} đã ngừng hoạt động.`, `${d.nameEn || d.nameVi} is inactive.`));
  }
  if (nodeCodes !== undefined) {
    const nodes = await frameworkNodes(ctx.db, agency.provinceId, year, agency.groupId);
    if (!nodes) {
      fields.push(field('year', `Năm ${year} chưa có kỳ đánh giá với bộ tiêu chí cho nhóm của cơ quan.`, `${year} has no period with a framework for the agency’s group.`));
    } else {
      const seen = new Set<string>();
      nodeCodes.forEach((c, i) => {
        if (!nodes.has(c)) fields.push(field(`nodeCodes.${i}`, `"${c}" không có trong bộ tiêu chí năm ${year}.`, `"${c}" is not in the ${year} framework.`));
        else if (seen.has(c)) fields.push(field(`nodeCodes.${i}`, 'Tiêu chí bị lặp.', 'Duplicate criterion.'));
        seen.add(c);
      });
    }
  }
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
}

/** Registers an initiative of the actor's agency (any of its staff), linked to criteria of the year's framework. */
export async function createInitiative(ctx: Ctx, input: z.infer<typeof initiativeCreate>): Promise<InitiativeView> {
  const actor = requireActor(ctx.actor);
  const agency = await q.findAgency(ctx.db, input.agencyId);
  if (!agency || agency.provinceId !== actor.provinceId) {
    throw new AppError('validation_failed', undefined, { fields: [field('agencyId', 'Cơ quan không tồn tại.', 'No such agency.')] });
  }
  authorize(actor, 'initiative.create', { provinceId: agency.provinceId, agencyId: agency.id });
  await checkReferences(ctx, agency, input.year, input.divisionId, input.nodeCodes);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await q.insertInitiative(tx, {
      provinceId: agency.provinceId,
      agencyId: agency.id,
      year: input.year,
      title: input.title,
      summary: input.summary,
      authors: input.authors,
      divisionId: input.divisionId,
      nodeCodes: input.nodeCodes,
      createdBy: actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendAudit(tx, ctx, { action: 'initiative.create', entityType: 'initiative', entityId: created.id, newValue: { agencyId: agency.id, year: input.year, title: input.title, authors: input.authors, divisionId: input.divisionId, nodeCodes: input.nodeCodes } });
    return created;
  });
  return getInitiative(ctx, row.id);
}

/** Edits a submitted initiative (its author or the agency's focal point or head). */
export async function updateInitiative(ctx: Ctx, id: number, input: z.infer<typeof initiativeUpdate>): Promise<InitiativeView> {
  const row = await load(ctx, id);
  authorize(ctx.actor, 'initiative.create', resourceOf(row));
  if (row.i.status !== 'submitted') {
    throw new AppError('invalid_state', { vi: 'Sáng kiến đã được xem xét nên không thể sửa.', en: 'The initiative has been reviewed and cannot change.' });
  }
  await checkReferences(ctx, row.agency, row.i.year, input.divisionId, input.nodeCodes);
  const { version, ...values } = input;
  const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateInitiativeVersioned(tx, id, version, 'submitted', { ...set, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.i.version } });
    await appendAudit(tx, ctx, { action: 'initiative.update', entityType: 'initiative', entityId: id, ...changedFields(row.i as unknown as Record<string, unknown>, set) });
  });
  return getInitiative(ctx, id);
}

/** The agency head approves or rejects (with a note) a submitted initiative; audited. */
export async function reviewInitiative(ctx: Ctx, id: number, input: z.infer<typeof initiativeReview>): Promise<InitiativeView> {
  const actor = requireActor(ctx.actor);
  const row = await load(ctx, id);
  authorize(actor, 'initiative.review', resourceOf(row));
  if (row.i.status !== 'submitted') {
    throw new AppError('invalid_state', { vi: 'Sáng kiến đã được xem xét.', en: 'The initiative has already been reviewed.' }, { details: { status: row.i.status } });
  }
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateInitiativeVersioned(tx, id, input.version, 'submitted', { status, reviewNote: input.note, reviewedBy: actor.userId, reviewedAt: ctx.now, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: row.i.version } });
    await appendAudit(tx, ctx, {
      action: `initiative.${input.decision}`,
      entityType: 'initiative',
      entityId: id,
      oldValue: { status: 'submitted' },
      newValue: { status, note: input.note },
      reason: input.note || null,
    });
  });
  return getInitiative(ctx, id);
}

/** The criteria an initiative of an agency can be linked to: the nodes of the year's framework for its group. */
export async function listCriteria(ctx: Ctx, agencyId: number, year: number): Promise<CriteriaList> {
  const actor = requireActor(ctx.actor);
  const agency = await q.findAgency(ctx.db, agencyId);
  if (!agency || agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'initiative.read', { provinceId: agency.provinceId, agencyId });
  const nodes = await frameworkNodes(ctx.db, agency.provinceId, year, agency.groupId);
  if (!nodes) throw new AppError('not_found', { vi: `Năm ${year} chưa có kỳ đánh giá với bộ tiêu chí cho nhóm của cơ quan.`, en: `${year} has no period with a framework for the agency’s group.` });
  const all = [...nodes.values()];
  const parents = parentCodes(all);
  return { items: orderedNodes(all).map((n) => ({ code: n.code, nameVi: n.nameVi, nameEn: n.nameEn, depth: n.code.split('.').length - 1, leaf: !parents.has(n.code) })) };
}
