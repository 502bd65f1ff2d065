import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Table } from 'antd';
import type { UserImportResult } from '../../api/users';
import { useT } from '../../i18n/i18n-context';
import { useCopy } from './credentials-modal';

type Row = UserImportResult['users'][number];

/** After an import: the generated initial passwords, shown this once, with a copy-all button. */
export function ImportedUsersModal({ result, onClose }: { result: UserImportResult | null; onClose: () => void }) {
  const t = useT();
  const copy = useCopy();
  const withPassword = (result?.users ?? []).filter((u): u is Row & { initialPassword: string } => u.initialPassword != null);
  return (
    <Modal
      open={result != null}
      title={t('user.importDoneTitle')}
      onCancel={onClose}
      width={640}
      mask={{ closable: false }}
      footer={[
        withPassword.length > 0 && (
          <Button
            key="copy"
            icon={<CopyOutlined />}
            onClick={() => copy(withPassword.map((u) => `${u.username}\t${u.initialPassword}`).join('\n'))}
          >
            {t('user.copyAll')}
          </Button>
        ),
        <Button key="ok" type="primary" onClick={onClose}>
          {withPassword.length > 0 ? t('user.credentialsSaved') : t('action.close')}
        </Button>,
      ]}
    >
      {result && (
        <>
          <p>{t('user.importSummary', { rows: result.rows, created: result.created, updated: result.updated })}</p>
          {withPassword.length > 0 && (
            <>
              <Alert type="warning" showIcon className="pi-form-alert" title={t('user.importPasswordsOnce')} />
              <Table<Row & { initialPassword: string }>
                size="small"
                rowKey="username"
                dataSource={withPassword}
                pagination={withPassword.length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: t('user.username'), dataIndex: 'username', render: (u: string) => <span className="pi-code">{u}</span> },
                  { title: t('user.initialPassword'), dataIndex: 'initialPassword', render: (p: string) => <span className="pi-code">{p}</span> },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
