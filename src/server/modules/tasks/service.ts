import type { z } from 'zod';
import { addDays, DUE_SOON_DAYS, lostLeaves, statusAfterUpdate, TASK_STATUS_LABELS, type LostLeaf, type ScorecardNode, type TaskStatus, vietnamDate } from '../../../core/domain/tasks';
import { AppError, type Bilingual } from '../../../core/errors';
import type { proposalsCreate, ProposalsView, TaskDetail, TaskList, taskCreate, TaskListQuery, taskUpdate, TaskView } from '../../../core/schemas/tasks';
import type { DbOrTx } from '../../db/client';
import type { tasks } from '../../db/schema/index';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, authorize, can, requireActor } from '../../policies';
import { agencyUsers, notifyUsers } from '../notifications/service';
import { publishedAgencyResult } from '../publication/service';
import { compiledFramework } from '../results/compute';
import { evidenceTargetOf } from './evidence-target';
import { divisionRef, type NodeName, presentEvent, presentTask, type PresentContext, taskResource } from './present';
import * as q from './queries';

type FieldProblem = { path: string; message: Bilingual };
const msg = (vi: string, en: string): Bilingual => ({ vi, en });

/** Loads an agency of the actor's province (404 otherwise: another province's records are not found). */
export async function loadAgency(ctx: Ctx, agencyId: number): Promise<q.AgencyRow> {
  const actor = requireActor(ctx.actor);
  const agency = await q.findAgency(ctx.db, agencyId);
  if (!agency || agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  return agency;
}

/** Throws unless the actor manages the agency's tasks (checked before an upload is read). */
export async function assertCanManage(ctx: Ctx, agencyId: number): Promise<q.AgencyRow> {
  const agency = await loadAgency(ctx, agencyId);
  authorize(ctx.actor, 'task.manage', { provinceId: agency.provinceId, agencyId });
  return agency;
}

/** Loads a task the actor may read: 404 outside the province, 403 for another agency's users. */
export async function loadTask(ctx: Ctx, id: number): Promise<{ task: q.TaskRow; agency: q.AgencyRow }> {
  const actor = requireActor(ctx.actor);
  const task = await q.findTask(ctx.db, id);
  if (!task || task.provinceId !== actor.provinceId) throw new AppError('not_found', msg('Không tìm thấy nhiệm vụ.', 'Task not found.'));
  authorize(actor, 'task.read', taskResource(task));
  const agency = (await q.findAgency(ctx.db, task.agencyId))!;
  return { task, agency };
}

/** Leaf names of the framework an agency is assessed on in a period (for titles and the table). */
async function namesFor(db: DbOrTx, periodId: number, agencyId: number): Promise<Map<string, NodeName & { method: boolean; survey: boolean }>> {
  const frameworkId = await q.frameworkIdFor(db, periodId, agencyId);
  const entry = frameworkId ? await compiledFramework(db, frameworkId) : null;
  return new Map((entry?.document.nodes ?? []).map((n) => [n.code, { nameVi: n.nameVi, nameEn: n.nameEn, method: !!n.method, survey: n.method?.type === 'survey' }]));
}

/** The lookups to present a set of tasks of one agency. */
async function presentContext(db: DbOrTx, agencyId: number, rows: q.TaskRow[]): Promise<PresentContext> {
  const periodIds = [...new Set(rows.map((r) => r.sourcePeriodId).filter((x): x is number => x !== null))];
  const [divisions, periods, outputs] = await Promise.all([q.listDivisions(db, agencyId), q.periodsByIds(db, periodIds), q.outputCounts(db, rows.map((r) => r.id))]);
  const names = new Map<number, Map<string, NodeName>>();
  for (const id of periodIds) if (rows.some((r) => r.sourcePeriodId === id && r.nodeCode)) names.set(id, await namesFor(db, id, agencyId));
  return { divisions: new Map(divisions.map((d) => [d.id, d])), periodYears: new Map(periods.map((p) => [p.id, p.year])), names, outputs };
}

async function present(ctx: Ctx, rows: q.TaskRow[]): Promise<TaskView[]> {
  if (!rows.length) return [];
  const p = await presentContext(ctx.db, rows[0]!.agencyId, rows);
  return rows.map((r) => presentTask(ctx, r, p));
}

const dueBounds = (ctx: Ctx) => {
  const today = vietnamDate(ctx.now);
  return { today, soonUntil: addDays(today, DUE_SOON_DAYS) };
};

/** An agency's tasks with filters (status, kind, division, overdue, due soon, text), the summary counts and its divisions. */
export async function listTasks(ctx: Ctx, agencyId: number, query: TaskListQuery): Promise<TaskList> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  const resource = { provinceId: agency.provinceId, agencyId };
  authorize(actor, 'task.read', resource);
  const { today, soonUntil } = dueBounds(ctx);
  const [{ items, total }, counts, divisions] = await Promise.all([
    q.listTasks(ctx.db, agencyId, query, today, soonUntil, query.sort, query.order, query.page, query.pageSize),
    q.countTasks(ctx.db, agencyId, today, soonUntil),
    q.listDivisions(ctx.db, agencyId),
  ]);
  return {
    items: await present(ctx, items),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts,
    divisions: divisions.map(divisionRef),
    abilities: abilitiesFor(actor, ['task.manage'], resource),
  };
}

/** All of an agency's tasks matching the filters (no paging), for the export. */
export async function allTasks(ctx: Ctx, agency: q.AgencyRow, query: Omit<TaskListQuery, 'page' | 'pageSize'>): Promise<TaskView[]> {
  const { today, soonUntil } = dueBounds(ctx);
  const { items } = await q.listTasks(ctx.db, agency.id, query, today, soonUntil, query.sort, query.order, 1, 100_000);
  return present(ctx, items);
}

/** One task with its leaf, history, output documents and where its outputs can go as evidence. */
export async function getTask(ctx: Ctx, id: number): Promise<TaskDetail> {
  const { task, agency } = await loadTask(ctx, id);
  const [view] = await present(ctx, [task]);
  const [events, outputs, leaf] = await Promise.all([q.listEvents(ctx.db, id), q.listOutputs(ctx.db, id), leafOf(ctx, task)]);
  const target = await evidenceTargetOf(ctx, task, agency);
  const attached = new Set(target?.attachedIds ?? []);
  return {
    ...view!,
    agencyCode: agency.code,
    agencyNameVi: agency.nameVi,
    agencyNameEn: agency.nameEn,
    leaf,
    events: events.map(presentEvent),
    outputs: outputs.map((o) => ({
      id: o.evidence.id,
      title: o.evidence.title,
      docNumber: o.evidence.docNumber,
      issuedOn: o.evidence.issuedOn,
      issuer: o.evidence.issuer,
      originalName: o.evidence.originalName,
      mime: o.file.mime,
      inline: o.file.mime === 'application/pdf' || o.file.mime.startsWith('image/'),
      sizeBytes: o.file.sizeBytes,
      linkedAt: o.linkedAt.toISOString(),
      attachedToTarget: attached.has(o.evidence.id),
    })),
    evidenceTarget: target ? target.view : null,
  };
}

/** The task's leaf: names from the framework of the source period, points from the published results when there are some. */
async function leafOf(ctx: Ctx, task: q.TaskRow): Promise<TaskDetail['leaf']> {
  if (!task.nodeCode || !task.sourcePeriodId) return null;
  const period = await q.findPeriod(ctx.db, task.sourcePeriodId);
  if (!period) return null;
  const published = await publishedAgencyResult(ctx, task.provinceId, period.year, task.agencyId);
  if (published) {
    const found = findNode(published.scorecard.tree as ScorecardNode[], task.nodeCode);
    if (found) {
      const lost = lostLeaves(published.scorecard.tree as ScorecardNode[]).find((l) => l.code === task.nodeCode);
      return {
        code: found.node.code,
        nameVi: found.node.nameVi,
        nameEn: found.node.nameEn,
        fieldCode: found.field.code,
        fieldNameVi: found.field.nameVi,
        fieldNameEn: found.field.nameEn,
        max: found.node.max,
        points: found.node.points,
        lost: lost?.lost ?? '0',
      };
    }
  }
  const names = await namesFor(ctx.db, period.id, task.agencyId);
  const node = names.get(task.nodeCode);
  if (!node) return null;
  const fieldCode = task.nodeCode.split('.')[0]!;
  const field = names.get(fieldCode);
  return { code: task.nodeCode, nameVi: node.nameVi, nameEn: node.nameEn, fieldCode, fieldNameVi: field?.nameVi ?? '', fieldNameEn: field?.nameEn ?? '', max: null, points: null, lost: null };
}

function findNode(tree: ScorecardNode[], code: string): { node: ScorecardNode; field: ScorecardNode } | null {
  for (const field of tree) {
    const stack = [field];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.code === code) return { node: n, field };
      stack.push(...n.children);
    }
  }
  return null;
}

// ---------- divisions ----------

/**
 * Checks a lead division and supporting divisions: divisions of THIS agency, active (unless already assigned to
 * the task), the lead not also supporting, no repeats. Returns the field problems.
 */
export function checkDivisions(
  divisions: q.DivisionRow[],
  lead: number | null | undefined,
  supports: number[] | undefined,
  paths: { lead: string; supports: string },
  keep: number[] = [],
): FieldProblem[] {
  const byId = new Map(divisions.map((d) => [d.id, d]));
  const problems: FieldProblem[] = [];
  const check = (id: number, path: string) => {
    const d = byId.get(id);
    if (!d) problems.push({ path, message: msg('Phòng không thuộc cơ quan này.', 'This division is not part of the agency.') });
    else if (!d.isActive && !keep.includes(id)) problems.push({ path, message: msg('Phòng đã ngừng hoạt động.', 'This division is no longer active.') });
  };
  if (lead) check(lead, paths.lead);
  const seen = new Set<number>();
  (supports ?? []).forEach((id, i) => {
    const path = `${paths.supports}.${i}`;
    if (seen.has(id)) problems.push({ path, message: msg('Phòng bị lặp.', 'Listed twice.') });
    else if (lead && id === lead) problems.push({ path, message: msg('Phòng chủ trì không đồng thời là phòng phối hợp.', 'The lead division cannot also be a supporting division.') });
    else check(id, path);
    seen.add(id);
  });
  return problems;
}

/** Notifies the heads of a division that it now leads a task (inside the caller's transaction). */
async function notifyLead(tx: DbOrTx, ctx: Ctx, task: q.TaskRow, agency: q.AgencyRow) {
  if (!task.leadDivisionId) return;
  const heads = (await q.divisionHeads(tx, task.leadDivisionId)).filter((u) => u !== ctx.actor?.userId);
  await notifyUsers(
    tx,
    heads,
    {
      kind: 'task.assigned',
      title: msg(`Phòng được giao chủ trì nhiệm vụ “${task.title}”`, `Your division leads the task “${task.title}”`),
      body: msg(
        `${agency.nameVi}${task.dueOn ? ` · Hạn hoàn thành: ${task.dueOn.split('-').reverse().join('/')}` : ''}.`,
        `${agency.nameEn || agency.nameVi}${task.dueOn ? ` · Due: ${task.dueOn}` : ''}.`,
      ),
      link: `/remediation?task=${task.id}`,
    },
    ctx.now,
  );
}

// ---------- create ----------

const clip = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Inserts a task with its "created" event and audit entry (inside the caller's transaction). */
async function insertTaskAudited(tx: DbOrTx, ctx: Ctx, agency: q.AgencyRow, values: Omit<typeof tasks.$inferInsert, 'provinceId' | 'agencyId'>, reason?: string) {
  const actor = requireActor(ctx.actor);
  const row = await q.insertTask(tx, { ...values, provinceId: agency.provinceId, agencyId: agency.id, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now });
  const data = {
    kind: row.kind,
    nodeCode: row.nodeCode,
    sourcePeriodId: row.sourcePeriodId,
    leadDivisionId: row.leadDivisionId,
    supportDivisionIds: row.supportDivisionIds,
    dueOn: row.dueOn,
    ...(reason ? { via: reason } : {}),
  };
  await q.insertEvent(tx, { taskId: row.id, at: ctx.now, userId: actor.userId, kind: 'created', note: '', data });
  await appendAudit(tx, ctx, { action: 'task.create', entityType: 'task', entityId: row.id, reason: reason ?? null, newValue: { agencyId: agency.id, title: row.title, ...data } });
  await notifyLead(tx, ctx, row, agency);
  return row;
}

/** A published year's lost leaves of the agency (most lost first), or null when the year is not published for it. */
async function publishedLosses(ctx: Ctx, agency: q.AgencyRow, year: number) {
  const published = await publishedAgencyResult(ctx, agency.provinceId, year, agency.id);
  if (!published) return null;
  return { published, lost: lostLeaves(published.scorecard.tree as ScorecardNode[]) };
}

const duplicateLeaf = (code: string, year: number, taskId: number) =>
  new AppError('duplicate', msg(`Tiêu chí ${code} năm ${year} đã có nhiệm vụ khắc phục (#${taskId}).`, `Leaf ${code} of ${year} already has a remediation task (#${taskId}).`), { details: { taskId } });

/**
 * Creates one task: free, from a leaf of a year (its period must exist and the leaf be in the agency's framework),
 * or a plan line. A remediation task on a leaf is unique per leaf and year (cancelled ones aside).
 */
export async function createTask(ctx: Ctx, agencyId: number, input: z.infer<typeof taskCreate>): Promise<TaskDetail> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  authorize(actor, 'task.manage', { provinceId: agency.provinceId, agencyId });
  const problems: FieldProblem[] = [];
  let period: q.PeriodRow | null = null;
  let pointsLost: string | null = null;
  if (input.sourceYear) {
    period = await q.findPeriodByYear(ctx.db, agency.provinceId, input.sourceYear);
    if (!period) problems.push({ path: 'sourceYear', message: msg(`Chưa có kỳ đánh giá năm ${input.sourceYear}.`, `There is no ${input.sourceYear} evaluation period.`) });
  }
  if (input.nodeCode && period) {
    const node = (await namesFor(ctx.db, period.id, agencyId)).get(input.nodeCode);
    if (!node?.method) {
      problems.push({ path: 'nodeCode', message: msg(`Không có tiêu chí thành phần ${input.nodeCode} trong bộ tiêu chí năm ${period.year}.`, `There is no leaf ${input.nodeCode} in the ${period.year} framework.`) });
    } else if (input.kind === 'remediation') {
      const losses = await publishedLosses(ctx, agency, period.year);
      pointsLost = losses?.lost.find((l) => l.code === input.nodeCode)?.lost ?? null;
    }
  }
  const divisions = await q.listDivisions(ctx.db, agencyId);
  problems.push(...checkDivisions(divisions, input.leadDivisionId, input.supportDivisionIds, { lead: 'leadDivisionId', supports: 'supportDivisionIds' }));
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const row = await ctx.db.transaction(async (tx) => {
    if (input.kind === 'remediation' && input.nodeCode && period) {
      await q.lockAgencyTasks(tx, agencyId);
      const existing = (await q.leafTasks(tx, agencyId, period.id)).find((t) => t.nodeCode === input.nodeCode);
      if (existing) throw duplicateLeaf(input.nodeCode, period.year, existing.id);
    }
    return insertTaskAudited(tx, ctx, agency, {
      kind: input.kind,
      sourcePeriodId: period?.id ?? null,
      nodeCode: input.nodeCode ?? null,
      pointsLost,
      planRef: input.planRef,
      title: input.title,
      description: input.description,
      leadDivisionId: input.leadDivisionId ?? null,
      supportDivisionIds: input.supportDivisionIds,
      dueOn: input.dueOn ?? null,
    });
  });
  return getTask(ctx, row.id);
}

const proposalOf = (l: LostLeaf) => ({
  code: l.code,
  nameVi: l.nameVi,
  nameEn: l.nameEn,
  fieldCode: l.fieldCode,
  fieldNameVi: l.fieldNameVi,
  fieldNameEn: l.fieldNameEn,
  kind: l.kind,
  max: l.max,
  points: l.points,
  lost: l.lost,
});

/**
 * Tasks proposed from the leaves where the agency lost points in a published year (the latest by default), most
 * points lost first; leaves that already have a task for that year are listed apart.
 */
export async function proposals(ctx: Ctx, agencyId: number, year: number | undefined): Promise<ProposalsView> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  const resource = { provinceId: agency.provinceId, agencyId };
  authorize(actor, 'task.read', resource);
  const [years, divisions] = await Promise.all([q.publishedYears(ctx.db, agency.provinceId), q.listDivisions(ctx.db, agencyId)]);
  const base = { agencyId, publishedYears: years, divisions: divisions.map(divisionRef), abilities: abilitiesFor(actor, ['task.manage'], resource) };
  const chosen = year ?? years[0];
  if (chosen === undefined) return { ...base, year: null, periodId: null, rank: null, rankOf: null, totalIndex: null, items: [], existing: [] };
  if (!years.includes(chosen)) throw new AppError('not_found', msg(`Năm ${chosen} chưa có kết quả công bố.`, `There are no published results for ${chosen}.`));
  const losses = await publishedLosses(ctx, agency, chosen);
  if (!losses) return { ...base, year: chosen, periodId: null, rank: null, rankOf: null, totalIndex: null, items: [], existing: [] };
  const taken = new Map((await q.leafTasks(ctx.db, agencyId, losses.published.periodId)).map((t) => [t.nodeCode, t.id]));
  const row = losses.published.row;
  return {
    ...base,
    year: chosen,
    periodId: losses.published.periodId,
    rank: row.rank ?? null,
    rankOf: losses.published.group.agencies.length,
    totalIndex: row.totalIndex ?? null,
    items: losses.lost.filter((l) => !taken.has(l.code)).map(proposalOf),
    existing: losses.lost.filter((l) => taken.has(l.code)).map((l) => ({ ...proposalOf(l), taskId: taken.get(l.code)! })),
  };
}

/** Creates tasks from ticked lost leaves of a published year, each with its divisions and due date; all or nothing. */
export async function createFromProposals(ctx: Ctx, agencyId: number, input: z.infer<typeof proposalsCreate>): Promise<{ items: TaskView[] }> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  authorize(actor, 'task.manage', { provinceId: agency.provinceId, agencyId });
  const losses = await publishedLosses(ctx, agency, input.year);
  if (!losses) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'year', message: msg(`Năm ${input.year} chưa có kết quả công bố của cơ quan.`, `There are no published ${input.year} results for this agency.`) }],
    });
  }
  const periodId = losses.published.periodId;
  const byCode = new Map(losses.lost.map((l) => [l.code, l]));
  const taken = new Map((await q.leafTasks(ctx.db, agencyId, periodId)).map((t) => [t.nodeCode, t.id]));
  const divisions = await q.listDivisions(ctx.db, agencyId);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    const path = `items.${i}`;
    if (!byCode.has(item.nodeCode)) {
      problems.push({ path: `${path}.nodeCode`, message: msg(`Tiêu chí ${item.nodeCode} không bị mất điểm năm ${input.year}.`, `Leaf ${item.nodeCode} lost no points in ${input.year}.`) });
    } else if (seen.has(item.nodeCode)) {
      problems.push({ path: `${path}.nodeCode`, message: msg('Tiêu chí bị lặp.', 'Listed twice.') });
    } else if (taken.has(item.nodeCode)) {
      problems.push({ path: `${path}.nodeCode`, message: msg(`Tiêu chí ${item.nodeCode} đã có nhiệm vụ (#${taken.get(item.nodeCode)}).`, `Leaf ${item.nodeCode} already has a task (#${taken.get(item.nodeCode)}).`) });
    }
    seen.add(item.nodeCode);
    problems.push(...checkDivisions(divisions, item.leadDivisionId, item.supportDivisionIds, { lead: `${path}.leadDivisionId`, supports: `${path}.supportDivisionIds` }));
  });
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const rows = await ctx.db.transaction(async (tx) => {
    await q.lockAgencyTasks(tx, agencyId);
    const now = new Map((await q.leafTasks(tx, agencyId, periodId)).map((t) => [t.nodeCode, t.id]));
    const out: q.TaskRow[] = [];
    for (const item of input.items) {
      const existing = now.get(item.nodeCode);
      if (existing) throw duplicateLeaf(item.nodeCode, input.year, existing);
      const leaf = byCode.get(item.nodeCode)!;
      const name = ctx.lang === 'en' ? leaf.nameEn || leaf.nameVi : leaf.nameVi;
      const title = item.title ?? clip(ctx.lang === 'en' ? `Remediate leaf ${leaf.code}: ${name}` : `Khắc phục tiêu chí ${leaf.code}: ${name}`);
      out.push(
        await insertTaskAudited(
          tx,
          ctx,
          agency,
          {
            kind: 'remediation',
            sourcePeriodId: periodId,
            nodeCode: leaf.code,
            pointsLost: leaf.lost,
            title,
            description: item.description,
            leadDivisionId: item.leadDivisionId ?? null,
            supportDivisionIds: item.supportDivisionIds,
            dueOn: item.dueOn ?? null,
          },
          'proposal',
        ),
      );
    }
    return out;
  });
  return { items: await present(ctx, rows) };
}

// ---------- update ----------

const MANAGER_FIELDS = ['title', 'description', 'planRef', 'leadDivisionId', 'supportDivisionIds', 'dueOn'] as const;

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Updates a task at the version read (stale → 409). Managers (focal point, head) change everything; a division
 * head of the task's divisions changes status (not cancel), progress and adds a note. Done sets progress to 100 and
 * the completion time. Each change is one event and one audit entry in the same transaction.
 */
export async function updateTask(ctx: Ctx, id: number, input: z.infer<typeof taskUpdate>): Promise<TaskDetail> {
  const { task, agency } = await loadTask(ctx, id);
  const actor = requireActor(ctx.actor);
  const resource = taskResource(task);
  authorize(actor, 'task.update', resource);
  const manager = can(actor, 'task.manage', resource);
  if (input.version !== task.version) throw new AppError('conflict', undefined, { details: { currentVersion: task.version } });

  const next: Partial<q.TaskRow> = {};
  for (const key of MANAGER_FIELDS) {
    const v = input[key];
    if (v === undefined) continue;
    const before = task[key];
    const changed = Array.isArray(v) ? !sameSet(v, before as number[]) : v !== before;
    if (changed) (next as Record<string, unknown>)[key] = v;
  }
  const status = input.status !== undefined && input.status !== task.status ? input.status : undefined;
  if (!manager && (Object.keys(next).length > 0 || status === 'cancelled' || task.status === 'cancelled')) {
    throw new AppError(
      'forbidden',
      msg(
        'Trưởng phòng cập nhật trạng thái, tiến độ và ghi chú của nhiệm vụ; nội dung, phân công, hạn hoàn thành và việc hủy do đầu mối CCHC hoặc thủ trưởng cơ quan quyết định.',
        "Division heads update a task's status, progress and notes; its content, assignment, due date and cancellation are for the agency's focal point or head.",
      ),
      { details: { action: 'task.manage' } },
    );
  }
  if (task.status === 'cancelled' && (status === undefined || Object.keys(next).length > 0 || input.progress !== undefined)) {
    throw new AppError('invalid_state', msg('Nhiệm vụ đã hủy; hãy mở lại nhiệm vụ trước khi cập nhật.', 'The task is cancelled; reopen it before updating it.'));
  }
  if (input.progress !== undefined && input.progress !== task.progress) next.progress = input.progress;
  // Progress moves the status when none is given (40 % is "in progress", 100 % is "done").
  const followed = statusAfterUpdate(task.status as TaskStatus, status, next.progress ?? task.progress);
  if (followed !== task.status || status !== undefined) next.status = followed;
  const finalStatus = (next.status ?? task.status) as TaskStatus;
  if (finalStatus === 'done') {
    if (task.status !== 'done') next.completedAt = ctx.now;
    if ((next.progress ?? task.progress) !== 100) next.progress = 100;
  } else if (task.status === 'done' && next.status) {
    next.completedAt = null;
  }

  const divisions = await q.listDivisions(ctx.db, task.agencyId);
  const keep = [...(task.leadDivisionId ? [task.leadDivisionId] : []), ...task.supportDivisionIds];
  const lead = next.leadDivisionId !== undefined ? next.leadDivisionId : task.leadDivisionId;
  const supports = next.supportDivisionIds ?? task.supportDivisionIds;
  if (next.leadDivisionId !== undefined || next.supportDivisionIds !== undefined) {
    const problems = checkDivisions(divisions, lead, supports, { lead: 'leadDivisionId', supports: 'supportDivisionIds' }, keep);
    if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  }
  const note = input.note ?? '';
  const changedKeys = Object.keys(next).filter((k) => k !== 'completedAt');
  if (changedKeys.length === 0 && !note) return getTask(ctx, id);

  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateTaskVersioned(tx, id, input.version, { ...next, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: task.version } });
    if (next.dueOn !== undefined) await q.clearReminders(tx, id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of changedKeys) changes[k] = { from: (task as Record<string, unknown>)[k], to: (next as Record<string, unknown>)[k] };
    const kind = next.status ? 'status' : next.leadDivisionId !== undefined || next.supportDivisionIds ? 'assigned' : changedKeys.length === 1 && next.progress !== undefined ? 'progress' : changedKeys.length ? 'updated' : 'note';
    await q.insertEvent(tx, { taskId: id, at: ctx.now, userId: actor.userId, kind, note, data: changedKeys.length ? { changes } : {} });
    const oldValue = Object.fromEntries(changedKeys.map((k) => [k, changes[k]!.from]));
    const newValue = Object.fromEntries(changedKeys.map((k) => [k, changes[k]!.to]));
    await appendAudit(tx, ctx, { action: changedKeys.length ? 'task.update' : 'task.note', entityType: 'task', entityId: id, oldValue, newValue: changedKeys.length ? newValue : { note }, reason: note || null });
    if (next.leadDivisionId) await notifyLead(tx, ctx, updated, agency);
    if (next.status === 'done') {
      // The agency's managers hear when a division completes a task.
      await notifyUsers(
        tx,
        (await agencyUsers(tx, agency.provinceId, [agency.id])).filter((u) => u !== actor.userId),
        {
          kind: 'task.done',
          title: msg(`Nhiệm vụ đã hoàn thành: “${updated.title}”`, `Task done: “${updated.title}”`),
          body: msg(`${TASK_STATUS_LABELS.done.vi} bởi ${actor.fullName}.`, `${TASK_STATUS_LABELS.done.en} by ${actor.fullName}.`),
          link: `/remediation?task=${id}`,
        },
        ctx.now,
      );
    }
  });
  return getTask(ctx, id);
}

/** A progress note (ghi chú tiến độ) on a task: anyone who may update it. */
export async function addNote(ctx: Ctx, id: number, note: string): Promise<TaskDetail> {
  const { task } = await loadTask(ctx, id);
  const actor = requireActor(ctx.actor);
  authorize(actor, 'task.update', taskResource(task));
  await ctx.db.transaction(async (tx) => {
    await q.insertEvent(tx, { taskId: id, at: ctx.now, userId: actor.userId, kind: 'note', note, data: {} });
    await appendAudit(tx, ctx, { action: 'task.note', entityType: 'task', entityId: id, newValue: { note } });
  });
  return getTask(ctx, id);
}
