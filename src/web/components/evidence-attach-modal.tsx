import { InboxOutlined } from '@ant-design/icons';
import { DatePicker, Form, Input, Modal, Table, Tabs, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, type EvidenceView, useEvidenceLibrary, useUploadEvidence } from '../api/evidence';
import { datePattern, formatCount, formatDate } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import { EvidenceIcon } from './evidence-list';
import { fieldsOf } from './form-errors';
import { FormAlert, useFormProblem } from './form-alert';
import { SearchBox } from './search-box';
import './cycle-styles.css';

interface UploadValues {
  title: string;
  docNumber?: string;
  issuedOn?: Dayjs | null;
  issuer?: string;
}

const isUploadField = fieldsOf('title', 'docNumber', 'issuedOn', 'issuer', 'file');

/**
 * Attaches evidence to a leaf or a message: choose documents from the agency's library (reused across leaves and
 * years) or upload a new one by drag and drop with its title, number, date and issuer.
 */
export function EvidenceAttachModal({
  open,
  agencyId,
  attachedIds,
  onClose,
  onAttach,
  busy,
  initialFile,
  uploadOnly,
}: {
  open: boolean;
  /** Only the upload tab (the library page adds documents without attaching them anywhere). */
  uploadOnly?: boolean;
  /** A file dropped outside the modal: opens on the upload tab with it. */
  initialFile?: File | null;
  agencyId: number;
  attachedIds: number[];
  onClose: () => void;
  /** Attaches the chosen documents; resolves when done (the modal then closes). */
  onAttach: (ids: number[]) => Promise<void>;
  busy?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const [tab, setTab] = useState<'library' | 'upload'>(uploadOnly ? 'upload' : 'library');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [form] = Form.useForm<UploadValues>();
  const { problem, report, clear } = useFormProblem(form, isUploadField);
  const library = useEvidenceLibrary(open ? agencyId : undefined, { q: q || undefined, page, pageSize: 10 });
  const uploader = useUploadEvidence(agencyId);

  const reset = () => {
    setSelected([]);
    setFile(null);
    setFileError(null);
    form.resetFields();
    clear();
  };
  const close = () => {
    reset();
    onClose();
  };

  const pickFile = (f: File) => {
    setFileError(null);
    const ext = f.name.toLowerCase().replace(/^.*(\.[^.]+)$/, '$1');
    if (!EVIDENCE_ACCEPT.split(',').includes(ext)) setFileError(t('evidence.wrongType'));
    else if (f.size > EVIDENCE_MAX_BYTES) setFileError(t('evidence.tooLarge', { size: '20 MB' }));
    setFile(f);
    if (!form.getFieldValue('title')) form.setFieldValue('title', f.name.replace(/\.[^.]+$/, ''));
    return false;
  };

  useEffect(() => {
    if (open && initialFile) {
      setTab('upload');
      pickFile(initialFile);
    }
    // pickFile only reads the file and the form: running once per dropped file is what is wanted.
  }, [open, initialFile]);

  const submitUpload = async () => {
    clear();
    if (!file) {
      setFileError(t('evidence.chooseFile'));
      return;
    }
    if (fileError) return;
    const values = await form.validateFields();
    try {
      const ev = await uploader.mutateAsync({
        file,
        meta: {
          title: values.title,
          docNumber: values.docNumber ?? '',
          issuedOn: values.issuedOn ? values.issuedOn.format('YYYY-MM-DD') : '',
          issuer: values.issuer ?? '',
        },
      });
      await onAttach([...attachedIds, ev.id]);
      reset();
    } catch (err) {
      report(err);
    }
  };

  const submitLibrary = async () => {
    try {
      await onAttach([...new Set([...attachedIds, ...selected])]);
      reset();
    } catch (err) {
      report(err);
    }
  };

  const columns = [
    {
      title: t('evidence.titleColumn'),
      key: 'title',
      render: (_: unknown, e: EvidenceView) => (
        <span className="pi-evidence-cell">
          <EvidenceIcon mime={e.mime} />
          <span className="pi-cell-main">
            <span>{e.title}</span>
            <span className="pi-cell-sub">{e.originalName}</span>
          </span>
        </span>
      ),
    },
    { title: t('evidence.docNumber'), dataIndex: 'docNumber', key: 'docNumber', width: 130 },
    { title: t('evidence.issuedOn'), key: 'issuedOn', width: 110, render: (_: unknown, e: EvidenceView) => formatDate(e.issuedOn, lang) },
    { title: t('evidence.issuer'), dataIndex: 'issuer', key: 'issuer', width: 180, ellipsis: true },
  ];

  const uploading = uploader.isPending || !!busy;
  return (
    <Modal
      open={open}
      title={uploadOnly ? t('evidence.uploadTitle') : t('evidence.attachTitle')}
      onCancel={close}
      width={860}
      destroyOnHidden
      okText={tab === 'library' ? t('evidence.attachSelected', { count: selected.length }) : uploadOnly ? t('evidence.upload') : t('evidence.uploadAndAttach')}
      okButtonProps={{ disabled: tab === 'library' ? selected.length === 0 : !file || !!fileError, loading: uploading }}
      onOk={() => void (tab === 'library' ? submitLibrary() : submitUpload())}
    >
      <FormAlert problem={problem} onClose={clear} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'library' | 'upload')}
        items={[
          ...(uploadOnly ? [] : [{
            key: 'library',
            label: t('evidence.fromLibrary'),
            children: (
              <>
                <div className="pi-toolbar">
                  <SearchBox label={t('evidence.search')} placeholder={t('evidence.searchPlaceholder')} value={q} onSearch={(v) => { setQ(v); setPage(1); }} className="pi-toolbar-search" />
                  <span className="pi-toolbar-count">{t('table.count', { count: formatCount(library.data?.total ?? 0, lang) })}</span>
                </div>
                <Table<EvidenceView>
                  size="small"
                  rowKey="id"
                  loading={library.isFetching}
                  dataSource={library.data?.items ?? []}
                  columns={columns}
                  locale={{ emptyText: q ? t('common.noMatch') : t('evidence.libraryEmpty') }}
                  rowSelection={{
                    selectedRowKeys: [...attachedIds, ...selected],
                    getCheckboxProps: (e) => ({ disabled: attachedIds.includes(e.id), 'aria-label': e.title }),
                    onChange: (keys) => setSelected(keys.map(Number).filter((k) => !attachedIds.includes(k))),
                  }}
                  pagination={{ current: page, pageSize: 10, total: library.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                />
              </>
            ),
          }]),
          {
            key: 'upload',
            label: t('evidence.uploadNew'),
            children: (
              <>
                <Upload.Dragger
                  accept={EVIDENCE_ACCEPT}
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={pickFile}
                  className="pi-evidence-drop"
                  aria-label={t('evidence.drop')}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined aria-hidden />
                  </p>
                  <p className="ant-upload-text">{file ? file.name : t('evidence.drop')}</p>
                  <p className="ant-upload-hint">{t('evidence.dropHint')}</p>
                </Upload.Dragger>
                {fileError && (
                  <Typography.Text type="danger" role="alert">
                    {fileError}
                  </Typography.Text>
                )}
                <Form<UploadValues> form={form} layout="vertical" className="pi-evidence-form" requiredMark="optional">
                  <Form.Item name="title" label={t('evidence.titleColumn')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <div className="pi-form-row">
                    <Form.Item name="docNumber" label={t('evidence.docNumber')}>
                      <Input maxLength={200} placeholder="12/KH-UBND" />
                    </Form.Item>
                    <Form.Item name="issuedOn" label={t('evidence.issuedOn')}>
                      <DatePicker format={datePattern(lang)} style={{ width: '100%' }} />
                    </Form.Item>
                  </div>
                  <Form.Item name="issuer" label={t('evidence.issuer')}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Form>
              </>
            ),
          },
        ]}
      />
    </Modal>
  );
}
