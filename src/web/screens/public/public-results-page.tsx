import { CopyOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { usePublicNationalResults } from '../../api/national';
import { publicSnapshotUrl, usePublicGroup, usePublicIndex } from '../../api/publication';
import { NationalResultsCard } from '../../components/national-results-card';
import { EmptyState } from '../../components/empty-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { PublicChart } from './public-chart';
import { PublicRanking } from './public-ranking';
import { PublicScorecard } from './public-scorecard';
import { PublicShell } from './public-shell';
import { rememberPublicProvince } from './public-province';

/**
 * The public results of a province (no login): year and group, the ranking with component indices, class and
 * rank change, each agency's scorecard, and the publication decision, date and the snapshot's SHA-256 hash.
 */
export default function PublicResultsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const province = (params.province ?? '').toUpperCase();
  const year = params.year ? Number(params.year) : null;
  const [search, setSearch] = useSearchParams();
  const index = usePublicIndex(province);
  const national = usePublicNationalResults(province);
  const published = index.data?.years.find((y) => y.year === year) ?? null;
  const group = search.get('group') ?? published?.groups[0]?.code;
  const results = usePublicGroup(province, year ?? 0, published ? group : undefined);
  const [agency, setAgency] = useState<string | null>(search.get('agency'));
  const provinceName = index.data ? (lang === 'en' ? index.data.province.nameEn : index.data.province.nameVi) : null;
  useDocumentTitle(year ? t('public.titleYear', { year }) : t('public.title'));
  useEffect(() => {
    if (index.data) rememberPublicProvince(index.data.province.code);
  }, [index.data]);

  if (index.isPending) return <PublicShell provinceName={null}><Skeleton active /></PublicShell>;
  if (index.error) return <PublicShell provinceName={null}><Result status="404" title={t('public.noProvince')} subTitle={index.error.message} /></PublicShell>;
  const years = index.data.years;
  if (year === null && years[0]) return <Navigate to={`/public/${province}/${years[0].year}`} replace />;

  // The server re-checks the stored content against its published hash: a mismatch is said out loud.
  const tampered = published && (!published.verified || results.data?.verified === false);
  const facts = published && (
    <Card className="pi-card pi-pub-facts" size="small" title={t('public.publication')}>
      {tampered && <Alert type="error" showIcon role="alert" data-testid="snapshot-not-verified" className="pi-pub-not-verified" title={t('public.notVerifiedTitle')} description={t('public.notVerified')} />}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'dec', label: t('public.decision'), children: published.decisionNumber || t('public.noDecisionNumber') },
          { key: 'date', label: t('public.decisionDate'), children: formatDate(published.decisionDate, lang) },
          { key: 'at', label: t('public.publishedAt'), children: `${formatDateTime(published.publishedAt, lang)}${published.revision > 1 ? ` · ${t('public.revision', { revision: published.revision })}` : ''}` },
        ]}
      />
      <div className="pi-pub-hash">
        <Typography.Paragraph className="pi-pub-hash-plain" data-testid="hash-plain">
          {t('public.hashPlain')}
        </Typography.Paragraph>
        <span className="pi-pub-hash-label">{t('public.hash')}</span>
        <code className="pi-pub-hash-value" data-testid="snapshot-hash">
          {published.contentHash}
        </code>
        <Space wrap>
          <Button size="small" icon={<CopyOutlined />} onClick={() => void navigator.clipboard.writeText(published.contentHash).then(() => void message.success(t('common.copied')), () => void message.error(t('common.copyFailed')))}>
            {t('public.copyHash')}
          </Button>
          <Button size="small" icon={<FileTextOutlined />} href={publicSnapshotUrl(province, published.year)} target="_blank" rel="noopener">
            {t('public.snapshotJson')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" className="pi-pub-hash-hint">
          {t('public.hashHint')}
        </Typography.Paragraph>
      </div>
    </Card>
  );

  return (
    <PublicShell provinceName={provinceName}>
      <Typography.Title level={1} className="pi-pub-title">
        {year ? t('public.titleYear', { year }) : t('public.title')}
      </Typography.Title>
      {years.length === 0 ? (
        <EmptyState title={t('public.nothingPublished')} hint={t('public.nothingPublishedHint')} />
      ) : (
        <>
          <div className="pi-pub-controls">
            <label className="pi-pub-control">
              <span>{t('public.year')}</span>
              <Select<number> value={year ?? undefined} onChange={(y) => void navigate(`/public/${province}/${y}`)} options={years.map((y) => ({ value: y.year, label: String(y.year) }))} style={{ width: 100 }} aria-label={t('public.year')} />
            </label>
            {published && published.groups.length > 1 && (
              <Segmented
                value={group}
                onChange={(g) => setSearch({ group: String(g) }, { replace: true })}
                options={published.groups.map((g) => ({ value: g.code, label: lang === 'en' && g.nameEn ? g.nameEn : g.nameVi }))}
              />
            )}
          </div>
          {!published ? (
            <Result status="404" title={t('public.yearNotPublished', { year: year ?? '' })} subTitle={t('public.pickAnotherYear')} />
          ) : (
            <>
              {facts}
              <Card className="pi-card pi-pub-ranking" size="small" title={results.data ? (lang === 'en' && results.data.results.group.nameEn ? results.data.results.group.nameEn : results.data.results.group.nameVi) : undefined}>
                {results.isPending ? <Skeleton active /> : results.error ? <Result status="warning" title={results.error.message} /> : <PublicRanking data={results.data} onOpen={setAgency} />}
              </Card>
              {results.data && (
                <Card className="pi-card pi-pub-chart" size="small" title={t('public.chartTitle')}>
                  <PublicChart data={results.data} onOpen={setAgency} />
                </Card>
              )}
              <NationalResultsCard data={national.data} highlightYear={year ?? undefined} />
            </>
          )}
        </>
      )}
      {year !== null && <PublicScorecard province={province} year={year} code={agency} onClose={() => setAgency(null)} />}
    </PublicShell>
  );
}
