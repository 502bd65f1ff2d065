import { Alert, Modal, Typography } from 'antd';
import { nextPhase, PHASE_LABELS, type Phase } from '../../../core/domain/workflow';
import { useAssessments } from '../../api/assessments';
import { type PeriodView, useAdvancePeriod } from '../../api/periods';
import { asPhase } from '../../components/cycle-status-tag';
import { useLang, useT } from '../../i18n/i18n-context';

/** Phases the secretariat advances by hand (finalising and publishing have their own steps). */
export const ADVANCEABLE: Phase[] = ['setup', 'self_assessment', 'appraisal1', 'explanation'];

/**
 * Confirms moving a period to its next phase, saying what will happen (assessments created, who is notified,
 * who can no longer act) and how many agencies are behind.
 */
export function AdvanceModal({ period, open, onClose, onDone }: { period: PeriodView; open: boolean; onClose: () => void; onDone: (to: Phase) => void }) {
  const t = useT();
  const { lang } = useLang();
  const from = asPhase(period.phase);
  const to = nextPhase(from);
  const advance = useAdvancePeriod();
  const list = useAssessments({ periodId: open ? period.id : undefined });
  const items = list.data?.items ?? [];
  const drafts = items.filter((a) => a.status === 'draft').length;
  const notAppraised = items.filter((a) => a.status !== 'draft' && a.progress.appraised1 < a.progress.selfScorable).length;
  if (!to) return null;
  const consequences: Partial<Record<Phase, string>> = {
    self_assessment: t('periods.advance.toSelf', { groups: period.frameworks.length }),
    appraisal1: t('periods.advance.toAppraisal1', { drafts }),
    explanation: t('periods.advance.toExplanation', { notAppraised }),
    appraisal2: t('periods.advance.toAppraisal2'),
  };
  return (
    <Modal
      open={open}
      title={t('periods.advance.title', { from: PHASE_LABELS[from][lang], to: PHASE_LABELS[to][lang] })}
      okText={t('periods.advance.confirm', { to: PHASE_LABELS[to][lang] })}
      cancelText={t('action.cancel')}
      confirmLoading={advance.isPending}
      onCancel={() => {
        advance.reset();
        onClose();
      }}
      onOk={() => advance.mutate({ id: period.id, to, version: period.version }, { onSuccess: () => onDone(to) })}
      destroyOnHidden
    >
      <Typography.Paragraph>{consequences[to]}</Typography.Paragraph>
      {to === 'appraisal1' && drafts > 0 && <Alert type="warning" showIcon title={t('periods.advance.draftsWarning', { count: drafts })} />}
      <Typography.Paragraph type="secondary" className="pi-advance-note">
        {t('periods.advance.irreversible')}
      </Typography.Paragraph>
      {advance.error && <Alert type="error" showIcon role="alert" title={advance.error.message} />}
    </Modal>
  );
}
