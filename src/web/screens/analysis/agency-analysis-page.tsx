import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { downloadAgencyReport, type GainMode, useAgencyAnalysis } from '../../api/analysis';
import { useCurrentUser } from '../../api/auth';
import { isApiError } from '../../api/client';
import { AgencySelect } from '../../components/agency-select';
import { canChooseAnalysisAgency } from '../../components/analysis-access';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { enumParam, idParam } from '../../components/use-search-state';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { useLandOnPublishedYear, usePeriod } from '../../session/period-context';
import { ComparisonCard } from './comparison-card';
import { LostLeavesCard } from './lost-leaves-card';
import { NotPublished } from './not-published';
import { RobustnessCard } from './robustness-card';
import { SummarySection } from './summary-section';
import { TrendCard } from './trend-card';
import { useAnalysisT } from './use-analysis-t';
import { WaterfallCard } from './waterfall-card';
import { WhatItTakesCard } from './what-it-takes-card';
import './analysis.css';

const MODES: readonly GainMode[] = ['one_step', 'to_max'];

/**
 * One agency's analysis of a published year (issue 6 part 1): the plain sentence and the key figures, where the
 * points were lost (waterfall by field and criterion, the leaves that lost the most with "create task"), the
 * comparison with last year, the group and the agencies just above, what it takes to climb, how robust the rank
 * is, and ten years of index and rank. Exports the report (.docx); prints on A4.
 */
export default function AgencyAnalysisPage() {
  const at = useAnalysisT();
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const agencyId = idParam(params.agencyId ?? '');
  // The top bar's year (decision 0015): the page has no year control of its own.
  const { year, setYear } = usePeriod();
  const landing = useLandOnPublishedYear();
  const mode = enumParam(search.get('mode') ?? '', MODES, 'one_step');
  const chooser = canChooseAnalysisAgency(me);
  const q = useAgencyAnalysis(landing ? undefined : agencyId, { year, mode });
  const [exporting, setExporting] = useState(false);
  const data = q.data;

  const go = (id: number) => void navigate(`/analysis/agencies/${id}?year=${year}${mode !== 'one_step' ? `&mode=${mode}` : ''}`);
  const setMode = (m: GainMode) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (m === 'one_step') next.delete('mode');
        else next.set('mode', m);
        return next;
      },
      { replace: true },
    );
  const crumbsBase = [{ title: at('an.title'), ...(chooser ? { to: '/analysis' } : {}) }];

  if (agencyId === undefined) {
    return (
      <>
        <PageHeader title={at('an.title')} crumbs={crumbsBase} />
        <Card className="pi-card">
          <EmptyState title={at('an.badAgency')} actions={<Link to="/analysis">{at('an.chooseAgency')}</Link>} />
        </Card>
      </>
    );
  }

  if (!data) {
    if (q.error) {
      const missing = isApiError(q.error) && q.error.code === 'not_found';
      return (
        <>
          <PageHeader title={at('an.title')} crumbs={crumbsBase} />
          {missing ? (
            <NotPublished year={year} onYear={setYear} />
          ) : (
            <Alert type="error" showIcon title={t('error.loadFailed')} description={q.error.message} action={<Button onClick={() => void q.refetch()}>{t('action.retry')}</Button>} />
          )}
        </>
      );
    }
    return (
      <div role="status" aria-live="polite" aria-label={at('an.loading')}>
        <PageHeader title={at('an.title')} crumbs={crumbsBase} />
        <div className="an-kpis">
          {[0, 1, 2, 3].map((i) => (
            <div className="an-kpi" key={i}>
              <Skeleton active paragraph={{ rows: 1 }} title={false} />
            </div>
          ))}
        </div>
        <Card className="pi-card an-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }

  const name = pickName(lang, data.agency);
  const exportReport = async () => {
    setExporting(true);
    try {
      const file = await downloadAgencyReport(data.agency.id, data.year, data.agency.code);
      void message.success(t('export.done', { name: file }));
    } catch (err) {
      void message.error(isApiError(err) && err.status === 404 ? at('an.reportUnavailable') : err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="an-page">
      <PageHeader
        title={name}
        subtitle={
          <span className="an-subtitle-line">
            {at('an.subtitle', { year: data.year, group: pickName(lang, data.group) })}{' '}
            <Link to={`/results/${data.year}/agencies/${data.agency.id}`} className="an-no-print">
              {at('an.scorecardLink')}
            </Link>
          </span>
        }
        crumbs={[...crumbsBase, { title: data.agency.code }, { title: String(data.year) }]}
        extra={
          <Space wrap className="an-actions">
            {chooser && (
              <AgencySelect
                aria-label={at('an.agency')}
                value={data.agency.id}
                allowClear={false}
                known={[{ value: data.agency.id, label: `${data.agency.code} — ${name}` }]}
                onChange={(id) => id !== null && go(id)}
                style={{ width: 260 }}
              />
            )}
            <Button icon={<FileWordOutlined />} loading={exporting} onClick={() => void exportReport()}>
              {at('an.exportReport')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {at('an.print')}
            </Button>
          </Space>
        }
      />
      <div className="an-print-head" aria-hidden>
        <div className="an-print-title">{at('an.printTitle', { year: data.year })}</div>
        <div className="an-print-agency">
          {name} — {pickName(lang, data.group)}
        </div>
        <div>{at('an.printSource', { decision: data.published.decisionNumber, revision: data.published.revision, hash: data.published.contentHash.slice(0, 12) })}</div>
        <div className="an-print-date">{at('an.printedOn', { date: formatDate(new Date(), lang) })}</div>
      </div>
      <SummarySection data={data} />
      <WaterfallCard data={data} />
      <LostLeavesCard data={data} />
      <ComparisonCard data={data} />
      <WhatItTakesCard data={data} mode={mode} onModeChange={setMode} switching={q.isFetching && q.isPlaceholderData} />
      <RobustnessCard data={data} />
      <TrendCard data={data} />
      <p className="an-source pi-muted">{at('an.source', { decision: data.published.decisionNumber, revision: data.published.revision, hash: data.published.contentHash.slice(0, 12) })}</p>
    </div>
  );
}
