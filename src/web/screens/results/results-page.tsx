import { FundProjectionScreenOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Select, Space, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useAgencyGroups } from '../../api/org';
import { usePeriods } from '../../api/periods';
import { type AgencyResultRow, useGroupResults, useResultsAccess } from '../../api/results';
import { EmptyState } from '../../components/empty-state';
import { canReadProvinceAnalysis } from '../../components/analysis-access';
import { useCurrentUser } from '../../api/auth';
import { PageHeader } from '../../components/page-header';
import { useSearchState } from '../../components/use-search-state';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { usePeriod } from '../../session/period-context';
import { RankingChart } from './ranking-chart';
import { resultColumns } from './results-columns';
import { resultsExportColumns } from './results-export';
import { ExportTableButton } from '../../components/export-table-button';
import { ResultsSummary } from './results-summary';
import './results.css';

const PREVIOUS_SOURCE = { scores: 'res.previous.scores', history: 'res.previous.history', snapshot: 'res.previous.snapshot' } as const;

/**
 * A year's ranking of one agency group: the table (rank, index, change, class, component indices on a colour
 * scale), a ranking chart and the way into each agency's scorecard. Agency users go to their own scorecard. The year
 * is the top bar's (decision 0015): this page has no year control of its own.
 */
export default function ResultsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const access = useResultsAccess();
  const me = useCurrentUser();
  const { year, setYear } = usePeriod();
  const [state, update] = useSearchState({ group: '' });
  const periods = usePeriods();
  const groups = useAgencyGroups();

  const items = useMemo(() => [...(periods.data?.items ?? [])].sort((a, b) => b.year - a.year), [periods.data]);
  const period = items.find((p) => p.year === year);
  const groupOptions = (period?.frameworks ?? []).map((f) => {
    const g = groups.data?.items.find((x) => x.id === f.groupId);
    return { value: f.groupCode, label: g ? pickName(lang, g) : f.groupNameVi, id: f.groupId };
  });
  const group = groupOptions.find((g) => g.value === state.group) ?? groupOptions[0];
  const results = useGroupResults(period ? year : undefined, group?.id, { enabled: access.group });

  if (!access.group) {
    // An agency user reads their own scorecard: the selected year when it has a period, else the latest one.
    const target = period ? year : (items[0]?.year ?? year);
    if (access.agencyId !== null && periods.isPending) return null;
    if (access.agencyId !== null) return <Navigate to={`/results/${target}/agencies/${access.agencyId}`} replace />;
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  }

  const open = (a: AgencyResultRow) => void navigate(`/results/${year}/agencies/${a.agencyId}?group=${group?.value ?? ''}`);
  const data = results.data;
  const published = data?.periodPhase === 'published';
  const title = t('res.title');
  const groupName = data ? pickName(lang, data.group) : (group?.label ?? '');

  return (
    <div className="res-ranking-page">
      <PageHeader
        title={title}
        subtitle={t('res.subtitle')}
        crumbs={[{ title }]}
        extra={
          <Space wrap>
            {published && group && canReadProvinceAnalysis(me) && (
              <Button icon={<FundProjectionScreenOutlined />} onClick={() => void navigate(`/analysis/province?year=${year}&groupId=${group.id}`)}>
                {t('anav.province')}
              </Button>
            )}
            {data && <ExportTableButton title={t('res.tableTitle', { group: groupName, year })} columns={resultsExportColumns(t, lang, data)} rows={data.agencies} />}
            <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
              {t('res.print')}
            </Button>
          </Space>
        }
      />
      <div className="res-print-head" aria-hidden>
        <div className="res-print-title">{t('res.printTitle', { year })}</div>
        <div>{t('res.printGroup', { group: groupName, period: period ? pickName(lang, period) : String(year) })}</div>
        <div className="res-print-date">{t('res.printedOn', { date: formatDate(new Date(), lang) })}</div>
      </div>
      <Card className="pi-card res-filters" size="small">
        <div className="pi-toolbar res-toolbar" role="search">
          <label className="res-label" htmlFor="res-group">
            {t('res.group')}
          </label>
          <Select<string>
            id="res-group"
            className="res-group"
            value={group?.value}
            disabled={!period}
            onChange={(v) => update({ group: v })}
            options={groupOptions.map(({ value, label }) => ({ value, label }))}
            popupMatchSelectWidth={false}
          />
          {data && (
            <Tag className={`res-phase ${published ? 'res-phase-published' : 'res-phase-provisional'}`}>
              {published ? t('res.published') : t('res.provisional')}
            </Tag>
          )}
        </div>
      </Card>
      {periods.isSuccess && !period ? (
        <Card className="pi-card">
          <EmptyState
            title={t('res.noPeriodTitle', { year })}
            hint={items.length > 0 ? t('res.noPeriodHint') : t('res.noPeriodsAtAll')}
            actions={
              <Space wrap>
                {items.slice(0, 5).map((p) => (
                  <Button key={p.year} onClick={() => setYear(p.year)}>
                    {t('res.seeYear', { year: p.year })}
                  </Button>
                ))}
              </Space>
            }
          />
        </Card>
      ) : results.error && !data ? (
        <Alert type="error" showIcon title={t('error.loadFailed')} description={results.error.message} action={<Button onClick={() => void results.refetch()}>{t('action.retry')}</Button>} />
      ) : (
        <>
          {data && !published && <Alert className="res-banner" type="warning" showIcon title={t('res.provisionalHint')} />}
          {data && <ResultsSummary results={data} />}
          <Card className="pi-card pi-table-card res-table-card" title={<h2 className="res-card-title">{t('res.tableTitle', { group: groupName, year })}</h2>}>
            <Table<AgencyResultRow>
              className="res-table"
              size="small"
              rowKey="agencyId"
              loading={results.isFetching}
              dataSource={data?.agencies ?? []}
              columns={data ? resultColumns({ t, lang, results: data, onOpen: open }) : []}
              pagination={false}
              sticky={{ offsetHeader: 56 }}
              scroll={{ x: 524 + (data?.fields.length ?? 0) * 66 }}
              showSorterTooltip={false}
              locale={{ emptyText: results.isPending ? ' ' : <EmptyState title={t('res.emptyTitle')} hint={t('res.emptyHint')} /> }}
            />
            {data?.previousSource && <p className="res-footnote pi-muted">{t(PREVIOUS_SOURCE[data.previousSource])}</p>}
          </Card>
          {data && data.agencies.length > 0 && (
            <Card className="pi-card res-chart-card" title={<h2 className="res-card-title">{t('res.chartTitle')}</h2>}>
              <RankingChart results={data} onOpen={open} />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
