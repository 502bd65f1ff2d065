import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { code as codeSchema, LIMITS, text } from '../../../core/schemas/common';
import { ApiError } from '../../api/client';
import { type Division, useSaveDivision } from '../../api/org';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';

interface Values {
  code: string;
  nameVi: string;
  nameEn: string;
}

const isField = fieldsOf('code', 'nameVi', 'nameEn');
const nameSchema = text();

/** Creates or renames a division (phòng) of an agency. */
export function DivisionModal({
  open,
  agencyId,
  agencyLabel,
  division,
  onClose,
}: {
  open: boolean;
  agencyId: number;
  agencyLabel: string;
  division: Division | null;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveDivision(agencyId);
  const { problem, report, clear } = useFormProblem(form, isField);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    form.setFieldsValue(division ? { code: division.code, nameVi: division.nameVi, nameEn: division.nameEn } : { code: '', nameVi: '', nameEn: '' });
  }, [open, division, form, clear]);

  const submit = (v: Values) => {
    clear();
    const body = { code: v.code.trim(), nameVi: v.nameVi.trim(), nameEn: v.nameEn.trim() || v.nameVi.trim() };
    save.mutate(division ? { id: division.id, version: division.version, body } : { id: null, body }, {
      onSuccess: (d) => {
        void message.success(t(division ? 'division.updated' : 'division.created', { code: d.code }));
        onClose();
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'conflict') {
          void message.warning(`${err.message} ${t('form.conflictClosed')}`);
          onClose();
          return;
        }
        report(err);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={division ? t('division.editTitle', { code: division.code }) : t('division.createTitle', { agency: agencyLabel })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} scrollToFirstError name="division" layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item label={t('division.code')} name="code" rules={[zodRule(codeSchema, lang, { required: true })]}>
          <Input maxLength={LIMITS.code} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('division.nameVi')} name="nameVi" rules={[zodRule(nameSchema, lang, { required: true })]}>
          <Input maxLength={LIMITS.name} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('division.nameEn')} name="nameEn" extra={t('division.nameEnHint')}>
          <Input maxLength={LIMITS.name} autoComplete="off" lang="en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
