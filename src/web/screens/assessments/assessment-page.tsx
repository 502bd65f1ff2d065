import { Button, Result, Skeleton, Space, Tabs } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { phaseIndex } from '../../../core/domain/workflow';
import { useCurrentUser } from '../../api/auth';
import { useAssessment } from '../../api/assessments';
import { ApiError } from '../../api/client';
import { asPhase, CyclePhaseTag, CycleStatusTag } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { PageSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';
import type { AssessmentOutlet } from './assessment-outlet';
import './assessment.css';

/** One agency's assessment of a period: the header (phase, status, deadline) and its tabs. */
export default function AssessmentPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const location = useLocation();
  const navigate = useNavigate();
  const query = useAssessment(valid ? id : undefined);

  if (!valid) return <Result status="404" title={t('assess.notFound')} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error) {
    return (
      <Result
        status={query.error instanceof ApiError && query.error.status === 404 ? '404' : 'warning'}
        title={t('error.loadFailed')}
        subTitle={query.error.message}
        extra={
          <Button type="primary" onClick={() => void query.refetch()}>
            {t('action.retry')}
          </Button>
        }
      />
    );
  }
  const detail = query.data;
  const phase = asPhase(detail.phase);
  const staff = me.user.roles.some((g) => g.role === 'secretariat' || g.role === 'admin');
  const reviewer = staff || detail.appraiserFields.length > 0;
  const tabs = [{ key: '', label: t('assess.tabSelf') }];
  if (reviewer && phaseIndex(phase) >= phaseIndex('appraisal1')) tabs.push({ key: 'appraisal', label: t('assess.tabAppraisal') });
  if (phaseIndex(phase) >= phaseIndex('explanation') && (detail.progress.adjusted > 0 || detail.abilities.explain)) tabs.push({ key: 'explanation', label: t('assess.tabExplanation') });
  const base = `/assessments/${id}`;
  const active = location.pathname.replace(base, '').replace(/^\//, '').split('/')[0] ?? '';
  const name = lang === 'en' && detail.agencyNameEn ? detail.agencyNameEn : detail.agencyNameVi;
  const outlet: AssessmentOutlet = { detail };

  return (
    <div className="pi-assessment">
      <PageHeader
        title={name}
        crumbs={[{ title: t('assess.periodCrumb', { year: detail.year }), to: `/periods/${detail.periodId}` }, { title: name }]}
        subtitle={
          <Space wrap size={[12, 4]} className="pi-assessment-meta">
            <CyclePhaseTag phase={detail.phase} />
            <CycleStatusTag status={detail.status} />
            {detail.deadline && <DeadlineCountdown deadline={detail.deadline} label={t('assess.deadline')} />}
          </Space>
        }
      />
      {tabs.length > 1 && (
        <Tabs
          className="pi-assessment-tabs"
          activeKey={active}
          onChange={(k) => void navigate(k ? `${base}/${k}` : base)}
          items={tabs.map((tab) => ({ key: tab.key, label: tab.label }))}
        />
      )}
      <Suspense fallback={<PageSpinner />}>
        <Outlet context={outlet} />
      </Suspense>
    </div>
  );
}
