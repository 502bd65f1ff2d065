import { Card, Grid, Table, Tag, Typography } from 'antd';
import type { NationalResults } from '../../core/schemas/national';
import { useLang, useT } from '../i18n/i18n-context';
import { pickName } from '../i18n/names';
import { RankChange } from './results-rank-change';
import './national-results.css';

type Year = NationalResults['years'][number];

/**
 * The province's results in the national ranking (issue 12 part 3): per year the national row it was (after the
 * 2025 merger, the merged province), rank of N, index and its change, class and the component indices, as the
 * national tenant published them; a unit formed that year says which predecessor its change compares with (the
 * national tenant's lineage); marked when the national data is synthetic (the demo).
 */
export function NationalResultsCard({ data, highlightYear }: { data: NationalResults | undefined; highlightYear?: number | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const wide = Grid.useBreakpoint().xl === true;
  if (!data?.national || data.years.length === 0) return null;
  const idx = (s: string | null) => (s === null ? '—' : lang === 'vi' ? s.replace('.', ',') : s);
  const componentCodes = data.years[0]!.components.map((c) => c.code);
  const componentName = (code: string) => {
    const c = data.years.flatMap((y) => y.components).find((x) => x.code === code);
    return c ? pickName(lang, c) : code;
  };
  return (
    <Card
      className="pi-card pi-national"
      size="small"
      data-testid="national-results"
      title={
        <span>
          {t('nat.title')} <Typography.Text type="secondary">({pickName(lang, data.national)})</Typography.Text>{' '}
          {data.national.isSynthetic && <Tag color="red">{t('nat.synthetic')}</Tag>}
        </span>
      }
    >
      <Table<Year>
        size="small"
        rowKey="year"
        pagination={false}
        // From 1200 px the whole table fits its card (fixed columns, names wrap); narrower screens scroll inside the card.
        tableLayout={wide ? 'fixed' : undefined}
        scroll={wide ? undefined : { x: 'max-content' }}
        dataSource={data.years}
        rowClassName={(y) => (y.year === highlightYear ? 'pi-national-current' : '')}
        columns={[
          { key: 'year', title: t('nat.year'), dataIndex: 'year', width: 64, fixed: wide ? undefined : 'left' },
          {
            key: 'agency',
            title: t('nat.agency'),
            render: (_, y) => (
              <>
                {pickName(lang, y.agency)}
                {y.lineage && (
                  <Typography.Text type="secondary" className="pi-national-lineage" data-testid={`national-lineage-${y.year}`}>
                    {y.lineage.rule === 'none' || !y.lineage.predecessor
                      ? t('nat.lineage.mergeNone', { year: y.year })
                      : t(`nat.lineage.${y.lineage.kind}`, { year: y.year, prev: y.year - 1, name: pickName(lang, y.lineage.predecessor) })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { key: 'rank', title: t('nat.rank'), width: 96, render: (_, y) => <strong data-testid={`national-rank-${y.year}`}>{t('nat.rankOf', { rank: y.rank, of: y.of })}</strong> },
          { key: 'change', title: t('nat.change'), width: 116, render: (_, y) => <RankChange change={y.rankChange} previousRank={y.previousRank} /> },
          { key: 'index', title: t('nat.index'), width: 72, align: 'right', render: (_, y) => idx(y.totalIndex) },
          { key: 'indexChange', title: t('nat.indexChange'), width: 84, align: 'right', render: (_, y) => (y.indexChange === null ? '—' : `${y.indexChange.startsWith('-') ? '' : '+'}${idx(y.indexChange)}`) },
          { key: 'class', title: t('nat.class'), width: 96, render: (_, y) => (y.classification ? pickName(lang, { nameVi: y.classification.labelVi, nameEn: y.classification.labelEn }) : '—') },
          ...componentCodes.map((code) => ({
            key: `c${code}`,
            title: <span title={componentName(code)}>{t('nat.component', { code })}</span>,
            width: 52,
            align: 'right' as const,
            render: (_: unknown, y: Year) => idx(y.components.find((c) => c.code === code)?.index ?? null),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" className="pi-national-note">
        {t('nat.note')}
      </Typography.Paragraph>
    </Card>
  );
}
