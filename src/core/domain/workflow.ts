/**
 * The yearly cycle as data (product.md, "The yearly cycle"; methodology.md §3): the phases of a period, the
 * actions of the assessment workflow, in which phase each action is open, and how deadlines and per-agency
 * extensions close it. Pure: the server's policies and services and the browser's screens use the same rules.
 */
import type { Bilingual } from '../errors';

/** Phases of a period, in order. */
export const PHASES = ['setup', 'self_assessment', 'appraisal1', 'explanation', 'appraisal2', 'finalised', 'published'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, Bilingual> = {
  setup: { vi: 'Chuẩn bị', en: 'Set-up' },
  self_assessment: { vi: 'Tự đánh giá', en: 'Self-assessment' },
  appraisal1: { vi: 'Thẩm định lần 1', en: 'Appraisal, round 1' },
  explanation: { vi: 'Giải trình', en: 'Explanation' },
  appraisal2: { vi: 'Thẩm định lần 2', en: 'Appraisal, round 2' },
  finalised: { vi: 'Đã chốt kết quả', en: 'Finalised' },
  published: { vi: 'Đã công bố', en: 'Published' },
};

/** Position of a phase (0 = setup). */
export function phaseIndex(p: Phase): number {
  return PHASES.indexOf(p);
}

/** The phase after `p`, or null after publication. */
export function nextPhase(p: Phase): Phase | null {
  return PHASES[phaseIndex(p) + 1] ?? null;
}

/** Statuses of one agency's assessment. */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'appraised', 'explained', 'finalised'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, Bilingual> = {
  draft: { vi: 'Đang tự đánh giá', en: 'Self-assessing' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  appraised: { vi: 'Đã thẩm định lần 1', en: 'Appraised (round 1)' },
  explained: { vi: 'Đã giải trình', en: 'Explained' },
  finalised: { vi: 'Đã chốt', en: 'Finalised' },
};

/** The actions of the workflow (each is a route's transition); roles are checked by server/policies. */
export const CYCLE_ACTIONS = [
  'selfAssess',
  'submit',
  'withdraw',
  'appraise1',
  'explain',
  'appraise2',
  'enterSurvey',
  'finalise',
  'publish',
  'correct',
] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

/** The phases in which each action is open. */
export const ACTION_PHASES: Record<CycleAction, readonly Phase[]> = {
  selfAssess: ['self_assessment'],
  submit: ['self_assessment'],
  withdraw: ['self_assessment'],
  appraise1: ['appraisal1'],
  explain: ['explanation'],
  appraise2: ['appraisal2'],
  enterSurvey: ['self_assessment', 'appraisal1', 'explanation', 'appraisal2'],
  finalise: ['appraisal2'],
  publish: ['finalised'],
  correct: ['published'],
};

/** The deadline that closes an action (null: closed only by the phase). */
export const ACTION_DEADLINE: Partial<Record<CycleAction, DeadlineKey>> = {
  selfAssess: 'selfAssessmentDueAt',
  submit: 'selfAssessmentDueAt',
  withdraw: 'selfAssessmentDueAt',
  appraise1: 'appraisal1DueAt',
  explain: 'explanationDueAt',
  appraise2: 'appraisal2DueAt',
};

export type DeadlineKey = 'selfAssessmentDueAt' | 'appraisal1DueAt' | 'explanationDueAt' | 'appraisal2DueAt';

/** The phase whose deadline a key closes (extensions are granted per phase). */
export const DEADLINE_PHASE: Record<DeadlineKey, Phase> = {
  selfAssessmentDueAt: 'self_assessment',
  appraisal1DueAt: 'appraisal1',
  explanationDueAt: 'explanation',
  appraisal2DueAt: 'appraisal2',
};

/** The deadlines of a period as ISO strings or Dates (null = none set). */
export type Deadlines = Partial<Record<DeadlineKey, Date | string | null>>;

/** An agency's extension: a later due date for a phase. */
export interface Extension {
  phase: Phase;
  dueAt: Date | string;
}

const toTime = (d: Date | string | null | undefined): number | null => (d == null ? null : new Date(d).getTime());

/** The effective deadline of an action for an agency: the period's, pushed later by the agency's extension for that phase. */
export function effectiveDeadline(action: CycleAction, deadlines: Deadlines, extensions: readonly Extension[] = []): Date | null {
  const key = ACTION_DEADLINE[action];
  if (!key) return null;
  const base = toTime(deadlines[key]);
  const phase = DEADLINE_PHASE[key];
  const ext = extensions.filter((e) => e.phase === phase).map((e) => toTime(e.dueAt) ?? 0);
  const best = Math.max(base ?? Number.NEGATIVE_INFINITY, ...ext);
  return Number.isFinite(best) ? new Date(best) : null;
}

/** Why an action is closed right now, or null when it is open. */
export type GateResult = null | { code: 'phase_closed' | 'deadline_passed'; message: Bilingual; deadline?: Date };

/** Whether an action is open in a phase at a time, given the period's deadlines and the agency's extensions. */
export function actionGate(action: CycleAction, phase: Phase, now: Date, deadlines: Deadlines, extensions: readonly Extension[] = []): GateResult {
  if (!ACTION_PHASES[action].includes(phase)) {
    const open = ACTION_PHASES[action].map((p) => PHASE_LABELS[p]);
    return {
      code: 'phase_closed',
      message: {
        vi: `Thao tác này chỉ thực hiện trong giai đoạn: ${open.map((l) => l.vi).join(', ')}. Giai đoạn hiện tại: ${PHASE_LABELS[phase].vi}.`,
        en: `This can only be done during: ${open.map((l) => l.en).join(', ')}. Current phase: ${PHASE_LABELS[phase].en}.`,
      },
    };
  }
  const deadline = effectiveDeadline(action, deadlines, extensions);
  if (deadline && now.getTime() > deadline.getTime()) {
    return {
      code: 'deadline_passed',
      deadline,
      message: {
        vi: `Đã quá hạn (${formatDeadline(deadline, 'vi')}). Liên hệ Thường trực nếu cần gia hạn.`,
        en: `The deadline has passed (${formatDeadline(deadline, 'en')}). Ask the secretariat for an extension if needed.`,
      },
    };
  }
  return null;
}

/** A deadline as Vietnam time (UTC+7), dd/mm/yyyy hh:mm in Vietnamese, yyyy-mm-dd hh:mm in English. */
export function formatDeadline(d: Date, lang: 'vi' | 'en'): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = lang === 'vi' ? `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}` : `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())} ${date}`;
}

/** Whole days from `now` until `deadline`, rounded up (0 on the due day), negative when past. */
export function daysUntil(deadline: Date, now: Date): number {
  return Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000);
}

/** The reminder thresholds (days before a deadline). */
export const REMINDER_DAYS = [7, 3, 1] as const;

/** The reminder due now for a deadline, if any: the smallest threshold ≥ the days left (only once the deadline is that close). */
export function dueReminder(deadline: Date, now: Date): (typeof REMINDER_DAYS)[number] | null {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  for (const days of [...REMINDER_DAYS].sort((a, b) => a - b)) {
    if (ms <= days * 86_400_000) return days;
  }
  return null;
}

/** Reason codes an appraiser gives for an adjustment. */
export const ADJUSTMENT_REASONS = {
  insufficient_evidence: { vi: 'Tài liệu kiểm chứng chưa đầy đủ', en: 'Insufficient evidence' },
  evidence_mismatch: { vi: 'Tài liệu không khớp với nội dung tự chấm', en: 'Evidence does not support the score' },
  late: { vi: 'Thực hiện không đúng thời hạn', en: 'Not done on time' },
  outside_period: { vi: 'Tài liệu ngoài kỳ đánh giá', en: 'Evidence outside the period' },
  wrong_method: { vi: 'Áp dụng sai hướng dẫn chấm điểm', en: 'Scoring guidance misapplied' },
  data_error: { vi: 'Số liệu không chính xác', en: 'Incorrect figures' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
} as const satisfies Record<string, Bilingual>;
export type AdjustmentReason = keyof typeof ADJUSTMENT_REASONS;
