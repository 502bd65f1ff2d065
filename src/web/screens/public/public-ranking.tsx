import { Grid, List, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PublicGroupResults } from '../../api/publication';
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

  const columns: ColumnsType<Row> = [
    { title: t('public.rank'), key: 'rank', width: 70, fixed: 'left', render: (_, r) => <strong>{r.rank}</strong> },
    {
      title: t('assess.agency'),
      key: 'name',
      fixed: 'left',
      width: 260,
      render: (_, r) => (
        <button type="button" className="pi-link-button" onClick={() => onOpen(r.code)} data-testid={`rank-${r.code}`}>
          {name(r)}
        </button>
      ),
    },
    { title: t('public.index'), key: 'index', width: 100, render: (_, r) => <strong>{idx(r.totalIndex)}</strong> },
    { title: t('public.change'), key: 'change', width: 90, render: (_, r) => <RankChange change={r.rankChange} /> },
    { title: t('public.class'), key: 'class', width: 120, render: (_, r) => <ClassTag band={r.classification} /> },
    ...data.results.fields.map((f) => ({
      title: (
        <span title={lang === 'en' && f.nameEn ? f.nameEn : f.nameVi} className="pi-pub-field-head">
          {t('public.fieldShort', { code: f.code })}
        </span>
      ),
      key: `f${f.code}`,
      width: 84,
      render: (_: unknown, r: Row) => {
        const c = r.components.find((x) => x.code === f.code);
        return (
          <span className="pi-pub-cell" style={{ background: indexColor(c?.index ?? null) }}>
            {c?.index == null ? '—' : idx(c.index).replace('%', '')}
          </span>
        );
      },
    })),
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 620 + data.results.fields.length * 84 }}
      sticky
      rowClassName={(r) => `pi-pub-row-${r.code}`}
    />
  );
}
