import { Card, Grid, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import type { ProvinceAnalysis } from '../../api/analysis';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { heatColor } from '../results/results-math';
import { indexCell, meanHundredths, showIdx } from './analysis-format';
import { exportSubtitle } from './export-subtitle';
import { useAnalysisT } from './use-analysis-t';

type Row = ProvinceAnalysis['heatmap']['rows'][number];

const heat = (h: number | null) => heatColor(h === null ? null : h / 100);
const byValue = (get: (r: Row) => number | null) => (a: Row, b: Row) => (get(a) ?? -1) - (get(b) ?? -1);

/**
 * The agencies × fields heat map: one row per agency in ranked order, one heat-coloured column per field's
 * component index (sortable; the header tells the field's name, lowest, highest and mean), the group's means in
 * the last row. A row opens that agency's analysis.
 */
export function HeatmapCard({ data }: { data: ProvinceAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const navigate = useNavigate();
  // On a phone the rank and name columns would take the whole width if they stayed fixed.
  const fixed = Grid.useBreakpoint().md ? ('left' as const) : undefined;
  const hm = data.heatmap;
  const open = (r: Row) => `/analysis/agencies/${r.agencyId}?year=${data.year}`;

  const fieldColumns: ColumnsType<Row> = hm.fields.map((f, j) => ({
    title: (
      <Tooltip title={`${f.code}. ${pickName(lang, f)} · ${at('pv.heat.stats', { min: showIdx(f.min, lang), max: showIdx(f.max, lang), mean: showIdx(f.mean, lang) })}`}>
        <span className="an-heat-head">{at('an.cmp.fieldShort', { code: f.code })}</span>
      </Tooltip>
    ),
    key: `f-${f.code}`,
    width: 72,
    align: 'right',
    sorter: byValue((r) => r.cells[j] ?? null),
    sortDirections: ['ascend', 'descend'],
    onCell: (r) => ({ className: 'an-heat', style: { background: heat(r.cells[j] ?? null) } }),
    render: (_: unknown, r) => <span className="an-num">{showIdx(r.cells[j] ?? null, lang, false)}</span>,
  }));

  const exportColumns: ExportColumnSpec<Row>[] = [
    { key: 'rank', title: at('pv.col.rank'), type: 'integer' },
    { key: 'code', title: at('an.col.code') },
    { key: 'agency', title: at('pv.col.agency'), value: (r) => pickName(lang, r) },
    { key: 'total', title: at('pv.col.total'), type: 'percent', value: (r) => indexCell(r.totalIndex) },
    ...hm.fields.map((f, j) => ({ key: `f${j}`, title: `${f.code}. ${pickName(lang, f)}`, type: 'percent' as const, value: (r: Row) => indexCell(r.cells[j] ?? null) })),
  ];

  return (
    <Card
      className="pi-card an-card an-heatmap"
      title={<h2 className="an-card-title" id="an-heat-title">{at('pv.heat.title')}</h2>}
      extra={
        <ExportTableButton<Row>
          size="small"
          className="an-no-print"
          title={at('pv.heat.title')}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={hm.rows}
          filename={`ban-do-nhiet-${data.group.code}-${data.year}`}
        />
      }
    >
      <p className="an-card-lead pi-muted">{at('pv.heat.lead')}</p>
      <Table<Row>
        className="an-table an-heat-table"
        size="small"
        rowKey="agencyId"
        pagination={false}
        dataSource={hm.rows}
        scroll={{ x: 420 + hm.fields.length * 72 }}
        showSorterTooltip={false}
        aria-labelledby="an-heat-title"
        onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a') && void navigate(open(r)), className: 'an-clickable' })}
        columns={[
          { title: at('pv.col.rank'), key: 'rank', width: 72, align: 'center', fixed, sorter: (a, b) => a.rank - b.rank, defaultSortOrder: 'ascend', sortDirections: ['ascend', 'descend'], render: (_: unknown, r) => <strong className="an-num">{r.rank}</strong> },
          {
            title: at('pv.col.agency'),
            key: 'agency',
            width: 240,
            fixed,
            sorter: (a, b) => pickName(lang, a).localeCompare(pickName(lang, b), lang),
            render: (_: unknown, r) => (
              <Link to={open(r)} className="an-agency-link">
                {pickName(lang, r)}
              </Link>
            ),
          },
          {
            title: at('pv.col.total'),
            key: 'total',
            width: 84,
            align: 'right',
            sorter: byValue((r) => r.totalIndex),
            sortDirections: ['descend', 'ascend'],
            onCell: (r) => ({ className: 'an-heat', style: { background: heat(r.totalIndex) } }),
            render: (_: unknown, r) => <strong className="an-num">{showIdx(r.totalIndex, lang, false)}</strong>,
          },
          ...fieldColumns,
        ]}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row className="an-row-total">
              <Table.Summary.Cell index={0} colSpan={2}>
                {at('pv.heat.mean')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong className="an-num">{showIdx(meanHundredths(hm.rows.map((r) => r.totalIndex)), lang, false)}</strong>
              </Table.Summary.Cell>
              {hm.fields.map((f, j) => (
                <Table.Summary.Cell key={f.code} index={3 + j} align="right">
                  <span className="an-num">{showIdx(f.mean, lang, false)}</span>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      <div className="an-heat-legend" aria-hidden>
        <span>≤ 40%</span>
        <span className="an-heat-scale" />
        <span>100%</span>
      </div>
    </Card>
  );
}
