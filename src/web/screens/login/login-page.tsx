import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { saveLanguage, useLogin, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { BrandMark } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatTime } from '../../i18n/format';
import { useT } from '../../i18n/i18n-context';
import { readStoredLang } from '../../i18n/storage';
import { safeNextPath } from '../../session/next-path';

interface LoginValues {
  username: string;
  password: string;
}

/** A readable explanation of a refused login (wrong username or password, a delay after failures with its end). */
function describeFailure(err: unknown, t: ReturnType<typeof useT>): { title: string; detail?: string } {
  if (!(err instanceof ApiError)) return { title: err instanceof Error ? err.message : String(err) };
  if (err.code === 'rate_limited') {
    // The message says how long to wait; a wait of minutes also gets the clock time.
    const until = typeof err.details?.blockedUntil === 'string' ? err.details.blockedUntil : null;
    const seconds = typeof err.details?.retryAfterSeconds === 'number' ? err.details.retryAfterSeconds : 0;
    return until && seconds >= 60 ? { title: err.message, detail: t('login.retryAt', { time: formatTime(until) }) } : { title: err.message };
  }
  return { title: err.message };
}

export default function LoginPage() {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<LoginValues>();
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  useDocumentTitle(t('login.title'));
  const next = safeNextPath(params.get('next'));
  const returning = next !== '/';

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const submit = (values: LoginValues) => {
    setFailure(null);
    login.mutate(values, {
      onSuccess: (result) => {
        const chosen = readStoredLang();
        if (chosen && chosen !== result.user.lang) void saveLanguage(chosen).catch(() => undefined);
        void navigate(next, { replace: true });
      },
      onError: (err) => {
        setFailure(describeFailure(err, t));
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
      },
    });
  };

  return (
    <div className="pi-login">
      <aside className="pi-login-aside">
        <div className="pi-login-brand">
          <BrandMark size={40} />
          <span>ParIndex</span>
        </div>
        <h2 className="pi-login-tagline">{t('login.tagline')}</h2>
        <ul className="pi-login-points">
          <li>{t('login.point1')}</li>
          <li>{t('login.point2')}</li>
          <li>{t('login.point3')}</li>
          <li>{t('login.point4')}</li>
        </ul>
      </aside>
      <main className="pi-login-main">
        <div className="pi-login-lang">
          <LanguageSwitch size="middle" />
        </div>
        <div className="pi-login-card">
          <Typography.Title level={1} className="pi-login-title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {returning && !failure && (
            <Alert className="pi-login-alert" type="info" showIcon title={t('login.needed')} />
          )}
          {failure && (
            <Alert
              className="pi-login-alert"
              type="error"
              showIcon
              role="alert"
              title={failure.title}
              description={failure.detail}
            />
          )}
          <Form<LoginValues>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            autoComplete="on"
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" maxLength={64} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" maxLength={128} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="pi-login-help">
            {t('login.help')}
          </Typography.Paragraph>
          <Link to="/public" className="pi-login-public" data-testid="public-results-link">
            {t('public.fromLogin')}
          </Link>
        </div>
      </main>
    </div>
  );
}
