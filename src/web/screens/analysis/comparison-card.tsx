import { Card, Grid, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import type { IndexComparison } from '../../../core/domain/analysis';
import type { AgencyAnalysis } from '../../api/analysis';
import { EChart } from '../../components/chart-echarts';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { heatColor } from '../results/results-math';
import { indexCell, showIdx, signedIndex } from './analysis-format';
import { COLOURS, escapeHtml, hundredthsToNumber } from './chart-util';
import { exportSubtitle } from './export-subtitle';
import { useAnalysisT } from './use-analysis-t';

/**
 * The agency's total and component indices against last year, the group average, the best agency and the
 * agencies just above it: a grouped bar chart and the same figures as a table.
 */
export function ComparisonCard({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const c = data.comparison;
  const fixed = Grid.useBreakpoint().md ? ('left' as const) : undefined;
  const rows = useMemo(() => [c.total, ...c.fields], [c]);
  const byId = useMemo(() => new Map(data.agencies.map((a) => [a.agencyId, a])), [data.agencies]);
  const agencyName = pickName(lang, data.agency);
  const nearest = c.above[0] ?? null;
  const rowLabel = (r: IndexComparison) => (r.code === null ? at('an.cmp.total') : `${r.code}. ${pickName(lang, r)}`);
  const bestNames = (r: IndexComparison) => (r.best ? r.best.agencyIds.map((id) => (byId.get(id) ? pickName(lang, byId.get(id)!) : id)) : []);

  const option = useMemo(() => {
    const series: { name: string; colour: string; values: (number | null)[] }[] = [
      { name: agencyName, colour: COLOURS.agency, values: rows.map((r) => r.index) },
      ...(data.previousYear !== null ? [{ name: at('an.cmp.previous', { year: data.previousYear }), colour: COLOURS.previous, values: rows.map((r) => r.previousIndex) }] : []),
      { name: at('an.cmp.average'), colour: COLOURS.average, values: rows.map((r) => r.groupAverage) },
      { name: at('an.cmp.best'), colour: COLOURS.best, values: rows.map((r) => r.best?.index ?? null) },
      ...(nearest ? [{ name: at('an.cmp.aboveSeries', { name: pickName(lang, nearest), rank: nearest.rank }), colour: COLOURS.above, values: rows.map((r) => r.above[0]?.index ?? null) }] : []),
    ];
    return {
      animation: false,
      legend: { bottom: 0, type: 'scroll', textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number; seriesName: string; value: number | null; color: string }[]) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          if (!r) return '';
          const lines = ps.map((p) => `<span style="color:${p.color}">●</span> ${escapeHtml(p.seriesName)}: <b>${p.value === null || p.value === undefined ? '—' : showIdx(Math.round(p.value * 100), lang)}</b>`);
          return `${escapeHtml(rowLabel(r))}<br/>${lines.join('<br/>')}`;
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => (r.code === null ? at('an.cmp.totalShort') : at('an.cmp.fieldShort', { code: r.code }))), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 12 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        barMaxWidth: 12,
        itemStyle: { color: s.colour },
        data: s.values.map((v) => (v === null ? null : hundredthsToNumber(v))),
      })),
    };
  }, [rows, agencyName, data.previousYear, nearest, at, lang]);

  const aboveColumns: ColumnsType<IndexComparison> = c.above.map((a, i) => ({
    title: (
      <Tooltip title={`${pickName(lang, a)} · ${at('an.cmp.rankN', { rank: a.rank })}`}>
        <span className="an-col-agency" tabIndex={0}>
          {a.code}
          <span className="an-col-sub">{at('an.cmp.rankN', { rank: a.rank })}</span>
        </span>
      </Tooltip>
    ),
    key: `above-${a.agencyId}`,
    width: 92,
    align: 'right',
    render: (_: unknown, r) => <span className="an-num">{showIdx(r.above[i]?.index ?? null, lang, false)}</span>,
  }));

  const exportColumns: ExportColumnSpec<IndexComparison>[] = [
    { key: 'field', title: at('an.col.field'), value: rowLabel },
    { key: 'index', title: String(data.year), type: 'percent', value: (r) => indexCell(r.index) },
    ...(data.previousYear !== null
      ? [
          { key: 'previous', title: String(data.previousYear), type: 'percent' as const, value: (r: IndexComparison) => indexCell(r.previousIndex) },
          { key: 'change', title: at('an.cmp.change'), type: 'number' as const, value: (r: IndexComparison) => indexCell(r.change) },
        ]
      : []),
    { key: 'average', title: at('an.cmp.average'), type: 'percent', value: (r) => indexCell(r.groupAverage) },
    { key: 'best', title: at('an.cmp.best'), type: 'percent', value: (r) => indexCell(r.best?.index ?? null) },
    ...c.above.map((a, i) => ({ key: `above${i}`, title: `${a.code} (${at('an.cmp.rankN', { rank: a.rank })})`, type: 'percent' as const, value: (r: IndexComparison) => indexCell(r.above[i]?.index ?? null) })),
  ];

  return (
    <Card
      className="pi-card an-card an-comparison"
      title={<h2 className="an-card-title" id="an-cmp-title">{at('an.cmp.title')}</h2>}
      extra={
        <ExportTableButton<IndexComparison>
          size="small"
          className="an-no-print"
          title={at('an.cmp.title')}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={rows}
          filename={`so-sanh-${data.agency.code}-${data.year}`}
        />
      }
    >
      <p className="an-card-lead pi-muted">{at('an.cmp.lead')}</p>
      <EChart option={option} height={320} label={at('an.cmp.chartLabel', { agency: agencyName })} />
      <Table<IndexComparison>
        className="an-table an-cmp-table"
        size="small"
        rowKey={(r) => r.code ?? 'total'}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 760 }}
        aria-labelledby="an-cmp-title"
        rowClassName={(r) => (r.code === null ? 'an-row-total' : '')}
        columns={[
          { title: at('an.col.field'), key: 'name', fixed, width: 260, render: (_: unknown, r) => rowLabel(r) },
          {
            title: String(data.year),
            key: 'index',
            width: 80,
            align: 'right',
            onCell: (r) => ({ style: { background: heatColor(r.index === null ? null : r.index / 100) } }),
            render: (_: unknown, r) => <strong className="an-num">{showIdx(r.index, lang, false)}</strong>,
          },
          ...(data.previousYear !== null
            ? [
                { title: String(data.previousYear), key: 'previous', width: 80, align: 'right' as const, render: (_: unknown, r: IndexComparison) => <span className="an-num">{showIdx(r.previousIndex, lang, false)}</span> },
                {
                  title: at('an.cmp.change'),
                  key: 'change',
                  width: 90,
                  align: 'right' as const,
                  render: (_: unknown, r: IndexComparison) => <span className={r.change === null || r.change === 0 ? 'an-num' : r.change < 0 ? 'an-down' : 'an-up'}>{signedIndex(r.change, lang)}</span>,
                },
              ]
            : []),
          { title: at('an.cmp.average'), key: 'avg', width: 96, align: 'right', render: (_: unknown, r) => <span className="an-num">{showIdx(r.groupAverage, lang, false)}</span> },
          {
            title: at('an.cmp.best'),
            key: 'best',
            width: 84,
            align: 'right',
            render: (_: unknown, r) => {
              if (!r.best) return '—';
              const names = bestNames(r);
              return (
                <Tooltip title={names.length > 4 ? at('an.cmp.bestMany', { names: names.slice(0, 4).join(', '), more: names.length - 4 }) : names.join(', ')}>
                  <span className="an-num" tabIndex={0}>
                    {showIdx(r.best.index, lang, false)}
                  </span>
                </Tooltip>
              );
            },
          },
          ...aboveColumns,
        ]}
      />
      {c.above.length > 0 && <p className="an-footnote pi-muted">{at('an.cmp.aboveNote', { count: c.above.length })}</p>}
    </Card>
  );
}
