import { Grid } from 'antd';
import { useMemo } from 'react';
import type { PublicGroupResults } from '../../api/publication';
import { EChart } from '../../components/chart-echarts';
import { formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';

type Row = PublicGroupResults['results']['agencies'][number];

const BAND_COLOURS: Record<string, string> = { good: '#389e0d', fair: '#1554ad', average: '#d48806', weak: '#cf1322' };

/** The published index of every agency of the group as bars (best on top), each labelled with its index and rank change. */
export function PublicChart({ data, onOpen }: { data: PublicGroupResults; onOpen: (code: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const rows = useMemo(() => [...data.results.agencies].sort((a, b) => b.rank - a.rank || b.code.localeCompare(a.code)), [data]);
  const option = useMemo(() => {
    const name = (r: Row) => (lang === 'en' && r.nameEn ? r.nameEn : r.nameVi);
    return {
      animation: false,
      grid: { left: 4, right: narrow ? 84 : 110, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 11 } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => `${r.rank}. ${name(r)}`),
        axisLabel: { width: narrow ? 120 : 280, overflow: 'truncate', fontSize: 12 },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          cursor: 'pointer',
          data: rows.map((r) => ({ value: Number(r.totalIndex ?? 0), itemStyle: { color: BAND_COLOURS[r.classification?.code ?? ''] ?? '#8c8c8c', borderRadius: [0, 3, 3, 0] } })),
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            formatter: (p: { dataIndex: number; value: number }) => {
              const change = rows[p.dataIndex]?.rankChange ?? null;
              const mark = change === null || change === 0 ? '{same|=}' : change > 0 ? `{up|▲${change}}` : `{down|▼${-change}}`;
              return `${formatNumber(p.value, lang, 2)}%  ${change === null ? '' : mark}`;
            },
            rich: { up: { color: '#237804', fontWeight: 'bold' }, down: { color: '#c41d1d', fontWeight: 'bold' }, same: { color: '#595959' } },
          },
        },
      ],
    };
  }, [rows, lang, narrow]);
  return (
    <EChart
      option={option}
      height={Math.max(240, rows.length * 24 + 40)}
      label={t('public.chartLabel', { year: data.year })}
      onClick={(e) => {
        const r = rows[e.dataIndex];
        if (r) onOpen(r.code);
      }}
    />
  );
}
