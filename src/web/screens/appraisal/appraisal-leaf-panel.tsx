import { Typography } from 'antd';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { LeafView } from '../../api/assessments';
import { EvidenceList } from '../../components/evidence-list';
import { LeafStageSummary } from '../../components/leaf-stage-summary';
import { LeafThread, ThreadReplyForm } from '../../components/leaf-thread';
import { useT } from '../../i18n/i18n-context';
import { AppraisalDecisionForm } from './appraisal-decision-form';

/**
 * The expanded row of the workbench: the agency's comment and explanation, its evidence (previewed in the
 * drawer), the scores so far, the explanation thread, and the decision form when the appraiser may act.
 */
export function AppraisalLeafPanel({
  assessmentId,
  leaf,
  node,
  round,
  canAct,
  canReply,
  onPreview,
  onDone,
}: {
  assessmentId: number;
  leaf: LeafView;
  node: FrameworkNode;
  round: 1 | 2 | null;
  canAct: boolean;
  canReply: boolean;
  onPreview: (id: number, items: LeafView['evidence']) => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  return (
    <div className="pi-ap-panel">
      <div className="pi-ap-panel-main">
        {leaf.self?.comment && (
          <p>
            <strong>{t('appraise.agencyComment')}</strong> {leaf.self.comment}
          </p>
        )}
        {leaf.selfExplanation && (
          <p>
            <strong>{t('appraise.agencyExplanation')}</strong> {leaf.selfExplanation}
          </p>
        )}
        <Typography.Title level={4} className="pi-sa-section-title">
          {t('evidence.sectionTitle', { count: leaf.evidence.length })}
        </Typography.Title>
        {leaf.evidence.length === 0 ? <Typography.Paragraph type="secondary">{t('evidence.noneOnLeaf')}</Typography.Paragraph> : <EvidenceList items={leaf.evidence} onPreview={(id) => onPreview(id, leaf.evidence)} />}
        <LeafStageSummary leaf={leaf} node={node} />
        {(leaf.thread.length > 0 || round === 2) && (
          <>
            <Typography.Title level={4} className="pi-sa-section-title">
              {t('thread.title')}
            </Typography.Title>
            <LeafThread thread={leaf.thread} onPreview={onPreview} />
            {canReply && leaf.thread.length > 0 && <ThreadReplyForm assessmentId={assessmentId} code={leaf.code} version={leaf.version} />}
          </>
        )}
      </div>
      {canAct && round !== null && (
        <div className="pi-ap-panel-form">
          <Typography.Title level={4} className="pi-sa-section-title">
            {t(round === 1 ? 'appraise.round1Title' : 'appraise.round2Title')}
          </Typography.Title>
          <AppraisalDecisionForm key={`${leaf.code}-${leaf.version}`} assessmentId={assessmentId} leaf={leaf} node={node} round={round} onDone={onDone} />
        </div>
      )}
    </div>
  );
}
