import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Table, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { z } from 'zod';
import { importProblem } from '../../core/schemas/org';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n-context';

// A problem may concern the whole file (no row), e.g. a missing column.
const problemsSchema = z.array(importProblem.extend({ row: z.number().int().nullable() }));
type Problem = z.infer<typeof problemsSchema>[number];

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Uploads one .xlsx file to an all-or-nothing import; when the server refuses it, every problem is listed with
 * its row and column so the user can fix the file and try again.
 */
export function ImportDialog<R>({
  open,
  title,
  hint,
  onClose,
  onImport,
  pending,
  accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  dropText,
}: {
  open: boolean;
  title: string;
  hint: ReactNode;
  onClose: () => void;
  /** Runs the import; resolves when it succeeded (the caller shows the result). */
  onImport: (file: File) => Promise<R>;
  pending: boolean;
  /** File types offered by the picker (default: .xlsx). */
  accept?: string;
  /** The drop zone's text when the default (.xlsx) does not fit. */
  dropText?: string;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setProblems(null);
    setFailure(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setProblems(null);
    setFailure(null);
    try {
      await onImport(file);
      reset();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import_failed') {
        const parsed = problemsSchema.safeParse(err.details?.problems);
        setProblems(parsed.success ? parsed.data : []);
        setFailure(err.message);
      } else {
        setFailure(err instanceof Error ? err.message : String(err));
      }
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('action.close')}
        </Button>,
        <Button key="import" type="primary" disabled={!file} loading={pending} onClick={() => void submit()}>
          {t('import.run')}
        </Button>,
      ]}
    >
      <div className="pi-import-hint">{hint}</div>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        maxCount={1}
        fileList={file ? [{ uid: 'f', name: file.name, size: file.size, status: 'done' }] : []}
        beforeUpload={(f) => {
          if (f.size > MAX_BYTES) {
            setFailure(t('import.tooLarge', { size: '5 MB' }));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          setProblems(null);
          setFailure(null);
          return false;
        }}
        onRemove={() => reset()}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{dropText ?? t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      {failure && (
        <Alert
          className="pi-import-failure"
          type="error"
          showIcon
          role="alert"
          title={failure}
          description={problems && problems.length > 0 ? t('import.problemsCount', { count: problems.length }) : undefined}
        />
      )}
      {problems && problems.length > 0 && (
        <Table<Problem>
          className="pi-import-problems"
          size="small"
          rowKey={(p, i) => `${p.row}-${p.column ?? ''}-${i ?? 0}`}
          dataSource={problems}
          pagination={problems.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right', render: (r: number | null) => r ?? '—' },
            {
              title: t('import.column'),
              dataIndex: 'column',
              width: 160,
              render: (c: string | null) => c ?? <Typography.Text type="secondary">—</Typography.Text>,
            },
            { title: t('import.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
