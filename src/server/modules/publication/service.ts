import type { z } from 'zod';
import { leafNodes } from '../../../core/domain/framework';
import { actionGate, type Phase } from '../../../core/domain/workflow';
import { AppError } from '../../../core/errors';
import type { correctionBody } from '../../../core/schemas/publication';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import { correctLeaves } from '../assessments/correction';
import { notifyUsers, provinceUsers, agencyUsers } from '../notifications/service';
import { getPeriod, loadPeriod, updatePeriodVersion } from '../periods/service';
import { compiledFramework } from '../results/compute';
import { buildSnapshot, canonicalJson, type SnapshotContent } from './snapshot';
import { sha256 } from '../../lib/tokens';
import * as q from './queries';

function requirePhase(phase: string, action: 'finalise' | 'publish' | 'correct') {
  const g = actionGate(action, phase as Phase, new Date(), {});
  if (g) throw new AppError(g.code, g.message);
}

/** Loads a period for a finalisation question (secretariat). */
export async function finaliseGuard(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, id);
  authorize(actor, 'period.finalise', { provinceId: p.provinceId });
  return p;
}

/** Who has not submitted, and which leaves were never appraised, per agency (the finalisation report). */
export async function completenessReport(ctx: Ctx, periodId: number) {
  const rows = await q.completeness(ctx.db, periodId);
  const out = [];
  for (const r of rows) {
    const entry = await compiledFramework(ctx.db, r.frameworkId);
    const leaves = entry ? leafNodes(entry.document.nodes) : [];
    const survey = leaves.filter((l) => l.method?.type === 'survey').length;
    const scorable = leaves.length - survey;
    const notAppraised = Math.max(0, scorable - r.appraised);
    const surveyMissing = Math.max(0, survey - r.surveyed);
    if (r.status === 'draft' || notAppraised || surveyMissing) {
      out.push({ agencyId: r.agencyId, code: r.code, nameVi: r.nameVi, nameEn: r.nameEn, submitted: r.status !== 'draft', notAppraised, surveyMissing });
    }
  }
  return out;
}

/**
 * Finalises a period (appraisal round 2 → finalised): leaves without a round-2 score keep round 1, else the
 * self-score (the reference framework's rule). Incomplete assessments are reported and need an explicit
 * acknowledgement.
 */
export async function finalisePeriod(ctx: Ctx, id: number, version: number, acknowledgeIncomplete: boolean) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, id);
  authorize(actor, 'period.finalise', { provinceId: p.provinceId });
  requirePhase(p.phase, 'finalise');
  const incomplete = await completenessReport(ctx, id);
  if (incomplete.length && !acknowledgeIncomplete) {
    throw new AppError(
      'invalid_state',
      {
        vi: `${incomplete.length} cơ quan chưa hoàn tất (chưa gửi, còn tiêu chí chưa thẩm định hoặc thiếu điểm điều tra). Xác nhận để chốt với điểm hiện có.`,
        en: `${incomplete.length} agencies are incomplete (not submitted, leaves not appraised or survey points missing). Confirm to finalise with the scores as they are.`,
      },
      { details: { incomplete } },
    );
  }
  await ctx.db.transaction(async (tx) => {
    await updatePeriodVersion(tx, id, version, { phase: 'finalised', updatedAt: ctx.now }, p.version);
    await q.finaliseAssessments(tx, id, ctx.now);
    await appendAudit(tx, ctx, { action: 'period.finalise', entityType: 'period', entityId: id, oldValue: { phase: 'appraisal2' }, newValue: { phase: 'finalised', incomplete: incomplete.map((i) => i.code) } });
  });
  return getPeriod(ctx, id);
}

async function freeze(ctx: Ctx, periodId: number, provinceId: number, meta: { decisionNumber: string; decisionDate: string | null; reason: string | null }, tx: Ctx['db']) {
  const latest = await q.latestSnapshot(tx, periodId);
  const revision = (latest?.revision ?? 0) + 1;
  const { content, hash } = await buildSnapshot(tx, provinceId, periodId, { revision, ...meta });
  return q.insertSnapshot(tx, {
    periodId,
    revision,
    content,
    contentHash: hash,
    reason: meta.reason,
    decisionNumber: meta.decisionNumber,
    decisionDate: meta.decisionDate,
    publishedAt: ctx.now,
    publishedBy: ctx.actor?.userId ?? null,
  });
}

/**
 * Publishes a finalised period: its results are frozen as an immutable snapshot with a SHA-256 content hash, shown
 * on the public page; everyone is notified.
 */
export async function publishPeriod(ctx: Ctx, id: number, input: { version: number; decisionNumber: string; decisionDate: string | null }) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, id);
  authorize(actor, 'period.publish', { provinceId: p.provinceId });
  requirePhase(p.phase, 'publish');
  const snapshot = await ctx.db.transaction(async (tx) => {
    await updatePeriodVersion(tx, id, input.version, { phase: 'published', updatedAt: ctx.now }, p.version);
    const s = await freeze(ctx, id, p.provinceId, { decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, reason: null }, tx);
    await appendAudit(tx, ctx, { action: 'period.publish', entityType: 'period', entityId: id, newValue: { revision: s.revision, contentHash: s.contentHash, decisionNumber: input.decisionNumber } });
    const agencyIds = (s.content as SnapshotContent).groups.flatMap((g) => g.agencies.map((a) => a.agencyId));
    const recipients = [
      ...(await provinceUsers(tx, p.provinceId, ['secretariat', 'appraiser', 'admin'])),
      ...(await agencyUsers(tx, p.provinceId, agencyIds, ['agency_focal', 'agency_head', 'division_head'])),
    ];
    await notifyUsers(tx, recipients, { kind: 'period.published', title: { vi: `Đã công bố kết quả Chỉ số CCHC năm ${p.year}`, en: `PAR Index ${p.year} results published` }, link: `/results?year=${p.year}` }, ctx.now);
    return s;
  });
  return { period: await getPeriod(ctx, id), snapshot: summary(snapshot, null, true) };
}

/**
 * Corrects a published result: the secretariat changes final scores with a reason, which makes a new snapshot
 * revision; earlier revisions stay visible to the secretariat.
 */
export async function correctPublished(ctx: Ctx, id: number, input: z.infer<typeof correctionBody>) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, id);
  authorize(actor, 'period.correct', { provinceId: p.provinceId });
  requirePhase(p.phase, 'correct');
  const latest = await q.latestSnapshot(ctx.db, id);
  const snapshot = await ctx.db.transaction(async (tx) => {
    await correctLeaves({ ...ctx, db: tx }, id, input.changes, input.reason);
    const s = await freeze(ctx, id, p.provinceId, { decisionNumber: input.decisionNumber ?? latest?.decisionNumber ?? '', decisionDate: latest?.decisionDate ?? null, reason: input.reason }, tx);
    await appendAudit(tx, ctx, { action: 'period.correct', entityType: 'period', entityId: id, reason: input.reason, oldValue: { revision: latest?.revision ?? null, contentHash: latest?.contentHash ?? null }, newValue: { revision: s.revision, contentHash: s.contentHash, changes: input.changes } });
    return s;
  });
  return summary(snapshot, null, true);
}

function summary(s: q.SnapshotRow, publishedByName: string | null, isLatest: boolean) {
  const content = s.content as SnapshotContent;
  return {
    id: s.id,
    periodId: s.periodId,
    year: content.period.year,
    revision: s.revision,
    contentHash: s.contentHash,
    reason: s.reason,
    decisionNumber: s.decisionNumber,
    decisionDate: s.decisionDate,
    publishedAt: s.publishedAt.toISOString(),
    publishedBy: publishedByName,
    isLatest,
  };
}

/** Every publication revision of a period (secretariat and admins). */
export async function listSnapshots(ctx: Ctx, periodId: number) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, periodId);
  authorize(actor, 'results.readSnapshots', { provinceId: p.provinceId });
  const rows = await q.listSnapshots(ctx.db, periodId);
  return rows.map((r, i) => summary(r.snapshot, r.publishedByName, i === 0));
}

/** One revision's full content, with its hash verified against the stored content. */
export async function getSnapshot(ctx: Ctx, periodId: number, revision: number) {
  const actor = requireActor(ctx.actor);
  const p = await loadPeriod(ctx, periodId);
  authorize(actor, 'results.readSnapshots', { provinceId: p.provinceId });
  const s = await q.snapshotByRevision(ctx.db, periodId, revision);
  if (!s) throw new AppError('not_found');
  return { ...summary(s, null, false), verified: sha256(canonicalJson(s.content)) === s.contentHash, content: s.content };
}

// ---------- public (no login) ----------

/**
 * Whether a stored snapshot still matches its published hash. The check (canonical JSON + SHA-256 of the whole
 * content) is remembered per snapshot and row version, so it runs once per row version and process, and any write
 * to the row (possible only for the tables' owner with the immutability triggers disabled) is verified afresh.
 */
const verifiedRows = new Map<string, boolean>();

async function verifySnapshot(ctx: Ctx, s: { id: number; rowVersion: string; content?: unknown; contentHash?: string }): Promise<boolean> {
  const key = `${s.id}:${s.rowVersion}`;
  const known = verifiedRows.get(key);
  if (known !== undefined) return known;
  const row = s.content !== undefined && s.contentHash !== undefined ? { content: s.content, contentHash: s.contentHash } : await q.snapshotContent(ctx.db, s.id);
  const ok = !!row && sha256(canonicalJson(row.content)) === row.contentHash;
  if (verifiedRows.size >= 1000) verifiedRows.clear();
  verifiedRows.set(key, ok);
  if (!ok) ctx.log?.error({ snapshotId: s.id }, 'published snapshot does not match its hash');
  return ok;
}

async function publicProvince(ctx: Ctx, code: string) {
  const province = await q.findProvinceByCode(ctx.db, code);
  if (!province) throw new AppError('not_found');
  return province;
}

/** A province's latest published revision of a year, named but not loaded (see {@link publicSnapshotAt}). */
export interface PublicSnapshotAt {
  province: NonNullable<Awaited<ReturnType<typeof q.findProvinceByCode>>>;
  year: number;
  head: { id: number; revision: number; contentHash: string; rowVersion: string };
}

/**
 * Which snapshot answers a public request for a province's year (public; 404 when nothing is published): its id,
 * revision, content hash and row version, without the content, so an unchanged result can be answered 304.
 */
export async function publicSnapshotAt(ctx: Ctx, provinceCode: string, year: number): Promise<PublicSnapshotAt> {
  const province = await publicProvince(ctx, provinceCode);
  const head = await q.latestSnapshotHead(ctx.db, province.id, year);
  if (!head) throw new AppError('not_found', { vi: `Chưa công bố kết quả năm ${year}.`, en: `No results published for ${year}.` });
  return { province, year, head };
}

async function publishedSnapshot(ctx: Ctx, at: PublicSnapshotAt) {
  const snapshot = await q.snapshotVersionedById(ctx.db, at.head.id);
  if (!snapshot) throw new AppError('not_found');
  return { province: at.province, snapshot, content: snapshot.content as SnapshotContent, verified: await verifySnapshot(ctx, snapshot) };
}

/**
 * The years a province has published, with their groups (public), and `version`: a digest of the province and of
 * every latest revision with its row version (the entity tag's source), null when a revision fails its hash check.
 */
export async function publicIndex(ctx: Ctx, provinceCode: string) {
  const province = await publicProvince(ctx, provinceCode);
  const rows = await q.publishedPeriods(ctx.db, province.id);
  const verified = new Map<number, boolean>();
  for (const r of rows) verified.set(r.snapshot_id, await verifySnapshot(ctx, { id: r.snapshot_id, rowVersion: r.row_version }));
  const allVerified = [...verified.values()].every(Boolean);
  const version = allVerified
    ? sha256([province.code, province.nameVi, province.nameEn, ...rows.map((r) => `${r.snapshot_id}:${r.revision}:${r.content_hash}:${r.row_version}`).sort()].join('|'))
    : null;
  const body = {
    province: { code: province.code, nameVi: province.nameVi, nameEn: province.nameEn },
    years: rows
      .sort((a, b) => b.year - a.year)
      .map((r) => ({
        verified: verified.get(r.snapshot_id)!,
        year: r.year,
        revision: r.revision,
        publishedAt: new Date(r.published_at).toISOString(),
        decisionNumber: r.decision_number,
        decisionDate: r.decision_date ? String(r.decision_date).slice(0, 10) : null,
        contentHash: r.content_hash,
        groups: ((typeof r.groups === 'string' ? JSON.parse(r.groups) : r.groups) as SnapshotContent['groups']).map((g) => ({
          code: g.group.code,
          nameVi: g.group.nameVi,
          nameEn: g.group.nameEn,
          agencyCount: g.agencies.length,
        })),
      })),
  };
  return { body, version };
}

/** A group's published ranking for a year (public, from the latest snapshot). */
export async function publicGroupResults(ctx: Ctx, at: PublicSnapshotAt, groupCode: string) {
  // The ranking alone: the scorecards are most of a large province's content and are read only to verify the hash,
  // once per row version (see verifySnapshot).
  const snapshot = await q.snapshotRankingById(ctx.db, at.head.id);
  if (!snapshot) throw new AppError('not_found');
  const verified = await verifySnapshot(ctx, { id: snapshot.id, rowVersion: snapshot.rowVersion });
  const groups = (typeof snapshot.groups === 'string' ? JSON.parse(snapshot.groups) : snapshot.groups) as SnapshotContent['groups'];
  const results = groups.find((g) => g.group.code === groupCode);
  if (!results) throw new AppError('not_found');
  const { province, year } = at;
  return {
    province: { code: province.code, nameVi: province.nameVi, nameEn: province.nameEn },
    year,
    revision: snapshot.revision,
    publishedAt: snapshot.publishedAt.toISOString(),
    decisionNumber: snapshot.decisionNumber,
    decisionDate: snapshot.decisionDate,
    contentHash: snapshot.contentHash,
    verified,
    results,
  };
}

/** An agency's published scorecard (public). */
export async function publicScorecard(ctx: Ctx, at: PublicSnapshotAt, agencyCode: string) {
  const { province, snapshot, content, verified } = await publishedSnapshot(ctx, at);
  const year = at.year;
  const card = Object.values(content.scorecards).find((c) => c.agency.code === agencyCode);
  if (!card) throw new AppError('not_found');
  const row = content.groups.flatMap((g) => g.agencies).find((a) => a.code === agencyCode) ?? null;
  return {
    province: { code: province.code, nameVi: province.nameVi, nameEn: province.nameEn },
    year,
    revision: snapshot.revision,
    contentHash: snapshot.contentHash,
    verified,
    decisionNumber: snapshot.decisionNumber,
    publishedAt: snapshot.publishedAt.toISOString(),
    row,
    scorecard: card,
  };
}

/** The full frozen content of the latest revision (public; its SHA-256 is the published hash, `verified` says whether it still is). */
export async function publicSnapshotJson(ctx: Ctx, at: PublicSnapshotAt) {
  const { snapshot, verified } = await publishedSnapshot(ctx, at);
  return { body: canonicalJson(snapshot.content), hash: snapshot.contentHash, verified };
}

/** The latest published results of a year in the actor's province (for dashboards), or null. */
export async function latestPublishedResults(ctx: Ctx, provinceId: number, year: number): Promise<{ groups: SnapshotContent['groups'] } | null> {
  const period = await q.findPeriodByYear(ctx.db, provinceId, year);
  const snapshot = period ? await q.latestSnapshot(ctx.db, period.id) : null;
  return snapshot ? { groups: (snapshot.content as SnapshotContent).groups } : null;
}

/**
 * An agency's published result for a year in the actor's province, from the latest snapshot: its ranking row,
 * its group's results and its explained scorecard (every node with points, max and points lost). Null when the
 * year is not published or the agency was not ranked. Analysis, remediation and the internal council read this.
 */
export async function publishedAgencyResult(ctx: Ctx, provinceId: number, year: number, agencyId: number) {
  const period = await q.findPeriodByYear(ctx.db, provinceId, year);
  const snapshot = period ? await q.latestSnapshot(ctx.db, period.id) : null;
  if (!period || !snapshot) return null;
  const content = snapshot.content as SnapshotContent;
  const card = content.scorecards[String(agencyId)];
  const group = content.groups.find((g) => g.agencies.some((a) => a.agencyId === agencyId));
  if (!card || !group) return null;
  return {
    periodId: period.id,
    year,
    revision: snapshot.revision,
    decisionNumber: snapshot.decisionNumber,
    decisionDate: snapshot.decisionDate,
    contentHash: snapshot.contentHash,
    group,
    row: group.agencies.find((a) => a.agencyId === agencyId)!,
    scorecard: card,
  };
}

/** The latest published snapshot of a year in a province (full content and its metadata), or null. No authorization: callers authorize. */
export async function latestSnapshotOf(ctx: Ctx, provinceId: number, year: number) {
  const period = await q.findPeriodByYear(ctx.db, provinceId, year);
  const snapshot = period ? await q.latestSnapshot(ctx.db, period.id) : null;
  if (!period || !snapshot) return null;
  return {
    periodId: period.id,
    year,
    revision: snapshot.revision,
    decisionNumber: snapshot.decisionNumber,
    decisionDate: snapshot.decisionDate,
    contentHash: snapshot.contentHash,
    publishedAt: snapshot.publishedAt,
    content: snapshot.content as SnapshotContent,
  };
}

/** The years with published results in a province, newest first. */
export async function publishedYearsOf(ctx: Ctx, provinceId: number): Promise<number[]> {
  return (await q.publishedPeriods(ctx.db, provinceId)).map((r) => r.year).sort((a, b) => b - a);
}

/** Provinces with published results (public): code, names and the latest published year. */
export async function publicProvinces(ctx: Ctx) {
  return (await q.provincesWithResults(ctx.db)).map((r) => ({ code: r.code, nameVi: r.name_vi, nameEn: r.name_en, latestYear: r.latest_year }));
}

/**
 * The latest published results of a year in a province without the scorecards (every group's ranking rows, the
 * province, the period and the decision), or null. Lighter than {@link latestSnapshotOf} for a large province: the
 * results annex reads this. No authorization: callers authorize.
 */
export async function latestPublishedRankingOf(ctx: Ctx, provinceId: number, year: number) {
  const period = await q.findPeriodByYear(ctx.db, provinceId, year);
  const row = period ? await q.latestSnapshotResults(ctx.db, period.id) : null;
  if (!period || !row) return null;
  const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as Omit<SnapshotContent, 'scorecards'>;
  return {
    periodId: period.id,
    year,
    revision: row.revision,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    contentHash: row.content_hash,
    publishedAt: new Date(row.published_at),
    content,
  };
}
