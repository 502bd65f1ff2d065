import { Alert, App } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { compileFramework } from '../../../core/domain/compute-index';
import { formatDeadline, PHASE_LABELS } from '../../../core/domain/workflow';
import type { FrameworkNode } from '../../../core/schemas/framework';
import { useWithdrawAssessment } from '../../api/assessments';
import { asPhase } from '../../components/cycle-status-tag';
import { EvidencePreviewDrawer } from '../../components/evidence-preview-drawer';
import { LeafHistoryDrawer } from '../../components/leaf-history-drawer';
import { formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { useAssessmentOutlet } from '../assessments/assessment-outlet';
import { frameworkTree, leafRows, liveSelfResult, nextIncomplete, progressOf } from './leaf-state';
import { LeafEditor } from './leaf-editor';
import { LeafTree } from './leaf-tree';
import { SelfTotalsBar } from './self-totals-bar';
import { SubmitDialog } from './submit-dialog';
import { useSelfAutosave } from './use-self-autosave';
import './self-assessment.css';

/** Self-assessment: the framework tree on the left, the selected leaf on the right, live totals on top. */
export default function SelfAssessmentView() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { detail } = useAssessmentOutlet();
  const autosave = useSelfAutosave(detail.id, detail);
  const compiled = useMemo(() => compileFramework(detail.framework), [detail.framework]);
  const tree = useMemo(() => frameworkTree(detail), [detail]);
  const rows = useMemo(() => leafRows(detail, autosave.drafts), [detail, autosave.drafts]);
  const result = useMemo(() => liveSelfResult(compiled, rows), [compiled, rows]);
  const progress = useMemo(() => progressOf(rows), [rows]);
  const nodes = useMemo(() => new Map<string, FrameworkNode>(detail.framework.nodes.map((n) => [n.code, n])), [detail.framework]);
  const [params, setParams] = useSearchParams();
  const [submitOpen, setSubmitOpen] = useState(false);
  const [historyCode, setHistoryCode] = useState<string | null>(null);
  const [preview, setPreview] = useState<number | null>(null);
  const withdraw = useWithdrawAssessment(detail.id);

  const selected = params.get('leaf') && rows.some((r) => r.node.code === params.get('leaf')) ? params.get('leaf') : (nextIncomplete(rows, null) ?? rows[0]?.node.code ?? null);
  const index = rows.findIndex((r) => r.node.code === selected);
  const row = rows[index];
  const select = useCallback(
    (code: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('leaf', code);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const go = useCallback((delta: number) => {
    const target = rows[(index + delta + rows.length) % rows.length];
    if (target) select(target.node.code);
  }, [rows, index, select]);
  const incomplete = nextIncomplete(rows, selected);
  // The leaf opened by default (the first incomplete one) is pinned in the address: completing it (attaching its
  // evidence) must not move the screen to the next incomplete leaf.
  const pinned = params.get('leaf');
  useEffect(() => {
    if (selected && pinned !== selected) select(selected);
  }, [selected, pinned, select]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowDown') go(1);
      else if (e.key === 'ArrowUp') go(-1);
      else if (e.key.toLowerCase() === 'n' && incomplete) select(incomplete);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, incomplete, select]);

  const canEdit = detail.abilities.selfAssess === true;
  const phase = asPhase(detail.phase);
  const deadline = detail.deadlines.selfAssessment;
  const deadlinePassed = deadline !== null && new Date(deadline).getTime() < Date.now();
  const readOnlyReason = canEdit
    ? null
    : detail.status !== 'draft'
      ? t('selfAssess.readOnlySubmitted', { at: formatDateTime(detail.submittedAt, lang) })
      : phase !== 'self_assessment'
        ? t('selfAssess.readOnlyPhase', { phase: PHASE_LABELS[phase][lang] })
        : deadlinePassed
          ? t('selfAssess.readOnlyDeadline', { deadline: formatDeadline(new Date(deadline), lang) })
          : t('selfAssess.readOnlyRole');
  const submitDeniedReason =
    phase !== 'self_assessment' ? t('selfAssess.readOnlyPhase', { phase: PHASE_LABELS[phase][lang] }) : deadlinePassed && deadline ? t('selfAssess.readOnlyDeadline', { deadline: formatDeadline(new Date(deadline), lang) }) : t('selfAssess.onlyHeadSubmits');

  const ancestors: FrameworkNode[] = [];
  for (let p = row?.node.parentCode ? nodes.get(row.node.parentCode) : undefined; p; p = p.parentCode ? nodes.get(p.parentCode) : undefined) ancestors.unshift(p);

  return (
    <div className="pi-sa">
      <SelfTotalsBar
        detail={detail}
        result={result}
        progress={progress}
        save={{ state: autosave.state, savedAt: autosave.savedAt, pending: autosave.pendingCount, blocked: autosave.blocked }}
        onSubmit={() => setSubmitOpen(true)}
        onWithdraw={() =>
          withdraw.mutate(detail.version, {
            onSuccess: () => void message.success(t('selfAssess.withdrawn')),
            onError: (err) => void message.error(err.message),
          })
        }
        withdrawing={withdraw.isPending}
        submitDeniedReason={submitDeniedReason}
      />
      {readOnlyReason && <Alert type="info" showIcon className="pi-sa-alert" title={readOnlyReason} data-testid="read-only" />}
      {autosave.blocked && <Alert type="error" showIcon role="alert" className="pi-sa-alert" title={t('selfAssess.notSavedBecause', { reason: autosave.blocked })} description={t('selfAssess.keptLocally')} />}
      <div className="pi-sa-panes">
        <LeafTree tree={tree} rows={rows} result={result} selected={selected} onSelect={select} />
        {row ? (
          <LeafEditor
            key={row.node.code}
            detail={detail}
            row={row}
            ancestors={ancestors}
            canEdit={canEdit}
            autosave={autosave}
            position={{ index: index + 1, total: rows.length }}
            onPrev={() => go(-1)}
            onNext={() => go(1)}
            onNextIncomplete={incomplete ? () => select(incomplete) : null}
            onHistory={() => setHistoryCode(row.node.code)}
            onPreview={setPreview}
          />
        ) : (
          <div className="pi-sa-editor" />
        )}
      </div>
      <SubmitDialog
        open={submitOpen}
        detail={detail}
        onClose={() => setSubmitOpen(false)}
        onGoTo={(code) => {
          setSubmitOpen(false);
          select(code);
        }}
        flush={autosave.flush}
        onSubmitted={() => {
          setSubmitOpen(false);
          void message.success(t('selfAssess.submitted'));
        }}
      />
      <LeafHistoryDrawer assessmentId={detail.id} node={historyCode ? (nodes.get(historyCode) ?? null) : null} onClose={() => setHistoryCode(null)} />
      <EvidencePreviewDrawer items={row?.leaf?.evidence ?? []} activeId={preview} onClose={() => setPreview(null)} />
    </div>
  );
}
