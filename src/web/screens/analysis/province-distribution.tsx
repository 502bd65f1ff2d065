import { Card } from 'antd';
import { useMemo } from 'react';
import type { ProvinceAnalysis } from '../../api/analysis';
import { EChart } from '../../components/chart-echarts';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showIdx, visibleBins } from './analysis-format';
import { COLOURS } from './chart-util';
import { useAnalysisT } from './use-analysis-t';

/** The histogram of the group's total indices in 5 % bins, with the count of agencies without an index. */
export function DistributionCard({ data }: { data: ProvinceAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const bins = useMemo(() => visibleBins(data.distribution.bins), [data.distribution.bins]);
  const label = (b: { from: number; to: number }) => `${showIdx(b.from, lang, false).replace(/[.,]00$/, '')}–${showIdx(b.to, lang, false).replace(/[.,]00$/, '')}`;
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const b = bins[p.dataIndex];
          return b ? `${label(b)}%: <b>${at('pv.dist.count', { count: b.count })}</b>` : '';
        },
      },
      xAxis: { type: 'category', data: bins.map(label), axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 11, interval: 0, rotate: bins.length > 12 ? 40 : 0 }, name: '%', nameLocation: 'end' },
      yAxis: { type: 'value', minInterval: 1, name: at('pv.dist.axis'), nameTextStyle: { align: 'left' } },
      series: [
        {
          type: 'bar',
          barCategoryGap: '12%',
          itemStyle: { color: COLOURS.agency, borderRadius: [3, 3, 0, 0] },
          label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : '') },
          data: bins.map((b) => b.count),
        },
      ],
    }),
    [bins, lang, at],
  );
  return (
    <Card className="pi-card an-card an-dist" title={<h2 className="an-card-title">{at('pv.dist.title')}</h2>}>
      <EChart option={option} height={280} label={at('pv.dist.chartLabel', { group: pickName(lang, data.group), year: data.year })} />
      <table className="pi-visually-hidden">
        <caption>{at('pv.dist.title')}</caption>
        <tbody>
          {bins.map((b) => (
            <tr key={b.from}>
              <th scope="row">{label(b)}%</th>
              <td>{b.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.distribution.missing > 0 && <p className="an-footnote pi-muted">{at('pv.kpi.missing', { count: data.distribution.missing })}</p>}
    </Card>
  );
}
