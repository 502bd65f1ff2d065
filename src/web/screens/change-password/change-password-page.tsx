import { App, Card } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/i18n-context';
import { ChangePasswordForm } from './change-password-form';

export default function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('password.title')} crumbs={[{ title: t('password.title') }]} subtitle={t('password.subtitle')} />
      <Card className="pi-card">
        <ChangePasswordForm
          onDone={() => {
            void message.success(t('password.changed'));
            void navigate('/');
          }}
        />
      </Card>
    </>
  );
}
