import { ArrowRightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Progress, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useAssessments } from '../../api/assessments';
import { useProvinceFigures } from '../../api/dashboard';
import { useSelectedPeriod } from '../../api/periods';
import { CyclePhaseSteps } from '../../components/cycle-phase-steps';
import { CyclePhaseTag } from '../../components/cycle-status-tag';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { ResultsEntry } from './published-card';
import { StatusBar } from './status-bar';
import { StatusMatrix, useCellOf } from './status-matrix';
import { useCurrentUser } from '../../api/auth';
import { canReadProvinceAnalysis } from '../../components/analysis-access';
import './dashboard.css';

const BAND_ORDER = ['good', 'fair', 'average', 'weak'];
const BAND_COLORS: Record<string, string> = { good: '#237804', fair: '#1554ad', average: '#ad6800', weak: '#c41d1d' };

/**
 * The secretariat's home by phase: while the cycle runs, the period's progress, late agencies, a status bar and the
 * agencies × steps matrix below it; once finalised or published, the results and the analysis. Province figures aside.
 */
export function SecretariatDashboard() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const { year, period, list } = useSelectedPeriod();
  const assessments = useAssessments({ periodId: period?.id }, { refetchInterval: 60_000 });
  const figures = useProvinceFigures(year, period?.frameworks.map((f) => f.groupId) ?? []);
  const cellOf = useCellOf();
  const items = assessments.data?.items ?? [];
  const now = Date.now();
  const submitted = items.filter((a) => a.status !== 'draft').length;
  // Lateness belongs to the running cycle: once results are finalised or published the home shows them instead.
  const done = period?.phase === 'finalised' || period?.phase === 'published';
  const late = done ? [] : items.filter((a) => ['self_assessment', 'appraisal1', 'explanation', 'appraisal2'].some((s) => cellOf(a, s as never, now).late));

  if (list.isPending) return <Skeleton active />;
  if (!period) {
    return (
      <Card className="pi-card">
        <CycleNoPeriod year={year} />
        <Typography.Paragraph className="pi-center-text">
          <Link to="/periods">{t('dash.createPeriodHint')}</Link>
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          className="pi-card pi-dash-card"
          title={<Typography.Title level={2} className="pi-card-title">{lang === 'en' && period.nameEn ? period.nameEn : period.nameVi}</Typography.Title>}
          extra={
            <Button icon={<ArrowRightOutlined />} onClick={() => void navigate(`/periods/${period.id}`)}>
              {t('dash.managePeriod')}
            </Button>
          }
        >
          {done ? (
            <>
              <div className="pi-dash-stats">
                <Statistic title={t('dash.phase')} valueRender={() => <CyclePhaseTag phase={period.phase} />} />
              </div>
              <ResultsEntry period={period} analysisTo={canReadProvinceAnalysis(me) ? `/analysis/province?year=${year}` : null} />
            </>
          ) : (
            <>
              <div className="pi-dash-stats">
                <Statistic title={t('dash.phase')} valueRender={() => <CyclePhaseTag phase={period.phase} />} />
                <Statistic title={t('dash.submitted')} value={submitted} suffix={`/ ${items.length}`} />
                <Statistic title={t('dash.late')} value={late.length} styles={{ content: { color: late.length ? '#c41d1d' : undefined } }} />
                <div className="pi-dash-progress">
                  <span className="pi-sa-figure-label">{t('dash.submittedShare')}</span>
                  <Progress percent={items.length ? Math.round((submitted / items.length) * 100) : 0} />
                </div>
              </div>
              <CyclePhaseSteps period={period} compact />
            </>
          )}
          {late.length > 0 && (
            <div className="pi-dash-late" data-testid="late-agencies">
              <span className="pi-sa-figure-label">{t('dash.lateList')}</span>{' '}
              {late.slice(0, 12).map((a) => (
                <Tag key={a.id} color="red">
                  <Link to={`/assessments/${a.id}`}>{a.agencyCode}</Link>
                </Tag>
              ))}
              {late.length > 12 && <span>{t('dash.andMore', { count: late.length - 12 })}</span>}
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card className="pi-card pi-dash-card" title={<Typography.Title level={2} className="pi-card-title">{t('dash.figures')}</Typography.Title>}>
          {period.phase !== 'published' && <Typography.Paragraph type="secondary">{t('dash.figuresProvisional')}</Typography.Paragraph>}
          {figures.length === 0 && <EmptyState title={t('dash.noFigures')} />}
          {figures.map((q, i) => {
            if (q.isPending) return <Skeleton key={i} active paragraph={{ rows: 2 }} />;
            if (q.error) return <Typography.Paragraph key={i} type="danger">{q.error.message}</Typography.Paragraph>;
            const r = q.data;
            const scored = r.agencies.filter((a) => a.totalIndex !== null);
            const avg = scored.length ? scored.reduce((s, a) => s + Number(a.totalIndex), 0) / scored.length : null;
            const bands = BAND_ORDER.map((code) => ({ code, count: r.agencies.filter((a) => a.classification?.code === code).length, label: r.framework.bands.find((b) => b.code === code) }));
            return (
              <div key={r.group.code} className="pi-dash-figure" data-testid={`figures-${r.group.code}`}>
                <div className="pi-dash-figure-head">
                  <strong>{lang === 'en' && r.group.nameEn ? r.group.nameEn : r.group.nameVi}</strong>
                  <span>{t('dash.average', { index: avg === null ? '—' : `${formatNumber(avg, lang, 2)}%` })}</span>
                </div>
                <div className="pi-dash-bands" role="img" aria-label={bands.map((b) => `${b.label ? (lang === 'en' && b.label.labelEn ? b.label.labelEn : b.label.labelVi) : b.code}: ${b.count}`).join(', ')}>
                  {bands.filter((b) => b.count > 0).map((b) => (
                    <span key={b.code} style={{ flex: b.count, background: BAND_COLORS[b.code] }} title={`${b.label?.labelVi ?? b.code}: ${b.count}`}>
                      {b.count}
                    </span>
                  ))}
                </div>
                <div className="pi-dash-band-legend">
                  {bands.map((b) => (
                    <span key={b.code}>
                      <i style={{ background: BAND_COLORS[b.code] }} /> {b.label ? (lang === 'en' && b.label.labelEn ? b.label.labelEn : b.label.labelVi) : b.code} {b.count}
                    </span>
                  ))}
                </div>
              </div>
            );
          })}
        </Card>
      </Col>
      {!done && (
        <Col xs={24}>
          <Card className="pi-card pi-dash-card" title={<Typography.Title level={2} className="pi-card-title">{t('dash.matrix')}</Typography.Title>}>
            <StatusBar items={items} />
            <StatusMatrix items={items} loading={assessments.isFetching && !assessments.data} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
