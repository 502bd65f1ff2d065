import { Button, Form, Input } from 'antd';
import { useChangePassword } from '../../api/auth';
import { password as passwordSchema } from '../../../core/schemas/users';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const isField = fieldsOf('currentPassword', 'newPassword');

/** Current password, new password twice; the server's field errors appear under the fields. */
export function ChangePasswordForm({ onDone, submitLabel }: { onDone: () => void; submitLabel?: string }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { problem, report, clear } = useFormProblem(form, isField);

  const submit = (v: Values) => {
    clear();
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onDone();
        },
        onError: (err) => report(err),
      },
    );
  };

  return (
    <Form<Values> form={form} scrollToFirstError name="change-password" layout="vertical" onFinish={submit} requiredMark={false} className="pi-narrow-form">
      <FormAlert problem={problem} onClose={clear} />
      <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('form.required') }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={t('password.rule')}
        rules={[zodRule(passwordSchema, lang, { required: true })]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, value: string) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {submitLabel ?? t('password.submit')}
      </Button>
    </Form>
  );
}
