import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { leafNodes } from '../../../core/domain/framework';
import type { FrameworkNode, LeafInput } from '../../../core/schemas/framework';
import { type PeriodView, usePeriodFrameworkDocs } from '../../api/periods';
import { type CorrectionChange, useCorrectPublished } from '../../api/publication';
import { AgencySelect } from '../../components/agency-select';
import { isEmptyLeafInput, LeafInputField, LeafScoreLine } from '../../components/leaf-input';
import { useLang, useT } from '../../i18n/i18n-context';

interface Row extends CorrectionChange {
  key: string;
  agencyLabel: string;
}

/** Corrects published results: final scores of some leaves, with a reason; a new snapshot revision is made. */
export function CorrectionModal({ period, open, onClose }: { period: PeriodView; open: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const docs = usePeriodFrameworkDocs(open ? period : null);
  const correct = useCorrectPublished(period.id);
  const [rows, setRows] = useState<Row[]>([]);
  const [agency, setAgency] = useState<{ id: number; label: string } | null>(null);
  const [code, setCode] = useState<string | undefined>();
  const [input, setInput] = useState<LeafInput | null>(null);
  const [reason, setReason] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const leaves = useMemo(() => {
    const map = new Map<string, FrameworkNode>();
    for (const d of docs.data ?? []) for (const n of leafNodes(d.document.nodes)) if (n.method?.type !== 'survey' && !map.has(n.code)) map.set(n.code, n);
    return map;
  }, [docs.data]);
  const node = code ? leaves.get(code) : undefined;

  const add = () => {
    if (!agency || !code || !input || isEmptyLeafInput(input)) return;
    setRows((r) => [...r, { key: `${agency.id}:${code}:${r.length}`, agencyId: agency.id, agencyLabel: agency.label, nodeCode: code, input }]);
    setCode(undefined);
    setInput(null);
  };
  const close = () => {
    setRows([]);
    setReason('');
    setDecisionNumber('');
    correct.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('periods.snap.correctTitle', { year: period.year })}
      width={820}
      onCancel={close}
      okText={t('periods.snap.correctConfirm')}
      okButtonProps={{ disabled: rows.length === 0 || !reason.trim() }}
      confirmLoading={correct.isPending}
      onOk={() =>
        correct.mutate(
          { reason: reason.trim(), changes: rows.map(({ agencyId, nodeCode, input: i }) => ({ agencyId, nodeCode, input: i })), ...(decisionNumber.trim() ? { decisionNumber: decisionNumber.trim() } : {}) },
          { onSuccess: (s) => { void message.success(t('periods.snap.corrected', { revision: s.revision })); close(); } },
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('periods.snap.correctHint')}</Typography.Paragraph>
      <Space wrap align="start">
        <AgencySelect style={{ width: 260 }} aria-label={t('assess.agency')} placeholder={t('assess.agency')} value={agency?.id ?? null} onChange={(id, o) => setAgency(id ? { id, label: o?.label ?? String(id) } : null)} />
        <Select showSearch style={{ width: 320 }} aria-label={t('periods.snap.leaf')} placeholder={t('periods.snap.leaf')} value={code} onChange={(c: string) => { setCode(c); setInput(null); }} options={[...leaves.values()].map((n) => ({ value: n.code, label: `${n.code}. ${lang === 'en' && n.nameEn ? n.nameEn : n.nameVi}` }))} />
      </Space>
      {node && (
        <div className="pi-correction-input">
          <LeafInputField node={node} value={input} onChange={setInput} />
          <Button icon={<PlusOutlined />} onClick={add} disabled={!agency || isEmptyLeafInput(input)}>
            {t('periods.snap.addChange')}
          </Button>
        </div>
      )}
      <Table<Row>
        size="small"
        rowKey="key"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('periods.snap.noChanges') }}
        columns={[
          { title: t('assess.agency'), dataIndex: 'agencyLabel', key: 'a' },
          { title: t('periods.snap.leaf'), dataIndex: 'nodeCode', key: 'c', width: 90 },
          { title: t('periods.snap.newValue'), key: 'v', render: (_, r) => (leaves.get(r.nodeCode) ? <LeafScoreLine node={leaves.get(r.nodeCode)!} input={r.input} /> : null) },
          { title: '', key: 'd', width: 50, render: (_, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('periods.assign.remove')} onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} /> },
        ]}
      />
      <label className="pi-sa-label" htmlFor="correction-reason">
        {t('periods.snap.correctReason')}
      </label>
      <Input.TextArea id="correction-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={5000} />
      <label className="pi-sa-label" htmlFor="correction-decision">
        {t('periods.snap.correctDecision')}
      </label>
      <Input id="correction-decision" value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} maxLength={200} />
      {correct.error && <Alert type="error" showIcon role="alert" title={correct.error.message} className="pi-sa-alert" />}
    </Modal>
  );
}
