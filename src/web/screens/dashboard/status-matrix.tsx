import { Checkbox, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, PHASE_LABELS, type Phase, phaseIndex } from '../../../core/domain/workflow';
import type { AssessmentSummary } from '../../api/assessments';
import { useAgencyGroups } from '../../api/org';
import { StatusBar, type StatusBarTone } from '../../components/status-bar';
import { pickName } from '../../i18n/names';
import { asPhase } from '../../components/cycle-status-tag';
import { EmptyState } from '../../components/empty-state';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { useLang, useT } from '../../i18n/i18n-context';
import { assessmentLink } from '../assessments/assessments-page';

type Cell = { tone: StatusTone | 'none'; text: string; late: boolean };
const STEPS: Phase[] = ['self_assessment', 'appraisal1', 'explanation', 'appraisal2'];

/** How one agency stands in one step of the cycle, from its summary (status, progress, deadline). */
export function useCellOf() {
  const t = useT();
  return (a: AssessmentSummary, step: Phase, now: number): Cell => {
    const phase = phaseIndex(asPhase(a.phase));
    const at = phaseIndex(step);
    const p = a.progress;
    const overdue = a.deadline !== null && new Date(a.deadline).getTime() < now && phase === at;
    if (phase < at) return { tone: 'none', text: '—', late: false };
    switch (step) {
      case 'self_assessment':
        if (a.status !== 'draft') return { tone: 'ok', text: t('matrix.submitted'), late: false };
        if (phase > at || overdue) return { tone: 'danger', text: phase > at ? t('matrix.notSubmitted') : t('matrix.overdue'), late: true };
        return p.scored > 0 ? { tone: 'warn', text: t('matrix.progress', { done: p.scored, total: p.selfScorable }), late: false } : { tone: 'off', text: t('matrix.notStarted'), late: false };
      case 'appraisal1':
        if (a.status === 'draft') return { tone: 'none', text: '—', late: false };
        if (p.appraised1 >= p.selfScorable) return { tone: 'ok', text: t('matrix.appraised', { adjusted: p.adjusted }), late: false };
        if (phase > at || overdue) return { tone: 'danger', text: t('matrix.progress', { done: p.appraised1, total: p.selfScorable }), late: true };
        return { tone: p.appraised1 > 0 ? 'warn' : 'off', text: t('matrix.progress', { done: p.appraised1, total: p.selfScorable }), late: false };
      case 'explanation':
        if (p.adjusted === 0) return { tone: 'ok', text: t('matrix.noAdjustment'), late: false };
        return { tone: p.disputed > 0 ? 'warn' : 'off', text: t('matrix.disputed', { disputed: p.disputed, adjusted: p.adjusted }), late: false };
      default:
        if (phase > at) return { tone: 'ok', text: t('matrix.finalised'), late: false };
        return { tone: p.finalised > 0 ? 'warn' : 'off', text: t('matrix.round2', { done: p.finalised, disputed: p.disputed }), late: false };
    }
  };
}

/**
 * The secretariat's matrix: agencies × steps of the cycle with a coloured status in each cell, filters by agency
 * group and "late only".
 */
export function StatusMatrix({ items, loading, withBar = false }: { items: AssessmentSummary[]; loading?: boolean; withBar?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const cellOf = useCellOf();
  const [group, setGroup] = useState<string>('all');
  const [lateOnly, setLateOnly] = useState(false);
  const [tone, setTone] = useState<string | null>(null);
  const now = Date.now();
  const groups = [...new Set(items.map((a) => a.groupCode))];
  // Groups by name, not by code (SO, HUYEN): the codes are data an administrator chose.
  const groupList = useAgencyGroups().data?.items;
  const groupLabel = (code: string) => {
    const g = groupList?.find((x) => x.code === code);
    return g ? pickName(lang, g) : code;
  };
  const current = items[0] ? asPhase(items[0].phase) : null;
  // The status bar: where every agency stands in the step in progress (or, outside the steps, its status).
  const step = current && STEPS.includes(current) ? current : null;
  const stateOf = (a: AssessmentSummary): { key: string; tone: StatusBarTone } => {
    if (!step) return { key: a.status, tone: a.status === 'draft' ? 'off' : a.status === 'finalised' ? 'ok' : 'info' };
    const c = cellOf(a, step, now);
    return { key: c.tone === 'none' ? 'off' : c.tone, tone: c.tone === 'none' ? 'off' : c.tone };
  };
  const inGroup = items.filter((a) => group === 'all' || a.groupCode === group);
  const rows = inGroup.filter((a) => (!lateOnly || STEPS.some((s) => cellOf(a, s, now).late)) && (!tone || stateOf(a).key === tone));
  const counts = new Map<string, number>();
  for (const a of inGroup) counts.set(stateOf(a).key, (counts.get(stateOf(a).key) ?? 0) + 1);
  const segments = step
    ? (
        [
          ['ok', 'matrix.bar.done'],
          ['warn', 'matrix.bar.working'],
          ['off', 'matrix.bar.notStarted'],
          ['danger', 'matrix.bar.late'],
        ] as const
      ).map(([key, label]) => ({ key, label: t(label), tone: key as StatusBarTone, count: counts.get(key) ?? 0 }))
    : ASSESSMENT_STATUSES.map((s) => ({ key: s as string, label: ASSESSMENT_STATUS_LABELS[s][lang], tone: stateOf({ status: s } as AssessmentSummary).tone, count: counts.get(s) ?? 0 }));
  const lateCount = items.filter((a) => STEPS.some((s) => cellOf(a, s, now).late)).length;

  const columns: ColumnsType<AssessmentSummary> = [
    {
      title: t('assess.agency'),
      key: 'agency',
      fixed: 'left',
      render: (_, a) => (
        <span className="pi-cell-main">
          <Link to={assessmentLink(a, true)}>{lang === 'en' && a.agencyNameEn ? a.agencyNameEn : a.agencyNameVi}</Link>
          <span className="pi-cell-sub">{a.agencyCode}</span>
        </span>
      ),
    },
    ...STEPS.map((s) => ({
      title: <span className={current === s ? 'pi-matrix-current' : undefined}>{PHASE_LABELS[s][lang]}</span>,
      key: s,
      width: 180,
      render: (_: unknown, a: AssessmentSummary) => {
        const c = cellOf(a, s, now);
        return c.tone === 'none' ? <span className="pi-muted">—</span> : <StatusTag tone={c.tone}>{c.text}</StatusTag>;
      },
    })),
  ];

  return (
    <div className="pi-matrix" data-testid="status-matrix">
      {withBar && inGroup.length > 0 && (
        <StatusBar
          title={step ? t('matrix.bar.title', { step: PHASE_LABELS[step][lang], count: inGroup.length }) : t('matrix.bar.titleStatus', { count: inGroup.length })}
          segments={segments.map((s) => ({ ...s, active: tone === s.key, onClick: () => setTone(tone === s.key ? null : s.key) }))}
        />
      )}
      <div className="pi-toolbar">
        {groups.length > 1 && (
          <Segmented value={group} onChange={(v) => setGroup(String(v))} options={[{ value: 'all', label: t('matrix.allGroups') }, ...groups.map((g) => ({ value: g, label: groupLabel(g) }))]} />
        )}
        <Checkbox checked={lateOnly} onChange={(e) => setLateOnly(e.target.checked)}>
          {t('matrix.lateOnly', { count: lateCount })}
        </Checkbox>
        <span className="pi-toolbar-count">{t('table.count', { count: rows.length })}</span>
      </div>
      <Table<AssessmentSummary>
        size="small"
        rowKey="id"
        sticky={{ offsetHeader: 56 }}
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState title={lateOnly ? t('matrix.noneLate') : t('assess.listEmpty')} /> }}
      />
    </div>
  );
}
