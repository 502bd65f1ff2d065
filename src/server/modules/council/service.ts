import type { z } from 'zod';
import {
  formatCouncilScore,
  leafLossUnits,
  lossShare,
  parseCouncilScore,
  rankDivisions,
  type ScoredLeaf,
  taskStats,
  vietnamDate,
} from '../../../core/domain/council';
import { parsePoints, unitsToDecimalString } from '../../../core/domain/decimal';
import { leafNodes } from '../../../core/domain/framework';
import { topLevelCodes } from '../../../core/domain/framework-tree';
import { AppError, type Bilingual } from '../../../core/errors';
import type {
  AccountabilityView,
  CouncilDivisionRow,
  CouncilLeaf,
  councilRecordBody,
  CouncilResult,
  councilScoresBody,
  CouncilSheet,
  DivisionBrief,
  ResponsibilitiesView,
  responsibilitiesBody,
} from '../../../core/schemas/council';
import type { SnapshotNode } from '../../../core/schemas/publication';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { abilitiesFor, type Action, authorize, can, requireActor } from '../../policies';
import { loadPeriod, periodFrameworksOf } from '../periods/service';
import { publishedAgencyResult } from '../publication/service';
import { compiledFramework } from '../results/compute';
import * as q from './queries';

const field = (path: string, vi: string, en: string) => ({ path, message: { vi, en } as Bilingual });

/** A recorded evaluation is immutable: every change is refused with this. */
function recordedError(e: q.EvaluationRow, year: number): AppError {
  return new AppError(
    'invalid_state',
    {
      vi: `Kết quả hội đồng năm ${year} đã được ghi nhận (quyết định số ${e.decisionNumber}) nên không thể thay đổi.`,
      en: `The ${year} council result is recorded (decision ${e.decisionNumber}) and cannot change.`,
    },
    { details: { evaluationId: e.id, status: e.status } },
  );
}

/**
 * Loads what every council question needs: the agency (404 outside the province), the actor's permission, the
 * period, the framework the period applies to the agency's group, its leaves, and the published result of the
 * period's year (null before publication).
 */
async function loadCouncil(ctx: Ctx, agencyId: number, periodId: number, action: Action) {
  const actor = requireActor(ctx.actor);
  const agency = await q.findAgency(ctx.db, agencyId);
  if (!agency || agency.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, action, { provinceId: agency.provinceId, agencyId });
  const period = await loadPeriod(ctx, periodId);
  const pf = (await periodFrameworksOf(ctx.db, periodId)).find((f) => f.groupId === agency.groupId);
  const entry = pf ? await compiledFramework(ctx.db, pf.frameworkId) : null;
  if (!pf || !entry) {
    throw new AppError('not_found', {
      vi: `Kỳ đánh giá năm ${period.year} không có bộ tiêu chí cho nhóm của ${agency.nameVi}.`,
      en: `The ${period.year} period has no criteria framework for ${agency.nameEn || agency.nameVi}'s group.`,
    });
  }
  const nodes = entry.document.nodes;
  const leaves = leafNodes(nodes);
  const tops = topLevelCodes(nodes);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const published = await publishedAgencyResult(ctx, agency.provinceId, period.year, agencyId);
  const scored = new Map<string, SnapshotNode>();
  const walk = (n: SnapshotNode) => (n.children.length ? n.children.forEach(walk) : scored.set(n.code, n));
  published?.scorecard.tree.forEach(walk);
  return { actor, agency, period, frameworkId: pf.frameworkId, frameworkName: entry.document.nameVi, leaves, tops, byCode, published, scored };
}
type Loaded = Awaited<ReturnType<typeof loadCouncil>>;

const brief = (d: q.DivisionRow): DivisionBrief => ({ id: d.id, code: d.code, nameVi: d.nameVi, nameEn: d.nameEn, isActive: d.isActive });

function resultOf(c: Loaded, totalLost: number): CouncilResult | null {
  const p = c.published;
  if (!p) return null;
  return {
    revision: p.revision,
    decisionNumber: p.decisionNumber,
    rank: p.row.rank,
    groupSize: p.group.agencies.length,
    groupNameVi: p.group.group.nameVi,
    groupNameEn: p.group.group.nameEn,
    totalIndex: p.row.totalIndex,
    rankChange: p.row.rankChange,
    classification: p.row.classification,
    totalLost: unitsToDecimalString(totalLost),
  };
}

/** A leaf of the framework with what the published result says of it (points and the loss the council counts). */
function councilLeaf(c: Loaded, code: string): CouncilLeaf & { units: number } {
  const node = c.byCode.get(code)!;
  const s = c.scored.get(code);
  const kind = (node.kind ?? 'regular') as CouncilLeaf['kind'];
  const units = s ? leafLossUnits({ code, kind, points: s.points, lost: s.lost, notApplicable: s.notApplicable } satisfies ScoredLeaf) : 0;
  return { code, nameVi: node.nameVi, nameEn: node.nameEn, kind, max: node.maxPoints, points: s ? s.points : null, lost: s ? unitsToDecimalString(units) : null, units };
}
const stripUnits = ({ units: _u, ...leaf }: CouncilLeaf & { units: number }): CouncilLeaf => leaf;

interface LiveFacts {
  result: CouncilResult | null;
  today: string;
  rows: CouncilDivisionRow[];
  unassigned: CouncilSheet['unassigned'];
  leafCount: number;
  tasks: Awaited<ReturnType<typeof q.councilTasks>>;
}

/**
 * The council sheet computed now: per division its leaves, the points lost on them in the published result, its
 * tasks of the year and, from the evaluation, its score, comment and rank (live ranking for a draft).
 */
async function liveFacts(ctx: Ctx, c: Loaded, evaluation: q.EvaluationRow | null): Promise<LiveFacts> {
  const [assignments, divisions, scores, tasks] = await Promise.all([
    q.listDivisionLeaves(ctx.db, c.period.id, c.agency.id),
    q.listDivisions(ctx.db, c.agency.id),
    evaluation ? q.listScores(ctx.db, evaluation.id) : Promise.resolve([]),
    q.councilTasks(ctx.db, c.agency.id, c.period.year),
  ]);
  const today = vietnamDate(ctx.now);
  const divisionOf = new Map(assignments.map((a) => [a.nodeCode, a.divisionId]));
  const leaves = c.leaves.map((l) => councilLeaf(c, l.code));
  const totalLost = leaves.reduce((sum, l) => sum + l.units, 0);
  const scoreOf = new Map(scores.map((s) => [s.divisionId, s]));
  const tasksOf = new Map<number, typeof tasks>();
  for (const t of tasks) if (t.leadDivisionId !== null) tasksOf.set(t.leadDivisionId, [...(tasksOf.get(t.leadDivisionId) ?? []), t]);
  const shown = divisions.filter((d) => d.isActive || scoreOf.has(d.id) || tasksOf.has(d.id) || assignments.some((a) => a.divisionId === d.id));
  const ranks = rankDivisions(shown.map((d) => ({ divisionId: d.id, code: d.code, nameVi: d.nameVi, score: scoreOf.get(d.id)?.score != null ? parseCouncilScore(scoreOf.get(d.id)!.score!) : null })));
  const rows: CouncilDivisionRow[] = shown.map((d) => {
    const own = leaves.filter((l) => divisionOf.get(l.code) === d.id);
    const lost = own.reduce((sum, l) => sum + l.units, 0);
    const s = scoreOf.get(d.id);
    const r = ranks.get(d.id);
    return {
      division: brief(d),
      leaves: own.map(stripUnits),
      lostPoints: c.published ? unitsToDecimalString(lost) : null,
      lossShare: c.published ? lossShare(lost, totalLost) : null,
      tasks: taskStats(
        (tasksOf.get(d.id) ?? []).map((t) => ({ status: t.status, dueOn: t.dueOn, completedOn: t.completedAt ? vietnamDate(t.completedAt) : null })),
        today,
      ),
      score: s?.score != null ? formatCouncilScore(parseCouncilScore(s.score)!) : null,
      comment: s?.comment ?? '',
      rank: evaluation?.status === 'recorded' ? (s?.rank ?? null) : (r?.rank ?? null),
      tied: r?.tied ?? false,
    };
  });
  const orphan = leaves.filter((l) => !divisionOf.has(l.code));
  const orphanLost = orphan.reduce((sum, l) => sum + l.units, 0);
  return {
    result: resultOf(c, totalLost),
    today,
    rows,
    unassigned: { leafCount: orphan.length, lostPoints: c.published ? unitsToDecimalString(orphanLost) : null, leaves: orphan.filter((l) => l.units > 0).map(stripUnits) },
    leafCount: leaves.length,
    tasks,
  };
}

/** The facts frozen at recording (the sheet as the council decided on it). */
interface FrozenFacts {
  result: CouncilResult | null;
  today: string;
  rows: CouncilDivisionRow[];
  unassigned: CouncilSheet['unassigned'];
  leafCount: number;
}

function presentEvaluation(e: q.EvaluationRow, recordedByName: string | null): NonNullable<CouncilSheet['evaluation']> {
  return {
    id: e.id,
    status: e.status as 'draft' | 'recorded',
    decisionNumber: e.decisionNumber,
    decidedOn: e.decidedOn,
    note: e.note,
    recordedAt: e.recordedAt ? e.recordedAt.toISOString() : null,
    recordedBy: recordedByName,
    updatedAt: e.updatedAt.toISOString(),
    version: e.version,
  };
}

async function buildSheet(ctx: Ctx, c: Loaded): Promise<CouncilSheet> {
  const found = await q.findEvaluation(ctx.db, c.agency.id, c.period.id);
  const evaluation = found?.e ?? null;
  const frozen = evaluation?.status === 'recorded' ? ((await q.recordedFacts(ctx.db, evaluation.id)) as FrozenFacts | null) : null;
  const facts: FrozenFacts = frozen ?? (await liveFacts(ctx, c, evaluation));
  const manage = can(c.actor, 'council.manage', { provinceId: c.agency.provinceId, agencyId: c.agency.id });
  const draft = evaluation?.status !== 'recorded';
  return {
    agency: { id: c.agency.id, code: c.agency.code, nameVi: c.agency.nameVi, nameEn: c.agency.nameEn },
    period: { id: c.period.id, year: c.period.year, phase: c.period.phase },
    result: facts.result,
    evaluation: evaluation ? presentEvaluation(evaluation, found?.recordedByName ?? null) : null,
    factsAsOf: frozen && evaluation?.recordedAt ? evaluation.recordedAt.toISOString() : null,
    today: frozen ? facts.today : vietnamDate(ctx.now),
    divisions: facts.rows,
    unassigned: facts.unassigned,
    leafCount: facts.leafCount,
    abilities: { manage, score: manage && draft, record: manage && draft && evaluation !== null, assign: manage && draft, export: true },
  };
}

/** The council sheet of an agency for a period. */
export async function getSheet(ctx: Ctx, agencyId: number, periodId: number): Promise<CouncilSheet> {
  const c = await loadCouncil(ctx, agencyId, periodId, 'council.read');
  return buildSheet(ctx, c);
}

// ---------- responsibilities ----------

async function presentResponsibilities(ctx: Ctx, c: Loaded): Promise<ResponsibilitiesView> {
  const [assignments, divisions, found] = await Promise.all([
    q.listDivisionLeaves(ctx.db, c.period.id, c.agency.id),
    q.listDivisions(ctx.db, c.agency.id),
    q.findEvaluation(ctx.db, c.agency.id, c.period.id),
  ]);
  const divisionOf = new Map(assignments.map((a) => [a.nodeCode, a.divisionId]));
  const locked = found?.e.status === 'recorded';
  return {
    agency: { id: c.agency.id, code: c.agency.code, nameVi: c.agency.nameVi, nameEn: c.agency.nameEn },
    period: { id: c.period.id, year: c.period.year, phase: c.period.phase },
    framework: { id: c.frameworkId, nameVi: c.frameworkName },
    published: c.published !== null,
    locked,
    divisions: divisions.filter((d) => d.isActive || assignments.some((a) => a.divisionId === d.id)).map(brief),
    leaves: c.leaves.map((l) => {
      const leaf = councilLeaf(c, l.code);
      const top = c.byCode.get(c.tops.get(l.code) ?? l.code);
      return {
        code: l.code,
        fieldCode: top?.code ?? l.code,
        fieldNameVi: top?.nameVi ?? '',
        fieldNameEn: top?.nameEn ?? '',
        nameVi: leaf.nameVi,
        nameEn: leaf.nameEn,
        kind: leaf.kind,
        max: leaf.max,
        lost: leaf.lost,
        divisionId: divisionOf.get(l.code) ?? null,
      };
    }),
    abilities: { ...abilitiesFor(c.actor, ['council.manage'], { provinceId: c.agency.provinceId, agencyId: c.agency.id }), assign: !locked && can(c.actor, 'council.manage', { provinceId: c.agency.provinceId, agencyId: c.agency.id }) },
  };
}

/** Which division answers for which leaf of the agency's framework in the period. */
export async function getResponsibilities(ctx: Ctx, agencyId: number, periodId: number): Promise<ResponsibilitiesView> {
  return presentResponsibilities(ctx, await loadCouncil(ctx, agencyId, periodId, 'council.read'));
}

/**
 * Sets (or clears, with divisionId null) the division of leaves: only real leaves of the period's framework, only
 * the agency's own active divisions; refused once the period's council is recorded.
 */
export async function setResponsibilities(ctx: Ctx, agencyId: number, input: z.infer<typeof responsibilitiesBody>): Promise<ResponsibilitiesView> {
  const c = await loadCouncil(ctx, agencyId, input.periodId, 'council.manage');
  const found = await q.findEvaluation(ctx.db, agencyId, c.period.id);
  if (found?.e.status === 'recorded') throw recordedError(found.e, c.period.year);
  const leafCodes = new Set(c.leaves.map((l) => l.code));
  const divisions = await q.listDivisions(ctx.db, agencyId);
  const fields: ReturnType<typeof field>[] = [];
  const seen = new Set<string>();
  input.assignments.forEach((a, i) => {
    if (!leafCodes.has(a.nodeCode)) {
      fields.push(field(`assignments.${i}.nodeCode`, `"${a.nodeCode}" không phải tiêu chí thành phần của bộ tiêu chí năm ${c.period.year}.`, `"${a.nodeCode}" is not a leaf of the ${c.period.year} framework.`));
    } else if (seen.has(a.nodeCode)) {
      fields.push(field(`assignments.${i}.nodeCode`, 'Tiêu chí bị lặp.', 'Duplicate leaf.'));
    }
    seen.add(a.nodeCode);
    if (a.divisionId !== null) {
      const d = divisions.find((x) => x.id === a.divisionId);
      if (!d) fields.push(field(`assignments.${i}.divisionId`, 'Phòng, bộ phận không thuộc cơ quan.', 'The division is not one of the agency’s.'));
      else if (!d.isActive) fields.push(field(`assignments.${i}.divisionId`, `${d.nameVi} đã ngừng hoạt động.`, `${d.nameEn || d.nameVi} is inactive.`));
    }
  });
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  const before = new Map((await q.listDivisionLeaves(ctx.db, c.period.id, agencyId)).map((a) => [a.nodeCode, a.divisionId]));
  const changes = input.assignments.filter((a) => (before.get(a.nodeCode) ?? null) !== a.divisionId);
  if (changes.length) {
    await ctx.db.transaction(async (tx) => {
      await q.upsertDivisionLeaves(
        tx,
        c.period.id,
        agencyId,
        changes.filter((a) => a.divisionId !== null).map((a) => ({ nodeCode: a.nodeCode, divisionId: a.divisionId! })),
      );
      await q.deleteDivisionLeaves(tx, c.period.id, agencyId, changes.filter((a) => a.divisionId === null).map((a) => a.nodeCode));
      await appendAudit(tx, ctx, {
        action: 'council.responsibilities',
        entityType: 'agency',
        entityId: agencyId,
        oldValue: { periodId: c.period.id, leaves: Object.fromEntries(changes.map((a) => [a.nodeCode, before.get(a.nodeCode) ?? null])) },
        newValue: { periodId: c.period.id, leaves: Object.fromEntries(changes.map((a) => [a.nodeCode, a.divisionId])) },
      });
    });
  }
  return presentResponsibilities(ctx, c);
}

// ---------- scores and recording ----------

/**
 * Saves the council's scores (0..100, 2 decimals) and comments; the first save creates the draft evaluation
 * (version null), later saves carry its version. A recorded evaluation refuses every change.
 */
export async function saveScores(ctx: Ctx, agencyId: number, input: z.infer<typeof councilScoresBody>): Promise<CouncilSheet> {
  const c = await loadCouncil(ctx, agencyId, input.periodId, 'council.manage');
  const found = await q.findEvaluation(ctx.db, agencyId, c.period.id);
  const current = found?.e ?? null;
  if (current?.status === 'recorded') throw recordedError(current, c.period.year);
  if ((current === null) !== (input.version === null)) throw new AppError('conflict', undefined, { details: { currentVersion: current?.version ?? null } });
  const divisions = await q.listDivisions(ctx.db, agencyId);
  const fields: ReturnType<typeof field>[] = [];
  const seen = new Set<number>();
  input.scores.forEach((s, i) => {
    const d = divisions.find((x) => x.id === s.divisionId);
    if (!d) fields.push(field(`scores.${i}.divisionId`, 'Phòng, bộ phận không thuộc cơ quan.', 'The division is not one of the agency’s.'));
    else if (!d.isActive && s.score !== null) fields.push(field(`scores.${i}.divisionId`, `${d.nameVi} đã ngừng hoạt động.`, `${d.nameEn || d.nameVi} is inactive.`));
    if (seen.has(s.divisionId)) fields.push(field(`scores.${i}.divisionId`, 'Phòng bị lặp.', 'Duplicate division.'));
    seen.add(s.divisionId);
  });
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  const rows = input.scores.map((s) => ({ divisionId: s.divisionId, score: s.score === null ? null : formatCouncilScore(parseCouncilScore(s.score)!), comment: s.comment }));
  await ctx.db.transaction(async (tx) => {
    let evaluation: q.EvaluationRow;
    const before = current ? await q.listScores(tx, current.id) : [];
    if (!current) {
      const created = await q.insertEvaluation(tx, { agencyId, periodId: c.period.id, note: input.note ?? '', createdAt: ctx.now, updatedAt: ctx.now });
      if (!created) throw new AppError('conflict', undefined, { details: { currentVersion: null } });
      evaluation = created;
      await appendAudit(tx, ctx, { action: 'council.create', entityType: 'council_evaluation', entityId: created.id, newValue: { agencyId, periodId: c.period.id, year: c.period.year } });
    } else {
      const updated = await q.updateDraftVersioned(tx, current.id, input.version!, { ...(input.note !== undefined ? { note: input.note } : {}), updatedAt: ctx.now });
      if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: current.version } });
      evaluation = updated;
    }
    await q.upsertScores(tx, evaluation.id, rows);
    const old = new Map(before.map((b) => [b.divisionId, { score: b.score === null ? null : formatCouncilScore(parseCouncilScore(b.score)!), comment: b.comment }]));
    const changed = rows.filter((r) => old.get(r.divisionId)?.score !== r.score || (old.get(r.divisionId)?.comment ?? '') !== r.comment);
    await appendAudit(tx, ctx, {
      action: 'council.scores',
      entityType: 'council_evaluation',
      entityId: evaluation.id,
      oldValue: { version: current?.version ?? null, scores: changed.map((r) => ({ divisionId: r.divisionId, ...(old.get(r.divisionId) ?? { score: null, comment: '' }) })) },
      newValue: { version: evaluation.version, note: input.note, scores: changed },
    });
  });
  return buildSheet(ctx, c);
}

/**
 * Records the council's result with its decision number and date: every active division must be scored; the ranks
 * are fixed and the sheet's facts frozen (kept in the audit entry); afterwards the evaluation is immutable.
 */
export async function recordEvaluation(ctx: Ctx, agencyId: number, input: z.infer<typeof councilRecordBody>): Promise<CouncilSheet> {
  const c = await loadCouncil(ctx, agencyId, input.periodId, 'council.manage');
  const found = await q.findEvaluation(ctx.db, agencyId, c.period.id);
  if (!found) {
    throw new AppError('invalid_state', { vi: 'Hội đồng chưa chấm điểm phòng nào nên chưa thể ghi nhận kết quả.', en: 'The council has scored no division yet, so there is nothing to record.' });
  }
  const evaluation = found.e;
  if (evaluation.status === 'recorded') throw recordedError(evaluation, c.period.year);
  const today = vietnamDate(ctx.now);
  if (input.decidedOn > today) throw new AppError('validation_failed', undefined, { fields: [field('decidedOn', 'Ngày quyết định không được sau ngày hôm nay.', 'The decision date cannot be after today.')] });
  if (input.decidedOn < `${c.period.year}-01-01`) {
    throw new AppError('validation_failed', undefined, { fields: [field('decidedOn', `Ngày quyết định phải từ năm ${c.period.year} trở đi.`, `The decision date must be in ${c.period.year} or later.`)] });
  }
  const facts = await liveFacts(ctx, c, evaluation);
  const missing = facts.rows.filter((r) => r.division.isActive && r.score === null);
  if (missing.length || !facts.rows.some((r) => r.score !== null)) {
    const codes = missing.map((r) => r.division.code);
    throw new AppError(
      'invalid_state',
      { vi: `Còn ${codes.length} phòng, bộ phận chưa được chấm điểm: ${codes.join(', ')}.`, en: `${codes.length} divisions are not scored yet: ${codes.join(', ')}.` },
      { details: { missing: codes } },
    );
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateDraftVersioned(tx, evaluation.id, input.version, {
      status: 'recorded',
      decisionNumber: input.decisionNumber,
      decidedOn: input.decidedOn,
      recordedBy: c.actor.userId,
      recordedAt: ctx.now,
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: evaluation.version } });
    for (const r of facts.rows) if (r.rank !== null) await q.setRank(tx, evaluation.id, r.division.id, r.rank);
    const frozen: FrozenFacts = { result: facts.result, today: facts.today, rows: facts.rows, unassigned: facts.unassigned, leafCount: facts.leafCount };
    await appendAudit(tx, ctx, {
      action: 'council.record',
      entityType: 'council_evaluation',
      entityId: evaluation.id,
      oldValue: { status: 'draft', version: evaluation.version },
      newValue: { status: 'recorded', decisionNumber: input.decisionNumber, decidedOn: input.decidedOn, ranking: facts.rows.filter((r) => r.rank !== null).map((r) => ({ division: r.division.code, score: r.score, rank: r.rank })), facts: frozen },
    });
  });
  return buildSheet(ctx, c);
}

// ---------- accountability ----------

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The agency head's accountability view, live: which division lost what (share of the agency's lost points, its
 * costliest leaves) and who is behind on tasks (the overdue ones, oldest first); most lost points first.
 */
export async function getAccountability(ctx: Ctx, agencyId: number, periodId: number): Promise<AccountabilityView> {
  const c = await loadCouncil(ctx, agencyId, periodId, 'council.read');
  const found = await q.findEvaluation(ctx.db, agencyId, c.period.id);
  const facts = await liveFacts(ctx, c, found?.e ?? null);
  const lossOf = (r: { lostPoints: string | null }) => (r.lostPoints === null ? 0 : parsePoints(r.lostPoints));
  const divisions = facts.rows
    .map((r) => ({
      division: r.division,
      lostPoints: r.lostPoints,
      lossShare: r.lossShare,
      topLeaves: [...r.leaves].filter((l) => l.lost !== null && parsePoints(l.lost) > 0).sort((a, b) => parsePoints(b.lost!) - parsePoints(a.lost!)).slice(0, 3),
      tasks: r.tasks,
      overdueTasks: facts.tasks
        .filter((t) => t.leadDivisionId === r.division.id && t.status !== 'done' && t.status !== 'cancelled' && t.dueOn !== null && t.dueOn < facts.today)
        .map((t) => ({ id: t.id, title: t.title, nodeCode: t.nodeCode, dueOn: t.dueOn!, daysOverdue: daysBetween(t.dueOn!, facts.today), status: t.status })),
      score: r.score,
      rank: r.rank,
    }))
    .sort((a, b) => lossOf(b) - lossOf(a) || b.tasks.overdue - a.tasks.overdue || a.division.code.localeCompare(b.division.code));
  return {
    agency: { id: c.agency.id, code: c.agency.code, nameVi: c.agency.nameVi, nameEn: c.agency.nameEn },
    period: { id: c.period.id, year: c.period.year, phase: c.period.phase },
    result: facts.result,
    today: facts.today,
    totalLost: facts.result?.totalLost ?? null,
    unassignedLost: facts.unassigned.lostPoints,
    unassignedLeafCount: facts.unassigned.leafCount,
    divisions,
  };
}
