import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { LossNode } from '../../../core/domain/analysis';
import { roundHalfUpDiv } from '../../../core/domain/decimal';
import type { AgencyAnalysis } from '../../api/analysis';
import { EChart } from '../../components/chart-echarts';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { indexCell, pointsCell, showIdx, showUnits, signedUnits, waterfallSteps, type WaterfallStep } from './analysis-format';
import { COLOURS, escapeHtml, unitsToNumber } from './chart-util';
import { exportSubtitle } from './export-subtitle';
import { useAnalysisT } from './use-analysis-t';

const BAR_COLOUR: Record<WaterfallStep['kind'], string> = {
  field: COLOURS.loss,
  bonus: COLOURS.bonus,
  deduction: COLOURS.deduction,
  clamp: COLOURS.clamp,
  total: COLOURS.total,
};

/**
 * Where the points were lost: a waterfall of the points lost by field (then the bonus, deduction and clamping
 * effects, then the net total), and the same figures as a table. Choosing a field (bar or table) drills into
 * its criteria; "All fields" goes back.
 */
export function WaterfallCard({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const w = data.waterfall;
  const [drill, setDrill] = useState<string | null>(null);
  const field = drill === null ? null : (w.fields.find((f) => f.code === drill) ?? null);

  const steps = useMemo(() => {
    if (field) {
      const bars = field.children.filter((c) => c.lost !== 0).map((c) => ({ kind: 'field' as const, code: c.code, nameVi: c.nameVi, nameEn: c.nameEn, amount: c.lost }));
      const name = at('an.wf.fieldTotal', { code: field.code });
      return waterfallSteps(bars, { nameVi: name, nameEn: name });
    }
    const kindName = { bonus: at('an.wf.bonus'), deduction: at('an.wf.deduction'), clamp: at('an.wf.clamp') };
    const bars = w.bars
      .filter((b) => b.amount !== 0)
      .map((b) => (b.kind === 'field' ? b : { ...b, nameVi: kindName[b.kind], nameEn: kindName[b.kind] }));
    return waterfallSteps(bars, { nameVi: at('an.wf.total'), nameEn: at('an.wf.total') });
  }, [field, w.bars, at]);

  const option = useMemo(() => {
    const label = (s: WaterfallStep) =>
      s.kind === 'total' ? at('an.wf.totalShort') : s.kind === 'field' ? (field ? (s.code ?? '') : at('an.cmp.fieldShort', { code: s.code ?? '' })) : s.kind === 'bonus' ? at('an.wf.bonusShort') : s.kind === 'deduction' ? at('an.wf.deductionShort') : at('an.wf.clampShort');
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number; seriesIndex: number }) => {
          const s = steps[p.dataIndex];
          if (!s || p.seriesIndex !== 1) return '';
          const name = s.kind === 'field' && s.code ? `${s.code}. ${pickName(lang, s)}` : pickName(lang, s);
          return `${escapeHtml(name)}<br/><b>${s.kind === 'total' ? showUnits(s.amount, lang) : signedUnits(s.amount, lang)}</b> ${escapeHtml(at('an.wf.points'))}`;
        },
      },
      xAxis: { type: 'category', data: steps.map(label), axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 12 } },
      yAxis: { type: 'value', name: at('an.wf.axis'), nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => String(v) } },
      series: [
        {
          type: 'bar',
          stack: 'waterfall',
          silent: true,
          itemStyle: { color: 'transparent' },
          emphasis: { disabled: true },
          data: steps.map((s) => unitsToNumber(s.start)),
        },
        {
          type: 'bar',
          stack: 'waterfall',
          barMaxWidth: 44,
          cursor: field ? 'default' : 'pointer',
          data: steps.map((s) => ({ value: unitsToNumber(s.end - s.start), itemStyle: { color: BAR_COLOUR[s.kind], borderRadius: 2 } })),
          label: {
            show: true,
            position: 'top',
            fontSize: 11,
            color: '#333',
            formatter: (p: { dataIndex: number }) => {
              const s = steps[p.dataIndex];
              return s ? (s.kind === 'total' ? showUnits(s.amount, lang) : signedUnits(s.amount, lang)) : '';
            },
          },
        },
      ],
    };
  }, [steps, lang, at, field]);

  const rows = field ? field.children : w.fields;
  const base = field ? field.lost : w.lostBeforeAdjustments;
  const share = (lost: number) => (base > 0 ? roundHalfUpDiv(lost * 10_000, base) : null);
  const title = field ? at('an.wf.fieldTitle', { code: field.code, name: pickName(lang, field) }) : at('an.wf.title');
  const exportColumns: ExportColumnSpec<LossNode>[] = [
    { key: 'name', title: field ? at('an.col.criterion') : at('an.col.field'), value: (n) => `${n.code}. ${pickName(lang, n)}` },
    { key: 'points', title: at('an.col.points'), type: 'number', value: (n) => pointsCell(n.points) },
    { key: 'max', title: at('an.col.max'), type: 'number', value: (n) => pointsCell(n.applicableMax) },
    { key: 'lost', title: at('an.col.lost'), type: 'number', value: (n) => pointsCell(n.lost) },
    { key: 'share', title: at('an.col.share'), type: 'percent', value: (n) => indexCell(share(n.lost)) },
  ];

  return (
    <Card
      className="pi-card an-card an-waterfall"
      title={<h2 className="an-card-title" id="an-waterfall-title">{title}</h2>}
      extra={
        <Space wrap className="an-no-print">
          {field && (
            <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => setDrill(null)}>
              {at('an.wf.back')}
            </Button>
          )}
          <ExportTableButton<LossNode>
            size="small"
            title={title}
            subtitle={exportSubtitle(at, lang, data)}
            columns={exportColumns}
            rows={rows}
            filename={`diem-mat-${field ? `linh-vuc-${field.code}-` : ''}${data.agency.code}-${data.year}`}
          />
        </Space>
      }
    >
      <p className="an-card-lead pi-muted">{field ? at('an.wf.fieldLead', { lost: showUnits(field.lost, lang), max: showUnits(field.applicableMax, lang) }) : at('an.wf.lead')}</p>
      <EChart
        option={option}
        height={300}
        label={field ? at('an.wf.chartFieldLabel', { code: field.code }) : at('an.wf.chartLabel')}
        onClick={(e) => {
          const s = steps[e.dataIndex];
          if (!field && s?.kind === 'field' && s.code) setDrill(s.code);
        }}
      />
      <Table<LossNode>
        className="an-table"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        expandable={{ childrenColumnName: 'noTreeData' }}
        scroll={{ x: 560 }}
        aria-labelledby="an-waterfall-title"
        columns={[
          {
            title: field ? at('an.col.criterion') : at('an.col.field'),
            key: 'name',
            render: (_: unknown, n) => {
              const text = `${n.code}. ${pickName(lang, n)}`;
              if (field || !n.children.some((c) => c.lost > 0)) return text;
              return (
                <Button type="link" className="pi-link-cell an-drill" onClick={() => setDrill(n.code)} aria-label={at('an.wf.drill', { code: n.code })}>
                  {text}
                </Button>
              );
            },
          },
          { title: at('an.col.pointsOfMax'), key: 'points', width: 130, align: 'right', render: (_: unknown, n) => `${showUnits(n.points, lang)} / ${showUnits(n.applicableMax, lang)}` },
          {
            title: at('an.col.lost'),
            key: 'lost',
            width: 96,
            align: 'right',
            render: (_: unknown, n) => <strong className={n.lost > 0 ? 'an-lost' : 'an-num'}>{n.lost > 0 ? `−${showUnits(n.lost, lang)}` : showUnits(0, lang)}</strong>,
          },
          {
            title: at('an.col.share'),
            key: 'share',
            width: 150,
            render: (_: unknown, n) => {
              const s = share(n.lost);
              return s === null ? '—' : (
                <span className="an-share">
                  {s > 0 && <span className="an-share-bar" aria-hidden style={{ width: `${Math.min(100, s / 100)}%` }} />}
                  <span className="an-num">{showIdx(s, lang)}</span>
                </span>
              );
            },
          },
        ]}
      />
      {!field && (
        <p className="an-footnote pi-muted">
          {at('an.wf.net', { net: showUnits(w.netLost, lang), max: showUnits(w.applicableMax, lang), points: showUnits(w.totalPoints, lang) })}
          {(w.bonus !== 0 || w.deduction !== 0 || w.clampAdjustment !== 0) &&
            ` ${at('an.wf.adjustments', { before: showUnits(w.lostBeforeAdjustments, lang), bonus: showUnits(w.bonus, lang), deduction: showUnits(w.deduction, lang) })}`}
        </p>
      )}
    </Card>
  );
}
