import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDeadline } from '../../../core/domain/workflow';
import { type PeriodView, usePeriods } from '../../api/periods';
import { CyclePhaseTag } from '../../components/cycle-status-tag';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';
import { PeriodFormModal } from './period-form-modal';
import './periods.css';

/** The periods of the province, newest first; the secretariat creates a new one. */
export default function PeriodsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const list = usePeriods();
  const [creating, setCreating] = useState(false);
  const canCreate = list.data?.abilities.manage === true;
  const due = (v: string | null) => (v ? formatDeadline(new Date(v), lang) : '—');

  return (
    <>
      <PageHeader
        title={t('periods.title')}
        subtitle={t('periods.subtitle')}
        crumbs={[{ title: t('nav.cycle') }, { title: t('periods.title') }]}
        extra={
          <GuardedButton allowed={canCreate} whenDenied="hide" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('periods.create')}
          </GuardedButton>
        }
      />
      <Card className="pi-card pi-table-card">
        <Table<PeriodView>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: list.error ? (
              <EmptyState title={t('error.loadFailed')} hint={list.error.message} actions={<Button onClick={() => void list.refetch()}>{t('action.retry')}</Button>} />
            ) : (
              <EmptyState title={t('periods.empty')} hint={canCreate ? t('periods.emptyHint') : t('periods.emptyHintReadOnly')} />
            ),
          }}
          columns={[
            { title: t('periods.year'), dataIndex: 'year', key: 'year', width: 80 },
            { title: t('periods.name'), key: 'name', render: (_, p) => <Link to={`/periods/${p.id}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.nameVi}</Link> },
            { title: t('periods.phase'), key: 'phase', width: 170, render: (_, p) => <CyclePhaseTag phase={p.phase} /> },
            { title: t('periods.due.selfAssessmentDueAt'), key: 'sa', width: 160, render: (_, p) => due(p.selfAssessmentDueAt) },
            { title: t('periods.due.appraisal2DueAt'), key: 'a2', width: 160, render: (_, p) => due(p.appraisal2DueAt) },
            { title: t('periods.assessments'), dataIndex: 'assessmentCount', key: 'count', width: 110 },
          ]}
        />
      </Card>
      <PeriodFormModal
        open={creating}
        period={null}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          void navigate(`/periods/${p.id}`);
        }}
      />
    </>
  );
}
