import { Tag } from 'antd';
import { ASSESSMENT_STATUS_LABELS, type AssessmentStatus, PHASE_LABELS, type Phase, PHASES } from '../../core/domain/workflow';
import { useLang } from '../i18n/i18n-context';
import { StatusTag, type StatusTone } from './status-tag';

const STATUS_TONE: Record<AssessmentStatus, StatusTone> = {
  draft: 'warn',
  submitted: 'ok',
  appraised: 'ok',
  explained: 'ok',
  finalised: 'ok',
};

/** An assessment's status (Đang tự đánh giá, Đã gửi, ...). */
export function CycleStatusTag({ status }: { status: AssessmentStatus }) {
  const { lang } = useLang();
  return <StatusTag tone={STATUS_TONE[status]}>{ASSESSMENT_STATUS_LABELS[status][lang]}</StatusTag>;
}

const PHASE_COLORS: Record<Phase, string> = {
  setup: 'default',
  self_assessment: 'blue',
  appraisal1: 'purple',
  explanation: 'orange',
  appraisal2: 'magenta',
  finalised: 'cyan',
  published: 'green',
};

/** A period's phase as a coloured tag. */
export function CyclePhaseTag({ phase }: { phase: string }) {
  const { lang } = useLang();
  const p = (PHASES as readonly string[]).includes(phase) ? (phase as Phase) : null;
  if (!p) return <Tag>{phase}</Tag>;
  return (
    <Tag color={PHASE_COLORS[p]} variant="outlined" className="pi-phase-tag">
      {PHASE_LABELS[p][lang]}
    </Tag>
  );
}

/** Narrows a phase string of the API to the core's phase type (unknown values read as set-up). */
export function asPhase(phase: string): Phase {
  return (PHASES as readonly string[]).includes(phase) ? (phase as Phase) : 'setup';
}
