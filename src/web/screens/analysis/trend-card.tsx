import { Card, Col, Row, Table } from 'antd';
import { useMemo } from 'react';
import type { TrendPoint } from '../../../core/domain/analysis';
import type { AgencyAnalysis } from '../../api/analysis';
import { EChart } from '../../components/chart-echarts';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { RankChange } from '../../components/results-rank-change';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { indexCell, rankTickStep, showIdx, signedIndex, trendSeries } from './analysis-format';
import { COLOURS, hundredthsToNumber } from './chart-util';
import { useAnalysisT } from './use-analysis-t';

/**
 * Ten years of the agency's index and rank (published results and imported history): two line charts (the rank
 * axis inverted, 1 on top), a missing year left as a visible gap, and the same figures as a table.
 */
export function TrendCard({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const trend = data.trend;
  const s = useMemo(() => trendSeries(trend), [trend]);
  const name = pickName(lang, data.agency);

  const indexOption = useMemo(() => {
    const known = s.index.filter((v): v is number => v !== null);
    const low = known.length ? Math.max(0, Math.floor((Math.min(...known) / 100 - 5) / 10) * 10) : 0;
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : showIdx(Math.round(v * 100), lang)) },
      xAxis: { type: 'category', data: s.years.map(String), boundaryGap: false, axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', min: low, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          type: 'line',
          name: at('an.trend.index'),
          connectNulls: false,
          symbolSize: 7,
          lineStyle: { color: COLOURS.agency, width: 2 },
          itemStyle: { color: COLOURS.agency },
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number | null }) => (p.value === null ? '' : showIdx(Math.round(p.value * 100), lang, false)) },
          data: s.index.map((v) => (v === null ? null : hundredthsToNumber(v))),
        },
      ],
    };
  }, [s, lang, at]);

  const rankOption = useMemo(() => {
    const groupMax = Math.max(1, ...s.of.filter((v): v is number => v !== null), ...s.rank.filter((v): v is number => v !== null));
    // Ticks at round ranks (5, 10, 15, 20 for a group of 20); the top of the axis is 0, left unlabelled, so rank 1 is not on the edge.
    const step = rankTickStep(groupMax);
    const top = Math.ceil(groupMax / step) * step;
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const rank = s.rank[i];
          return `${s.years[i]}: ${rank === null || rank === undefined ? '—' : at('an.trend.rankOf', { rank, of: s.of[i] ?? '—' })}`;
        },
      },
      xAxis: { type: 'category', data: s.years.map(String), boundaryGap: false, axisLine: { onZero: false }, axisLabel: { fontSize: 12 } },
      yAxis: {
        type: 'value',
        inverse: true,
        min: 0,
        max: top,
        interval: step,
        name: at('an.trend.rankAxis'),
        nameLocation: 'start',
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => (v === 0 ? '' : String(v)) },
      },
      series: [
        {
          type: 'line',
          name: at('an.trend.rank'),
          connectNulls: false,
          symbolSize: 7,
          lineStyle: { color: COLOURS.deduction, width: 2 },
          itemStyle: { color: COLOURS.deduction },
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number | null }) => (p.value === null ? '' : String(p.value)) },
          data: s.rank,
        },
      ],
    };
  }, [s, at]);

  const rows = [...trend.points].reverse();
  const exportColumns: ExportColumnSpec<TrendPoint>[] = [
    { key: 'year', title: at('an.trend.year'), type: 'integer' },
    { key: 'index', title: at('an.trend.index'), type: 'percent', value: (p) => indexCell(p.totalIndex) },
    { key: 'indexChange', title: at('an.trend.indexChange'), type: 'number', value: (p) => indexCell(p.indexChange) },
    { key: 'rank', title: at('an.trend.rank'), type: 'integer' },
    { key: 'of', title: at('an.trend.of'), type: 'integer' },
    { key: 'rankChange', title: at('an.trend.rankChange'), type: 'integer' },
  ];

  return (
    <Card
      className="pi-card an-card an-trend"
      title={<h2 className="an-card-title" id="an-trend-title">{at('an.trend.title', { from: trend.from ?? '—', to: trend.to ?? '—' })}</h2>}
      extra={
        <ExportTableButton<TrendPoint>
          size="small"
          className="an-no-print"
          title={at('an.trend.title', { from: trend.from ?? '—', to: trend.to ?? '—' })}
          subtitle={`${pickName(lang, data.agency)} · ${pickName(lang, data.group)}`}
          columns={exportColumns}
          rows={trend.points}
          filename={`xu-huong-${data.agency.code}`}
        />
      }
    >
      {(data.lineage ?? []).map((n) => (
        <p key={`${n.year}-${n.kind}`} className="pi-muted an-lineage-note" data-testid="an-lineage-note">
          {n.kind === 'merge' && n.rule === 'none'
            ? at('an.trend.lineage.mergeNone', { year: n.year })
            : at(n.kind === 'merge' ? 'an.trend.lineage.merge' : n.kind === 'split' ? 'an.trend.lineage.split' : 'an.trend.lineage.rename', { year: n.year, name: n.predecessor ? pickName(lang, n.predecessor) : '—' })}
        </p>
      ))}
      {trend.points.length === 0 ? (
        <p className="pi-muted">{at('an.trend.none')}</p>
      ) : (
        <>
          <p className="an-card-lead pi-muted">
            {[
              trend.bestRank && at('an.trend.bestRank', { rank: trend.bestRank.rank, year: trend.bestRank.year }),
              trend.worstRank && at('an.trend.worstRank', { rank: trend.worstRank.rank, year: trend.worstRank.year }),
              trend.bestIndex && at('an.trend.bestIndex', { index: showIdx(trend.bestIndex.index, lang), year: trend.bestIndex.year }),
              trend.missingYears.length > 0 && at('an.trend.missing', { years: trend.missingYears.join(', ') }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <Row gutter={[16, 8]}>
            <Col xs={24} lg={12}>
              <h3 className="an-subtitle">{at('an.trend.indexTitle')}</h3>
              <EChart option={indexOption} height={240} label={at('an.trend.indexChart', { agency: name, from: trend.from ?? '', to: trend.to ?? '' })} />
            </Col>
            <Col xs={24} lg={12}>
              <h3 className="an-subtitle">{at('an.trend.rankTitle')}</h3>
              <EChart option={rankOption} height={240} label={at('an.trend.rankChart', { agency: name, from: trend.from ?? '', to: trend.to ?? '' })} />
            </Col>
          </Row>
          <Table<TrendPoint>
            className="an-table an-trend-table"
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 520 }}
            aria-labelledby="an-trend-title"
            columns={[
              { title: at('an.trend.year'), key: 'year', width: 80, render: (_: unknown, p) => <strong>{p.year}</strong> },
              { title: at('an.trend.index'), key: 'index', width: 100, align: 'right', render: (_: unknown, p) => <span className="an-num">{showIdx(p.totalIndex, lang)}</span> },
              {
                title: at('an.trend.indexChange'),
                key: 'indexChange',
                width: 100,
                align: 'right',
                render: (_: unknown, p) => <span className={p.indexChange === null || p.indexChange === 0 ? 'an-num' : p.indexChange < 0 ? 'an-down' : 'an-up'}>{signedIndex(p.indexChange, lang)}</span>,
              },
              { title: at('an.trend.rank'), key: 'rank', width: 90, align: 'right', render: (_: unknown, p) => (p.rank === null ? '—' : `${p.rank}/${p.of ?? '—'}`) },
              {
                title: at('an.trend.rankChange'),
                key: 'rankChange',
                width: 100,
                align: 'center',
                render: (_: unknown, p) => (
                  <>
                    <RankChange change={p.rankChange} />
                    {p.afterGap && <span className="pi-muted an-gap-note"> {at('an.trend.since', { year: p.previousYear ?? '' })}</span>}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
