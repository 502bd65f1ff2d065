import { KeyOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Modal, Space } from 'antd';
import { useEffect } from 'react';
import { LIMITS } from '../../../core/schemas/common';
import { password as passwordSchema } from '../../../core/schemas/users';
import { type User, useResetPassword } from '../../api/users';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';
import { generatePassword } from './generate-password';

interface Values {
  password: string;
  mustChangePassword: boolean;
}

const isField = fieldsOf('password', 'mustChangePassword');

/** An administrator sets a new password; this also lifts a lockout and ends the user's sessions. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User | null;
  onClose: () => void;
  onDone: (username: string, password: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();
  const { problem, report, clear } = useFormProblem(form, isField);

  useEffect(() => {
    if (!user) return;
    clear();
    form.resetFields();
    form.setFieldsValue({ password: generatePassword(), mustChangePassword: true });
  }, [user, form, clear]);

  const submit = (v: Values) => {
    if (!user) return;
    clear();
    reset.mutate(
      { id: user.id, password: v.password, mustChangePassword: v.mustChangePassword },
      {
        onSuccess: () => {
          onDone(user.username, v.password);
          onClose();
        },
        onError: (err) => report(err),
      },
    );
  };

  return (
    <Modal
      open={user != null}
      title={user ? t('user.resetTitle', { username: user.username }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('user.resetSubmit')}
      cancelText={t('action.cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <p className="pi-muted">{t('user.resetHint')}</p>
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} scrollToFirstError name="reset-password" layout="vertical" onFinish={submit}>
        <Form.Item label={t('user.newPassword')} required extra={t('password.rule')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle rules={[zodRule(passwordSchema, lang, { required: true })]}>
              <Input aria-label={t('user.newPassword')} autoComplete="new-password" maxLength={LIMITS.passwordMax} className="pi-code" />
            </Form.Item>
            <Button icon={<KeyOutlined />} onClick={() => form.setFields([{ name: 'password', value: generatePassword(), errors: [] }])}>
              {t('user.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="mustChangePassword" valuePropName="checked">
          <Checkbox>{t('user.mustChange')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
