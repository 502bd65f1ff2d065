import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatDeadline, PHASE_LABELS } from '../../../core/domain/workflow';
import { leafNodes } from '../../../core/domain/framework';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { LeafView } from '../../api/assessments';
import { asPhase } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { EmptyState } from '../../components/empty-state';
import type { EvidenceBrief } from '../../components/evidence-list';
import { EvidencePreviewDrawer } from '../../components/evidence-preview-drawer';
import { LeafStageSummary } from '../../components/leaf-stage-summary';
import { LeafThread } from '../../components/leaf-thread';
import { useLang, useT } from '../../i18n/i18n-context';
import { useAssessmentOutlet } from '../assessments/assessment-outlet';
import { ExplanationForm } from './explanation-form';
import './explanation.css';

const lastAgencyMessage = (l: LeafView) => [...l.thread].reverse().find((m) => m.side === 'agency');

/**
 * Explanation (giải trình): the leaves adjusted in round 1 with the self-assessed and appraised scores, the
 * appraiser's reason and comment; for each, the agency accepts or disputes with text and new evidence, as a
 * thread with timestamps, before the deadline shown at the top.
 */
export default function ExplanationView() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { detail } = useAssessmentOutlet();
  const [preview, setPreview] = useState<{ id: number; items: EvidenceBrief[] } | null>(null);
  const [more, setMore] = useState<string[]>([]);
  const nodes = useMemo(() => new Map<string, FrameworkNode>(detail.framework.nodes.map((n) => [n.code, n])), [detail.framework]);
  const order = useMemo(() => new Map(leafNodes(detail.framework.nodes).map((n, i) => [n.code, i])), [detail.framework]);
  const adjusted = detail.leaves.filter((l) => l.appraisal1?.decision === 'adjusted').sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  const answered = adjusted.filter((l) => lastAgencyMessage(l)).length;
  const canExplain = detail.abilities.explain === true;
  const phase = asPhase(detail.phase);
  const deadline = detail.deadlines.explanation;
  const closedReason =
    phase !== 'explanation'
      ? t('explain.closedPhase', { phase: PHASE_LABELS[phase][lang] })
      : deadline && new Date(deadline).getTime() < Date.now()
        ? t('explain.closedDeadline', { deadline: formatDeadline(new Date(deadline), lang) })
        : t('explain.readOnlyRole');
  const name = (n: FrameworkNode | undefined) => (n ? (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi) : '');

  return (
    <div className="pi-ex">
      <Card className="pi-card pi-ex-head" size="small">
        <Space wrap size={[16, 8]}>
          <DeadlineCountdown deadline={deadline} label={t('explain.deadline')} />
          <span>{t('explain.counts', { adjusted: adjusted.length, answered })}</span>
        </Space>
        {!canExplain && <Alert type="info" showIcon title={closedReason} className="pi-ex-alert" />}
      </Card>
      {adjusted.length === 0 ? (
        <Card className="pi-card">
          <EmptyState title={t('explain.noneTitle')} hint={t('explain.noneHint')} />
        </Card>
      ) : (
        adjusted.map((l) => {
          const node = nodes.get(l.code);
          if (!node) return null;
          const last = lastAgencyMessage(l);
          return (
            <Card key={l.code} className="pi-card pi-ex-leaf" data-testid={`explain-${l.code}`}>
              <div className="pi-ex-leaf-head">
                <Typography.Title level={2} className="pi-sa-leaf-title">
                  <span className="pi-code">{l.code}</span> {name(node)}
                </Typography.Title>
                {last && (
                  <Tag icon={<CheckCircleOutlined />} color={last.kind === 'dispute' ? 'orange' : 'green'}>
                    {last.kind === 'dispute' ? t('explain.statusDisputed') : t('explain.statusAccepted')}
                  </Tag>
                )}
              </div>
              <LeafStageSummary leaf={l} node={node} />
              <Typography.Title level={3} className="pi-sa-section-title">
                {t('thread.title')}
              </Typography.Title>
              <LeafThread thread={l.thread} onPreview={(id, items) => setPreview({ id, items })} />
              {canExplain && last && !more.includes(l.code) && (
                <Button className="pi-ex-more" onClick={() => setMore((m) => [...m, l.code])}>
                  {t('explain.addMore')}
                </Button>
              )}
              {canExplain && (!last || more.includes(l.code)) && (
                <ExplanationForm
                  assessmentId={detail.id}
                  agencyId={detail.agencyId}
                  leaf={l}
                  onPreview={(id, items) => setPreview({ id, items })}
                  onSent={(kind) => {
                    setMore((m) => m.filter((c) => c !== l.code));
                    void message.success(t(kind === 'dispute' ? 'explain.sentDispute' : 'explain.sentAccept', { code: l.code }));
                  }}
                />
              )}
            </Card>
          );
        })
      )}
      <EvidencePreviewDrawer items={preview?.items ?? []} activeId={preview?.id ?? null} onClose={() => setPreview(null)} />
    </div>
  );
}
