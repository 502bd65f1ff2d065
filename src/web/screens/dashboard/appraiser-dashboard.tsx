import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { type QueueEntry, useAppraiserQueue } from '../../api/dashboard';
import { CyclePhaseTag } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { useLang, useT } from '../../i18n/i18n-context';
import './dashboard.css';

/** The appraiser's home: agencies × assigned fields with the leaves still to review and the due date. */
export function AppraiserDashboard() {
  const t = useT();
  const { lang } = useLang();
  const queue = useAppraiserQueue(true);
  const { period, year } = queue;
  const inRound = period !== null && ['appraisal1', 'explanation', 'appraisal2'].includes(period.phase);
  const rows = [...queue.entries].sort((a, b) => b.toReview - a.toReview);
  const open = rows.reduce((s, e) => s + e.toReview, 0);
  return (
    <Card
      className="pi-card pi-dash-card"
      title={<Typography.Title level={2} className="pi-card-title">{t('dash.queueTitle', { year })}</Typography.Title>}
      extra={period && <CyclePhaseTag phase={period.phase} />}
    >
      {!period ? (
        <CycleNoPeriod year={year} />
      ) : !inRound ? (
        <EmptyState title={t('dash.queueNotYet')} hint={period.phase === 'self_assessment' ? t('dash.queueSubmitted', { submitted: (queue.list.data?.items.length ?? 0) - queue.drafts, total: queue.list.data?.items.length ?? 0 }) : undefined} actions={<Link to="/assessments">{t('dash.allAssessments')}</Link>} />
      ) : (
        <>
          <Typography.Paragraph>{t('dash.queueSummary', { open, agencies: new Set(rows.filter((r) => r.toReview > 0).map((r) => r.assessment.id)).size })}</Typography.Paragraph>
          <Table<QueueEntry>
            size="small"
            rowKey={(e) => `${e.assessment.id}:${e.fieldCode}`}
            loading={queue.loading}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <EmptyState title={t('dash.queueEmpty')} hint={t('dash.queueEmptyHint')} /> }}
            columns={[
              { title: t('assess.agency'), key: 'a', render: (_, e) => <Link to={`/assessments/${e.assessment.id}/appraisal`}>{lang === 'en' && e.assessment.agencyNameEn ? e.assessment.agencyNameEn : e.assessment.agencyNameVi}</Link> },
              { title: t('appraise.field'), key: 'f', render: (_, e) => `${e.fieldCode}. ${e.fieldName}` },
              { title: t('dash.toReview'), key: 'n', width: 130, render: (_, e) => (e.toReview ? <strong>{t('dash.leaves', { count: e.toReview, total: e.total })}</strong> : <span className="pi-muted">{t('dash.done')}</span>) },
              { title: t('dash.disputed'), key: 'd', width: 110, render: (_, e) => e.disputed || '—' },
              { title: t('assess.deadline'), key: 'due', width: 210, render: (_, e) => <DeadlineCountdown deadline={e.due} compact /> },
            ]}
          />
        </>
      )}
    </Card>
  );
}
