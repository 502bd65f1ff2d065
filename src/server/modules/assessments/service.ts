import type { z } from 'zod';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { leafNodes } from '../../../core/domain/framework';
import { type Phase } from '../../../core/domain/workflow';
import { AppError } from '../../../core/errors';
import type { AssessmentDetail, assessmentListQuery, AssessmentSummary, LeafView } from '../../../core/schemas/assessments';
import type { Ctx } from '../../lib/context';
import { authorize, can, hasRole, ownAgencyIds, requireActor } from '../../policies';
import { compiledFramework } from '../results/compute';
import { appraiserScope, loadPeriod } from '../periods/service';
import { allowed, deadlineOf, fieldOf, loadAssessment, type Loaded, resourceOf, visibilityFor } from './access';
import { leavesOf, stagesOf, summaryOf } from './present';
import * as q from './queries';

function evidenceMap(rows: q.LeafEvidenceRow[], assessmentId: number) {
  const out = new Map<string, LeafView['evidence']>();
  for (const r of rows) {
    if (r.assessmentId !== assessmentId) continue;
    const list = out.get(r.nodeCode) ?? [];
    list.push({ id: r.id, title: r.title, docNumber: r.docNumber, issuedOn: r.issuedOn, issuer: r.issuer, originalName: r.originalName, mime: r.mime, inline: r.mime === 'application/pdf' || r.mime.startsWith('image/') });
    out.set(r.nodeCode, list);
  }
  return out;
}

async function threadMap(ctx: Ctx, assessmentIds: number[]) {
  const messages = await q.listThreads(ctx.db, assessmentIds);
  const evidenceIds = [...new Set(messages.flatMap((m) => m.message.evidenceIds))];
  return threadMapOf(messages, evidenceIds.length ? await q.listLeafEvidence(ctx.db, assessmentIds) : []);
}

function threadMapOf(messages: q.AssessmentDetailRows['threads'], evidence: q.LeafEvidenceRow[]) {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const out = new Map<string, Map<string, LeafView['thread']>>();
  for (const { message: m, authorName } of messages) {
    const perAssessment = out.get(String(m.assessmentId)) ?? new Map<string, LeafView['thread']>();
    const list = perAssessment.get(m.nodeCode) ?? [];
    list.push({
      id: m.id,
      side: m.side as 'agency' | 'appraiser',
      kind: m.kind as 'accept' | 'dispute' | 'reply',
      body: m.body,
      authorName,
      evidence: m.evidenceIds
        .map((id) => byId.get(id))
        .filter((e): e is q.LeafEvidenceRow => !!e)
        .map((e) => ({ id: e.id, title: e.title, docNumber: e.docNumber, issuedOn: e.issuedOn, issuer: e.issuer, originalName: e.originalName, mime: e.mime, inline: e.mime === 'application/pdf' || e.mime.startsWith('image/') })),
      createdAt: m.createdAt.toISOString(),
    });
    perAssessment.set(m.nodeCode, list);
    out.set(String(m.assessmentId), perAssessment);
  }
  return out;
}

function disputedOf(threads: Map<string, LeafView['thread']> | undefined): Set<string> {
  const out = new Set<string>();
  for (const [code, list] of threads ?? []) {
    const last = [...list].reverse().find((m) => m.side === 'agency');
    if (last?.kind === 'dispute') out.add(code);
  }
  return out;
}

/** One assessment with the framework, every visible leaf (stages, evidence, thread, last year), totals and abilities. */
export async function getAssessment(ctx: Ctx, id: number): Promise<AssessmentDetail> {
  // Opening the form: context, leaves, evidence, threads and last year in one round trip.
  const l = await loadAssessment(ctx, id, undefined, { detail: true });
  return detailOf(ctx, l);
}

/** The rows of an assessment's detail: those read with the context when there, else read now. */
async function detailRows(ctx: Ctx, l: Loaded) {
  if (l.row.detail) {
    const { leaves, evidence, threads, previous } = l.row.detail;
    return { rows: leaves, evidenceRows: evidence, threads: threadMapOf(threads, evidence), previous };
  }
  const id = l.row.assessment.id;
  const [rows, evidenceRows, threads, prevId] = await Promise.all([
    q.listLeafScores(ctx.db, [id]),
    q.listLeafEvidence(ctx.db, [id]),
    threadMap(ctx, [id]),
    q.previousAssessment(ctx.db, l.row.agency.provinceId, l.row.period.year, l.row.agency.id),
  ]);
  return { rows, evidenceRows, threads, previous: prevId ? await q.previousEffective(ctx.db, prevId) : [] };
}

export async function detailOf(ctx: Ctx, l: Loaded): Promise<AssessmentDetail> {
  const id = l.row.assessment.id;
  const { rows, evidenceRows, threads, previous } = await detailRows(ctx, l);
  const lastYear = new Map<string, string | null>();
  for (const p of previous) lastYear.set(p.nodeCode, p.na ? null : unitsToDecimalString(p.units));
  const evidenceByLeaf = evidenceMap(evidenceRows, id);
  const leafThreads = threads.get(String(id));
  const phase = l.row.period.phase as Phase;
  const canAppraise = (fieldCode: string) =>
    can(l.actor, 'assessment.appraise', resourceOf(l, fieldCode)) && (phase === 'appraisal1' || phase === 'appraisal2');
  return {
    ...summaryOf(ctx, l, rows, evidenceByLeaf, disputedOf(leafThreads)),
    deadlines: {
      selfAssessment: deadlineOf(l, 'submit'),
      appraisal1: deadlineOf(l, 'appraise1'),
      explanation: deadlineOf(l, 'explain'),
      appraisal2: deadlineOf(l, 'appraise2'),
    },
    framework: l.framework,
    leaves: leavesOf(l, rows, evidenceByLeaf, leafThreads ?? new Map(), lastYear, canAppraise),
    appraiserFields: l.appraiserFields,
    stages: stagesOf(l, rows),
  };
}

/**
 * The assessments of a period the actor may see: all for staff, their own agency's for agency users, the agencies
 * they appraise for appraisers; each with progress and abilities.
 */
export async function listAssessments(ctx: Ctx, query: z.infer<typeof assessmentListQuery>): Promise<{ items: AssessmentSummary[] }> {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, query.periodId);
  authorize(actor, 'assessment.list', { provinceId: period.provinceId });
  const staff = hasRole(actor, 'admin') || hasRole(actor, 'secretariat');
  const rows = await q.listAssessments(ctx.db, period.id, { groupId: query.groupId, status: query.status, agencyIds: staff || hasRole(actor, 'appraiser') ? undefined : ownAgencyIds(actor) });
  const ids = rows.map((r) => r.assessment.id);
  const [scores, evidenceRows, threads, extensions] = await Promise.all([
    q.listLeafScores(ctx.db, ids),
    q.listLeafEvidence(ctx.db, ids),
    threadMap(ctx, ids),
    q.listExtensionsOf(ctx.db, period.id),
  ]);
  const scope = await appraiserScope(ctx.db, actor, period.id);
  const items: AssessmentSummary[] = [];
  for (const r of rows) {
    const appraiserFields = scope(r.agency.id);
    if (!can(actor, 'assessment.read', { provinceId: r.agency.provinceId, agencyId: r.agency.id, appraiserFields })) continue;
    const entry = await compiledFramework(ctx.db, r.assessment.frameworkId);
    if (!entry) continue;
    if (query.q && !`${r.agency.code} ${r.agency.nameVi}`.toLowerCase().includes(query.q.toLowerCase())) continue;
    const l: Loaded = {
      actor,
      row: { assessment: r.assessment, period, agency: r.agency, groupCode: r.groupCode },
      framework: entry.document,
      compiled: entry.compiled,
      nodeByCode: new Map(entry.document.nodes.map((n) => [n.code, n])),
      appraiserFields,
      extensions: extensions.filter((e) => e.agencyId === r.agency.id).map((e) => ({ phase: e.phase as Phase, dueAt: e.dueAt })),
      view: visibilityFor(actor, r.agency.id, period.phase as Phase, appraiserFields),
    };
    items.push(summaryOf(ctx, l, scores.filter((s) => s.assessmentId === r.assessment.id), evidenceMap(evidenceRows, r.assessment.id), disputedOf(threads.get(String(r.assessment.id)))));
  }
  return { items };
}

/** One row of an appraiser's queue: an agency's assessment × one field the actor appraises, with what is left to do. */
export interface QueueRow {
  assessmentId: number;
  agencyId: number;
  agencyCode: string;
  agencyNameVi: string;
  agencyNameEn: string;
  groupCode: string;
  fieldCode: string;
  fieldNameVi: string;
  fieldNameEn: string;
  /** Leaves of the field still to review in the current round (round 1: self-scored, not appraised; round 2: disputed, not final). */
  toReview: number;
  disputed: number;
  /** Leaves of the field the appraiser reviews (survey leaves excluded). */
  total: number;
  due: string | null;
}

/**
 * The actor's appraisal queue for a period in one pass (submitted assessments × the fields the actor appraises), so the
 * home page needs one request instead of one per assessment. Empty for an actor who appraises no field.
 */
export async function appraiserQueue(ctx: Ctx, periodId: number): Promise<QueueRow[]> {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, periodId);
  authorize(actor, 'assessment.list', { provinceId: period.provinceId });
  if (!hasRole(actor, 'appraiser')) return [];
  const scope = await appraiserScope(ctx.db, actor, period.id);
  const rows = (await q.listAssessments(ctx.db, period.id, {})).filter((r) => r.assessment.status !== 'draft' && scope(r.agency.id).length > 0);
  const ids = rows.map((r) => r.assessment.id);
  const [scores, threads, extensions] = await Promise.all([q.listLeafScores(ctx.db, ids), threadMap(ctx, ids), q.listExtensionsOf(ctx.db, period.id)]);
  const round2 = period.phase === 'appraisal2';
  const out: QueueRow[] = [];
  for (const r of rows) {
    const fields = scope(r.agency.id);
    const entry = await compiledFramework(ctx.db, r.assessment.frameworkId);
    if (!entry) continue;
    const l: Loaded = {
      actor,
      row: { assessment: r.assessment, period, agency: r.agency, groupCode: r.groupCode },
      framework: entry.document,
      compiled: entry.compiled,
      nodeByCode: new Map(entry.document.nodes.map((n) => [n.code, n])),
      appraiserFields: fields,
      extensions: extensions.filter((e) => e.agencyId === r.agency.id).map((e) => ({ phase: e.phase as Phase, dueAt: e.dueAt })),
      view: visibilityFor(actor, r.agency.id, period.phase as Phase, fields),
    };
    const byCode = new Map(scores.filter((x) => x.assessmentId === r.assessment.id).map((x) => [x.nodeCode, x]));
    const disputed = disputedOf(threads.get(String(r.assessment.id)));
    const due = deadlineOf(l, round2 ? 'appraise2' : 'appraise1');
    for (const field of fields) {
      const node = l.nodeByCode.get(field);
      if (!node) continue;
      const leaves = leafNodes(entry.document.nodes).filter((n) => fieldOf(n.code) === field && n.method?.type !== 'survey');
      const fieldDisputed = leaves.filter((n) => disputed.has(n.code));
      const toReview = round2 ? fieldDisputed.filter((n) => !byCode.get(n.code)?.finalInput).length : leaves.filter((n) => byCode.get(n.code)?.selfInput && !byCode.get(n.code)?.appraisal1Input).length;
      out.push({
        assessmentId: r.assessment.id,
        agencyId: r.agency.id,
        agencyCode: r.agency.code,
        agencyNameVi: r.agency.nameVi,
        agencyNameEn: r.agency.nameEn,
        groupCode: r.groupCode,
        fieldCode: field,
        fieldNameVi: node.nameVi,
        fieldNameEn: node.nameEn ?? node.nameVi,
        toReview,
        disputed: fieldDisputed.length,
        total: leaves.length,
        due,
      });
    }
  }
  return out;
}

/** The full history of one leaf (who, when, old → new, reason), from the audit log. */
export async function leafHistory(ctx: Ctx, id: number, code: string) {
  const l = await loadAssessment(ctx, id);
  authorize(l.actor, 'assessment.history', resourceOf(l));
  if (l.view.fields && !l.view.fields.has(fieldOf(code))) throw new AppError('forbidden');
  const rows = await q.leafHistory(ctx.db, l.row.agency.provinceId, `${id}:${code}`);
  const hideAppraisal = !l.view.appraisal1;
  return rows
    .filter((r) => !(hideAppraisal && r.action.startsWith('leaf.appraise')))
    .map((r) => ({ at: r.at.toISOString(), actorName: r.actorName, action: r.action, oldValue: r.oldValue, newValue: r.newValue, reason: r.reason }));
}

export { allowed };
