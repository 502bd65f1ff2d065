import { lineageSegments, predecessorLink, validateLineageEvent, type LineageEvent } from '../../../core/domain/lineage';
import { AppError } from '../../../core/errors';
import type { LineageCreate, LineageEventItem, LineageNote, LineageUpdate } from '../../../core/schemas/history';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { authorize, can, requireActor } from '../../policies';
import * as q from './queries';

type Stored = Awaited<ReturnType<typeof q.listEvents>>[number];

const toDomain = (e: Stored): LineageEvent => ({ id: e.id, year: e.year, kind: e.kind, comparison: e.comparison, predecessorId: e.predecessorId, from: e.from.map((a) => a.id), to: e.to.map((a) => a.id) });

function present(ctx: Ctx, e: Stored): LineageEventItem {
  const actor = requireActor(ctx.actor);
  const may = can(actor, 'lineage.manage', { provinceId: actor.provinceId });
  return { id: e.id, year: e.year, kind: e.kind, comparison: e.comparison, predecessorId: e.predecessorId, from: e.from, to: e.to, note: e.note, version: e.version, abilities: { update: may, delete: may } };
}

/** The province's lineage events as the core rules read them (no authorization: callers authorize). */
export async function lineageEventsOf(ctx: Ctx, provinceId: number): Promise<LineageEvent[]> {
  return (await q.listEvents(ctx.db, provinceId)).map(toDomain);
}

/**
 * How an agency's history reaches back: one note per change it went through (newest first), with the predecessor
 * read and the rule (a merger compared with none ends the walk), for the screens to say which rule was used.
 */
export async function lineageNotesOf(ctx: Ctx, provinceId: number, agencyId: number): Promise<LineageNote[]> {
  const stored = await q.listEvents(ctx.db, provinceId);
  const events = stored.map(toDomain);
  const names = new Map(stored.flatMap((e) => [...e.from, ...e.to]).map((a) => [a.id, a]));
  const notes: LineageNote[] = [];
  for (const s of lineageSegments(agencyId, events)) {
    if (s.fromYear === null) continue;
    const e = events.find((x) => x.year === s.fromYear && x.to.includes(s.agencyId));
    if (!e) continue;
    const link = predecessorLink(s.agencyId, e.year, [e]);
    notes.push({ year: e.year, kind: e.kind, rule: link ? 'predecessor' : 'none', predecessor: link ? (names.get(link.predecessorId) ?? null) : null });
  }
  return notes;
}

/** Every recorded rename, merger and split of the province, oldest first. */
export async function listLineage(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'lineage.read', { provinceId: actor.provinceId });
  const items = (await q.listEvents(ctx.db, actor.provinceId)).map((e) => present(ctx, e));
  return { items, abilities: { create: can(actor, 'lineage.manage', { provinceId: actor.provinceId }) } };
}

async function checkAgencies(ctx: Ctx, provinceId: number, ids: number[]) {
  const found = new Set((await q.agenciesByIds(ctx.db, provinceId, [...new Set(ids)])).map((a) => a.id));
  const missing = ids.filter((x) => !found.has(x));
  if (missing.length) throw new AppError('validation_failed', undefined, { fields: [{ path: 'from', message: { vi: `Không có cơ quan số ${missing.join(', ')}.`, en: `No agency ${missing.join(', ')}.` } }] });
}

/** Records a rename, merger or split effective from a year (audited); a merger carries the secretariat's comparison rule. */
export async function createLineage(ctx: Ctx, body: LineageCreate): Promise<LineageEventItem> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'lineage.manage', { provinceId: actor.provinceId });
  const predecessorId = body.kind === 'merge' && body.comparison === 'predecessor' ? body.predecessorId : null;
  const comparison = body.kind === 'merge' ? body.comparison : 'predecessor';
  const problems = validateLineageEvent({ ...body, comparison, predecessorId });
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  await checkAgencies(ctx, actor.provinceId, [...body.from, ...body.to]);
  const existing = await lineageEventsOf(ctx, actor.provinceId);
  const clash = body.to.find((id) => existing.some((e) => e.year === body.year && e.to.includes(id)));
  if (clash !== undefined) throw new AppError('duplicate', { vi: 'Cơ quan mới này đã có một thay đổi cùng năm.', en: 'This successor already has a change in the same year.' });
  const id = await ctx.db.transaction(async (tx) => {
    const eventId = await q.insertEvent(tx, { provinceId: actor.provinceId, year: body.year, kind: body.kind, comparison, predecessorId, note: body.note }, body.from, body.to);
    await appendAudit(tx, ctx, { action: 'lineage.create', entityType: 'agency_lineage_events', entityId: eventId, newValue: { year: body.year, kind: body.kind, comparison, predecessorId, from: body.from, to: body.to, note: body.note } });
    return eventId;
  });
  return present(ctx, (await q.listEvents(ctx.db, actor.provinceId)).find((e) => e.id === id)!);
}

async function findOwn(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const e = (await q.listEvents(ctx.db, actor.provinceId)).find((x) => x.id === id);
  if (!e) throw new AppError('not_found');
  return e;
}

/** Changes a merger's comparison rule (compare with a named predecessor, or with none) or an event's note (audited). */
export async function updateLineage(ctx: Ctx, id: number, body: LineageUpdate): Promise<LineageEventItem> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'lineage.manage', { provinceId: actor.provinceId });
  const e = await findOwn(ctx, id);
  const comparison = e.kind === 'merge' ? body.comparison : 'predecessor';
  const predecessorId = e.kind === 'merge' && comparison === 'predecessor' ? body.predecessorId : null;
  const problems = validateLineageEvent({ ...toDomain(e), comparison, predecessorId });
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const note = body.note ?? e.note;
  await ctx.db.transaction(async (tx) => {
    if (!(await q.updateEvent(tx, id, body.version, { comparison, predecessorId, note }))) throw new AppError('conflict');
    await appendAudit(tx, ctx, { action: 'lineage.update', entityType: 'agency_lineage_events', entityId: id, oldValue: { comparison: e.comparison, predecessorId: e.predecessorId, note: e.note }, newValue: { comparison, predecessorId, note } });
  });
  return present(ctx, await findOwn(ctx, id));
}

/** Deletes a recorded change (audited with what it held). */
export async function deleteLineage(ctx: Ctx, id: number, version: number): Promise<{ ok: true }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'lineage.manage', { provinceId: actor.provinceId });
  const e = await findOwn(ctx, id);
  await ctx.db.transaction(async (tx) => {
    if (!(await q.deleteEvent(tx, id, version))) throw new AppError('conflict');
    await appendAudit(tx, ctx, { action: 'lineage.delete', entityType: 'agency_lineage_events', entityId: id, oldValue: { ...toDomain(e), note: e.note } });
  });
  return { ok: true };
}
