import { Card, Skeleton, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { QueueRowView } from '../../../core/schemas/dashboard';
import { useAppraiserQueue } from '../../api/dashboard';
import { CyclePhaseTag } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { ResultsEntry } from './published-card';
import './dashboard.css';

const ROUNDS = ['appraisal1', 'explanation', 'appraisal2'];

/**
 * The appraiser's home, by the period's phase: before appraisal, how many agencies have submitted; during the rounds,
 * agencies × assigned fields with the leaves still to review and the due date (one summary request); once results are
 * finalised or published, the results and the analysis.
 */
export function AppraiserDashboard() {
  const t = useT();
  const { lang } = useLang();
  const queue = useAppraiserQueue(true);
  const { period, year } = queue;
  const rows = [...queue.rows].sort((a, b) => b.toReview - a.toReview);
  const open = rows.reduce((s, e) => s + e.toReview, 0);
  const body = () => {
    if (queue.periods.isPending) return <Skeleton active />;
    if (!period) return <CycleNoPeriod year={year} />;
    if (period.phase === 'finalised' || period.phase === 'published') return <ResultsEntry period={period} analysisTo={`/analysis?year=${year}`} />;
    if (!ROUNDS.includes(period.phase)) {
      return (
        <EmptyState
          title={t('dash.queueNotYet')}
          hint={period.phase === 'self_assessment' && queue.summary.data ? t('dash.queueSubmitted', { submitted: queue.submitted, total: queue.total }) : undefined}
          actions={<Link to="/assessments">{t('dash.allAssessments')}</Link>}
        />
      );
    }
    return (
      <>
        <Typography.Paragraph>{t('dash.queueSummary', { open, agencies: new Set(rows.filter((r) => r.toReview > 0).map((r) => r.assessmentId)).size })}</Typography.Paragraph>
        <Table<QueueRowView>
          size="small"
          rowKey={(e) => `${e.assessmentId}:${e.fieldCode}`}
          loading={queue.summary.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: queue.summary.error ? <EmptyState title={t('error.loadFailed')} hint={queue.summary.error.message} /> : <EmptyState title={t('dash.queueEmpty')} hint={t('dash.queueEmptyHint')} /> }}
          columns={[
            { title: t('assess.agency'), key: 'a', render: (_, e) => <Link to={`/assessments/${e.assessmentId}/appraisal`}>{lang === 'en' && e.agencyNameEn ? e.agencyNameEn : e.agencyNameVi}</Link> },
            { title: t('appraise.field'), key: 'f', render: (_, e) => `${e.fieldCode}. ${lang === 'en' ? e.fieldNameEn : e.fieldNameVi}` },
            { title: t('dash.toReview'), key: 'n', width: 130, render: (_, e) => (e.toReview ? <strong>{t('dash.leaves', { count: e.toReview, total: e.total })}</strong> : <span className="pi-muted">{t('dash.done')}</span>) },
            { title: t('dash.disputed'), key: 'd', width: 110, render: (_, e) => e.disputed || '—' },
            { title: t('assess.deadline'), key: 'due', width: 210, render: (_, e) => <DeadlineCountdown deadline={e.due} compact /> },
          ]}
        />
      </>
    );
  };
  return (
    <Card
      className="pi-card pi-dash-card"
      title={<Typography.Title level={2} className="pi-card-title">{t('dash.queueTitle', { year })}</Typography.Title>}
      extra={period && <CyclePhaseTag phase={period.phase} />}
    >
      {body()}
    </Card>
  );
}
