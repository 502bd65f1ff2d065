import { PHASE_LABELS, type Phase } from '../../../core/domain/workflow';
import { AppError, type Bilingual } from '../../../core/errors';
import type { AssessmentDetail } from '../../../core/schemas/assessments';
import type { EvidenceTarget } from '../../../core/schemas/tasks';
import type { Ctx } from '../../lib/context';
import { can } from '../../policies';
import { getAssessment } from '../assessments/service';
import { taskResource } from './present';
import * as q from './queries';

/**
 * Where a task's output documents go as evidence: the same leaf (node code) of the agency's assessment in the
 * period after the results the task answers (a remediation task on the 2019 results → the 2020 self-assessment),
 * or, for a plan task, the period of the plan's own year.
 */
export interface ResolvedTarget {
  year: number;
  period: q.PeriodRow;
  assessmentId: number;
  detail: AssessmentDetail;
  leaf: AssessmentDetail['leaves'][number];
}

type Resolution =
  | { ok: true; target: ResolvedTarget }
  | { ok: false; year: number; periodId: number | null; assessmentId: number | null; phase: string | null; problem: Bilingual };

export function targetYearOf(kind: string, sourceYear: number): number {
  return kind === 'remediation' ? sourceYear + 1 : sourceYear;
}

/** Finds the target leaf of a task's outputs, or says in both languages why there is none. Null when the task has no leaf. */
export async function resolveTarget(ctx: Ctx, task: q.TaskRow, agency: q.AgencyRow): Promise<Resolution | null> {
  if (!task.nodeCode || !task.sourcePeriodId) return null;
  const source = await q.findPeriod(ctx.db, task.sourcePeriodId);
  if (!source) return null;
  const year = targetYearOf(task.kind, source.year);
  const code = task.nodeCode;
  const period = await q.findPeriodByYear(ctx.db, task.provinceId, year);
  if (!period) {
    return {
      ok: false,
      year,
      periodId: null,
      assessmentId: null,
      phase: null,
      problem: {
        vi: `Chưa có kỳ đánh giá năm ${year}. Khi Sở Nội vụ mở kỳ đánh giá, tài liệu có thể được dùng làm tài liệu kiểm chứng cho tiêu chí ${code}.`,
        en: `There is no ${year} evaluation period yet. Once the secretariat opens it, the document can become evidence for leaf ${code}.`,
      },
    };
  }
  const assessmentId = await q.assessmentIdFor(ctx.db, period.id, task.agencyId);
  const base = { ok: false as const, year, periodId: period.id, assessmentId, phase: period.phase };
  if (!assessmentId) {
    return {
      ...base,
      problem: { vi: `${agency.nameVi} không có bản đánh giá trong kỳ năm ${year}.`, en: `${agency.nameEn || agency.nameVi} has no assessment in the ${year} period.` },
    };
  }
  let detail: AssessmentDetail;
  try {
    detail = await getAssessment(ctx, assessmentId);
  } catch (err) {
    if (err instanceof AppError) return { ...base, problem: err.bilingual };
    throw err;
  }
  const node = detail.framework.nodes.find((n) => n.code === code);
  if (!node?.method) {
    return {
      ...base,
      problem: { vi: `Tiêu chí ${code} không có trong bộ tiêu chí năm ${year}.`, en: `Leaf ${code} is not in the ${year} framework.` },
    };
  }
  if (node.method.type === 'survey') {
    return {
      ...base,
      problem: {
        vi: `Tiêu chí ${code} lấy điểm từ điều tra xã hội học nên không đính kèm tài liệu kiểm chứng.`,
        en: `Leaf ${code} takes its points from the survey; it has no evidence documents.`,
      },
    };
  }
  const leaf = detail.leaves.find((l) => l.code === code);
  if (!leaf) return { ...base, problem: { vi: `Không xem được tiêu chí ${code} năm ${year}.`, en: `Leaf ${code} of ${year} is not visible to you.` } };
  return { ok: true, target: { year, period, assessmentId, detail, leaf } };
}

/** Why the agency may not change the evidence of the target assessment now (phase, deadline, submitted). */
export function closedReason(detail: AssessmentDetail, year: number): Bilingual {
  const phase = PHASE_LABELS[detail.phase as Phase] ?? { vi: detail.phase, en: detail.phase };
  if (detail.phase === 'self_assessment' && detail.status !== 'draft') {
    return {
      vi: `Bản tự đánh giá năm ${year} đã được gửi; thủ trưởng cơ quan cần rút lại trước khi thêm tài liệu kiểm chứng.`,
      en: `The ${year} self-assessment has been submitted; the agency head must withdraw it before evidence can be added.`,
    };
  }
  return {
    vi: `Bản đánh giá năm ${year} hiện không cho phép cơ quan thay đổi tài liệu kiểm chứng (giai đoạn: ${phase.vi}).`,
    en: `The ${year} assessment does not let the agency change its evidence now (phase: ${phase.en}).`,
  };
}

/** The evidence target for the task page: where, whether the actor can attach now, and which outputs are there already. */
export async function evidenceTargetOf(ctx: Ctx, task: q.TaskRow, agency: q.AgencyRow): Promise<{ view: EvidenceTarget; attachedIds: number[] } | null> {
  const r = await resolveTarget(ctx, task, agency);
  if (!r) return null;
  const code = task.nodeCode!;
  if (!r.ok) {
    return { view: { year: r.year, periodId: r.periodId, assessmentId: r.assessmentId, phase: r.phase, nodeCode: code, canAttach: false, reason: r.problem[ctx.lang] }, attachedIds: [] };
  }
  const { target } = r;
  const manager = can(ctx.actor, 'task.manage', taskResource(task));
  const open = target.detail.abilities.selfAssess === true || target.detail.abilities.explain === true;
  const reason = !manager
    ? { vi: 'Chỉ đầu mối CCHC hoặc thủ trưởng cơ quan được gắn tài liệu kiểm chứng.', en: "Only the agency's focal point or head can attach evidence." }
    : !open
      ? closedReason(target.detail, target.year)
      : null;
  return {
    view: { year: target.year, periodId: target.period.id, assessmentId: target.assessmentId, phase: target.period.phase, nodeCode: code, canAttach: manager && open, reason: reason ? reason[ctx.lang] : null },
    attachedIds: target.leaf.evidence.map((e) => e.id),
  };
}
