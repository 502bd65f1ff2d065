import { useMemo } from 'react';
import type { AgencyResultRow, GroupResults } from '../../api/results';
import { EChart } from '../../components/chart-echarts';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showPercent } from './format';
import { indexValue, mean } from './results-math';

/** The tooltip is HTML: names typed by administrators must not become markup. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Bar colours of the classification bands (the tags' palette, darker for bars). */
const BAND_COLOURS: Record<string, string> = { good: '#389e0d', fair: '#1554ad', average: '#d48806', weak: '#cf1322' };

/** Horizontal bars of the total index by rank (best on top), coloured by class, with the group average. */
export function RankingChart({ results, onOpen }: { results: GroupResults; onOpen: (a: AgencyResultRow) => void }) {
  const t = useT();
  const { lang } = useLang();
  const rows = useMemo(() => [...results.agencies].sort((a, b) => b.rank - a.rank), [results]);
  const average = mean(results.agencies.map((a) => indexValue(a.totalIndex)));
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 56, top: 24, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const a = rows[p.dataIndex];
          if (!a) return '';
          const cls = a.classification ? ` · ${escapeHtml(lang === 'en' ? a.classification.labelEn : a.classification.labelVi)}` : '';
          return `${t('res.col.rank')} ${a.rank}: ${escapeHtml(pickName(lang, a))}<br/>${t('res.col.index')}: <b>${showPercent(indexValue(a.totalIndex), lang)}</b>${cls}`;
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => showPercent(v, lang).replace(/[.,]00$/, '') } },
      yAxis: {
        type: 'category',
        data: rows.map((a) => `${a.rank}. ${pickName(lang, a)}`),
        axisLabel: { width: 260, overflow: 'truncate', fontSize: 12 },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: rows.map((a) => ({
            value: indexValue(a.totalIndex) ?? 0,
            itemStyle: { color: BAND_COLOURS[a.classification?.code ?? ''] ?? '#8c8c8c', borderRadius: [0, 3, 3, 0] },
          })),
          label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => showPercent(p.value, lang) },
          cursor: 'pointer',
          markLine:
            average === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#595959', type: 'dashed' },
                  label: { formatter: t('res.chart.average', { value: showPercent(average, lang) }), position: 'end', fontSize: 11, color: '#444' },
                  data: [{ xAxis: average }],
                },
        },
      ],
    }),
    [rows, average, lang, t],
  );
  return (
    <EChart
      option={option}
      height={Math.max(280, rows.length * 24 + 48)}
      label={t('res.chart.label', { group: pickName(lang, results.group), year: results.year })}
      onClick={(e) => {
        const a = rows[e.dataIndex];
        if (a) onOpen(a);
      }}
    />
  );
}
