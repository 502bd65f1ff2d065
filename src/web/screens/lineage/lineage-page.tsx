import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useCreateLineage, useDeleteLineage, useLineage, useUpdateLineage, type LineageEventItem } from '../../api/history';
import { useAgencies } from '../../api/org';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

interface FormValues {
  year: number;
  kind: 'rename' | 'merge' | 'split';
  from: number[];
  to: number[];
  comparison: 'predecessor' | 'none';
  predecessorId?: number | null;
  note?: string;
}

/**
 * Renames, mergers and splits of agencies with the year they take effect: trends and rank changes follow them; for
 * a merger the secretariat chooses whether the new agency is compared with one named predecessor or with none.
 */
export default function LineagePage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const list = useLineage();
  const agencies = useAgencies({ page: 1, pageSize: 200, active: 'all', sort: 'code', order: 'asc' });
  const create = useCreateLineage();
  const update = useUpdateLineage();
  const remove = useDeleteLineage();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const comparison = Form.useWatch('comparison', form);
  const from = Form.useWatch('from', form) ?? [];
  const options = (agencies.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.code} · ${pickName(lang, a)}` }));
  const names = (xs: LineageEventItem['from']) => xs.map((a) => `${a.code} · ${pickName(lang, a)}`).join(', ');
  const canCreate = list.data?.abilities.create === true;

  const ruleOf = (e: LineageEventItem) => {
    if (e.kind !== 'merge') return t('lin.rule.continues');
    if (e.comparison === 'none') return t('lin.rule.none');
    const p = e.from.find((a) => a.id === e.predecessorId);
    return t('lin.rule.predecessor', { name: p ? `${p.code} · ${pickName(lang, p)}` : '—' });
  };

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await create.mutateAsync({ year: v.year, kind: v.kind, comparison: v.comparison ?? 'predecessor', predecessorId: v.kind === 'merge' && v.comparison !== 'none' ? (v.predecessorId ?? null) : null, from: v.from, to: v.to, note: v.note ?? '' });
      void message.success(t('lin.added'));
      form.resetFields();
    } catch (e) {
      setError(isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join(' ') : e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader title={t('lin.title')} subtitle={t('lin.subtitle')} crumbs={[{ title: t('nav.groupOrganisation') }, { title: t('lin.title') }]} />
      {canCreate && (
        <Card className="pi-card" title={t('lin.add')} data-testid="lin-form">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" initialValues={{ kind: 'rename', comparison: 'predecessor', year: new Date().getFullYear() }}>
            <Space wrap align="start">
              <Form.Item name="year" label={t('lin.year')} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} />
              </Form.Item>
              <Form.Item name="kind" label={t('lin.kind')} rules={[{ required: true }]}>
                <Select style={{ width: 220 }} options={(['rename', 'merge', 'split'] as const).map((k) => ({ value: k, label: t(`lin.kind.${k}`) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="from" label={t('lin.from')} rules={[{ required: true }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={options} />
            </Form.Item>
            <Form.Item name="to" label={t('lin.to')} rules={[{ required: true }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={options} />
            </Form.Item>
            {kind === 'merge' && (
              <Space wrap align="start">
                <Form.Item name="comparison" label={t('lin.rule')}>
                  <Radio.Group
                    options={[
                      { value: 'predecessor', label: t('lin.rule.choosePredecessor') },
                      { value: 'none', label: t('lin.rule.chooseNone') },
                    ]}
                  />
                </Form.Item>
                {comparison !== 'none' && (
                  <Form.Item name="predecessorId" label={t('lin.predecessor')} rules={[{ required: true }]}>
                    <Select style={{ width: 320 }} options={options.filter((o) => from.includes(o.value))} />
                  </Form.Item>
                )}
              </Space>
            )}
            <Form.Item name="note" label={t('lin.note')}>
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
              {t('lin.add')}
            </Button>
          </Form>
        </Card>
      )}
      <Card className="pi-card" data-testid="lin-list">
        <Table<LineageEventItem>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('lin.none') }}
          tableLayout="fixed"
          columns={[
            { key: 'year', title: t('lin.year'), dataIndex: 'year', width: 112 },
            { key: 'kind', title: t('lin.kind'), width: 120, render: (_, e) => t(`lin.kind.${e.kind}`) },
            { key: 'from', title: t('lin.from'), render: (_, e) => names(e.from) },
            { key: 'to', title: t('lin.to'), render: (_, e) => names(e.to) },
            { key: 'rule', title: t('lin.rule'), width: 200, render: (_, e) => ruleOf(e) },
            { key: 'note', title: t('lin.note'), dataIndex: 'note' },
            {
              key: 'actions',
              title: '',
              width: 310,
              render: (_, e) => (
                <Space>
                  {e.abilities.update && e.kind === 'merge' && (
                    <Select
                      size="small"
                      aria-label={t('lin.changeRule')}
                      style={{ width: 260 }}
                      value={e.comparison === 'none' ? 0 : (e.predecessorId ?? 0)}
                      onChange={(v: number) =>
                        update.mutate({ id: e.id, body: v === 0 ? { version: e.version, comparison: 'none', predecessorId: null } : { version: e.version, comparison: 'predecessor', predecessorId: v } })
                      }
                      options={[{ value: 0, label: t('lin.rule.chooseNone') }, ...e.from.map((a) => ({ value: a.id, label: `${a.code} · ${pickName(lang, a)}` }))]}
                    />
                  )}
                  {e.abilities.delete && (
                    <ConfirmIconButton label={t('hist.delete')} icon={<DeleteOutlined />} danger loading={remove.isPending} title={t('lin.deleteConfirm')} okText={t('hist.delete')} onConfirm={() => remove.mutate(e)} />
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
