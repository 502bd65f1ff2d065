import { Steps } from 'antd';
import { formatDeadline, PHASE_LABELS, type Phase, phaseIndex, PHASES } from '../../core/domain/workflow';
import type { PeriodView } from '../../core/schemas/periods';
import { useLang } from '../i18n/i18n-context';
import './cycle-styles.css';

const DUE: Partial<Record<Phase, keyof PeriodView>> = {
  self_assessment: 'selfAssessmentDueAt',
  appraisal1: 'appraisal1DueAt',
  explanation: 'explanationDueAt',
  appraisal2: 'appraisal2DueAt',
};

/**
 * The phases of a period as steps, the current one highlighted, each with its deadline (Vietnam time). `compact`
 * shows dots with the titles under them, for narrow cards.
 */
export function CyclePhaseSteps({ period, compact }: { period: PeriodView; compact?: boolean }) {
  const { lang } = useLang();
  const current = phaseIndex(period.phase);
  return (
    <Steps
      size="small"
      className={`pi-cycle-steps${compact ? ' is-compact' : ''}`}
      current={current}
      status={period.phase === 'published' ? 'finish' : 'process'}
      {...(compact ? { type: 'dot' as const, titlePlacement: 'vertical' as const } : {})}
      items={PHASES.map((p) => {
        const key = DUE[p];
        const due = key ? (period[key] as string | null) : null;
        const date = due ? formatDeadline(new Date(due), lang) : undefined;
        return { title: PHASE_LABELS[p][lang], content: compact && date ? date.split(' ')[1] : date };
      })}
    />
  );
}
