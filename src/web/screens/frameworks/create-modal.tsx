import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useCreateFramework } from '../../api/frameworks';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { useT } from '../../i18n/i18n-context';
import { YearGroupFields } from './year-group-fields';

interface Values {
  year: number;
  groupId: number;
  nameVi: string;
  nameEn?: string;
}

const isField = fieldsOf('year', 'groupId', 'nameVi', 'nameEn');

/** Creates an empty draft framework for a year and agency group, then opens it in the editor. */
export function CreateModal({ open, defaults, onClose }: { open: boolean; defaults: { year: number; groupId?: number | undefined }; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateFramework();
  const { problem, report, clear } = useFormProblem(form, isField);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    form.setFieldsValue({ year: defaults.year, ...(defaults.groupId ? { groupId: defaults.groupId } : {}) });
  }, [open, defaults.year, defaults.groupId, form, clear]);

  const submit = (v: Values) => {
    clear();
    create.mutate(
      { year: v.year, groupId: v.groupId, nameVi: v.nameVi.trim(), ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}) },
      {
        onSuccess: (d) => {
          void message.success(t('fw.create.done'));
          onClose();
          void navigate(`/frameworks/${d.id}`);
        },
        onError: (err) => report(err),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('fw.create.title')}
      okText={t('fw.create.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="pi-muted">{t('fw.create.hint')}</p>
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} layout="vertical" name="fw-create" onFinish={submit} requiredMark="optional">
        <YearGroupFields />
        <Form.Item name="nameVi" label={t('fw.settings.nameVi')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('fw.settings.nameEn')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
