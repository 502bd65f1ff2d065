import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal } from 'antd';
import { useT } from '../../i18n/i18n-context';

export interface Credentials {
  username: string;
  password: string;
  title: string;
}

/** Copies text to the clipboard and says so. */
export function useCopy() {
  const { message } = App.useApp();
  const t = useT();
  return (text: string) =>
    navigator.clipboard
      .writeText(text)
      .then(() => void message.success(t('common.copied')))
      .catch(() => void message.error(t('common.copyFailed')));
}

/** Shows a new account's (or a reset) password once, with a copy button, so the administrator can hand it over. */
export function CredentialsModal({ value, onClose }: { value: Credentials | null; onClose: () => void }) {
  const t = useT();
  const copy = useCopy();
  return (
    <Modal
      open={value != null}
      title={value?.title}
      onCancel={onClose}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => value && copy(`${value.username}\t${value.password}`)}>
          {t('user.copyCredentials')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          {t('user.credentialsSaved')}
        </Button>,
      ]}
    >
      {value && (
        <>
          <Alert type="warning" showIcon className="pi-form-alert" title={t('user.credentialsOnce')} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'u', label: t('user.username'), children: <span className="pi-code">{value.username}</span> },
              { key: 'p', label: t('user.password'), children: <span className="pi-code">{value.password}</span> },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
