import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { code as codeSchema, LIMITS, text } from '../../../core/schemas/common';
import { ApiError } from '../../api/client';
import { type AgencyGroup, useSaveAgencyGroup } from '../../api/org';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';

interface Values {
  code: string;
  nameVi: string;
  nameEn: string;
  position: number | null;
}

const isField = fieldsOf('code', 'nameVi', 'nameEn', 'position');
const nameSchema = text();

/** Creates or edits an agency group (departments, district level, commune level, vertical agencies…). */
export function AgencyGroupModal({ open, group, onClose }: { open: boolean; group: AgencyGroup | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveAgencyGroup();
  const { problem, report, clear } = useFormProblem(form, isField);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    form.setFieldsValue(
      group
        ? { code: group.code, nameVi: group.nameVi, nameEn: group.nameEn, position: group.position }
        : { code: '', nameVi: '', nameEn: '', position: 0 },
    );
  }, [open, group, form, clear]);

  const submit = (v: Values) => {
    clear();
    const body = { code: v.code.trim(), nameVi: v.nameVi.trim(), nameEn: v.nameEn.trim(), position: v.position ?? 0 };
    save.mutate(group ? { id: group.id, version: group.version, body } : { id: null, body }, {
      onSuccess: (g) => {
        void message.success(t(group ? 'group.updated' : 'group.created', { code: g.code }));
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
      title={group ? t('group.editTitle', { code: group.code }) : t('group.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} scrollToFirstError name="agency-group" layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item label={t('group.code')} name="code" rules={[zodRule(codeSchema, lang, { required: true })]}>
          <Input maxLength={LIMITS.code} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('group.nameVi')} name="nameVi" rules={[zodRule(nameSchema, lang, { required: true })]}>
          <Input maxLength={LIMITS.name} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('group.nameEn')} name="nameEn" rules={[zodRule(nameSchema, lang, { required: true })]}>
          <Input maxLength={LIMITS.name} autoComplete="off" lang="en" />
        </Form.Item>
        <Form.Item label={t('group.position')} name="position" extra={t('group.positionHint')}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
