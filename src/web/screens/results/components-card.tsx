import { Card, Table } from 'antd';
import { useMemo } from 'react';
import type { Scorecard } from '../../api/results';
import { EChart } from '../../components/chart-echarts';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showIndex, showPercent, showPoints } from './format';
import { heatColor, indexValue } from './results-math';

type Component = Scorecard['components'][number];

/** Breaks a label into lines of about `width` characters at spaces (radar labels must not be cut off). */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 3).join('\n') + (lines.length > 3 ? '…' : '');
}

/**
 * The agency's component indices: a radar against the group average (when the group's results are readable)
 * and the same figures as a table with points, maximum and the difference to the average.
 */
export function ComponentsCard({ scorecard, averages, agencyName }: { scorecard: Scorecard; averages: Map<string, number | null> | null; agencyName: string }) {
  const t = useT();
  const { lang } = useLang();
  const comps = scorecard.components;
  const option = useMemo(() => {
    const label = (c: Component) => `${c.code}. ${pickName(lang, c)}`;
    const series: { name: string; value: number[]; areaStyle?: object; lineStyle?: object; itemStyle?: object }[] = [
      {
        name: agencyName,
        value: comps.map((c) => indexValue(c.index) ?? 0),
        areaStyle: { color: 'rgba(21, 84, 173, 0.18)' },
        lineStyle: { color: '#1554ad', width: 2 },
        itemStyle: { color: '#1554ad' },
      },
    ];
    if (averages) {
      series.push({
        name: t('res.sc.groupAverage'),
        value: comps.map((c) => averages.get(c.code) ?? 0),
        lineStyle: { color: '#d48806', type: 'dashed', width: 2 },
        itemStyle: { color: '#d48806' },
      });
    }
    return {
      animation: false,
      legend: { bottom: 0, data: series.map((s) => s.name), textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'item' },
      radar: {
        radius: '52%',
        center: ['50%', '46%'],
        indicator: comps.map((c) => ({ name: label(c), max: 100 })),
        axisName: { color: '#333', fontSize: 11, lineHeight: 14, formatter: (name: string) => wrap(name, 18) },
        splitNumber: 4,
      },
      series: [{ type: 'radar', symbolSize: 4, data: series }],
    };
  }, [comps, averages, agencyName, lang, t]);

  const rows = comps.map((c) => {
    const avg = averages?.get(c.code) ?? null;
    const v = indexValue(c.index);
    return { ...c, avg, diff: v !== null && avg !== null ? v - avg : null };
  });
  return (
    <Card className="pi-card res-components" title={<h2 className="res-card-title">{t('res.sc.components')}</h2>}>
      <div className="res-components-grid">
        <EChart option={option} height={340} label={t('res.sc.radarLabel', { agency: agencyName })} />
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('res.sc.field'), key: 'name', render: (_: unknown, c) => `${c.code}. ${pickName(lang, c)}` },
            { title: t('res.sc.points'), key: 'points', width: 112, align: 'right', render: (_: unknown, c) => `${showPoints(c.points, lang)} / ${showPoints(c.applicableMax, lang)}` },
            {
              title: t('res.sc.index'),
              key: 'index',
              width: 76,
              align: 'right',
              onCell: (c) => ({ style: { background: heatColor(indexValue(c.index)) } }),
              render: (_: unknown, c) => <strong className="res-num">{showIndex(c.index, lang)}</strong>,
            },
            ...(averages
              ? [
                  { title: t('res.sc.avgShort'), key: 'avg', width: 76, align: 'right' as const, render: (_: unknown, c: (typeof rows)[number]) => showPercent(c.avg, lang) },
                  {
                    title: t('res.sc.diff'),
                    key: 'diff',
                    width: 76,
                    align: 'right' as const,
                    render: (_: unknown, c: (typeof rows)[number]) =>
                      c.diff === null ? '—' : <span className={c.diff < 0 ? 'res-change-down' : 'res-change-up'}>{`${c.diff > 0 ? '+' : c.diff < 0 ? '−' : ''}${showPercent(Math.abs(c.diff), lang)}`}</span>,
                  },
                ]
              : []),
          ]}
        />
      </div>
    </Card>
  );
}
