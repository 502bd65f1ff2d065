import { InfoCircleOutlined, PrinterOutlined, RiseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { tryParsePoints, unitsToDecimalString } from '../../../core/domain/decimal';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { AGENCIES_KEY } from '../../api/keys';
import { fetchAgency } from '../../api/org';
import { usePeriods } from '../../api/periods';
import { type ScorecardStage, useGroupResults, useResultsAccess, useScorecard } from '../../api/results';
import { EmptyState } from '../../components/empty-state';
import { PageSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { ClassTag } from '../../components/results-class-tag';
import { RankChange } from '../../components/results-rank-change';
import { useLang, useT } from '../../i18n/i18n-context';
import { usePeriod } from '../../session/period-context';
import { pickName } from '../../i18n/names';
import type { MessageKey } from '../../i18n/translate';
import { ComponentsCard } from './components-card';
import { showIndex, showPoints } from './format';
import { fieldAverages } from './results-math';
import { ScorecardTree } from './scorecard-tree';
import './results.css';

const STAGES: { stage: ScorecardStage; label: MessageKey }[] = [
  { stage: 'self', label: 'res.stage.self' },
  { stage: 'appraisal1', label: 'res.stage.appraisal1' },
  { stage: 'final', label: 'res.stage.final' },
  { stage: 'effective', label: 'res.stage.effective' },
];

/** One agency's scorecard for a year: index, rank, stage totals, component indices against the group, the explained tree. */
export default function ScorecardPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const year = Number(params.year);
  const agencyId = Number(params.agencyId);
  const stageParam = search.get('stage');
  const stage: ScorecardStage = STAGES.some((s) => s.stage === stageParam) ? (stageParam as ScorecardStage) : 'effective';
  const access = useResultsAccess();
  const periods = usePeriods();
  // The year is in this page's path, which is where the top bar reads and changes it (decision 0015).
  const { setYear } = usePeriod();
  const sc = useScorecard(year, agencyId, stage, lang);

  const groupCode = search.get('group');
  const period = periods.data?.items.find((p) => p.year === year);
  const fromUrl = period?.frameworks.find((f) => f.groupCode === groupCode)?.groupId;
  const agency = useQuery({ queryKey: [...AGENCIES_KEY, 'one', agencyId], queryFn: () => fetchAgency(agencyId), enabled: access.group && fromUrl === undefined });
  const groupId = fromUrl ?? agency.data?.groupId;
  const group = useGroupResults(year, groupId, { enabled: access.group });
  const row = group.data?.agencies.find((a) => a.agencyId === agencyId);
  const averages = useMemo(() => (group.data ? fieldAverages(group.data) : null), [group.data]);

  const data = sc.data;
  const years = [...(periods.data?.items ?? [])].map((p) => p.year).sort((a, b) => b - a);
  const goYear = setYear;
  if (!data || (sc.error && sc.data?.year !== year)) {
    if (sc.error) {
      const missing = isApiError(sc.error) && sc.error.code === 'not_found';
      return (
        <>
          <PageHeader title={t('res.sc.title')} crumbs={[{ title: t('res.title'), ...(access.group ? { to: '/results' } : {}) }, { title: String(year) }]} />
          <Card className="pi-card">
            <EmptyState
              title={missing ? t('res.sc.noResultTitle', { year }) : t('error.loadFailed')}
              hint={missing ? t('res.sc.noResultHint') : sc.error.message}
              actions={
                missing ? (
                  <Space wrap>
                    {years.filter((y) => y !== year).slice(0, 5).map((y) => (
                      <Button key={y} onClick={() => goYear(y)}>
                        {t('res.seeYear', { year: y })}
                      </Button>
                    ))}
                  </Space>
                ) : (
                  <Button onClick={() => void sc.refetch()}>{t('action.retry')}</Button>
                )
              }
            />
          </Card>
        </>
      );
    }
    return <PageSpinner />;
  }

  const name = pickName(lang, data.agency);
  const effective = data.stages.find((s) => s.stage === 'effective');
  const provisional = period !== undefined && period.phase !== 'published';
  const listLink = `/results?year=${year}${group.data ? `&group=${group.data.group.code}` : ''}`;
  const lost = effective ? unitsToDecimalString((tryParsePoints(effective.applicableMax) ?? 0) - (tryParsePoints(effective.totalPoints) ?? 0)) : null;

  return (
    <>
      <PageHeader
        title={name}
        subtitle={
          <span className="res-sc-subtitle">
            {[t('res.sc.year', { year }), group.data ? pickName(lang, group.data.group) : null, pickName(lang, data.framework)].filter(Boolean).join(' · ')}
            {provisional && <Tag className="res-phase res-phase-provisional">{t('res.provisional')}</Tag>}
          </span>
        }
        crumbs={[...(access.group ? [{ title: t('res.title'), to: listLink }] : [{ title: t('res.title') }]), { title: String(year) }, { title: data.agency.code }]}
        extra={
          <Space wrap>
            {!provisional && (
              <Button icon={<RiseOutlined />} onClick={() => void navigate(`/analysis/agencies/${agencyId}?year=${year}`)}>
                {t('anav.openAnalysis')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('res.print')}
            </Button>
          </Space>
        }
      />
      <section className="res-summary" aria-label={t('res.summary.label')}>
        <div className="res-kpi">
          <div className="res-kpi-label">{t('res.sc.indexLabel')}</div>
          <div className="res-kpi-value res-kpi-big">{showIndex(effective?.totalIndex, lang)}%</div>
          <ClassTag classification={effective?.classification ?? null} />
        </div>
        {row && group.data && (
          <div className="res-kpi">
            <div className="res-kpi-label">{t('res.sc.rankLabel')}</div>
            <div className="res-kpi-value res-kpi-big" data-testid="sc-rank">
              {t('res.sc.rankOf', { rank: row.rank, count: group.data.agencies.length })}
            </div>
            <RankChange change={row.rankChange} previousRank={row.previousRank} />
          </div>
        )}
        <div className="res-kpi">
          <div className="res-kpi-label">{t('res.sc.pointsLabel')}</div>
          <div className="res-kpi-value">
            {showPoints(effective?.totalPoints, lang)} / {showPoints(effective?.applicableMax, lang)}
          </div>
          <div className="res-kpi-sub">{t('res.sc.bonusDeduction', { bonus: showPoints(effective?.bonus, lang), deduction: showPoints(effective?.deduction, lang) })}</div>
        </div>
        <div className="res-kpi">
          <div className="res-kpi-label">{t('res.sc.lostLabel')}</div>
          <div className="res-kpi-value res-lost">{lost === null ? '—' : `−${showPoints(lost, lang)}`}</div>
          <div className="res-kpi-sub">{t('res.sc.lostHint')}</div>
        </div>
      </section>
      <Alert className="res-banner res-sentence" type="info" showIcon icon={<InfoCircleOutlined />} title={data.summary} />
      <Card className="pi-card res-stages-card" size="small" title={<h2 className="res-card-title">{t('res.sc.stages')}</h2>}>
        <div className="res-stages" role="group" aria-label={t('res.sc.stages')}>
          {STAGES.map(({ stage: s, label }) => {
            const totals = data.stages.find((x) => x.stage === s);
            return (
              <button key={s} type="button" className={`res-stage ${s === stage ? 'res-stage-on' : ''}`} aria-pressed={s === stage} onClick={() => setSearch((p) => {
                const next = new URLSearchParams(p);
                if (s === 'effective') next.delete('stage');
                else next.set('stage', s);
                return next;
              }, { replace: true })}>
                <span className="res-stage-label">
                  {t(label)}
                  {s === 'effective' && (
                    <Tooltip title={t('res.stage.effectiveHint')}>
                      <InfoCircleOutlined className="res-stage-info" aria-label={t('res.stage.effectiveHint')} />
                    </Tooltip>
                  )}
                </span>
                <span className="res-stage-value">{showIndex(totals?.totalIndex, lang)}</span>
                <span className="res-stage-sub">
                  {totals && totals.notScoredCount > 0 ? t('res.col.notScored', { count: totals.notScoredCount }) : totals?.classification ? (lang === 'en' ? totals.classification.labelEn : totals.classification.labelVi) : '—'}
                </span>
              </button>
            );
          })}
        </div>
        <p className="pi-muted res-stages-hint">{t('res.sc.stagesHint')}</p>
      </Card>
      <ComponentsCard scorecard={data} averages={averages} agencyName={name} />
      <ScorecardTree key={`${stage}-${lang}`} tree={data.tree} />
    </>
  );
}
