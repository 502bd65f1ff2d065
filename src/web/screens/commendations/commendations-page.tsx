import { CheckOutlined, CloseOutlined, DownloadOutlined, EditOutlined, RollbackOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { type CommendationView, exportCommendations, useCommendations, useDecideCommendation, useGenerateCommendations, useUpdateCommendation } from '../../api/commendations';
import { useSelectedPeriod } from '../../api/periods';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { ListView } from '../../components/list-view';
import { useListState } from '../../components/use-list-state';
import { enumParam } from '../../components/use-search-state';
import { formatCount, formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { pickName } from '../../i18n/names';
import '../council/council.css';

const STATUSES = ['all', 'proposed', 'approved', 'rejected'] as const;
const FILTERS = { status: 'all', kind: 'all' };
const KINDS = ['all', 'agency', 'initiative'] as const;
const STATUS_LABEL: Record<CommendationView['status'], MessageKey> = { proposed: 'com.status.proposed', approved: 'com.status.approved', rejected: 'com.status.rejected' };
const KIND_LABEL: Record<CommendationView['kind'], MessageKey> = { agency: 'com.kind.agency', initiative: 'com.kind.initiative' };
const CLASS_OPTIONS: { value: string; label: MessageKey }[] = [
  { value: 'good', label: 'com.class.good' },
  { value: 'fair', label: 'com.class.fair' },
  { value: 'average', label: 'com.class.average' },
];

interface RuleValues {
  useTop: boolean;
  topN: number;
  useClass: boolean;
  minClassCode: string;
  useRise: boolean;
  minRise: number;
  groupCodes: string[];
  includeInitiatives: boolean;
}

/**
 * "Đề xuất khen thưởng": the secretariat generates proposals for the yearly review from a published year's results
 * (top N, class or better, big rise) and the approved initiatives, edits their basis, approves or rejects them and
 * exports the list. Generation is idempotent: proposals that exist are kept as they are.
 */
export default function CommendationsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { year, period, list: periods } = useSelectedPeriod();
  // The year's proposals come whole from the server; the table pages them here.
  const listState = useListState(FILTERS);
  const state = listState.values;
  const status = enumParam(state.status, STATUSES, 'all');
  const kind = enumParam(state.kind, KINDS, 'all');
  const list = useCommendations(year, { status: status === 'all' ? undefined : status, kind: kind === 'all' ? undefined : kind });
  const generate = useGenerateCommendations();
  const decide = useDecideCommendation();
  const [form] = Form.useForm<RuleValues>();
  const { problem, report, clear } = useFormProblem(form, (p) => p.startsWith('rules.') || p.startsWith('groupCodes'));
  const [editing, setEditing] = useState<CommendationView | null>(null);
  const [exporting, setExporting] = useState(false);
  const manage = list.data?.abilities.manage === true;
  const published = period?.phase === 'published';

  useEffect(() => {
    form.setFieldsValue({ useTop: true, topN: 3, useClass: false, minClassCode: 'good', useRise: true, minRise: 3, groupCodes: [], includeInitiatives: true });
  }, [form]);

  const runGenerate = (v: RuleValues) => {
    clear();
    generate.mutate(
      {
        year,
        rules: { topN: v.useTop ? v.topN : null, minClassCode: v.useClass ? v.minClassCode : null, minRise: v.useRise ? v.minRise : null },
        ...(v.groupCodes?.length ? { groupCodes: v.groupCodes } : {}),
        includeInitiatives: v.includeInitiatives,
      },
      {
        onSuccess: (res) => void message.success(t('com.generated', { created: res.created, existing: res.existing })),
        onError: (err) => report(err),
      },
    );
  };

  const runDecision = (c: CommendationView, decision: 'approve' | 'reject' | 'reopen') =>
    decide.mutate(
      { id: c.id, version: c.version, decision },
      {
        onSuccess: () => void message.success(t(decision === 'approve' ? 'com.approvedMsg' : decision === 'reject' ? 'com.rejectedMsg' : 'com.reopenedMsg', { agency: c.agency.code })),
        onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
      },
    );

  const runExport = async () => {
    setExporting(true);
    try {
      const name = await exportCommendations(year);
      void message.success(t('export.done', { name }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const header = (
    <PageHeader
      title={t('com.title')}
      subtitle={t('com.subtitle', { year })}
      crumbs={[{ title: t('council.navGroup') }, { title: t('com.title') }]}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!list.data?.items.length || !manage} onClick={() => void runExport()}>
          {t('action.exportExcel')}
        </Button>
      }
    />
  );
  if (periods.isPending) return header;
  if (!period)
    return (
      <>
        {header}
        <Card className="pi-card">
          <CycleNoPeriod year={year} />
        </Card>
      </>
    );

  const groups = period.frameworks.map((f) => ({ value: f.groupCode, label: f.groupNameVi }));
  const counts = list.data?.items.reduce((acc, c) => acc.set(c.status, (acc.get(c.status) ?? 0) + 1), new Map<string, number>());

  return (
    <>
      {header}
      {manage && (
        <Card className="pi-card com-filters" title={t('com.generateTitle', { year })}>
          {!published && <Alert className="council-banner" type="warning" showIcon title={t('com.notPublished', { year })} />}
          <FormAlert problem={problem} onClose={clear} />
          <Typography.Paragraph type="secondary">{t('com.generateHint')}</Typography.Paragraph>
          <Form<RuleValues> form={form} name="commendation-rules" layout="inline" className="com-rules" onFinish={runGenerate} disabled={!published}>
            <Form.Item name="useTop" valuePropName="checked">
              <Checkbox>{t('com.rule.top')}</Checkbox>
            </Form.Item>
            <Form.Item name="topN" rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber aria-label={t('com.rule.topN')} min={1} max={100} precision={0} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name="useClass" valuePropName="checked">
              <Checkbox>{t('com.rule.class')}</Checkbox>
            </Form.Item>
            <Form.Item name="minClassCode">
              <Select aria-label={t('com.rule.classBand')} options={CLASS_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="useRise" valuePropName="checked">
              <Checkbox>{t('com.rule.rise')}</Checkbox>
            </Form.Item>
            <Form.Item name="minRise" rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber aria-label={t('com.rule.minRise')} min={1} max={100} precision={0} style={{ width: 100 }} suffix={t('com.rule.places')} />
            </Form.Item>
            <Form.Item name="groupCodes">
              <Select mode="multiple" aria-label={t('com.rule.groups')} placeholder={t('com.rule.allGroups')} options={groups} style={{ minWidth: 220 }} />
            </Form.Item>
            <Form.Item name="includeInitiatives" valuePropName="checked" label={t('com.rule.initiatives')}>
              <Switch />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<ThunderboltOutlined />} loading={generate.isPending}>
                {t('com.generate')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <ListView<CommendationView, keyof typeof FILTERS>
        query={{ ...list, data: list.data ? { items: list.data.items, total: list.data.items.length } : undefined }}
        state={listState}
        testId="commendations"
        filters={
          <>
            <Segmented<string>
              aria-label={t('common.statusFilter')}
              value={status}
              onChange={(v) => listState.setFilter({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('com.status.all') : `${t(STATUS_LABEL[s])}${status === 'all' && counts ? ` (${formatCount(counts.get(s) ?? 0, lang)})` : ''}` }))}
            />
            <Segmented<string>
              aria-label={t('com.kindFilter')}
              value={kind}
              onChange={(v) => listState.setFilter({ kind: v })}
              options={KINDS.map((k) => ({ value: k, label: k === 'all' ? t('com.kind.all') : t(KIND_LABEL[k]) }))}
            />
          </>
        }
        empty={{ title: t('com.emptyTitle', { year }), hint: manage ? t('com.emptyHint') : t('com.emptyHintReadOnly') }}
        noMatch={{ title: t('common.noMatch') }}
        rowKey="id"
        columns={[
          { key: 'kind', title: t('com.col.kind'), width: 130, render: (_: unknown, c) => <Tag>{t(KIND_LABEL[c.kind])}</Tag> },
          {
            key: 'agency',
            title: t('com.col.agency'),
            width: 260,
            render: (_: unknown, c) => (
              <div>
                <b>{pickName(lang, c.agency)}</b>
                {c.initiative && (
                  <div className="council-muted">
                    {c.initiative.title} — {c.initiative.authors}
                  </div>
                )}
              </div>
            ),
          },
          { key: 'basis', title: t('com.col.basis'), render: (_: unknown, c) => <span className="com-basis">{lang === 'en' && c.basisEn ? c.basisEn : c.basisVi}</span> },
          {
            key: 'status',
            title: t('common.status'),
            width: 150,
            render: (_: unknown, c) => (
              <div>
                <StatusTag tone={c.status === 'approved' ? 'ok' : c.status === 'rejected' ? 'danger' : 'warn'}>{t(STATUS_LABEL[c.status])}</StatusTag>
                {c.decidedAt && <div className="council-muted">{formatDate(c.decidedAt, lang)}</div>}
              </div>
            ),
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 220,
                  render: (_: unknown, c: CommendationView) => (
                    <Space size={4} wrap>
                      {c.status === 'proposed' ? (
                        <>
                          <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => runDecision(c, 'approve')} aria-label={t('com.approveOf', { agency: c.agency.code })}>
                            {t('com.approve')}
                          </Button>
                          <Button size="small" danger icon={<CloseOutlined />} onClick={() => runDecision(c, 'reject')} aria-label={t('com.rejectOf', { agency: c.agency.code })}>
                            {t('com.reject')}
                          </Button>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={t('com.editOf', { agency: c.agency.code })} />
                        </>
                      ) : (
                        <Button size="small" icon={<RollbackOutlined />} onClick={() => runDecision(c, 'reopen')}>
                          {t('com.reopen')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <BasisModal item={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface BasisValues {
  basisVi: string;
  basisEn: string;
}

/** Edits the basis (căn cứ đề xuất) of a proposal, in Vietnamese and English. */
function BasisModal({ item, onClose }: { item: CommendationView | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<BasisValues>();
  const save = useUpdateCommendation();
  const { problem, report, clear } = useFormProblem(form, fieldsOf('basisVi', 'basisEn'));
  useEffect(() => {
    if (!item) return;
    clear();
    form.setFieldsValue({ basisVi: item.basisVi, basisEn: item.basisEn });
  }, [item, form, clear]);
  if (!item) return null;
  return (
    <Modal
      open
      width={680}
      title={t('com.editTitle', { agency: pickName(lang, item.agency) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<BasisValues>
        form={form}
        layout="vertical"
        name="commendation-basis"
        onFinish={(v) =>
          save.mutate(
            { id: item.id, version: item.version, basisVi: v.basisVi.trim(), basisEn: (v.basisEn ?? '').trim() },
            {
              onSuccess: () => {
                void message.success(t('com.basisSaved'));
                onClose();
              },
              onError: (err) => report(err),
            },
          )
        }
      >
        <Form.Item label={t('com.basisVi')} name="basisVi" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label={t('com.basisEn')} name="basisEn">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} lang="en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
