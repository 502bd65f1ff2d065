import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Progress, Tag, Typography } from 'antd';
import { tryParsePoints } from '../../../core/domain/decimal';
import { type AccountabilityView, useAccountability } from '../../api/council';
import { EmptyState } from '../../components/empty-state';
import { PageSpinner } from '../../components/full-page-spinner';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showDecimal } from './council-format';

type Row = AccountabilityView['divisions'][number];

/**
 * The agency head's accountability view (trách nhiệm người đứng đầu), live: for each division the points lost on
 * its leaves and their share of the agency's, its costliest leaves, and the tasks it is behind on; most lost first.
 */
export function CouncilAccountability({ agencyId, periodId, active }: { agencyId: number; periodId: number; active: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const view = useAccountability(agencyId, periodId, active);
  const data = view.data;
  if (!data) {
    if (view.error) return <EmptyState title={t('error.loadFailed')} hint={view.error.message} actions={<Button onClick={() => void view.refetch()}>{t('action.retry')}</Button>} />;
    return <PageSpinner />;
  }
  const behind = data.divisions.filter((d) => d.overdueTasks.length > 0);
  return (
    <div className="council-acc">
      <Alert
        className="council-banner"
        type={behind.length ? 'warning' : 'success'}
        showIcon
        title={
          data.totalLost !== null
            ? t('council.acc.summary', { lost: showDecimal(data.totalLost, lang), year: data.period.year, behind: behind.length })
            : t('council.acc.summaryUnpublished', { behind: behind.length })
        }
        description={data.unassignedLeafCount > 0 ? t('council.acc.unassigned', { count: data.unassignedLeafCount, lost: showDecimal(data.unassignedLost, lang) }) : undefined}
      />
      <div className="council-acc-grid">
        {data.divisions.map((d) => (
          <DivisionCard key={d.division.id} row={d} today={data.today} />
        ))}
      </div>
    </div>
  );
}

function DivisionCard({ row, today }: { row: Row; today: string }) {
  const t = useT();
  const { lang } = useLang();
  const share = tryParsePoints(row.lossShare ?? undefined);
  return (
    <Card
      size="small"
      className="council-acc-card"
      data-testid={`acc-${row.division.code}`}
      title={`${row.division.code} — ${pickName(lang, row.division)}`}
      extra={row.rank !== null ? <Tag className="council-rank-tag">{t('council.acc.rank', { rank: row.rank, score: showDecimal(row.score, lang) })}</Tag> : undefined}
    >
      <div className="council-acc-line">
        <span>{t('council.acc.lost')}</span>
        <b className={row.lostPoints !== null && row.lostPoints !== '0' ? 'council-lost' : undefined}>{showDecimal(row.lostPoints, lang)}</b>
      </div>
      {share !== null && <Progress percent={share / 10_000} format={() => `${showDecimal(row.lossShare, lang)}%`} size="small" status="exception" />}
      {row.topLeaves.length > 0 && (
        <>
          <Typography.Text type="secondary" className="council-acc-sub">
            {t('council.acc.topLeaves')}
          </Typography.Text>
          <ul className="council-acc-leaves">
            {row.topLeaves.map((l) => (
              <li key={l.code}>
                <b>{l.code}</b> {pickName(lang, l)} — <span className="council-lost">−{showDecimal(l.lost, lang)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="council-acc-line">
        <span>{t('council.acc.tasks')}</span>
        <span>{row.tasks.total ? t('council.tasks.done', { done: row.tasks.done, total: row.tasks.total, rate: showDecimal(row.tasks.completionRate, lang) }) : t('council.tasks.none')}</span>
      </div>
      {row.overdueTasks.length ? (
        <List
          size="small"
          className="council-acc-overdue"
          header={
            <span className="council-danger">
              <WarningOutlined /> {t('council.acc.overdue', { count: row.overdueTasks.length })}
            </span>
          }
          dataSource={row.overdueTasks}
          renderItem={(task) => (
            <List.Item>
              <span>
                {task.nodeCode && <Tag>{task.nodeCode}</Tag>}
                {task.title}
              </span>
              <span className="council-danger">{t('council.acc.daysOverdue', { days: task.daysOverdue, date: formatDate(task.dueOn, lang) })}</span>
            </List.Item>
          )}
        />
      ) : (
        <div className="council-ok">
          <CheckCircleOutlined /> {t('council.acc.noOverdue', { date: formatDate(today, lang) })}
        </div>
      )}
    </Card>
  );
}
