import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatDeadline, PHASE_LABELS, type Phase } from '../../../core/domain/workflow';
import { type ExtensionInput, type ExtensionView, type PeriodView, useExtensions, useGrantExtension, useRevokeExtension } from '../../api/periods';
import { AgencySelect } from '../../components/agency-select';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { EmptyState } from '../../components/empty-state';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { dateTimePattern, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

const PHASES: ExtensionInput['phase'][] = ['self_assessment', 'appraisal1', 'explanation', 'appraisal2'];
const isField = fieldsOf('agencyId', 'phase', 'dueAt', 'reason');

interface Values {
  agencyId: number;
  phase: ExtensionInput['phase'];
  dueAt: Dayjs;
  reason: string;
}

/** Per-agency deadline extensions with their reason: list, grant, revoke (secretariat). */
export function ExtensionsPanel({ period }: { period: PeriodView }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const list = useExtensions(period.id);
  const grant = useGrantExtension(period.id);
  const revoke = useRevokeExtension(period.id);
  const canManage = period.abilities.manage === true && !['finalised', 'published'].includes(period.phase);

  const submit = async (v: Values) => {
    clear();
    try {
      await grant.mutateAsync({ agencyId: v.agencyId, phase: v.phase, dueAt: v.dueAt.toISOString(), reason: v.reason });
      void message.success(t('periods.ext.granted'));
      form.resetFields();
    } catch (err) {
      report(err);
    }
  };

  return (
    <div className="pi-period-panel">
      {canManage && (
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} className="pi-ext-form" requiredMark="optional">
          <FormAlert problem={problem} onClose={clear} />
          <div className="pi-ext-grid">
            <Form.Item name="agencyId" label={t('assess.agency')} rules={[{ required: true, message: t('form.required') }]}>
              <AgencySelect onlyActive aria-label={t('assess.agency')} />
            </Form.Item>
            <Form.Item name="phase" label={t('periods.ext.phase')} rules={[{ required: true, message: t('form.required') }]} initialValue={period.phase !== 'setup' && PHASES.includes(period.phase as ExtensionInput['phase']) ? period.phase : 'self_assessment'}>
              <Select options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p][lang] }))} />
            </Form.Item>
            <Form.Item name="dueAt" label={t('periods.ext.dueAt')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimePattern(lang)} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Form.Item name="reason" label={t('periods.ext.reason')} rules={[{ required: true, whitespace: true, message: t('periods.ext.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={5000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={grant.isPending}>
            {t('periods.ext.grant')}
          </Button>
        </Form>
      )}
      <Table<ExtensionView>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('periods.ext.none')} hint={canManage ? t('periods.ext.noneHint') : undefined} /> }}
        columns={[
          { title: t('assess.agency'), key: 'agency', render: (_, e) => `${e.agencyCode} · ${pickName(lang, { nameVi: e.agencyNameVi, nameEn: e.agencyNameEn })}` },
          { title: t('periods.ext.phase'), key: 'phase', width: 170, render: (_, e) => PHASE_LABELS[e.phase as Phase]?.[lang] ?? e.phase },
          { title: t('periods.ext.dueAt'), key: 'due', width: 170, render: (_, e) => formatDeadline(new Date(e.dueAt), lang) },
          { title: t('periods.ext.reason'), dataIndex: 'reason', key: 'reason' },
          { title: t('periods.ext.createdAt'), key: 'created', width: 150, render: (_, e) => formatDateTime(e.createdAt, lang) },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'revoke',
                  width: 56,
                  render: (_: unknown, e: ExtensionView) => (
                    <ConfirmIconButton
                      label={t('periods.ext.revokeLabel', { code: e.agencyCode })}
                      icon={<DeleteOutlined />}
                      danger
                      title={t('periods.ext.revokeConfirm', { code: e.agencyCode })}
                      okText={t('periods.ext.revoke')}
                      loading={revoke.isPending && revoke.variables === e.id}
                      onConfirm={() => revoke.mutate(e.id, { onSuccess: () => void message.success(t('periods.ext.revoked')), onError: (err) => void message.error(err.message) })}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
