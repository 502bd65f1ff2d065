import { EditOutlined, StepForwardOutlined } from '@ant-design/icons';
import { App, Button, Card, Result, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { nextPhase, PHASE_LABELS } from '../../../core/domain/workflow';
import { useAssessments } from '../../api/assessments';
import { usePeriodById } from '../../api/periods';
import { CyclePhaseSteps } from '../../components/cycle-phase-steps';
import { asPhase, CyclePhaseTag } from '../../components/cycle-status-tag';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';
import { StatusMatrix } from '../dashboard/status-matrix';
import { ADVANCEABLE, AdvanceModal } from './advance-modal';
import { AssignmentsPanel } from './assignments-panel';
import { ExtensionsPanel } from './extensions-panel';
import { PeriodFormModal } from './period-form-modal';
import { PublicationPanel } from './publication-panel';
import { SurveyPointsPanel } from './survey-points-panel';
import './periods.css';

/** One period: its phases and deadlines, the agencies' progress, and (for the secretariat) running the cycle. */
export default function PeriodPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const query = usePeriodById(Number.isInteger(id) && id > 0 ? id : undefined);
  const assessments = useAssessments({ periodId: query.data?.id });
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [advancing, setAdvancing] = useState(false);

  if (query.isPending) return <Skeleton active />;
  if (query.error) return <Result status="warning" title={t('error.loadFailed')} subTitle={query.error.message} extra={<Button onClick={() => void query.refetch()}>{t('action.retry')}</Button>} />;
  const period = query.data;
  const phase = asPhase(period.phase);
  const to = nextPhase(phase);
  const manage = period.abilities.manage === true;
  const canAdvance = manage && ADVANCEABLE.includes(phase) && to !== null;
  const advanceDenied = !manage ? t('ability.denied') : phase === 'appraisal2' ? t('periods.advance.useFinalise') : t('periods.advance.useDone');
  const name = lang === 'en' && period.nameEn ? period.nameEn : period.nameVi;
  const tab = params.get('tab') ?? 'agencies';

  const tabs = [
    { key: 'agencies', label: t('periods.tab.agencies'), children: <StatusMatrix items={assessments.data?.items ?? []} loading={assessments.isFetching} withBar /> },
    ...(manage
      ? [
          { key: 'extensions', label: t('periods.tab.extensions'), children: <ExtensionsPanel period={period} /> },
          { key: 'assignments', label: t('periods.tab.assignments'), children: <AssignmentsPanel period={period} /> },
          { key: 'survey', label: t('periods.tab.survey'), children: <SurveyPointsPanel period={period} /> },
          { key: 'publication', label: t('periods.tab.publication'), children: <PublicationPanel period={period} /> },
        ]
      : [{ key: 'extensions', label: t('periods.tab.extensions'), children: <ExtensionsPanel period={period} /> }]),
  ];

  return (
    <>
      <PageHeader
        title={name}
        subtitle={<CyclePhaseTag phase={period.phase} />}
        crumbs={[{ title: t('periods.title'), to: '/periods' }, { title: String(period.year) }]}
        extra={
          <Space wrap>
            <GuardedButton allowed={manage && period.phase !== 'published'} whenDenied="hide" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('periods.edit')}
            </GuardedButton>
            {manage && (
              <GuardedButton allowed={canAdvance} deniedReason={advanceDenied} type="primary" icon={<StepForwardOutlined />} onClick={() => setAdvancing(true)}>
                {to && canAdvance ? t('periods.advance.button', { to: PHASE_LABELS[to][lang] }) : t('periods.advance.buttonGeneric')}
              </GuardedButton>
            )}
          </Space>
        }
      />
      <Card className="pi-card pi-period-steps">
        <CyclePhaseSteps period={period} />
      </Card>
      <Card className="pi-card">
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
      </Card>
      <PeriodFormModal
        open={editing}
        period={period}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          void message.success(t('periods.saved'));
        }}
      />
      <AdvanceModal
        period={period}
        open={advancing}
        onClose={() => setAdvancing(false)}
        onDone={(p) => {
          setAdvancing(false);
          void message.success(t('periods.advance.done', { phase: PHASE_LABELS[p][lang] }));
        }}
      />
    </>
  );
}
