import { EditOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCurrentUser } from '../../api/auth';
import { type EvidenceView, useEvidenceLibrary, useUpdateEvidence } from '../../api/evidence';
import { AgencySelect } from '../../components/agency-select';
import { EmptyState } from '../../components/empty-state';
import { EvidenceAttachModal } from '../../components/evidence-attach-modal';
import { EvidenceIcon } from '../../components/evidence-list';
import { EvidencePreviewDrawer } from '../../components/evidence-preview-drawer';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { SearchBox } from '../../components/search-box';
import { datePattern, formatCount, formatDate, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';

interface MetaValues {
  title: string;
  docNumber: string;
  issuedOn: Dayjs | null;
  issuer: string;
}

const isMetaField = fieldsOf('title', 'docNumber', 'issuedOn', 'issuer');

/** The agency's evidence library: every document uploaded, reusable across leaves and years. */
export default function EvidencePage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const own = me.user.roles.find((g) => g.agencyId !== null && g.role !== 'appraiser');
  const [agencyId, setAgencyId] = useState<number | null>(own?.agencyId ?? null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<EvidenceView | null>(null);
  const [editing, setEditing] = useState<EvidenceView | null>(null);
  const [form] = Form.useForm<MetaValues>();
  const { problem, report, clear } = useFormProblem(form, isMetaField);
  const list = useEvidenceLibrary(agencyId ?? undefined, { q: q || undefined, page, pageSize: 50 });
  const update = useUpdateEvidence();
  const canUpload = list.data?.abilities.upload === true;

  const openEdit = (e: EvidenceView) => {
    clear();
    setEditing(e);
    form.setFieldsValue({ title: e.title, docNumber: e.docNumber, issuedOn: e.issuedOn ? dayjs(e.issuedOn) : null, issuer: e.issuer });
  };
  const saveEdit = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      await update.mutateAsync({ id: editing.id, body: { title: v.title, docNumber: v.docNumber ?? '', issuer: v.issuer ?? '', issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null } });
      void message.success(t('evidence.saved'));
      setEditing(null);
    } catch (err) {
      report(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('evidence.libraryTitle')}
        subtitle={t('evidence.librarySubtitle')}
        crumbs={[{ title: t('nav.cycle') }, { title: t('evidence.libraryTitle') }]}
        extra={
          <GuardedButton allowed={canUpload} whenDenied="hide" type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            {t('evidence.upload')}
          </GuardedButton>
        }
      />
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar" role="search">
          {!own && <AgencySelect style={{ width: 280 }} aria-label={t('assess.agency')} placeholder={t('evidence.chooseAgency')} value={agencyId} onChange={(v) => { setAgencyId(v); setPage(1); }} />}
          <SearchBox label={t('evidence.search')} placeholder={t('evidence.searchPlaceholder')} value={q} onSearch={(v) => { setQ(v); setPage(1); }} className="pi-toolbar-search" />
          <span className="pi-toolbar-count">{t('table.count', { count: formatCount(list.data?.total ?? 0, lang) })}</span>
        </div>
        <Table<EvidenceView>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: agencyId === null ? <EmptyState title={t('evidence.chooseAgency')} /> : <EmptyState title={q ? t('common.noMatch') : t('evidence.libraryEmpty')} hint={canUpload ? t('evidence.libraryEmptyHint') : undefined} /> }}
          columns={[
            {
              title: t('evidence.titleColumn'),
              key: 'title',
              render: (_, e) => (
                <span className="pi-evidence-cell">
                  <EvidenceIcon mime={e.mime} />
                  <span className="pi-cell-main">
                    <button type="button" className="pi-link-button" onClick={() => setPreview(e)}>
                      {e.title}
                    </button>
                    <span className="pi-cell-sub">
                      {e.originalName} · {formatNumber(e.sizeBytes / 1024, lang, 0)} KB
                    </span>
                  </span>
                </span>
              ),
            },
            { title: t('evidence.docNumber'), dataIndex: 'docNumber', key: 'n', width: 140 },
            { title: t('evidence.issuedOn'), key: 'd', width: 120, render: (_, e) => formatDate(e.issuedOn, lang) },
            { title: t('evidence.issuer'), dataIndex: 'issuer', key: 'i', width: 200, ellipsis: true },
            { title: t('evidence.usedBy'), dataIndex: 'usedBy', key: 'u', width: 110 },
            {
              title: t('common.actions'),
              key: 'a',
              width: 110,
              render: (_, e) => (
                <>
                  <Button type="text" icon={<EyeOutlined />} aria-label={`${t('evidence.preview')}: ${e.title}`} onClick={() => setPreview(e)} />
                  {e.abilities.upload && <Button type="text" icon={<EditOutlined />} aria-label={`${t('action.edit')}: ${e.title}`} onClick={() => openEdit(e)} />}
                </>
              ),
            },
          ]}
        />
      </Card>
      {agencyId !== null && <EvidenceAttachModal open={uploading} uploadOnly agencyId={agencyId} attachedIds={[]} onClose={() => setUploading(false)} onAttach={async () => { setUploading(false); void message.success(t('evidence.uploaded')); }} />}
      <EvidencePreviewDrawer items={preview ? [preview] : []} activeId={preview?.id ?? null} onClose={() => setPreview(null)} />
      <Modal open={editing !== null} title={t('evidence.editTitle')} onCancel={() => setEditing(null)} onOk={() => void saveEdit()} confirmLoading={update.isPending} destroyOnHidden>
        <FormAlert problem={problem} onClose={clear} />
        <Form<MetaValues> form={form} layout="vertical">
          <Form.Item name="title" label={t('evidence.titleColumn')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="docNumber" label={t('evidence.docNumber')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('evidence.issuedOn')}>
            <DatePicker format={datePattern(lang)} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="issuer" label={t('evidence.issuer')}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
