import { Button, List, Result, Skeleton } from 'antd';
import { Link, Navigate } from 'react-router';
import { useCurrentUser } from '../../api/auth';
import { useAssessments } from '../../api/assessments';
import { useSelectedPeriod } from '../../api/periods';
import { CycleStatusTag } from '../../components/cycle-status-tag';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';

/** "My agency's assessment" of the year chosen in the top bar: opens it directly (or lists them for a user of several agencies). */
export default function MyAssessment() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const { year, period, list } = useSelectedPeriod();
  const assessments = useAssessments({ periodId: period?.id });
  const own = new Set(me.user.roles.filter((g) => g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head').map((g) => g.agencyId));
  const mine = (assessments.data?.items ?? []).filter((a) => own.has(a.agencyId));

  if (list.isPending || (period && assessments.isPending)) return <Skeleton active />;
  if (list.error || assessments.error) {
    const err = list.error ?? assessments.error;
    return <Result status="warning" title={t('error.loadFailed')} subTitle={err?.message} extra={<Button onClick={() => void (list.error ? list.refetch() : assessments.refetch())}>{t('action.retry')}</Button>} />;
  }
  if (mine.length === 1) return <Navigate to={`/assessments/${mine[0]!.id}`} replace />;
  return (
    <>
      <PageHeader title={t('assess.myTitle', { year })} />
      {!period ? (
        <CycleNoPeriod year={year} />
      ) : mine.length === 0 ? (
        <EmptyState title={t('assess.noneForYou', { year })} hint={period.phase === 'setup' ? t('assess.notOpenedYet') : t('assess.noneForYouHint')} />
      ) : (
        <List
          bordered
          dataSource={mine}
          renderItem={(a) => (
            <List.Item extra={<CycleStatusTag status={a.status} />}>
              <Link to={`/assessments/${a.id}`}>{lang === 'en' && a.agencyNameEn ? a.agencyNameEn : a.agencyNameVi}</Link>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
