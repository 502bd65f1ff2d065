/**
 * The survey tally as the period sees it (issue 5, part 7): the pure core tally (src/core/domain/survey/tally.ts)
 * run over the valid responses of the period's questionnaires, per framework of the period (departments and
 * districts may score different survey leaves); its points become the agencies' survey points when the
 * secretariat applies it. Also the live participation dashboard of one questionnaire.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { formatIndex, formatUnits, parsePoints, tryParsePoints, type Units } from '../../../core/domain/decimal';
import {
  quotaFill,
  surveyLeavesOf,
  tallySurvey,
  type IgnoredReason,
  type Questionnaire,
  type QuotaTarget,
  type SurveyQuestion,
  type TallyAnswer,
} from '../../../core/domain/survey';
import type { QuestionnaireContent, SurveyDashboard, SurveyTallyView, TallyCell } from '../../../core/schemas/surveys';
import { AppError } from '../../../core/errors';
import { actionGate, type Phase } from '../../../core/domain/workflow';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { writeTable } from '../../lib/safe-export';
import { abilitiesFor, authorize, requireActor } from '../../policies';
import { questionnaires, surveyCodes, surveyQuotas, surveyResponses } from '../../db/schema/index';
import { enterSurveyPoints, surveyPointsState } from '../assessments/survey-points';
import { loadPeriod } from '../periods/service';
import { compiledFramework } from '../results/compute';
import { agenciesByIds } from './queries';
import { loadQuestionnaire } from './service';

/** The stored questionnaire content in the core tally's model (question scope, leaf mapping, options, sections). */
export function toCoreQuestionnaire(code: string, titleVi: string, titleEn: string, content: QuestionnaireContent): Questionnaire {
  const questions: SurveyQuestion[] = content.sections.flatMap((s) =>
    s.questions.map((qn): SurveyQuestion => {
      const base = { code: qn.code, textVi: qn.textVi, textEn: qn.textEn, required: qn.required, scope: qn.perAgency ? ('agency' as const) : ('respondent' as const), leafCodes: qn.leafCodes, section: s.code };
      switch (qn.type) {
        case 'single':
          return { ...base, type: 'single', options: qn.options };
        case 'likert':
          return { ...base, type: 'likert' };
        case 'multiple':
          return { ...base, type: 'multiple', options: qn.options };
        default:
          return { ...base, type: 'text', maxLength: qn.maxLength };
      }
    }),
  );
  return { code, titleVi, titleEn, respondentGroups: content.respondentGroups.map((g) => g.code), agencyIds: content.ratedAgencyIds.map(String), questions };
}

const pct = (h: number | null) => (h === null ? null : formatIndex(h, 'en', { percentSign: false }));

/** Live participation of one questionnaire: responses by status and group, code use, quota fill per agency × group, per day. */
export async function surveyDashboard(ctx: Ctx, id: number): Promise<SurveyDashboard> {
  const row = await loadQuestionnaire(ctx, id);
  const [statusRows, groupRows, codeRows, fillRows, dayRows, targets, agencyRows] = await Promise.all([
    ctx.db.select({ status: surveyResponses.status, n: sql<number>`count(*)::int` }).from(surveyResponses).where(eq(surveyResponses.questionnaireId, id)).groupBy(surveyResponses.status),
    ctx.db
      .select({ group: surveyResponses.respondentGroup, channel: surveyResponses.channel, n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, id), eq(surveyResponses.status, 'valid')))
      .groupBy(surveyResponses.respondentGroup, surveyResponses.channel),
    ctx.db
      .select({ group: surveyCodes.respondentGroup, issued: sql<number>`count(*)::int`, used: sql<number>`count(${surveyCodes.usedAt})::int` })
      .from(surveyCodes)
      .where(eq(surveyCodes.questionnaireId, id))
      .groupBy(surveyCodes.respondentGroup),
    // One row per response and rated agency (a matrix response counts for each agency it rated).
    ctx.db.execute(sql`
      select distinct r.id as response_id, r.respondent_group, (a->>'a')::int as agency_id
      from survey_responses r cross join lateral jsonb_array_elements(r.answers) a
      where r.questionnaire_id = ${id} and r.status = 'valid' and a ? 'a'`),
    ctx.db
      .select({ date: sql<string>`to_char(${surveyResponses.submittedAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`, n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, id), inArray(surveyResponses.status, ['valid', 'pending_check'])))
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    ctx.db.select().from(surveyQuotas).where(eq(surveyQuotas.questionnaireId, id)),
    agenciesByIds(ctx.db, row.q.content.ratedAgencyIds),
  ]);
  const status = (s: string) => statusRows.find((r) => r.status === s)?.n ?? 0;
  const fills = (fillRows as unknown as { rows: { response_id: number; respondent_group: string; agency_id: number }[] }).rows;
  const fill = quotaFill(
    targets.map((t): QuotaTarget => ({ agencyId: String(t.agencyId), respondentGroup: t.respondentGroup, target: t.target })),
    fills.map((f) => ({ responseId: String(f.response_id), agencyId: String(f.agency_id), respondentGroup: f.respondent_group })),
  );
  const agencies = new Map(agencyRows.map((a) => [a.id, a]));
  const cell = (c: (typeof fill.cells)[number]) => {
    const a = agencies.get(Number(c.agencyId));
    return { agencyId: Number(c.agencyId), agencyCode: a?.code ?? null, agencyNameVi: a?.nameVi ?? null, respondentGroup: c.respondentGroup, target: c.target, done: c.done, percent: pct(c.percent), complete: c.complete };
  };
  const groups = [...new Set([...row.q.content.respondentGroups.map((g) => g.code), ...groupRows.map((g) => g.group), ...codeRows.map((c) => c.group)])];
  const issued = codeRows.reduce((s, c) => s + c.issued, 0);
  const used = codeRows.reduce((s, c) => s + c.used, 0);
  return {
    questionnaireId: id,
    responses: { valid: status('valid'), invalid: status('invalid'), pendingCheck: status('pending_check'), superseded: status('superseded') },
    byGroup: groups.map((g) => {
      const rows = groupRows.filter((r) => r.group === g);
      const codes = codeRows.find((c) => c.group === g);
      return {
        respondentGroup: g,
        valid: rows.reduce((s, r) => s + r.n, 0),
        online: rows.filter((r) => r.channel !== 'paper').reduce((s, r) => s + r.n, 0),
        paper: rows.filter((r) => r.channel === 'paper').reduce((s, r) => s + r.n, 0),
        codesIssued: codes?.issued ?? 0,
        codesUsed: codes?.used ?? 0,
      };
    }),
    codes: { issued, used, completionPercent: issued ? formatUnits(Math.round((used * 1_000_000) / issued), 2) : null },
    quota: { cells: fill.cells.map(cell), agencies: fill.agencies.map(cell), overall: { ...fill.overall, percent: pct(fill.overall.percent) } },
    perDay: dayRows,
  };
}

interface PeriodTally {
  view: SurveyTallyView;
}

/**
 * Tallies the period (or, as a preview, one questionnaire of it): every non-draft questionnaire's valid responses,
 * per framework of the period with that framework's survey leaves and the agencies assessed on it; quotas summed
 * over the questionnaires. Cells come in the period's agency order, leaves in framework order.
 */
export async function periodTally(ctx: Ctx, periodId: number, questionnaireId: number | null = null): Promise<PeriodTally> {
  const actor = requireActor(ctx.actor);
  const period = await loadPeriod(ctx, periodId);
  authorize(actor, 'survey.read', { provinceId: period.provinceId });
  const { view } = await runTally(ctx, periodId, questionnaireId);
  const abilities = abilitiesFor(actor, ['assessment.enterSurvey'], { provinceId: period.provinceId });
  // Applying is offered only while the phase takes survey points (the same gate enterSurveyPoints applies).
  const open = actionGate('enterSurvey', period.phase as Phase, ctx.now, {}) === null;
  return { view: { ...view, abilities: { ...abilities, enterSurvey: abilities.enterSurvey === true && open } } };
}

/**
 * The survey confidence intervals (units) by agency and survey leaf of a period, for rank robustness: only cells
 * whose tallied points are the points the period uses (an interval around other points would be meaningless).
 * Aggregates only, no answers: any signed-in user of the province may get them through the analysis.
 */
export async function surveyIntervalsForPeriod(ctx: Ctx, periodId: number): Promise<Record<string, Record<string, { low: Units; high: Units }>>> {
  await loadPeriod(ctx, periodId);
  // The tally of a large period takes a few hundred ms; its intervals only change when responses, questionnaires
  // or survey points change, so they are kept per period under a fingerprint of those.
  const fingerprint = await tallyFingerprint(ctx, periodId);
  const cached = intervalCache.get(periodId);
  if (cached && cached.fingerprint === fingerprint) return cached.value;
  const value = await computeIntervals(ctx, periodId);
  if (intervalCache.size > 50) intervalCache.clear();
  intervalCache.set(periodId, { fingerprint, value });
  return value;
}

const intervalCache = new Map<number, { fingerprint: string; value: Record<string, Record<string, { low: Units; high: Units }>> }>();

async function tallyFingerprint(ctx: Ctx, periodId: number): Promise<string> {
  const res = await ctx.db.execute(sql`
    select
      (select count(*) || ':' || coalesce(max(r.id), 0) || ':' || count(*) filter (where r.status = 'valid')
         from survey_responses r join questionnaires q on q.id = r.questionnaire_id where q.period_id = ${periodId}) as responses,
      (select count(*) || ':' || coalesce(sum(q.version), 0) || ':' || string_agg(q.status, ',' order by q.id)
         from questionnaires q where q.period_id = ${periodId}) as questionnaires,
      (select count(*) || ':' || coalesce(sum(s.version), 0)
         from leaf_scores s join assessments a on a.id = s.assessment_id where a.period_id = ${periodId} and s.survey_points is not null) as points`);
  const row = (res as unknown as { rows: { responses: string; questionnaires: string | null; points: string }[] }).rows[0]!;
  return `${row.responses}|${row.questionnaires ?? ''}|${row.points}`;
}

async function computeIntervals(ctx: Ctx, periodId: number): Promise<Record<string, Record<string, { low: Units; high: Units }>>> {
  const { view, intervals } = await runTally(ctx, periodId, null);
  const out: Record<string, Record<string, { low: Units; high: Units }>> = {};
  for (const c of view.cells) {
    const i = intervals.get(`${c.agencyId}:${c.leafCode}`);
    if (!i || c.points === null || c.current === null || tryParsePoints(c.points) !== tryParsePoints(c.current)) continue;
    (out[String(c.agencyId)] ??= {})[c.leafCode] = i;
  }
  return out;
}

async function runTally(ctx: Ctx, periodId: number, questionnaireId: number | null) {
  const qs = (await ctx.db.select().from(questionnaires).where(and(eq(questionnaires.periodId, periodId), ne(questionnaires.status, 'draft')))).filter(
    (q) => questionnaireId === null || q.id === questionnaireId,
  );
  const qIds = qs.map((q) => q.id);
  const [responses, quotas, state] = await Promise.all([
    qIds.length
      ? ctx.db
          .select({ id: surveyResponses.id, questionnaireId: surveyResponses.questionnaireId, group: surveyResponses.respondentGroup, answers: surveyResponses.answers })
          .from(surveyResponses)
          .where(and(inArray(surveyResponses.questionnaireId, qIds), eq(surveyResponses.status, 'valid')))
      : Promise.resolve([]),
    qIds.length ? ctx.db.select().from(surveyQuotas).where(inArray(surveyQuotas.questionnaireId, qIds)) : Promise.resolve([]),
    surveyPointsState(ctx, periodId),
  ]);
  const { assessments, current } = state;
  const codeOf = new Map(qs.map((q) => [q.id, q.code]));
  const core = qs.map((q) => toCoreQuestionnaire(q.code, q.titleVi, q.titleEn, q.content));
  const answers: TallyAnswer[] = [];
  for (const r of responses) {
    const qc = codeOf.get(r.questionnaireId)!;
    for (const a of r.answers) {
      answers.push({ responseId: String(r.id), questionnaireCode: qc, respondentGroup: r.group, agencyId: a.a == null ? null : String(a.a), questionCode: a.q, optionCode: a.o ?? null, likert: a.l ?? null });
    }
  }
  const byFramework = new Map<number, typeof assessments>();
  for (const a of assessments) byFramework.set(a.assessment.frameworkId, [...(byFramework.get(a.assessment.frameworkId) ?? []), a]);
  const cellsByAgency = new Map<number, TallyCell[]>();
  const intervals = new Map<string, { low: Units; high: Units }>();
  const ignored: Record<string, number> = {};
  for (const [frameworkId, rows] of byFramework) {
    const entry = await compiledFramework(ctx.db, frameworkId);
    if (!entry) continue;
    const leaves = surveyLeavesOf(entry.document);
    if (!leaves.length) continue;
    const ids = new Set(rows.map((r) => String(r.agency.id)));
    const tally = tallySurvey({
      leaves,
      questionnaires: core,
      answers: answers.filter((a) => a.agencyId !== null && ids.has(a.agencyId)),
      targets: quotas.filter((t) => ids.has(String(t.agencyId))).map((t) => ({ agencyId: String(t.agencyId), respondentGroup: t.respondentGroup, target: t.target })),
      agencyIds: [...ids],
    });
    for (const [k, v] of Object.entries(tally.ignored) as [IgnoredReason, number][]) ignored[k] = (ignored[k] ?? 0) + v;
    const leafByCode = new Map(leaves.map((l) => [l.code, l]));
    for (const c of tally.cells) {
      const a = rows.find((r) => String(r.agency.id) === c.agencyId)!;
      const leaf = leafByCode.get(c.leafCode)!;
      const cur = current.get(`${a.assessment.id}:${c.leafCode}`) ?? null;
      if (c.interval) intervals.set(`${a.agency.id}:${c.leafCode}`, { low: c.interval.low, high: c.interval.high });
      const list = cellsByAgency.get(a.agency.id) ?? [];
      list.push({
        agencyId: a.agency.id,
        agencyCode: a.agency.code,
        agencyNameVi: a.agency.nameVi,
        agencyNameEn: a.agency.nameEn,
        leafCode: c.leafCode,
        leafNameVi: leaf.nameVi ?? '',
        leafNameEn: leaf.nameEn ?? '',
        maxPoints: leaf.maxPoints,
        points: c.points === null ? null : formatUnits(c.points, 4),
        count: c.count,
        dontKnow: c.dontKnow,
        responses: c.responses,
        target: c.target,
        belowTarget: c.belowTarget,
        meanWeight: c.meanWeight,
        interval: c.interval ? { low: formatUnits(c.interval.low, 4), high: formatUnits(c.interval.high, 4) } : null,
        warnings: c.warnings,
        current: cur === null ? null : formatUnits(parsePoints(cur), 4),
      });
      cellsByAgency.set(a.agency.id, list);
    }
  }
  const cells = assessments.flatMap((a) => cellsByAgency.get(a.agency.id) ?? []);
  const counts = new Map<number, number>();
  for (const r of responses) counts.set(r.questionnaireId, (counts.get(r.questionnaireId) ?? 0) + 1);
  return {
    intervals,
    view: {
      periodId,
      questionnaireId,
      questionnaires: qs.map((q) => ({ id: q.id, code: q.code, responses: counts.get(q.id) ?? 0 })),
      cells,
      ignored,
      changed: cells.filter((c) => c.points !== null && c.points !== c.current).length,
      abilities: {},
    },
  };
}

/** The tally of one questionnaire alone (a preview for its designer). */
export async function questionnaireTally(ctx: Ctx, id: number): Promise<SurveyTallyView> {
  const row = await loadQuestionnaire(ctx, id);
  const view = (await periodTally(ctx, row.q.periodId, id)).view;
  // Only the agencies this questionnaire rates.
  const rated = new Set(row.q.content.ratedAgencyIds);
  const cells = view.cells.filter((c) => rated.has(c.agencyId));
  return { ...view, cells, changed: cells.filter((c) => c.points !== null && c.points !== c.current).length };
}

/**
 * Makes the tally the period's survey points: every cell with valid answers whose points differ from what the
 * period uses is written through the same audited path as a manual survey entry (role, phase and range checks,
 * one transaction). Cells without answers keep whatever the period has.
 */
export async function applyTally(ctx: Ctx, periodId: number): Promise<{ updated: number; unchanged: number; withoutAnswers: number }> {
  const period = await loadPeriod(ctx, periodId);
  authorize(requireActor(ctx.actor), 'assessment.enterSurvey', { provinceId: period.provinceId });
  if (period.phase === 'published') throw new AppError('period_published');
  const { view } = await periodTally(ctx, periodId);
  const changed = view.cells.filter((c) => c.points !== null && (c.current === null || tryParsePoints(c.current) !== tryParsePoints(c.points)));
  const withoutAnswers = view.cells.filter((c) => c.points === null).length;
  const result = changed.length ? await enterSurveyPoints(ctx, periodId, changed.map((c) => ({ agencyId: c.agencyId, nodeCode: c.leafCode, points: c.points! }))) : { updated: 0 };
  await appendAudit(ctx.db, ctx, { action: 'survey.tally_applied', entityType: 'period', entityId: periodId, newValue: { updated: result.updated, withoutAnswers } });
  return { updated: result.updated, unchanged: view.cells.length - changed.length - withoutAnswers, withoutAnswers };
}

/** The tally as a spreadsheet: one row per agency × survey leaf with counts, interval and warnings. */
export async function tallyXlsx(ctx: Ctx, periodId: number, questionnaireId: number | null = null) {
  const view = questionnaireId === null ? (await periodTally(ctx, periodId)).view : await questionnaireTally(ctx, questionnaireId);
  const headers = [
    { header: 'Mã cơ quan', key: 'agencyCode', width: 12 },
    { header: 'Cơ quan', key: 'agency', width: 40 },
    { header: 'Tiêu chí', key: 'leaf', width: 10 },
    { header: 'Nội dung', key: 'leafName', width: 50 },
    { header: 'Điểm tối đa', key: 'max', width: 12 },
    { header: 'Điểm điều tra', key: 'points', width: 14 },
    { header: 'Khoảng tin cậy 95% (thấp)', key: 'low', width: 14 },
    { header: 'Khoảng tin cậy 95% (cao)', key: 'high', width: 14 },
    { header: 'Trọng số bình quân', key: 'mean', width: 12 },
    { header: 'Số câu trả lời hợp lệ', key: 'count', width: 12 },
    { header: 'Số "không biết"', key: 'dontKnow', width: 12 },
    { header: 'Số phiếu', key: 'responses', width: 10 },
    { header: 'Chỉ tiêu mẫu', key: 'target', width: 10 },
    { header: 'Điểm kỳ đang dùng', key: 'current', width: 14 },
    { header: 'Cảnh báo', key: 'warnings', width: 50 },
  ];
  const num = (s: string | null) => (s === null ? null : Number(s));
  const rows = view.cells.map((c) => ({
    agencyCode: c.agencyCode,
    agency: c.agencyNameVi,
    leaf: c.leafCode,
    leafName: c.leafNameVi,
    max: num(c.maxPoints),
    points: num(c.points),
    low: num(c.interval?.low ?? null),
    high: num(c.interval?.high ?? null),
    mean: num(c.meanWeight),
    count: c.count,
    dontKnow: c.dontKnow,
    responses: c.responses,
    target: c.target,
    current: num(c.current),
    warnings: c.warnings.map((w) => w.message.vi).join('; '),
  }));
  const period = await loadPeriod(ctx, periodId);
  return { buffer: await writeTable('Ket qua dieu tra', headers, rows), filename: `dieu-tra-xhh-${period.year}${questionnaireId ? `-phieu-${questionnaireId}` : ''}.xlsx` };
}

/** The tally of one questionnaire (its rated agencies) as a spreadsheet. */
export async function questionnaireTallyXlsx(ctx: Ctx, id: number) {
  const row = await loadQuestionnaire(ctx, id);
  return tallyXlsx(ctx, row.q.periodId, id);
}
