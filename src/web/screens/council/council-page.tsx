import { DownloadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../api/auth';
import { isApiError } from '../../api/client';
import { exportCouncil, useCouncilSheet } from '../../api/council';
import { useSelectedPeriod } from '../../api/periods';
import { AgencySelect } from '../../components/agency-select';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { PageSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { ClassTag } from '../../components/results-class-tag';
import { RankChange } from '../../components/results-rank-change';
import { StatusTag } from '../../components/status-tag';
import { enumParam, idParam, useSearchState } from '../../components/use-search-state';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { CouncilAccountability } from './council-accountability';
import { showDecimal, isStaff, ownAgency } from './council-format';
import { CouncilRanking } from './council-ranking';
import { CouncilResponsibilities } from './council-responsibilities';
import { CouncilSheetTab } from './council-sheet';
import './council.css';

const TABS = ['sheet', 'ranking', 'responsibilities', 'accountability'] as const;

/**
 * "Hội đồng đánh giá nội bộ": the agency's internal council for the year chosen in the top bar — the sheet (per
 * division: leaves, points lost, tasks, score), the ranking, which division answers for which leaf, and the head's
 * accountability view. The secretariat and administrators pick the agency; everyone else sees their own.
 */
export default function CouncilPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const staff = isStaff(me);
  const [state, update] = useSearchState({ agency: '', tab: 'sheet' });
  const agencyId = staff ? (idParam(state.agency) ?? null) : ownAgency(me);
  const tab = enumParam(state.tab, TABS, 'sheet');
  const { year, period, list: periods } = useSelectedPeriod();
  const sheet = useCouncilSheet(agencyId, period?.id);
  const [exporting, setExporting] = useState(false);
  const [agencyLabel, setAgencyLabel] = useState<{ value: number; label: string } | null>(null);

  const data = sheet.data && sheet.data.agency.id === agencyId && sheet.data.period.id === period?.id ? sheet.data : undefined;
  const runExport = async () => {
    if (!agencyId || !period) return;
    setExporting(true);
    try {
      const name = await exportCouncil(agencyId, period.id, year);
      void message.success(t('export.done', { name }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const header = (
    <PageHeader
      title={t('council.title')}
      subtitle={data ? t('council.subtitle', { agency: pickName(lang, data.agency), year }) : t('council.subtitleNoAgency', { year })}
      crumbs={[{ title: t('council.navGroup') }, { title: t('council.title') }]}
      extra={
        <Space wrap>
          {staff && (
            <AgencySelect
              aria-label={t('council.chooseAgency')}
              placeholder={t('council.chooseAgency')}
              value={agencyId}
              known={agencyLabel ? [agencyLabel] : []}
              onChange={(v, option) => {
                if (option) setAgencyLabel(option);
                update({ agency: v });
              }}
              allowClear={false}
              style={{ minWidth: 280 }}
            />
          )}
          <Button icon={<DownloadOutlined />} loading={exporting} disabled={!data} onClick={() => void runExport()}>
            {t('action.exportExcel')}
          </Button>
        </Space>
      }
    />
  );

  if (periods.isPending) return header;
  if (!period)
    return (
      <>
        {header}
        <Card className="pi-card">
          <CycleNoPeriod year={year} />
        </Card>
      </>
    );
  if (agencyId === null)
    return (
      <>
        {header}
        <Card className="pi-card">
          <EmptyState title={staff ? t('council.pickAgencyTitle') : t('council.noAgencyTitle')} hint={staff ? t('council.pickAgencyHint') : t('council.noAgencyHint')} />
        </Card>
      </>
    );
  if (!data) {
    if (sheet.error) {
      const missing = isApiError(sheet.error) && (sheet.error.code === 'not_found' || sheet.error.code === 'forbidden');
      return (
        <>
          {header}
          <Card className="pi-card">
            <EmptyState
              title={missing ? t('council.unavailableTitle', { year }) : t('error.loadFailed')}
              hint={sheet.error.message}
              actions={missing ? undefined : <Button onClick={() => void sheet.refetch()}>{t('action.retry')}</Button>}
            />
          </Card>
        </>
      );
    }
    return (
      <>
        {header}
        <PageSpinner />
      </>
    );
  }

  const e = data.evaluation;
  const r = data.result;
  return (
    <>
      {header}
      <section className="council-summary" aria-label={t('council.summaryLabel')}>
        <div className="council-kpi">
          <div className="council-kpi-label">{t('council.kpi.index', { year })}</div>
          {r ? (
            <div className="council-kpi-value">
              {showDecimal(r.totalIndex, lang)}% <ClassTag classification={r.classification} />
            </div>
          ) : (
            <div className="council-kpi-value council-muted">{t('council.notPublished')}</div>
          )}
        </div>
        {r && (
          <div className="council-kpi">
            <div className="council-kpi-label">{t('council.kpi.rank')}</div>
            <div className="council-kpi-value" data-testid="council-rank">
              {t('council.rankOf', { rank: r.rank, count: r.groupSize })} <RankChange change={r.rankChange} />
            </div>
          </div>
        )}
        {r && (
          <div className="council-kpi">
            <div className="council-kpi-label">{t('council.kpi.lost')}</div>
            <div className="council-kpi-value">{showDecimal(r.totalLost, lang)}</div>
          </div>
        )}
        <div className="council-kpi">
          <div className="council-kpi-label">{t('council.kpi.status')}</div>
          <div className="council-kpi-value" data-testid="council-status">
            {e?.status === 'recorded' ? (
              <StatusTag tone="ok">{t('council.status.recorded')}</StatusTag>
            ) : e ? (
              <StatusTag tone="warn">{t('council.status.draft')}</StatusTag>
            ) : (
              <StatusTag tone="off">{t('council.status.none')}</StatusTag>
            )}
          </div>
          {e?.status === 'recorded' && (
            <div className="council-kpi-note" data-testid="council-decision">
              {t('council.decision', { number: e.decisionNumber, date: formatDate(e.decidedOn, lang) })}
            </div>
          )}
        </div>
      </section>
      {data.factsAsOf && <Alert className="council-banner" type="info" showIcon title={t('council.frozen', { date: formatDate(data.factsAsOf, lang) })} />}
      {!r && <Alert className="council-banner" type="warning" showIcon title={t('council.notPublishedHint', { year })} />}
      <Card className="pi-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k })}
          items={[
            { key: 'sheet', label: t('council.tab.sheet'), children: <CouncilSheetTab sheet={data} /> },
            { key: 'ranking', label: t('council.tab.ranking'), children: <CouncilRanking sheet={data} /> },
            {
              key: 'responsibilities',
              label: (
                <span>
                  {t('council.tab.responsibilities')}{' '}
                  {data.unassigned.leafCount > 0 && <Tag className="council-tab-count">{data.unassigned.leafCount}</Tag>}
                </span>
              ),
              children: <CouncilResponsibilities agencyId={data.agency.id} periodId={data.period.id} year={year} />,
            },
            { key: 'accountability', label: t('council.tab.accountability'), children: <CouncilAccountability agencyId={data.agency.id} periodId={data.period.id} active={tab === 'accountability'} /> },
          ]}
        />
      </Card>
    </>
  );
}
