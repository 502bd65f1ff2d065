import { KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { LIMITS, text } from '../../../core/schemas/common';
import { password as passwordSchema, username as usernameSchema } from '../../../core/schemas/users';
import { z } from 'zod';
import { ApiError } from '../../api/client';
import { fetchUser, type User, useCreateUser, useUnlockUser, useUpdateUser } from '../../api/users';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { zodRule } from '../../components/zod-rule';
import { formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { generatePassword } from './generate-password';
import { isGrantField, RoleGrantsEditor } from './role-grants-editor';
import { UserDetails } from './user-details';
import { toFormValues, toGrantInputs, type UserFormValues } from './user-form';

const TOP_FIELDS = new Set(['username', 'fullName', 'email', 'password', 'mustChangePassword']);
const isField = (path: string) => TOP_FIELDS.has(path) || isGrantField(path);
const emailSchema = z.email();

/** Creates a user (with an initial password) or edits one (name, email, roles), sending the version read. */
export function UserDrawer({
  open,
  user,
  onClose,
  onCreated,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onCreated: (username: string, password: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const { problem, report, clear } = useFormProblem(form, isField);
  const [current, setCurrent] = useState<User | null>(user);
  const readOnly = current != null && !current.abilities.update;

  useEffect(() => {
    if (!open) return;
    setCurrent(user);
    clear();
    if (user && !user.abilities.update) return; // read-only: no form is shown
    form.resetFields();
    form.setFieldsValue(toFormValues(user));
  }, [open, user, form, clear]);

  const onError = (err: unknown) => {
    const conflict = err instanceof ApiError && err.code === 'conflict';
    report(err, conflict ? [t('form.conflictReloaded')] : []);
    if (conflict && current) {
      void fetchUser(current.id)
        .then((fresh) => {
          setCurrent(fresh);
          form.setFieldsValue(toFormValues(fresh));
        })
        .catch(() => undefined);
    }
  };

  const submit = (v: UserFormValues) => {
    clear();
    const roles = toGrantInputs(v.roles ?? []);
    const email = v.email?.trim() ? v.email.trim() : null;
    if (current) {
      update.mutate(
        { id: current.id, version: current.version, body: { fullName: v.fullName.trim(), email, roles } },
        {
          onSuccess: (u) => {
            void message.success(t('user.updated', { username: u.username }));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { username: v.username.trim(), fullName: v.fullName.trim(), email, password: v.password, mustChangePassword: v.mustChangePassword, roles },
      {
        onSuccess: (u) => {
          onCreated(u.username, v.password);
          onClose();
        },
        onError,
      },
    );
  };

  const title = current ? t(readOnly ? 'user.viewTitle' : 'user.editTitle', { username: current.username }) : t('user.createTitle');
  return (
    <Drawer
      open={open}
      title={title}
      size={640}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <div className="pi-drawer-footer">
          <Button onClick={onClose}>{readOnly ? t('action.close') : t('action.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
              {current ? t('action.save') : t('user.createSubmit')}
            </Button>
          )}
        </div>
      }
    >
      <FormAlert problem={problem} onClose={clear} />
      {current && (current.isLocked || current.failedLogins > 0) && (
        <Alert
          type="warning"
          showIcon
          className="pi-form-alert"
          data-testid="user-throttled"
          title={current.isLocked ? t('user.lockedUntil', { time: formatDateTime(current.lockedUntil, lang) }) : t('user.failedLogins', { count: current.failedLogins })}
          description={current.abilities.unlock ? t('user.lockedHint') : undefined}
          action={
            current.abilities.unlock && (
              <Button
                size="small"
                icon={<UnlockOutlined />}
                loading={unlock.isPending}
                onClick={() =>
                  unlock.mutate(current.id, {
                    onSuccess: (u) => {
                      setCurrent(u);
                      void message.success(t('user.unlocked', { username: u.username }));
                    },
                    onError: (err) => void message.error(err.message),
                  })
                }
              >
                {t('user.unlock')}
              </Button>
            )
          }
        />
      )}
      {readOnly && current ? (
        <>
          <p className="pi-muted">{t('ability.readOnly')}</p>
          <UserDetails user={current} />
        </>
      ) : (
        <Form<UserFormValues> form={form} scrollToFirstError name="user" layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item
            label={t('user.username')}
            name="username"
            required
            rules={current ? [] : [zodRule(usernameSchema, lang, { required: true })]}
            extra={current ? t('user.usernameFixed') : t('user.usernameHint')}
          >
            <Input maxLength={LIMITS.username} autoComplete="off" spellCheck={false} disabled={current != null} />
          </Form.Item>
          <Form.Item label={t('user.fullName')} name="fullName" rules={[zodRule(text(), lang, { required: true })]}>
            <Input maxLength={LIMITS.name} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('user.email')} name="email" rules={[zodRule(emailSchema, lang)]}>
            <Input type="email" maxLength={LIMITS.email} autoComplete="off" />
          </Form.Item>
          {!current && (
            <>
              <Form.Item label={t('user.initialPassword')} required extra={t('password.rule')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="password" noStyle rules={[zodRule(passwordSchema, lang, { required: true })]}>
                    <Input.Password aria-label={t('user.initialPassword')} autoComplete="new-password" maxLength={LIMITS.passwordMax} />
                  </Form.Item>
                  <Button icon={<KeyOutlined />} onClick={() => form.setFields([{ name: 'password', value: generatePassword(), errors: [] }])}>
                    {t('user.generate')}
                  </Button>
                </Space.Compact>
              </Form.Item>
              <Form.Item name="mustChangePassword" valuePropName="checked">
                <Checkbox>{t('user.mustChange')}</Checkbox>
              </Form.Item>
            </>
          )}
          <Typography.Title level={2} className="pi-form-section">
            {t('user.roles')}
          </Typography.Title>
          <RoleGrantsEditor form={form} />
        </Form>
      )}
    </Drawer>
  );
}
