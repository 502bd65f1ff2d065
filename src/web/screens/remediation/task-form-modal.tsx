import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { TASK_KIND_LABELS, TASK_KINDS, type TaskKind } from '../../../core/domain/tasks';
import type { DivisionRef } from '../../../core/schemas/tasks';
import { useCreateTask } from '../../api/tasks';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { datePattern } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

interface Values {
  kind: TaskKind;
  title: string;
  description?: string;
  sourceYear?: number | null;
  nodeCode?: string;
  planRef?: string;
  leadDivisionId?: number | null;
  supportDivisionIds?: number[];
  dueOn?: Dayjs | null;
}

const isField = fieldsOf('kind', 'title', 'description', 'sourceYear', 'nodeCode', 'planRef', 'leadDivisionId', 'supportDivisionIds', 'dueOn');

/** A task entered by hand: a remediation task, or a line of the annual PAR plan or the procedure-control plan. */
export function TaskFormModal({
  open,
  agencyId,
  divisions,
  onClose,
  onCreated,
}: {
  open: boolean;
  agencyId: number;
  divisions: DivisionRef[];
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const create = useCreateTask(agencyId);
  const kind = Form.useWatch('kind', form);
  const lead = Form.useWatch('leadDivisionId', form);
  const options = divisions.filter((d) => d.isActive).map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}` }));

  const submit = async () => {
    clear();
    const v = await form.validateFields();
    try {
      const created = await create.mutateAsync({
        kind: v.kind,
        title: v.title,
        description: v.description ?? '',
        sourceYear: v.sourceYear ?? null,
        nodeCode: v.nodeCode?.trim() || null,
        planRef: v.planRef ?? '',
        leadDivisionId: v.leadDivisionId ?? null,
        supportDivisionIds: (v.supportDivisionIds ?? []).filter((x) => x !== v.leadDivisionId),
        dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
      });
      void message.success(t('task.created'));
      form.resetFields();
      onClose();
      onCreated(created.id);
    } catch (err) {
      report(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('task.createTitle')}
      onCancel={() => {
        clear();
        onClose();
      }}
      onOk={() => void submit()}
      okText={t('task.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} name="task-create" layout="vertical" initialValues={{ kind: 'remediation', supportDivisionIds: [] }} requiredMark="optional" preserve={false}>
        <Form.Item name="kind" label={t('task.kind')}>
          <Select options={TASK_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k][lang] }))} />
        </Form.Item>
        <Form.Item name="title" label={t('task.titleField')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={t('task.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <div className="pi-form-row">
          <Form.Item name="sourceYear" label={kind === 'remediation' ? t('task.sourceYear') : t('task.planYear')} extra={kind === 'remediation' ? t('task.sourceYearHint') : t('task.planYearHint')}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nodeCode" label={t('task.nodeCode')} extra={t('task.nodeCodeHint')}>
            <Input maxLength={32} placeholder="1.1.2" />
          </Form.Item>
          {kind !== 'remediation' && (
            <Form.Item name="planRef" label={t('task.planRef')}>
              <Input maxLength={32} placeholder="II.3" />
            </Form.Item>
          )}
        </div>
        <div className="pi-form-row">
          <Form.Item name="leadDivisionId" label={t('task.lead')}>
            <Select allowClear options={options} placeholder={t('task.chooseDivision')} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('task.due')}>
            <DatePicker format={datePattern(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="supportDivisionIds" label={t('task.supports')}>
          <Select mode="multiple" options={options.filter((o) => o.value !== lead)} placeholder={t('task.chooseDivisions')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
