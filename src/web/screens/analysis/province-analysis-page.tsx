import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Select, Skeleton, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { downloadProvinceAnnex, useProvinceAnalysis } from '../../api/analysis';
import { useCurrentUser } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useNationalResults } from '../../api/national';
import { useAgencyGroups } from '../../api/org';
import { usePublicIndex } from '../../api/publication';
import { canReadProvinceAnalysis } from '../../components/analysis-access';
import { EmptyState } from '../../components/empty-state';
import { NationalResultsCard } from '../../components/national-results-card';
import { PageHeader } from '../../components/page-header';
import { idParam, useSearchState } from '../../components/use-search-state';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { meanHundredths, showIdx } from './analysis-format';
import { DistributionCard } from './province-distribution';
import { HeatmapCard } from './province-heatmap';
import { MoversCard } from './province-movers';
import { WeakestFieldsCard, WeakestLeavesCard } from './province-weakest';
import { useLandOnPublishedYear, usePeriod } from '../../session/period-context';
import { useAnalysisT } from './use-analysis-t';
import './analysis.css';

/**
 * The province view of a group's published results (issue 6 part 2, secretariat and administrators): the
 * distribution of indices, the agencies × fields heat map (click → the agency's analysis), the weakest fields and
 * leaves province-wide and the year's biggest climbers and fallers; downloads the results annex (.xlsx).
 */
export default function ProvinceAnalysisPage() {
  const at = useAnalysisT();
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const allowed = canReadProvinceAnalysis(me);
  const [state, update] = useSearchState({ groupId: '' });
  // The top bar's year (decision 0015): the page has no year control of its own.
  const { year, setYear } = usePeriod();
  const landing = useLandOnPublishedYear();
  const index = usePublicIndex(me.province.code);
  const national = useNationalResults();
  const groups = useAgencyGroups();
  const [exporting, setExporting] = useState(false);

  const published = useMemo(() => {
    const byYear = new Map<number, NonNullable<typeof index.data>['years'][number]>();
    for (const y of index.data?.years ?? []) if (!byYear.has(y.year) || (byYear.get(y.year)?.revision ?? 0) < y.revision) byYear.set(y.year, y);
    return [...byYear.values()].sort((a, b) => b.year - a.year);
  }, [index.data]);
  const entry = published.find((y) => y.year === year);
  const groupOptions = (entry?.groups ?? []).flatMap((g) => {
    const id = groups.data?.items.find((x) => x.code === g.code)?.id;
    return id === undefined ? [] : [{ value: id, label: pickName(lang, g) }];
  });
  const asked = idParam(state.groupId);
  const groupId = groupOptions.some((g) => g.value === asked) ? asked : groupOptions[0]?.value;
  const q = useProvinceAnalysis(allowed && !landing ? year : undefined, groupId);
  const data = q.data;
  const title = at('pv.title');

  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;

  const header = (
    <PageHeader
      title={title}
      subtitle={data ? at('pv.subtitle', { group: pickName(lang, data.group), year: data.year }) : at('pv.lead')}
      crumbs={[{ title: at('an.title'), to: '/analysis' }, { title }]}
      extra={
        <Space wrap className="an-actions">
          <Select<number>
            aria-label={at('pv.group')}
            value={groupId}
            placeholder={at('pv.group')}
            onChange={(g) => update({ groupId: g })}
            options={groupOptions}
            popupMatchSelectWidth={false}
            style={{ minWidth: 200 }}
            disabled={groupOptions.length === 0}
          />
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting}
            disabled={!data}
            onClick={() => {
              if (!data) return;
              setExporting(true);
              downloadProvinceAnnex(data.year, data.group.id, data.group.code)
                .then((file) => void message.success(t('export.done', { name: file })))
                .catch((err: unknown) => void message.error(isApiError(err) && err.status === 404 ? at('pv.annexUnavailable') : err instanceof Error ? err.message : String(err)))
                .finally(() => setExporting(false));
            }}
          >
            {at('pv.annex')}
          </Button>
          <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
            {at('an.print')}
          </Button>
        </Space>
      }
    />
  );

  if (index.isSuccess && published.length === 0) {
    return (
      <>
        {header}
        <Card className="pi-card">
          <EmptyState title={at('an.notPublished')} hint={at('an.notPublishedHint')} actions={<Link to="/results">{at('an.toResults')}</Link>} />
        </Card>
      </>
    );
  }
  const yearNotPublished = !landing && index.isSuccess && entry === undefined;
  if (yearNotPublished || (q.error && !data)) {
    const missing = yearNotPublished || (isApiError(q.error) && q.error.code === 'not_found');
    return (
      <>
        {header}
        {missing ? (
          <Card className="pi-card">
            <EmptyState
              title={at('pv.notPublishedYear', { year })}
              hint={at('an.notPublishedChoose')}
              actions={
                <Space wrap>
                  {published.filter((y) => y.year !== year).slice(0, 6).map((y) => (
                    <Button key={y.year} onClick={() => setYear(y.year)}>
                      {at('an.seeYear', { year: y.year })}
                    </Button>
                  ))}
                </Space>
              }
            />
          </Card>
        ) : (
          <Alert type="error" showIcon title={t('error.loadFailed')} description={q.error?.message} action={<Button onClick={() => void q.refetch()}>{t('action.retry')}</Button>} />
        )}
      </>
    );
  }
  if (!data) {
    return (
      <div role="status" aria-live="polite" aria-label={at('an.loading')}>
        {header}
        <Card className="pi-card an-card">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }

  const totals = data.heatmap.rows.map((r) => r.totalIndex);
  const known = totals.filter((v): v is number => v !== null);
  const best = data.heatmap.rows[0];
  const worst = [...data.heatmap.rows].reverse().find((r) => r.totalIndex !== null);
  return (
    <div className="an-page an-province">
      {header}
      <div className="an-print-head" aria-hidden>
        <div className="an-print-title">{at('pv.printTitle', { year: data.year })}</div>
        <div className="an-print-agency">{pickName(lang, data.group)}</div>
        <div>{at('an.printSource', { decision: data.published.decisionNumber, revision: data.published.revision, hash: data.published.contentHash.slice(0, 12) })}</div>
        <div className="an-print-date">{at('an.printedOn', { date: formatDate(new Date(), lang) })}</div>
      </div>
      <div className="an-kpis">
        <div className="an-kpi">
          <div className="an-kpi-label">{at('pv.kpi.agencies')}</div>
          <div className="an-kpi-value an-kpi-big">{data.group.size}</div>
          <div className="an-kpi-sub">{data.distribution.missing > 0 ? at('pv.kpi.missing', { count: data.distribution.missing }) : pickName(lang, data.group)}</div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('pv.kpi.mean')}</div>
          <div className="an-kpi-value an-kpi-big">{showIdx(meanHundredths(totals), lang)}</div>
          <div className="an-kpi-sub">{known.length > 0 ? at('pv.kpi.range', { min: showIdx(Math.min(...known), lang), max: showIdx(Math.max(...known), lang) }) : '—'}</div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('pv.kpi.best')}</div>
          <div className="an-kpi-value">{best ? pickName(lang, best) : '—'}</div>
          <div className="an-kpi-sub">{best ? showIdx(best.totalIndex, lang) : ''}</div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('pv.kpi.worst')}</div>
          <div className="an-kpi-value">{worst ? pickName(lang, worst) : '—'}</div>
          <div className="an-kpi-sub">{worst ? showIdx(worst.totalIndex, lang) : ''}</div>
        </div>
      </div>
      <NationalResultsCard data={national.data} highlightYear={data.year} />
      <div className="an-grid-2">
        <DistributionCard data={data} />
        <WeakestFieldsCard data={data} />
      </div>
      <HeatmapCard data={data} />
      <MoversCard data={data} />
      <WeakestLeavesCard data={data} />
      <p className="an-source pi-muted">{at('an.source', { decision: data.published.decisionNumber, revision: data.published.revision, hash: data.published.contentHash.slice(0, 12) })}</p>
    </div>
  );
}
