import { Card, Progress, Select, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, type AssessmentStatus, phaseIndex } from '../../../core/domain/workflow';
import { useCurrentUser } from '../../api/auth';
import { type AssessmentSummary, useAssessments } from '../../api/assessments';
import { useAgencyGroups } from '../../api/org';
import { useSelectedPeriod } from '../../api/periods';
import { asPhase, CyclePhaseTag, CycleStatusTag } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { SearchBox } from '../../components/search-box';
import { enumParam, idParam, useSearchState } from '../../components/use-search-state';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

const DEFAULTS = { q: '', groupId: '', status: '' };

/** Where a reviewer goes for an assessment: the appraisal workbench once appraisal has started. */
export function assessmentLink(a: Pick<AssessmentSummary, 'id' | 'phase' | 'status'>, reviewer: boolean): string {
  const p = phaseIndex(asPhase(a.phase));
  if (reviewer && p >= phaseIndex('appraisal1') && a.status !== 'draft') return `/assessments/${a.id}/appraisal`;
  return `/assessments/${a.id}`;
}

/** The assessments of the selected year that the user may see (all for the secretariat, assigned ones for appraisers). */
export default function AssessmentsPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const { year, period } = useSelectedPeriod();
  const [state, update] = useSearchState(DEFAULTS);
  const groups = useAgencyGroups();
  const groupId = idParam(state.groupId);
  const status = state.status ? enumParam(state.status, ASSESSMENT_STATUSES, 'draft') : undefined;
  const list = useAssessments({ periodId: period?.id, groupId, status, q: state.q || undefined });
  const items = list.data?.items ?? [];
  const reviewer = me.user.roles.some((g) => g.role === 'secretariat' || g.role === 'admin' || g.role === 'appraiser');

  const columns: ColumnsType<AssessmentSummary> = [
    {
      title: t('assess.agency'),
      key: 'agency',
      render: (_, a) => (
        <span className="pi-cell-main">
          <Link to={assessmentLink(a, reviewer)}>{lang === 'en' && a.agencyNameEn ? a.agencyNameEn : a.agencyNameVi}</Link>
          <span className="pi-cell-sub">
            {a.agencyCode} · {(() => {
              const g = groups.data?.items.find((x) => x.code === a.groupCode);
              return g ? pickName(lang, g) : a.groupCode;
            })()}
          </span>
        </span>
      ),
    },
    { title: t('common.status'), key: 'status', width: 170, render: (_, a) => <CycleStatusTag status={a.status} /> },
    {
      title: t('assess.selfProgress'),
      key: 'self',
      width: 190,
      render: (_, a) => (
        <Tooltip title={t('selfAssess.withEvidence', { count: a.progress.withEvidence, scored: a.progress.scored })}>
          <div>
            <Progress percent={a.progress.selfScorable ? Math.round((a.progress.scored / a.progress.selfScorable) * 100) : 0} size="small" />
            <span className="pi-cell-sub">{t('selfAssess.progress', { scored: a.progress.scored, total: a.progress.selfScorable })}</span>
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('assess.reviewProgress'),
      key: 'review',
      width: 230,
      render: (_, a) => (
        <span className="pi-cell-sub">
          {t('assess.reviewCounts', { appraised: a.progress.appraised1, adjusted: a.progress.adjusted, disputed: a.progress.disputed, finalised: a.progress.finalised })}
        </span>
      ),
    },
    { title: t('assess.deadline'), key: 'deadline', width: 200, render: (_, a) => (a.deadline ? <DeadlineCountdown deadline={a.deadline} compact /> : '—') },
  ];

  return (
    <>
      <PageHeader
        title={t('assess.listTitle', { year })}
        subtitle={period ? <CyclePhaseTag phase={period.phase} /> : undefined}
        crumbs={[{ title: t('nav.cycle') }, { title: t('assess.listTitle', { year }) }]}
      />
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar" role="search">
          <SearchBox label={t('assess.search')} placeholder={t('assess.searchPlaceholder')} value={state.q} onSearch={(q) => update({ q })} className="pi-toolbar-search" />
          <Select
            allowClear
            className="pi-toolbar-select"
            aria-label={t('assess.groupFilter')}
            placeholder={t('assess.allGroups')}
            value={state.groupId || undefined}
            onChange={(v: string | undefined) => update({ groupId: v ?? '' })}
            options={(groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: pickName(lang, g) }))}
          />
          <Select
            allowClear
            className="pi-toolbar-select"
            aria-label={t('common.statusFilter')}
            placeholder={t('status.all')}
            value={status}
            onChange={(v: AssessmentStatus | undefined) => update({ status: v ?? '' })}
            options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: ASSESSMENT_STATUS_LABELS[s][lang] }))}
          />
          <span className="pi-toolbar-count">{t('table.count', { count: formatCount(items.length, lang) })}</span>
        </div>
        <Table<AssessmentSummary>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          columns={columns}
          dataSource={items}
          sticky={{ offsetHeader: 56 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{
            emptyText: !period ? (
              <CycleNoPeriod year={year} />
            ) : list.error ? (
              <EmptyState title={t('error.loadFailed')} hint={list.error.message} />
            ) : (
              <EmptyState title={state.q || state.groupId || state.status ? t('common.noMatch') : t('assess.listEmpty')} hint={period.phase === 'setup' ? t('assess.notOpenedYet') : t('assess.listEmptyHint')} />
            ),
          }}
        />
      </Card>
    </>
  );
}
