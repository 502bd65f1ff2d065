import { ArrowRightOutlined, ExclamationCircleOutlined, RightCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, List, Progress, Row, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../api/auth';
import { useAgencyHome, useLastYearResult } from '../../api/dashboard';
import { CyclePhaseSteps } from '../../components/cycle-phase-steps';
import { CyclePhaseTag, CycleStatusTag } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { ownAnalysisAgencyId } from '../../components/analysis-access';
import { useLang, useT } from '../../i18n/i18n-context';
import { ClassTag, RankChange, useIndexText } from '../public/public-format';
import { ResultsEntry } from './published-card';
import './dashboard.css';

interface Todo {
  key: string;
  text: string;
  to: string;
  urgent?: boolean;
}

/**
 * The agency's home by phase: while the cycle runs, the period card (phase, deadline, progress rings), to-dos and last
 * year's result; once the year is finalised or published, that year's result and the way into the analysis.
 */
export function AgencyDashboard() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const home = useAgencyHome();
  const { year, period, mine, detail } = home;
  // A published year leads with its own result; while a cycle runs, last year's result sits beside it.
  const done = period?.phase === 'finalised' || period?.phase === 'published';
  const resultYear = period?.phase === 'published' ? year : year - 1;
  const last = useLastYearResult(me.province.code, resultYear, mine?.groupCode, mine?.agencyCode);
  const analysisAgency = mine?.agencyId ?? ownAnalysisAgencyId(me);
  const idx = useIndexText();

  if (home.periods.isPending || (period && home.assessments.isPending)) return <Skeleton active />;
  const p = mine?.progress;
  const scoredPct = p && p.selfScorable ? Math.round((p.scored / p.selfScorable) * 100) : 0;
  const evidencePct = p && p.scored ? Math.round((p.withEvidence / p.scored) * 100) : 0;

  const todos: Todo[] = [];
  if (mine && detail.data) {
    const d = detail.data;
    if (d.abilities.selfAssess) {
      const empty = p ? p.selfScorable - p.scored : 0;
      if (empty > 0) todos.push({ key: 'score', text: t('dash.todoScore', { count: empty }), to: `/assessments/${mine.id}` });
      if (p && p.withoutEvidenceOrExplanation > 0) todos.push({ key: 'ev', text: t('dash.todoEvidence', { count: p.withoutEvidenceOrExplanation }), to: `/assessments/${mine.id}` });
      if (mine.status === 'draft') todos.push({ key: 'submit', text: t('dash.todoSubmit'), to: `/assessments/${mine.id}`, urgent: true });
    }
    if (d.phase === 'explanation') {
      const waiting = d.leaves.filter((l) => l.appraisal1?.decision === 'adjusted' && !l.thread.some((m) => m.side === 'agency'));
      for (const l of waiting) todos.push({ key: `x${l.code}`, text: t('dash.todoExplain', { code: l.code }), to: `/assessments/${mine.id}/explanation`, urgent: true });
    }
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card className="pi-card pi-dash-card" title={<Typography.Title level={2} className="pi-card-title">{t('dash.currentPeriod', { year })}</Typography.Title>} extra={period && <CyclePhaseTag phase={period.phase} />}>
          {!period ? (
            <CycleNoPeriod year={year} />
          ) : done ? (
            <ResultsEntry period={period} analysisTo={analysisAgency !== null ? `/analysis/agencies/${analysisAgency}?year=${year}` : null} />
          ) : !mine ? (
            <EmptyState title={t('assess.noneForYou', { year })} hint={period.phase === 'setup' ? t('assess.notOpenedYet') : t('assess.noneForYouHint')} />
          ) : (
            <>
              <div className="pi-dash-period">
                <div className="pi-dash-rings">
                  <div className="pi-dash-ring">
                    <Progress type="circle" percent={scoredPct} size={96} format={() => `${p?.scored ?? 0}/${p?.selfScorable ?? 0}`} aria-label={t('selfAssess.progress', { scored: p?.scored ?? 0, total: p?.selfScorable ?? 0 })} />
                    <span>{t('dash.ringScored')}</span>
                  </div>
                  <div className="pi-dash-ring">
                    <Progress type="circle" percent={evidencePct} size={96} strokeColor="#237804" format={() => `${p?.withEvidence ?? 0}/${p?.scored ?? 0}`} aria-label={t('selfAssess.withEvidence', { count: p?.withEvidence ?? 0, scored: p?.scored ?? 0 })} />
                    <span>{t('dash.ringEvidence')}</span>
                  </div>
                </div>
                <div className="pi-dash-period-facts">
                  <div className="pi-dash-agency">{lang === 'en' && mine.agencyNameEn ? mine.agencyNameEn : mine.agencyNameVi}</div>
                  <CycleStatusTag status={mine.status} />
                  {mine.deadline && <DeadlineCountdown deadline={mine.deadline} label={t('assess.deadline')} />}
                  <Button type="primary" icon={<ArrowRightOutlined />} className="pi-dash-open" onClick={() => void navigate(`/assessments/${mine.id}`)}>
                    {t('dash.openAssessment')}
                  </Button>
                </div>
              </div>
              <CyclePhaseSteps period={period} compact />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card className="pi-card pi-dash-card" title={<Typography.Title level={2} className="pi-card-title">{t('dash.todos')}</Typography.Title>}>
          {todos.length === 0 ? (
            <EmptyState title={t('dash.noTodos')} />
          ) : (
            <List
              size="small"
              dataSource={todos}
              renderItem={(item) => (
                <List.Item>
                  <Link to={item.to} className={item.urgent ? 'pi-dash-urgent' : undefined}>
                    {item.urgent ? <ExclamationCircleOutlined aria-hidden /> : <RightCircleOutlined aria-hidden />} {item.text}
                  </Link>
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card className="pi-card pi-dash-card" title={<Typography.Title level={2} className="pi-card-title">{t(resultYear === year ? 'dash.yearResult' : 'dash.lastYear', { year: resultYear })}</Typography.Title>}>
          {last.loading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : !last.row ? (
            <Typography.Paragraph type="secondary">{t('dash.lastYearNone', { year: resultYear })}</Typography.Paragraph>
          ) : (
            <div className="pi-dash-last" data-testid="last-year">
              <div className="pi-dash-rank">
                <span className="pi-dash-rank-big">{t('dash.rankOf', { rank: last.row.rank, total: last.total })}</span>
                <RankChange change={last.row.rankChange} />
              </div>
              <div>
                {t('public.index')}: <strong>{idx(last.row.totalIndex)}</strong> <ClassTag band={last.row.classification} />
              </div>
              <Link to={`/public/${me.province.code}/${resultYear}?agency=${mine?.agencyCode ?? ''}`}>{t('dash.lastYearDetails')}</Link>
              {analysisAgency !== null && <Link to={`/analysis/agencies/${analysisAgency}?year=${resultYear}`}>{t('anav.seeAnalysis')}</Link>}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
