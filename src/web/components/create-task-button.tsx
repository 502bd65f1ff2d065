import { CarryOutOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useCreateFromProposals, useProposals } from '../api/tasks';
import { datePattern, formatNumber } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import { pickName } from '../i18n/names';
import { fieldsOf } from './form-errors';
import { FormAlert, useFormProblem } from './form-alert';

interface Values {
  title: string;
  leadDivisionId?: number | null;
  supportDivisionIds?: number[];
  dueOn?: Dayjs | null;
}

const isField = fieldsOf('title', 'leadDivisionId', 'supportDivisionIds', 'dueOn');

/**
 * "Tạo nhiệm vụ" next to a lost leaf (agency analysis): turns the leaf of a published year into a remediation task
 * with a lead division, supporting divisions and a deadline. When the leaf already has a task it links to it; it
 * shows nothing to users who do not manage the agency's tasks or for a leaf that lost no points. All buttons of a
 * page share one request for the year's proposals.
 */
export function CreateTaskButton({ agencyId, year, nodeCode }: { agencyId: number; year: number; nodeCode: string }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const proposals = useProposals(agencyId, year);
  const create = useCreateFromProposals(agencyId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const data = proposals.data;
  const existing = data?.existing.find((e) => e.code === nodeCode);
  const leaf = data?.items.find((i) => i.code === nodeCode);

  if (existing) {
    return (
      <Tooltip title={t('task.existingTooltip')}>
        <Link to={`/remediation?task=${existing.taskId}`} className="pi-create-task-link" aria-label={t('task.viewTaskFor', { code: nodeCode })}>
          <CarryOutOutlined aria-hidden /> {t('task.viewTask')}
        </Link>
      </Tooltip>
    );
  }
  if (!data || !leaf || data.abilities.manage !== true) return null;

  const defaultTitle = lang === 'en' ? `Remediate leaf ${leaf.code}: ${pickName(lang, leaf)}` : `Khắc phục tiêu chí ${leaf.code}: ${leaf.nameVi}`;
  const options = data.divisions.filter((d) => d.isActive).map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}` }));

  const submit = async () => {
    clear();
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        year,
        items: [
          {
            nodeCode,
            title: v.title.trim().slice(0, 300),
            leadDivisionId: v.leadDivisionId ?? null,
            supportDivisionIds: (v.supportDivisionIds ?? []).filter((x) => x !== v.leadDivisionId),
            dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
          },
        ],
      });
      setOpen(false);
      const id = res.items[0]?.id;
      void message.success(
        <span>
          {t('task.createdFor', { code: nodeCode })} {id && <Link to={`/remediation?task=${id}`}>{t('task.viewTask')}</Link>}
        </span>,
      );
    } catch (err) {
      // The server names the fields of the one item it was sent ("items.0.dueOn"); the form names them plainly.
      report(err instanceof ApiError ? new ApiError(err.status, err.code, err.message, err.fields.map((f) => ({ ...f, path: f.path.replace(/^items\.0\./, '') })), err.details, err.requestId) : err);
    }
  };

  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} aria-label={t('task.createFor', { code: nodeCode })}>
        {t('task.createShort')}
      </Button>
      <Modal
        open={open}
        title={t('task.createFor', { code: nodeCode })}
        onCancel={() => {
          clear();
          setOpen(false);
        }}
        onOk={() => void submit()}
        okText={t('task.create')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph>
          <strong>{leaf.code}</strong> {pickName(lang, leaf)} ·{' '}
          {t('task.lostShort', { points: formatNumber(Number(leaf.lost), lang, 2), year })}
        </Typography.Paragraph>
        <FormAlert problem={problem} onClose={clear} />
        <Form<Values> form={form} name="task-quick" layout="vertical" initialValues={{ title: defaultTitle.slice(0, 300), supportDivisionIds: [] }} preserve={false}>
          <Form.Item name="title" label={t('task.titleField')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="leadDivisionId" label={t('task.lead')}>
            <Select allowClear options={options} placeholder={t('task.chooseDivision')} />
          </Form.Item>
          <Form.Item name="supportDivisionIds" label={t('task.supports')}>
            <Select mode="multiple" options={options} placeholder={t('task.chooseDivisions')} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('task.due')}>
            <DatePicker format={datePattern(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
