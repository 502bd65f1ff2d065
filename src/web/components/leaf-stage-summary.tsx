import { Tag } from 'antd';
import { ADJUSTMENT_REASONS } from '../../core/domain/workflow';
import type { FrameworkNode } from '../../core/schemas/framework';
import type { LeafView } from '../api/assessments';
import { formatDateTime } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import { LeafScoreLine, usePointsText } from './leaf-input';
import './cycle-styles.css';

type Stage = NonNullable<LeafView['self']>;

/** The label of an adjustment reason code in the interface language (unknown codes shown as they are). */
export function useReasonLabel() {
  const { lang } = useLang();
  return (code: string | null | undefined) => (code && code in ADJUSTMENT_REASONS ? ADJUSTMENT_REASONS[code as keyof typeof ADJUSTMENT_REASONS][lang] : (code ?? ''));
}

/** The appraiser's decision as a tag: accepted, adjusted, confirmed. */
export function DecisionTag({ decision }: { decision: string | null | undefined }) {
  const t = useT();
  if (!decision) return null;
  const color = decision === 'adjusted' ? 'orange' : decision === 'accepted' ? 'green' : 'blue';
  const key = decision === 'adjusted' ? 'leaf.decision.adjusted' : decision === 'accepted' ? 'leaf.decision.accepted' : 'leaf.decision.confirmed';
  return <Tag color={color}>{t(key)}</Tag>;
}

/** Self-assessed, round-1 and final scores of a leaf side by side, each with its decision, reason and comment. */
export function LeafStageSummary({ leaf, node }: { leaf: LeafView; node: FrameworkNode }) {
  const t = useT();
  const { lang } = useLang();
  const pointsText = usePointsText();
  const reason = useReasonLabel();
  const column = (title: string, stage: Stage | null, testId: string) => (
    <div className="pi-stage-col" data-testid={testId}>
      <div className="pi-stage-title">{title}</div>
      {stage ? (
        <>
          <div className="pi-stage-points">
            {stage.notApplicable ? t('selfAssess.na') : pointsText(stage.points)} <DecisionTag decision={stage.decision} />
          </div>
          <div className="pi-stage-line">
            <LeafScoreLine node={node} input={stage.input} />
          </div>
          {stage.reasonCode && <div className="pi-stage-line">{t('leaf.reasonLine', { reason: reason(stage.reasonCode) })}</div>}
          {stage.comment && <div className="pi-stage-comment">“{stage.comment}”</div>}
          {stage.at && <div className="pi-stage-at">{formatDateTime(stage.at, lang)}</div>}
        </>
      ) : (
        <div className="pi-stage-line pi-muted">{t('leaf.stageNone')}</div>
      )}
    </div>
  );
  return (
    <section className="pi-stage-summary" aria-label={t('leaf.stagesTitle')}>
      {column(t('leaf.stageSelf'), leaf.self, 'stage-self')}
      {column(t('leaf.stageRound1'), leaf.appraisal1, 'stage-round1')}
      {(leaf.final || leaf.appraisal1) && column(t('leaf.stageFinal'), leaf.final, 'stage-final')}
    </section>
  );
}
