import { CheckOutlined, FileSearchOutlined, MessageOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { leafNodes } from '../../../core/domain/framework';
import type { FrameworkNode } from '../../../core/schemas/framework';
import { type LeafView, useBulkAccept, useAppraiseLeaf } from '../../api/assessments';
import { asPhase } from '../../components/cycle-status-tag';
import { DeadlineCountdown } from '../../components/deadline-countdown';
import { EmptyState } from '../../components/empty-state';
import { EvidencePreviewDrawer } from '../../components/evidence-preview-drawer';
import { GuardedButton } from '../../components/guarded-button';
import { DecisionTag, useReasonLabel } from '../../components/leaf-stage-summary';
import { usePointsText } from '../../components/leaf-input';
import { useLang, useT } from '../../i18n/i18n-context';
import { useAssessmentOutlet } from '../assessments/assessment-outlet';
import { AppraisalLeafPanel } from './appraisal-leaf-panel';
import './appraisal.css';

type Filter = 'all' | 'todo' | 'adjusted' | 'noEvidence' | 'disputed';

const isDisputed = (l: LeafView) => [...l.thread].reverse().find((m) => m.side === 'agency')?.kind === 'dispute';

/**
 * The appraisal workbench for one agency: the leaves of the appraiser's fields with the self-score, evidence, last
 * year's score and the appraisal so far; accept, adjust with a reason, or accept in bulk; round 2 shows each
 * disputed leaf's thread.
 */
export default function AppraisalView() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { detail } = useAssessmentOutlet();
  const pointsText = usePointsText();
  const reason = useReasonLabel();
  const phase = asPhase(detail.phase);
  const round: 1 | 2 | null = phase === 'appraisal1' ? 1 : phase === 'appraisal2' ? 2 : null;
  const canAct = round === 1 ? detail.abilities.appraise1 === true : round === 2 ? detail.abilities.appraise2 === true : false;
  const canReply = phase === 'explanation' || phase === 'appraisal2';
  const [filter, setFilter] = useState<Filter>(round === 2 ? 'disputed' : 'all');
  const [field, setField] = useState<string | undefined>(undefined);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ id: number; items: LeafView['evidence'] } | null>(null);
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const bulk = useBulkAccept(detail.id);
  const quick = useAppraiseLeaf(detail.id);

  const nodes = useMemo(() => new Map<string, FrameworkNode>(detail.framework.nodes.map((n) => [n.code, n])), [detail.framework]);
  const order = useMemo(() => new Map(leafNodes(detail.framework.nodes).map((n, i) => [n.code, i])), [detail.framework]);
  const leaves = useMemo(() => detail.leaves.filter((l) => !l.survey).sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0)), [detail.leaves, order]);
  const fields = [...new Set(leaves.map((l) => l.fieldCode))];
  const done = (l: LeafView) => (round === 2 ? l.final !== null : l.appraisal1 !== null);
  const rows = leaves.filter((l) => {
    if (field && l.fieldCode !== field) return false;
    if (filter === 'todo') return !done(l);
    if (filter === 'adjusted') return l.appraisal1?.decision === 'adjusted' || l.final?.decision === 'adjusted';
    if (filter === 'noEvidence') return l.evidence.length === 0;
    if (filter === 'disputed') return isDisputed(l);
    return true;
  });
  const counts = {
    all: leaves.length,
    todo: leaves.filter((l) => !done(l)).length,
    adjusted: leaves.filter((l) => l.appraisal1?.decision === 'adjusted' || l.final?.decision === 'adjusted').length,
    noEvidence: leaves.filter((l) => l.evidence.length === 0).length,
    disputed: leaves.filter(isDisputed).length,
  };
  const name = (code: string) => {
    const n = nodes.get(code);
    return n ? (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi) : code;
  };
  const deniedReason = round === null ? t('appraise.notInRound') : detail.status === 'draft' ? t('appraise.notSubmitted') : t('appraise.notAllowed');
  const deadline = round === 1 ? detail.deadlines.appraisal1 : round === 2 ? detail.deadlines.appraisal2 : null;

  const runBulk = (codes?: string[]) => {
    if (!round) return;
    setBulkResult(null);
    // The versions read: a leaf changed since (another appraiser) makes the batch a conflict, not a silent overwrite.
    const versions = Object.fromEntries(detail.leaves.map((l) => [l.code, l.version]));
    bulk.mutate(codes ? { round, codes, versions } : { round, versions }, {
      onSuccess: (r) => {
        setSelected([]);
        setBulkResult(r.skipped.length ? t('appraise.bulkSkipped', { accepted: r.accepted, skipped: r.skipped.length, codes: r.skipped.join(', ') }) : t('appraise.bulkDone', { accepted: r.accepted }));
      },
      onError: (err) => void message.error(err.message),
    });
  };
  const acceptOne = (l: LeafView) =>
    round &&
    quick.mutate(
      { code: l.code, body: { round, decision: round === 1 ? 'accept' : 'confirm', version: l.version } },
      { onSuccess: () => void message.success(t('appraise.savedAccepted', { code: l.code })), onError: (err) => void message.error(err.message) },
    );

  const stageCell = (st: LeafView['self']) =>
    st ? (
      <span className="pi-cell-main">
        <span>
          {st.notApplicable ? t('selfAssess.na') : pointsText(st.points)} <DecisionTag decision={st.decision} />
        </span>
        {st.reasonCode && <span className="pi-cell-sub">{reason(st.reasonCode)}</span>}
      </span>
    ) : (
      <span className="pi-muted">—</span>
    );
  const columns: ColumnsType<LeafView> = [
    { title: t('appraise.code'), dataIndex: 'code', key: 'code', width: 70, render: (c: string) => <span className="pi-code">{c}</span> },
    {
      title: t('appraise.leaf'),
      key: 'name',
      minWidth: 220,
      render: (_, l) => (
        <span className="pi-cell-main">
          <span>{name(l.code)}</span>
          <span className="pi-cell-sub">
            {t('leaf.max', { points: pointsText(nodes.get(l.code)?.maxPoints) })}
            {isDisputed(l) && (
              <span className="pi-ap-disputed">
                {' · '}
                <MessageOutlined aria-hidden /> {t('appraise.disputed')}
              </span>
            )}
          </span>
        </span>
      ),
    },
    { title: t('leaf.stageSelf'), key: 'self', width: 100, render: (_, l) => stageCell(l.self) },
    {
      title: t('appraise.evidence'),
      key: 'evidence',
      width: 100,
      render: (_, l) =>
        l.evidence.length ? (
          <Button size="small" icon={<FileSearchOutlined />} onClick={() => setPreview({ id: l.evidence[0]!.id, items: l.evidence })} aria-label={t('appraise.openEvidence', { code: l.code, count: l.evidence.length })}>
            {l.evidence.length}
          </Button>
        ) : l.selfExplanation ? (
          <Tooltip title={l.selfExplanation}>
            <span className="pi-muted">{t('appraise.explained')}</span>
          </Tooltip>
        ) : (
          <span className="pi-ap-none">{t('appraise.noEvidence')}</span>
        ),
    },
    { title: t('appraise.lastYear'), key: 'last', width: 90, render: (_, l) => (l.lastYearPoints != null ? pointsText(l.lastYearPoints) : '—') },
    { title: t('leaf.stageRound1'), key: 'r1', width: 170, render: (_, l) => stageCell(l.appraisal1) },
    ...(round === 2 || phase === 'finalised' || phase === 'published' ? [{ title: t('appraise.final'), key: 'final', width: 170, render: (_: unknown, l: LeafView) => stageCell(l.final) }] : []),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, l) =>
        canAct && l.canAppraise && !done(l) && l.self ? (
          <Button size="small" icon={<CheckOutlined />} loading={quick.isPending && quick.variables?.code === l.code} onClick={() => acceptOne(l)} aria-label={t('appraise.quickAcceptCode', { code: l.code })}>
            {round === 1 ? t('appraise.quickAccept') : t('appraise.quickConfirm')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="pi-ap">
      <Card className="pi-card pi-ap-head" size="small">
        <Space wrap size={[16, 8]}>
          <Typography.Text strong>{round ? t('appraise.roundTitle', { round }) : t('appraise.readOnly')}</Typography.Text>
          {deadline && <DeadlineCountdown deadline={deadline} label={t('assess.deadline')} />}
          <span>{t('appraise.yourFields', { fields: detail.appraiserFields.length ? detail.appraiserFields.join(', ') : t('appraise.allFields') })}</span>
        </Space>
        {detail.status === 'draft' && <Alert type="info" showIcon title={t('appraise.notSubmitted')} className="pi-ap-alert" />}
      </Card>
      {bulkResult && <Alert type="success" showIcon closable={{ onClose: () => setBulkResult(null) }} title={bulkResult} className="pi-sa-alert" />}
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar">
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('appraise.filterAll', { count: counts.all }) },
              { value: 'todo', label: t('appraise.filterTodo', { count: counts.todo }) },
              { value: 'adjusted', label: t('appraise.filterAdjusted', { count: counts.adjusted }) },
              { value: 'noEvidence', label: t('appraise.filterNoEvidence', { count: counts.noEvidence }) },
              { value: 'disputed', label: t('appraise.filterDisputed', { count: counts.disputed }) },
            ]}
          />
          {fields.length > 1 && (
            <Select allowClear className="pi-toolbar-select-sm" aria-label={t('appraise.fieldFilter')} placeholder={t('appraise.allFieldsFilter')} value={field} onChange={setField} options={fields.map((f) => ({ value: f, label: `${f}. ${name(f)}` }))} />
          )}
          <Space className="pi-ap-bulk">
            <GuardedButton allowed={canAct && selected.length > 0} deniedReason={canAct ? t('appraise.selectFirst') : deniedReason} onClick={() => runBulk(selected)} loading={bulk.isPending}>
              {t('appraise.acceptSelected', { count: selected.length })}
            </GuardedButton>
            <GuardedButton allowed={canAct} deniedReason={deniedReason} type="primary" onClick={() => runBulk()} loading={bulk.isPending}>
              {t('appraise.acceptAllWithEvidence')}
            </GuardedButton>
          </Space>
        </div>
        <Table<LeafView>
          size="small"
          rowKey="code"
          sticky={{ offsetHeader: 56 }}
          columns={columns}
          dataSource={rows}
          pagination={false}
          rowSelection={canAct ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (l) => ({ disabled: !l.canAppraise || done(l) || !l.self, 'aria-label': l.code }) } : undefined}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
            expandRowByClick: false,
            expandedRowRender: (l) => (
              <AppraisalLeafPanel
                assessmentId={detail.id}
                leaf={l}
                node={nodes.get(l.code)!}
                round={round}
                canAct={canAct && l.canAppraise}
                canReply={canReply && l.canAppraise}
                onPreview={(id, items) => setPreview({ id, items })}
                onDone={(text) => {
                  void message.success(text);
                  setExpanded((e) => e.filter((c) => c !== l.code));
                }}
              />
            ),
          }}
          locale={{ emptyText: <EmptyState title={filter === 'all' ? t('appraise.noLeaves') : t('appraise.noneInFilter')} hint={filter === 'all' ? t('appraise.noLeavesHint') : undefined} /> }}
        />
      </Card>
      <EvidencePreviewDrawer items={preview?.items ?? []} activeId={preview?.id ?? null} onClose={() => setPreview(null)} />
    </div>
  );
}
