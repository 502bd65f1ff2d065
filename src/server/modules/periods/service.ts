import type { z } from 'zod';
import { nextPhase, PHASE_LABELS, type Phase } from '../../../core/domain/workflow';
import { defaultYear, mergeYears } from '../../../core/domain/years';
import { AppError, type Bilingual } from '../../../core/errors';
import type { assignmentsBody, extensionCreate, periodCreate, PeriodView, periodUpdate, YearsView } from '../../../core/schemas/periods';
import type { DbOrTx } from '../../db/client';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, type Actor, authorize, hasRole, requireActor } from '../../policies';
import { agencyUsers, notifyUsers, provinceUsers } from '../notifications/service';
import * as q from './queries';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const field = (path: string, message: Bilingual) => ({ path, message });

/** Loads a period of the actor's province (404 otherwise). */
export async function loadPeriod(ctx: Ctx, id: number): Promise<q.PeriodRow> {
  const actor = requireActor(ctx.actor);
  const p = await q.findPeriod(ctx.db, id);
  if (!p || p.provinceId !== actor.provinceId) throw new AppError('not_found');
  return p;
}

async function present(ctx: Ctx, rows: q.PeriodRow[]): Promise<PeriodView[]> {
  const ids = rows.map((r) => r.id);
  const [fws, counts] = await Promise.all([q.listPeriodFrameworks(ctx.db, ids), q.countAssessments(ctx.db, ids)]);
  return rows.map((p) => ({
    id: p.id,
    year: p.year,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    phase: p.phase as Phase,
    selfAssessmentDueAt: iso(p.selfAssessmentDueAt),
    appraisal1DueAt: iso(p.appraisal1DueAt),
    explanationDueAt: iso(p.explanationDueAt),
    appraisal2DueAt: iso(p.appraisal2DueAt),
    frameworks: fws.filter((f) => f.periodId === p.id).map(({ periodId: _p, ...f }) => f),
    assessmentCount: counts.get(p.id) ?? 0,
    version: p.version,
    abilities: abilitiesFor(ctx.actor, ['period.manage', 'period.finalise', 'period.publish', 'period.correct'], { provinceId: p.provinceId }),
  }));
}

/** Periods of the province, newest year first. */
export async function listPeriods(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'period.read', { provinceId: actor.provinceId });
  return {
    items: await present(ctx, await q.listPeriods(ctx.db, actor.provinceId)),
    abilities: abilitiesFor(actor, ['period.manage'], { provinceId: actor.provinceId }),
  };
}

/** The years of the province that have a period or history, and the default year (decision 0015). */
export async function listYears(ctx: Ctx): Promise<YearsView> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'period.read', { provinceId: actor.provinceId });
  const [rows, history] = await Promise.all([q.listPeriods(ctx.db, actor.provinceId), q.listHistoryYears(ctx.db, actor.provinceId)]);
  const items = mergeYears(
    rows.map((p) => ({ year: p.year, phase: p.phase as Phase })),
    history,
  );
  return { items, defaultYear: defaultYear(items) };
}

export async function getPeriod(ctx: Ctx, id: number): Promise<PeriodView> {
  const p = await loadPeriod(ctx, id);
  authorize(ctx.actor, 'period.read', { provinceId: p.provinceId });
  return (await present(ctx, [p]))[0]!;
}

async function checkFrameworks(ctx: Ctx, provinceId: number, items: { groupId: number; frameworkId: number }[]) {
  const fields: { path: string; message: Bilingual }[] = [];
  const [fws, groups] = await Promise.all([q.findFrameworks(ctx.db, items.map((i) => i.frameworkId)), q.findGroups(ctx.db, items.map((i) => i.groupId))]);
  const seen = new Set<number>();
  items.forEach((item, i) => {
    const g = groups.find((x) => x.id === item.groupId);
    const f = fws.find((x) => x.id === item.frameworkId);
    if (!g || g.provinceId !== provinceId) fields.push(field(`frameworks.${i}.groupId`, { vi: 'Không tồn tại.', en: 'Does not exist.' }));
    if (!f || f.provinceId !== provinceId) fields.push(field(`frameworks.${i}.frameworkId`, { vi: 'Không tồn tại.', en: 'Does not exist.' }));
    else if (f.status !== 'published')
      fields.push(field(`frameworks.${i}.frameworkId`, { vi: 'Chỉ dùng bộ tiêu chí đã ban hành.', en: 'Only a published framework can be used.' }));
    else if (f.groupId !== item.groupId)
      fields.push(field(`frameworks.${i}.frameworkId`, { vi: 'Bộ tiêu chí thuộc nhóm cơ quan khác.', en: 'The framework belongs to another agency group.' }));
    if (seen.has(item.groupId)) fields.push(field(`frameworks.${i}.groupId`, { vi: 'Nhóm bị lặp.', en: 'Duplicate group.' }));
    seen.add(item.groupId);
  });
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
}

function checkDeadlineOrder(input: Partial<Record<'selfAssessmentDueAt' | 'appraisal1DueAt' | 'explanationDueAt' | 'appraisal2DueAt', string | null | undefined>>) {
  const keys = ['selfAssessmentDueAt', 'appraisal1DueAt', 'explanationDueAt', 'appraisal2DueAt'] as const;
  const fields: { path: string; message: Bilingual }[] = [];
  let last: number | null = null;
  for (const k of keys) {
    const v = input[k];
    if (!v) continue;
    const t = new Date(v).getTime();
    if (last !== null && t < last) fields.push(field(k, { vi: 'Hạn này phải sau hạn của giai đoạn trước.', en: 'This deadline must come after the previous phase’s.' }));
    last = t;
  }
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
}

const dateOf = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

/** Creates a period in set-up with its deadlines and the framework of each agency group. */
export async function createPeriod(ctx: Ctx, input: z.infer<typeof periodCreate>): Promise<PeriodView> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'period.manage', { provinceId: actor.provinceId });
  checkDeadlineOrder(input);
  await checkFrameworks(ctx, actor.provinceId, input.frameworks);
  if (await q.findPeriodByYear(ctx.db, actor.provinceId, input.year)) {
    throw new AppError('duplicate', undefined, { fields: [field('year', { vi: 'Năm này đã có kỳ đánh giá.', en: 'This year already has a period.' })] });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const p = await q.insertPeriod(tx, {
      provinceId: actor.provinceId,
      year: input.year,
      nameVi: input.nameVi,
      nameEn: input.nameEn,
      selfAssessmentDueAt: dateOf(input.selfAssessmentDueAt) ?? null,
      appraisal1DueAt: dateOf(input.appraisal1DueAt) ?? null,
      explanationDueAt: dateOf(input.explanationDueAt) ?? null,
      appraisal2DueAt: dateOf(input.appraisal2DueAt) ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await q.replacePeriodFrameworks(tx, p.id, input.frameworks);
    await appendAudit(tx, ctx, { action: 'period.create', entityType: 'period', entityId: p.id, newValue: input });
    return p;
  });
  return getPeriod(ctx, row.id);
}

/** Changes names and deadlines (any phase before publication); frameworks only during set-up. */
export async function updatePeriod(ctx: Ctx, id: number, input: z.infer<typeof periodUpdate>): Promise<PeriodView> {
  const actor = requireActor(ctx.actor);
  const before = await loadPeriod(ctx, id);
  authorize(actor, 'period.manage', { provinceId: before.provinceId });
  if (before.phase === 'published') throw new AppError('immutable');
  const merged = {
    selfAssessmentDueAt: input.selfAssessmentDueAt !== undefined ? input.selfAssessmentDueAt : iso(before.selfAssessmentDueAt),
    appraisal1DueAt: input.appraisal1DueAt !== undefined ? input.appraisal1DueAt : iso(before.appraisal1DueAt),
    explanationDueAt: input.explanationDueAt !== undefined ? input.explanationDueAt : iso(before.explanationDueAt),
    appraisal2DueAt: input.appraisal2DueAt !== undefined ? input.appraisal2DueAt : iso(before.appraisal2DueAt),
  };
  checkDeadlineOrder(merged);
  if (input.frameworks) {
    if (before.phase !== 'setup') {
      throw new AppError('invalid_state', {
        vi: 'Chỉ đổi bộ tiêu chí khi kỳ đánh giá còn ở giai đoạn chuẩn bị.',
        en: 'Frameworks can only change while the period is in set-up.',
      });
    }
    await checkFrameworks(ctx, actor.provinceId, input.frameworks);
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updatePeriodVersioned(tx, id, input.version, {
      ...(input.nameVi !== undefined ? { nameVi: input.nameVi } : {}),
      ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
      ...(input.selfAssessmentDueAt !== undefined ? { selfAssessmentDueAt: dateOf(input.selfAssessmentDueAt) } : {}),
      ...(input.appraisal1DueAt !== undefined ? { appraisal1DueAt: dateOf(input.appraisal1DueAt) } : {}),
      ...(input.explanationDueAt !== undefined ? { explanationDueAt: dateOf(input.explanationDueAt) } : {}),
      ...(input.appraisal2DueAt !== undefined ? { appraisal2DueAt: dateOf(input.appraisal2DueAt) } : {}),
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    if (input.frameworks) await q.replacePeriodFrameworks(tx, id, input.frameworks);
    await appendAudit(tx, ctx, {
      action: 'period.update',
      entityType: 'period',
      entityId: id,
      oldValue: { nameVi: before.nameVi, ...Object.fromEntries(Object.entries(merged).map(([k]) => [k, iso(before[k as keyof typeof merged] as Date | null)])) },
      newValue: { ...input, version: undefined },
    });
  });
  return getPeriod(ctx, id);
}

const ADVANCEABLE: Phase[] = ['setup', 'self_assessment', 'appraisal1', 'explanation'];

/**
 * Moves a period to its next phase (secretariat): opening (set-up → self-assessment) creates one assessment per
 * active agency of each group with a framework; each move notifies the people who act next. Finalisation and
 * publication have their own actions.
 */
export async function advancePhase(ctx: Ctx, id: number, to: Phase, version: number): Promise<PeriodView> {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, id);
  authorize(actor, 'period.manage', { provinceId: p.provinceId });
  const from = p.phase as Phase;
  if (!ADVANCEABLE.includes(from) || nextPhase(from) !== to) {
    throw new AppError('invalid_state', {
      vi: `Không thể chuyển từ "${PHASE_LABELS[from].vi}" sang "${PHASE_LABELS[to].vi}".`,
      en: `Cannot move from "${PHASE_LABELS[from].en}" to "${PHASE_LABELS[to].en}".`,
    });
  }
  const fws = await q.listPeriodFrameworks(ctx.db, [id]);
  if (to === 'self_assessment' && fws.length === 0) {
    throw new AppError('invalid_state', { vi: 'Kỳ đánh giá chưa có bộ tiêu chí cho nhóm cơ quan nào.', en: 'The period has no framework for any agency group.' });
  }
  const link = `/periods/${id}`;
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updatePeriodVersioned(tx, id, version, { phase: to, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: p.version } });
    let created = 0;
    if (to === 'self_assessment') {
      const agencies = await q.agenciesForYear(tx, fws.map((f) => f.groupId), p.year);
      const byGroup = new Map(fws.map((f) => [f.groupId, f.frameworkId]));
      created = await q.createAssessments(tx, id, agencies.map((a) => ({ agencyId: a.id, frameworkId: byGroup.get(a.groupId)! })), ctx.now);
    }
    if (to === 'explanation') await q.setAssessmentStatuses(tx, id, ['submitted'], 'appraised', ctx.now);
    const agencyIds = await q.periodAgencyIds(tx, id);
    const label = PHASE_LABELS[to];
    const title = { vi: `${p.nameVi}: bắt đầu giai đoạn ${label.vi.toLowerCase()}`, en: `${p.nameEn || p.nameVi}: ${label.en} has started` };
    if (to === 'self_assessment' || to === 'explanation') {
      await notifyUsers(tx, await agencyUsers(tx, p.provinceId, agencyIds), { kind: `phase.${to}`, title, link }, ctx.now);
    } else {
      await notifyUsers(tx, await provinceUsers(tx, p.provinceId, ['appraiser', 'secretariat']), { kind: `phase.${to}`, title, link }, ctx.now);
    }
    await appendAudit(tx, ctx, { action: 'period.advance', entityType: 'period', entityId: id, oldValue: { phase: from }, newValue: { phase: to, assessmentsCreated: created } });
  });
  return getPeriod(ctx, id);
}

// ---------- extensions ----------

export async function listExtensions(ctx: Ctx, periodId: number) {
  const p = await loadPeriod(ctx, periodId);
  authorize(ctx.actor, 'period.read', { provinceId: p.provinceId });
  const actor = ctx.actor!;
  const staff = hasRole(actor, 'admin') || hasRole(actor, 'secretariat') || hasRole(actor, 'appraiser');
  const own = new Set(actor.grants.map((g) => g.agencyId).filter((x): x is number => x != null));
  const rows = await q.listExtensions(ctx.db, periodId);
  return rows
    .filter((r) => staff || own.has(r.ext.agencyId))
    .map((r) => ({
      id: r.ext.id,
      agencyId: r.ext.agencyId,
      agencyCode: r.agencyCode,
      agencyNameVi: r.agencyNameVi,
      agencyNameEn: r.agencyNameEn,
      phase: r.ext.phase,
      dueAt: r.ext.dueAt.toISOString(),
      reason: r.ext.reason,
      createdAt: r.ext.createdAt.toISOString(),
    }));
}

/** Grants (or changes) an agency's deadline extension for a phase, with a reason; the agency is notified. */
export async function grantExtension(ctx: Ctx, periodId: number, input: z.infer<typeof extensionCreate>) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, periodId);
  authorize(actor, 'period.manage', { provinceId: p.provinceId });
  if (phaseIsPast(p.phase as Phase, 'appraisal2')) throw new AppError('invalid_state');
  const agencies = await q.findAgencies(ctx.db, [input.agencyId]);
  if (!agencies[0] || agencies[0].provinceId !== p.provinceId) throw new AppError('validation_failed', undefined, { fields: [field('agencyId', { vi: 'Không tồn tại.', en: 'Does not exist.' })] });
  const row = await ctx.db.transaction(async (tx) => {
    const ext = await q.upsertExtension(tx, { periodId, agencyId: input.agencyId, phase: input.phase, dueAt: new Date(input.dueAt), reason: input.reason, createdBy: actor.userId, createdAt: ctx.now });
    await appendAudit(tx, ctx, { action: 'period.extend_deadline', entityType: 'period', entityId: periodId, newValue: input, reason: input.reason });
    await notifyUsers(
      tx,
      await agencyUsers(tx, p.provinceId, [input.agencyId]),
      {
        kind: 'deadline.extended',
        title: { vi: `Gia hạn ${PHASE_LABELS[input.phase].vi.toLowerCase()}`, en: `${PHASE_LABELS[input.phase].en} deadline extended` },
        body: { vi: input.reason, en: input.reason },
        link: `/periods/${periodId}`,
      },
      ctx.now,
    );
    return ext;
  });
  return (await listExtensions(ctx, periodId)).find((e) => e.id === row.id)!;
}

export async function revokeExtension(ctx: Ctx, periodId: number, extensionId: number): Promise<void> {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, periodId);
  authorize(actor, 'period.manage', { provinceId: p.provinceId });
  const ext = await q.findExtension(ctx.db, extensionId);
  if (!ext || ext.periodId !== periodId) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await q.deleteExtension(tx, extensionId);
    await appendAudit(tx, ctx, { action: 'period.revoke_extension', entityType: 'period', entityId: periodId, oldValue: { agencyId: ext.agencyId, phase: ext.phase, dueAt: ext.dueAt.toISOString() } });
  });
}

function phaseIsPast(current: Phase, phase: Phase): boolean {
  const order = ['setup', 'self_assessment', 'appraisal1', 'explanation', 'appraisal2', 'finalised', 'published'];
  return order.indexOf(current) > order.indexOf(phase);
}

// ---------- appraiser assignments ----------

export async function listAssignments(ctx: Ctx, periodId: number) {
  const p = await loadPeriod(ctx, periodId);
  authorize(ctx.actor, 'period.read', { provinceId: p.provinceId });
  return q.listAssignments(ctx.db, periodId);
}

/** Replaces who appraises which field (optionally for one agency) in a period. */
export async function setAssignments(ctx: Ctx, periodId: number, input: z.infer<typeof assignmentsBody>) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, periodId);
  authorize(actor, 'period.manage', { provinceId: p.provinceId });
  const users = await q.findUsers(ctx.db, input.assignments.map((a) => a.userId));
  const agencies = await q.findAgencies(ctx.db, input.assignments.map((a) => a.agencyId).filter((x): x is number => x != null));
  const fields: { path: string; message: Bilingual }[] = [];
  input.assignments.forEach((a, i) => {
    if (!users.some((u) => u.id === a.userId && u.provinceId === p.provinceId)) fields.push(field(`assignments.${i}.userId`, { vi: 'Không tồn tại.', en: 'Does not exist.' }));
    if (a.agencyId != null && !agencies.some((x) => x.id === a.agencyId && x.provinceId === p.provinceId))
      fields.push(field(`assignments.${i}.agencyId`, { vi: 'Không tồn tại.', en: 'Does not exist.' }));
  });
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  const before = await q.listAssignments(ctx.db, periodId);
  await ctx.db.transaction(async (tx) => {
    await q.replaceAssignments(tx, periodId, input.assignments);
    await appendAudit(tx, ctx, {
      action: 'period.assign_appraisers',
      entityType: 'period',
      entityId: periodId,
      oldValue: before.map((b) => ({ userId: b.userId, fieldCode: b.fieldCode, agencyId: b.agencyId })),
      newValue: input.assignments,
    });
  });
  return q.listAssignments(ctx.db, periodId);
}

/**
 * The top-level fields an actor may appraise per agency in a period: the period's assignments when it has any,
 * otherwise the fields (and agencies) of the actor's appraiser role grants. Loads the assignments once.
 */
export async function appraiserScope(db: DbOrTx, actor: Actor, periodId: number): Promise<(agencyId: number) => string[]> {
  if (!hasRole(actor, 'appraiser')) return () => [];
  const assignments = await q.listAssignments(db, periodId);
  if (assignments.length) {
    const mine = assignments.filter((a) => a.userId === actor.userId);
    return (agencyId) => [...new Set(mine.filter((a) => a.agencyId === null || a.agencyId === agencyId).map((a) => a.fieldCode))];
  }
  return (agencyId) => {
    const out = new Set<string>();
    for (const g of actor.grants) {
      if (g.role !== 'appraiser') continue;
      if (g.agencyIds.length && !g.agencyIds.includes(agencyId)) continue;
      for (const f of g.fieldCodes) out.add(f);
    }
    return [...out];
  };
}

/** The fields an actor may appraise in one agency's assessment of a period (see {@link appraiserScope}). */
export async function appraiserFieldsFor(db: DbOrTx, actor: Actor, periodId: number, agencyId: number): Promise<string[]> {
  return (await appraiserScope(db, actor, periodId))(agencyId);
}

/** The frameworks a period applies, per agency group (for other modules). */
export function periodFrameworksOf(db: DbOrTx, periodId: number) {
  return q.listPeriodFrameworks(db, [periodId]);
}

/** Updates a period row at an expected version inside the caller's transaction (other modules' phase changes). */
export async function updatePeriodVersion(tx: DbOrTx, id: number, version: number, values: { phase?: string; updatedAt: Date }, currentVersion: number): Promise<void> {
  const updated = await q.updatePeriodVersioned(tx, id, version, values);
  if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion } });
}
