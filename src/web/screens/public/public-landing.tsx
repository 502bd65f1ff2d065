import { Button, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../components/use-document-title';
import { useT } from '../../i18n/i18n-context';
import { PublicShell } from './public-shell';
import { rememberedPublicProvince } from './public-province';

/** `/public`: opens the province remembered on this device, or asks for the province code. */
export default function PublicLanding() {
  const t = useT();
  const navigate = useNavigate();
  useDocumentTitle(t('public.title'));
  const remembered = rememberedPublicProvince();
  if (remembered) return <Navigate to={`/public/${encodeURIComponent(remembered)}`} replace />;
  return (
    <PublicShell provinceName={null}>
      <div className="pi-pub-landing">
        <Typography.Title level={1} className="pi-pub-title">
          {t('public.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('public.askProvince')}</Typography.Paragraph>
        <Form layout="inline" onFinish={(v: { code: string }) => void navigate(`/public/${encodeURIComponent(v.code.trim().toUpperCase())}`)}>
          <Form.Item name="code" label={t('public.provinceCode')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={32} autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('public.open')}
          </Button>
        </Form>
      </div>
    </PublicShell>
  );
}
