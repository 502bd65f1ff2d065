import { Progress, Table, Typography } from 'antd';
import { parseCouncilScore } from '../../../core/domain/council';
import type { CouncilDivisionRow, CouncilSheet } from '../../api/council';
import { EmptyState } from '../../components/empty-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showDecimal } from './council-format';

/** The divisions ranked by the council's score (ties share a rank), with their points lost and task completion beside it. */
export function CouncilRanking({ sheet }: { sheet: CouncilSheet }) {
  const t = useT();
  const { lang } = useLang();
  const ranked = sheet.divisions.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank! || a.division.code.localeCompare(b.division.code));
  if (!ranked.length) return <EmptyState title={t('council.ranking.emptyTitle')} hint={t('council.ranking.emptyHint')} />;
  const recorded = sheet.evaluation?.status === 'recorded';
  return (
    <>
      <Typography.Paragraph type="secondary">{recorded ? t('council.ranking.recorded') : t('council.ranking.draft')}</Typography.Paragraph>
      <Table<CouncilDivisionRow>
        size="middle"
        rowKey={(r) => r.division.id}
        pagination={false}
        dataSource={ranked}
        data-testid="council-ranking"
        columns={[
          { key: 'rank', title: t('council.col.rank'), width: 90, align: 'center', render: (_: unknown, r) => <b>{r.tied ? `${r.rank} ${t('council.tied')}` : r.rank}</b> },
          { key: 'division', title: t('council.col.division'), render: (_: unknown, r) => `${r.division.code} — ${pickName(lang, r.division)}` },
          {
            key: 'score',
            title: t('council.col.score'),
            width: 260,
            render: (_: unknown, r) => (
              <Progress
                percent={(parseCouncilScore(r.score ?? '0') ?? 0) / 100}
                format={() => showDecimal(r.score, lang)}
                strokeColor={r.rank === 1 ? '#237804' : undefined}
                size="small"
              />
            ),
          },
          { key: 'lost', title: t('council.col.lost'), width: 110, align: 'right', render: (_: unknown, r) => showDecimal(r.lostPoints, lang) },
          { key: 'tasks', title: t('council.col.completion'), width: 130, align: 'right', render: (_: unknown, r) => (r.tasks.completionRate === null ? '—' : `${showDecimal(r.tasks.completionRate, lang)}%`) },
        ]}
      />
    </>
  );
}
