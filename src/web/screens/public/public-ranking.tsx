import { Grid, List, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PublicGroupResults } from '../../api/publication';
import { formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { ClassTag, indexColor, RankChange, useIndexText } from './public-format';

type Row = PublicGroupResults['results']['agencies'][number];

/** A group's published ranking: a table on a wide screen, a list of cards on a phone; an agency opens its scorecard. */
export function PublicRanking({ data, onOpen }: { data: PublicGroupResults; onOpen: (code: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const screens = Grid.useBreakpoint();
  const idx = useIndexText();
  const rows = [...data.results.agencies].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const name = (r: Row) => (lang === 'en' && r.nameEn ? r.nameEn : r.nameVi);

  if (!screens.md) {
    return (
      <List
        className="pi-pub-cards"
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <button type="button" className="pi-pub-card" onClick={() => onOpen(r.code)} data-testid={`rank-${r.code}`}>
              <span className="pi-pub-rank" aria-label={t('public.rankOf', { rank: r.rank, total: rows.length })}>
                {r.rank}
              </span>
              <span className="pi-pub-card-main">
                <span className="pi-pub-card-name">{name(r)}</span>
                <span className="pi-pub-card-facts">
                  <strong>{idx(r.totalIndex)}</strong> <RankChange change={r.rankChange} /> <ClassTag band={r.classification} />
                </span>
              </span>
            </button>
          </List.Item>
        )}
      />
    );
  }

  // The component indices fit beside the ranking from 1200 px (no sideways scrolling at 1366 px); narrower screens
  // read them in each agency's scorecard. The columns carry the field's number, named in the legend below.
  const withFields = screens.xl === true;
  const fieldName = (f: (typeof data.results.fields)[number]) => (lang === 'en' && f.nameEn ? f.nameEn : f.nameVi);
  const columns: ColumnsType<Row> = [
    { title: t('public.rank'), key: 'rank', width: 64, align: 'center', render: (_, r) => <strong>{r.rank}</strong> },
    {
      title: t('assess.agency'),
      key: 'name',
      render: (_, r) => (
        <button type="button" className="pi-link-button pi-pub-name" onClick={() => onOpen(r.code)} data-testid={`rank-${r.code}`}>
          {name(r)}
        </button>
      ),
    },
    { title: t('public.index'), key: 'index', width: 92, align: 'right', render: (_, r) => <strong>{idx(r.totalIndex)}</strong> },
    { title: t('public.change'), key: 'change', width: 120, align: 'center', render: (_, r) => <RankChange change={r.rankChange} /> },
    { title: t('public.class'), key: 'class', width: 112, render: (_, r) => <ClassTag band={r.classification} /> },
    ...(withFields ? data.results.fields : []).map((f) => ({
      title: (
        <abbr title={fieldName(f)} className="pi-pub-field-head">
          {t('public.fieldShort', { code: f.code })}
        </abbr>
      ),
      key: `f${f.code}`,
      width: 64,
      align: 'center' as const,
      render: (_: unknown, r: Row) => {
        const c = r.components.find((x) => x.code === f.code);
        return (
          <span className="pi-pub-cell" style={{ background: indexColor(c?.index ?? null) }}>
            {c?.index == null ? '—' : formatNumber(Number(c.index), lang, 1)}
          </span>
        );
      },
    })),
  ];
  return (
    <>
      <Table<Row> size="small" rowKey="code" columns={columns} dataSource={rows} pagination={false} tableLayout="fixed" sticky className="pi-pub-table" rowClassName={(r) => `pi-pub-row-${r.code}`} />
      {withFields && (
        <dl className="pi-pub-legend" data-testid="field-legend">
          <dt>{t('public.legend')}</dt>
          {data.results.fields.map((f) => (
            <dd key={f.code}>
              <strong>{t('public.fieldShort', { code: f.code })}</strong> {fieldName(f)}
            </dd>
          ))}
        </dl>
      )}
    </>
  );
}
