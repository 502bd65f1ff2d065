import { Alert, Button, Card, Collapse, Segmented, Select, Spin, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { LeafGain } from '../../../core/domain/analysis';
import type { AgencyAnalysis, GainMode } from '../../api/analysis';
import { EmptyState } from '../../components/empty-state';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { defaultTarget, pointsCell, showIdx, showUnitsNeeded, stepLabel, targetOptions, type TargetOption } from './analysis-format';
import { exportSubtitle } from './export-subtitle';
import { useAnalysisT } from './use-analysis-t';

/**
 * "What it takes to climb": choose a better rank → the index and points it needs (others unchanged) → the
 * smallest set of realistically improvable leaves that delivers them, each from → to with the level or step to
 * reach. Ranks that tied agencies make one are one choice; a rank out of reach says so, with the best reachable.
 * The mode (one step per leaf, or each leaf to its maximum) is the server's: switching it reloads the analysis.
 */
export function WhatItTakesCard({ data, mode, onModeChange, switching }: { data: AgencyAnalysis; mode: GainMode; onModeChange: (mode: GainMode) => void; switching: boolean }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const w = data.whatItTakes;
  const options = useMemo(() => targetOptions(w.targets), [w.targets]);
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = options.find((o) => o.rank === chosen || (chosen !== null && chosen > o.rank && chosen <= o.lastRank)) ?? defaultTarget(options);
  const others = useMemo(() => data.agencies.filter((a) => a.agencyId !== w.agencyId), [data.agencies, w.agencyId]);
  const fieldName = (code: string) => {
    const f = data.fields.find((x) => x.code === code);
    return f ? `${f.code}. ${pickName(lang, f)}` : code;
  };
  // The rank lost since last year (e.g. 11th before, 20th now) is a target of its own: "win it back".
  const previousRank = data.summary.previousRank;
  const lostBack = previousRank !== null && previousRank < data.summary.rank.rank ? (options.find((o) => previousRank >= o.rank && previousRank <= o.lastRank) ?? null) : null;
  const optionLabel = (o: TargetOption) => {
    const base = o.lastRank > o.rank ? at('an.wit.ranks', { from: o.rank, to: o.lastRank }) : at('an.wit.rank', { rank: o.rank });
    const rank = o === lostBack ? `${base} (${at('an.wit.lastYearRank')})` : base;
    return o.target.reachable ? `${rank} · +${showUnitsNeeded(o.target.pointsNeeded, lang)}` : `${rank} · ${at('an.wit.outOfReach')}`;
  };
  const modeText = mode === 'one_step' ? at('an.wit.modeOneStepText') : at('an.wit.modeToMaxText');

  const controls = (
    <div className="an-wit-controls pi-toolbar" role="group" aria-label={at('an.wit.controls')}>
      <label htmlFor="an-wit-target" className="an-label">
        {at('an.wit.target')}
      </label>
      <Select<number>
        id="an-wit-target"
        className="an-wit-target"
        value={selected?.rank}
        onChange={setChosen}
        disabled={options.length === 0}
        options={options.map((o) => ({ value: o.rank, label: optionLabel(o) }))}
        popupMatchSelectWidth={false}
      />
      {lostBack && selected !== lostBack && (
        <Button onClick={() => setChosen(lostBack.rank)} data-testid="an-wit-lost-rank">
          {at('an.wit.winBack', { rank: previousRank ?? lostBack.rank })}
        </Button>
      )}
      <span className="an-label" id="an-wit-mode-label">
        {at('an.wit.mode')}
      </span>
      <Segmented<GainMode>
        aria-labelledby="an-wit-mode-label"
        value={mode}
        onChange={onModeChange}
        options={[
          { value: 'one_step', label: at('an.wit.oneStep') },
          { value: 'to_max', label: at('an.wit.toMax') },
        ]}
      />
      {switching && <Spin size="small" aria-label={at('an.loading')} />}
    </div>
  );

  if (options.length === 0 || !selected) {
    return (
      <Card className="pi-card an-card an-wit" title={<h2 className="an-card-title">{at('an.wit.title')}</h2>}>
        <EmptyState title={at('an.wit.first')} />
      </Card>
    );
  }

  const t = selected.target;
  const holder = others[t.rank - 1] ?? null;
  const exportColumns: ExportColumnSpec<LeafGain>[] = [
    { key: 'code', title: at('an.col.code') },
    { key: 'name', title: at('an.col.leaf'), value: (l) => pickName(lang, l) },
    { key: 'field', title: at('an.col.field'), value: (l) => fieldName(l.fieldCode) },
    { key: 'from', title: at('an.wit.col.from'), type: 'number', decimals: 2, value: (l) => pointsCell(l.from) },
    { key: 'to', title: at('an.wit.col.to'), type: 'number', decimals: 2, value: (l) => pointsCell(l.to) },
    { key: 'max', title: at('an.col.max'), type: 'number', decimals: 2, value: (l) => pointsCell(l.max) },
    { key: 'step', title: at('an.wit.col.step'), value: (l) => stepLabel(l, lang, { yes: at('an.wit.yes') }) ?? '' },
    { key: 'gain', title: at('an.wit.col.gain'), type: 'number', decimals: 2, value: (l) => pointsCell(l.gain) },
  ];

  return (
    <Card
      className="pi-card an-card an-wit"
      title={<h2 className="an-card-title" id="an-wit-title">{at('an.wit.title')}</h2>}
      extra={
        t.reachable && (
          <ExportTableButton<LeafGain>
            size="small"
            className="an-no-print"
            title={`${at('an.wit.title')}: ${optionLabel(selected)}`}
            subtitle={`${exportSubtitle(at, lang, data)} · ${modeText}`}
            columns={exportColumns}
            rows={t.leaves}
            filename={`de-xuat-hang-${t.rank}-${data.agency.code}-${data.year}`}
          />
        )
      }
    >
      <p className="an-card-lead pi-muted">{at('an.wit.lead', { mode: modeText })}</p>
      {controls}
      <div className="an-wit-facts" aria-live="polite" data-testid="an-wit-facts">
        <div className="an-fact">
          <div className="an-fact-label">{at('an.wit.neededIndex')}</div>
          <div className="an-fact-value">{showIdx(t.neededIndex, lang)}</div>
          <div className="an-fact-sub">{holder ? at('an.wit.holder', { name: pickName(lang, holder), rank: holder.rank }) : '—'}</div>
        </div>
        <div className="an-fact">
          <div className="an-fact-label">{at('an.wit.pointsNeeded')}</div>
          <div className="an-fact-value">+{showUnitsNeeded(t.pointsNeeded, lang)}</div>
          <div className="an-fact-sub">{at('an.wit.totalNeeded', { total: showUnitsNeeded(t.neededTotalPoints, lang), max: showUnitsNeeded(w.applicableMax, lang) })}</div>
        </div>
        <div className="an-fact">
          <div className="an-fact-label">{at('an.wit.suggestion')}</div>
          <div className={`an-fact-value ${t.reachable ? '' : 'an-down'}`}>
            {t.reachable ? at('an.wit.leavesCount', { count: t.leaves.length, gain: showUnitsNeeded(t.gain, lang) }) : at('an.wit.outOfReach')}
          </div>
          <div className="an-fact-sub">
            {t.reachable && t.resultIndex !== null && t.resultRank !== null ? at('an.wit.result', { index: showIdx(t.resultIndex, lang), rank: t.resultRank }) : at('an.wit.maxGain', { gain: showUnitsNeeded(w.maxGain, lang) })}
          </div>
        </div>
      </div>
      {selected.lastRank > selected.rank && <Alert className="an-alert" type="info" showIcon title={at('an.wit.tiedNote', { from: selected.rank, to: selected.lastRank })} />}
      {t.reachable && t.resultRank !== null && t.resultRank < t.rank && selected.lastRank === selected.rank && (
        <Alert className="an-alert" type="info" showIcon title={at('an.wit.betterNote', { rank: t.resultRank })} />
      )}
      {!t.reachable && (
        <Alert
          className="an-alert"
          type="warning"
          showIcon
          title={at('an.wit.unreachable', { rank: t.rank, needed: showUnitsNeeded(t.pointsNeeded, lang), count: w.improvable.length, max: showUnitsNeeded(w.maxGain, lang), index: showIdx(w.best.index, lang), best: w.best.rank })}
          description={mode === 'one_step' ? at('an.wit.tryToMax') : at('an.wit.beyondLeaves')}
          action={
            mode === 'one_step' ? (
              <Button size="small" onClick={() => onModeChange('to_max')}>
                {at('an.wit.toMax')}
              </Button>
            ) : undefined
          }
        />
      )}
      {t.reachable && (
        <Table<LeafGain>
          className="an-table an-wit-leaves"
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={t.leaves}
          scroll={{ x: 760 }}
          aria-labelledby="an-wit-title"
          columns={[
            { title: at('an.col.code'), key: 'code', width: 72, render: (_: unknown, l) => <span className="pi-code">{l.code}</span> },
            {
              title: at('an.col.leaf'),
              key: 'name',
              render: (_: unknown, l) => (
                <div className="pi-cell-main">
                  <span>{pickName(lang, l)}</span>
                  <span className="pi-cell-sub pi-muted">{fieldName(l.fieldCode)}</span>
                </div>
              ),
            },
            {
              title: at('an.wit.col.fromTo'),
              key: 'fromTo',
              width: 140,
              align: 'right',
              render: (_: unknown, l) => (
                <span className="an-num">
                  {showUnitsNeeded(l.from, lang)} → {showUnitsNeeded(l.to, lang)} <span className="pi-muted">/ {showUnitsNeeded(l.max, lang)}</span>
                </span>
              ),
            },
            { title: at('an.wit.col.step'), key: 'step', width: 200, render: (_: unknown, l) => stepLabel(l, lang, { yes: at('an.wit.yes') }) ?? <span className="pi-muted">{at('an.wit.stepPoints')}</span> },
            { title: at('an.wit.col.gain'), key: 'gain', width: 80, align: 'right', render: (_: unknown, l) => <strong className="an-up">{`+${showUnitsNeeded(l.gain, lang)}`}</strong> },
          ]}
        />
      )}
      <Collapse
        className="an-wit-all an-no-print"
        ghost
        size="small"
        items={[
          {
            key: 'all',
            label: at('an.wit.allRanks'),
            children: (
              <Table<TargetOption>
                size="small"
                rowKey="rank"
                pagination={false}
                dataSource={options}
                scroll={{ x: 560 }}
                rowClassName={(o) => (o.rank === selected.rank ? 'an-row-selected' : '')}
                columns={[
                  {
                    title: at('an.wit.col.rank'),
                    key: 'rank',
                    width: 110,
                    render: (_: unknown, o) => (
                      <Button type="link" className="pi-link-cell" onClick={() => setChosen(o.rank)} aria-pressed={o.rank === selected.rank}>
                        {o.lastRank > o.rank ? at('an.wit.ranks', { from: o.rank, to: o.lastRank }) : at('an.wit.rank', { rank: o.rank })}
                      </Button>
                    ),
                  },
                  { title: at('an.wit.neededIndex'), key: 'index', width: 110, align: 'right', render: (_: unknown, o) => showIdx(o.target.neededIndex, lang) },
                  { title: at('an.wit.pointsNeeded'), key: 'points', width: 110, align: 'right', render: (_: unknown, o) => `+${showUnitsNeeded(o.target.pointsNeeded, lang)}` },
                  {
                    title: at('an.wit.suggestion'),
                    key: 'suggestion',
                    render: (_: unknown, o) =>
                      o.target.reachable ? (
                        at('an.wit.leavesResult', { count: o.target.leaves.length, gain: showUnitsNeeded(o.target.gain, lang), rank: o.target.resultRank ?? o.rank })
                      ) : (
                        <span className="an-down">{at('an.wit.outOfReach')}</span>
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
