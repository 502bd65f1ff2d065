import { DeleteOutlined, DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { downloadHistoryTemplate, previewHistory, useDeleteHistory, useHistory, useImportHistory, useUpdateHistory, type HistoryItem, type HistoryPreview } from '../../api/history';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { PageHeader } from '../../components/page-header';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

/** A stored decimal text for a reader: decimal comma in Vietnamese. */
const showIndex = (v: string | null, lang: 'vi' | 'en') => (v === null ? '—' : lang === 'vi' ? Number(v).toFixed(2).replace('.', ',') : Number(v).toFixed(2));

/**
 * The secretariat's results of earlier years, as published: download the template, upload a workbook and see a
 * preview of every row and every problem before anything is stored, confirm to store, and correct or delete
 * stored rows (each change audited).
 */
export default function HistoryPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<HistoryPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<HistoryItem | null>(null);
  const list = useHistory({ year, page, pageSize: 50 });
  const importer = useImportHistory();
  const remove = useDeleteHistory();

  const choose = async (f: File) => {
    setFile(f);
    setPreview(null);
    setError(null);
    setChecking(true);
    try {
      setPreview(await previewHistory(f));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    try {
      const res = await importer.mutateAsync(file);
      void message.success(t('hist.saved', { rows: res.rows }));
      // Show what was just stored: the imported year when the file held one.
      if (preview?.years.length === 1) setYear(preview.years[0]);
      setPage(1);
      setFile(null);
      setPreview(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const rankText = (rank: number | null, of: number | null) => (rank === null ? '—' : of === null ? String(rank) : t('hist.rankOf', { rank, of }));
  const classText = (c: HistoryItem['classification']) =>
    c ? (
      <span title={c.source === 'bands' ? t('hist.classFromBands') : undefined}>
        {lang === 'en' ? c.labelEn : c.labelVi}
        {c.source === 'bands' ? ' *' : ''}
      </span>
    ) : (
      '—'
    );

  return (
    <>
      <PageHeader title={t('hist.title')} subtitle={t('hist.subtitle')} crumbs={[{ title: t('nav.groupOrganisation') }, { title: t('hist.title') }]} />
      <Card className="pi-card" data-testid="hist-upload">
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadHistoryTemplate()}>
            {t('hist.template')}
          </Button>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={checking}>
              {t('hist.upload')}
            </Button>
          </Upload>
        </Space>
        <p className="pi-muted" style={{ marginTop: 12 }}>
          {t('hist.rules')}
        </p>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {preview && file && (
          <div data-testid="hist-preview">
            <h3>{t('hist.preview', { rows: preview.rows.length, problems: preview.problems.length })}</h3>
            <p className="pi-muted">{t('hist.previewFile', { name: file.name })}</p>
            {preview.problems.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={t('hist.problems')}
                description={
                  <ul className="hist-problems" style={{ margin: 0, paddingLeft: 18 }}>
                    {preview.problems.map((p, i) => (
                      <li key={i}>
                        {p.column ? t('hist.problemAt', { row: p.row, column: p.column }) : t('hist.problemRow', { row: p.row })}: {p.message}
                      </li>
                    ))}
                  </ul>
                }
                style={{ marginBottom: 12 }}
              />
            )}
            <Table
              size="small"
              rowKey="row"
              dataSource={preview.rows}
              pagination={preview.rows.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'row', title: '#', dataIndex: 'row' },
                { key: 'year', title: t('hist.year'), dataIndex: 'year' },
                { key: 'agency', title: t('hist.agency'), render: (_, r) => `${r.code} · ${pickName(lang, r)}` },
                { key: 'index', title: t('hist.index'), align: 'right', render: (_, r) => showIndex(r.totalIndex, lang) },
                { key: 'rank', title: t('hist.rank'), align: 'right', render: (_, r) => rankText(r.rank, r.rankedCount) },
                { key: 'class', title: t('hist.class'), render: (_, r) => classText(r.classification) },
                { key: 'components', title: t('hist.components'), render: (_, r) => r.components.map((c) => `${c.code}: ${showIndex(c.index, lang)}`).join(' · ') || '—' },
                {
                  key: 'replaces',
                  title: '',
                  render: (_, r) =>
                    r.replaces ? <Tag color="orange">{t('hist.replaces', { value: `${showIndex(r.replaces.totalIndex, lang)} · ${rankText(r.replaces.rank, r.replaces.rankedCount)}` })}</Tag> : <Tag color="green">{t('hist.new')}</Tag>,
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" disabled={preview.problems.length > 0 || preview.rows.length === 0} loading={importer.isPending} onClick={() => void confirm()}>
                {t('hist.confirm', { rows: preview.rows.length })}
              </Button>
              <Button
                onClick={() => {
                  setFile(null);
                  setPreview(null);
                }}
              >
                {t('hist.cancel')}
              </Button>
              {preview.problems.length > 0 && <span className="pi-muted">{t('hist.fixFirst')}</span>}
            </Space>
          </div>
        )}
      </Card>
      <Card
        className="pi-card"
        title={t('hist.stored')}
        data-testid="hist-list"
        extra={
          <Select
            aria-label={t('hist.year')}
            style={{ width: 140 }}
            value={year ?? 0}
            onChange={(v) => {
              setYear(v === 0 ? undefined : v);
              setPage(1);
            }}
            options={[{ value: 0, label: t('hist.allYears') }, ...(list.data?.years ?? []).map((y) => ({ value: y, label: String(y) }))]}
          />
        }
      >
        <Table<HistoryItem>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('hist.none') }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { key: 'year', title: t('hist.year'), dataIndex: 'year' },
            { key: 'agency', title: t('hist.agency'), render: (_, r) => `${r.code} · ${pickName(lang, r)}` },
            { key: 'index', title: t('hist.index'), align: 'right', render: (_, r) => showIndex(r.totalIndex, lang) },
            { key: 'rank', title: t('hist.rank'), align: 'right', render: (_, r) => rankText(r.rank, r.rankedCount) },
            { key: 'class', title: t('hist.class'), render: (_, r) => classText(r.classification) },
            {
              key: 'actions',
              title: '',
              render: (_, r) => (
                <Space>
                  {r.abilities.update && <Button size="small" icon={<EditOutlined />} aria-label={`${t('hist.edit')} ${r.code} ${r.year}`} onClick={() => setEditing(r)} />}
                  {r.abilities.delete && (
                    <ConfirmIconButton
                      label={`${t('hist.delete')} ${r.code} ${r.year}`}
                      icon={<DeleteOutlined />}
                      danger
                      loading={remove.isPending}
                      title={t('hist.deleteConfirm', { code: r.code, year: r.year })}
                      okText={t('hist.delete')}
                      onConfirm={() => remove.mutate(r, { onSuccess: () => void message.success(t('hist.deleted')) })}
                    />
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && <EditHistoryModal row={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EditHistoryModal({ row, onClose }: { row: HistoryItem; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useUpdateHistory();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = (await form.validateFields()) as { totalIndex?: string; rank?: number | null; rankedCount?: number | null; classText?: string; reason?: string };
    try {
      await update.mutateAsync({
        id: row.id,
        body: { version: row.version, totalIndex: v.totalIndex?.trim() ? v.totalIndex.trim() : null, rank: v.rank ?? null, rankedCount: v.rankedCount ?? null, classText: v.classText ?? '', reason: v.reason ?? '' },
      });
      void message.success(t('hist.updated'));
      onClose();
    } catch (e) {
      setError(isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join(' ') : e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal open title={t('hist.editTitle', { code: row.code, year: row.year })} onCancel={onClose} onOk={() => void save()} confirmLoading={update.isPending} okText={t('action.save')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ totalIndex: row.totalIndex ?? '', rank: row.rank, rankedCount: row.rankedCount, classText: row.classification?.source === 'file' ? row.classification.labelVi : '' }}
      >
        <Form.Item name="totalIndex" label={t('hist.index')}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Space>
          <Form.Item name="rank" label={t('hist.rank')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="rankedCount" label={t('hist.rankedCount')}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
        <Form.Item name="classText" label={t('hist.class')} extra={t('hist.classHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="reason" label={t('hist.reason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
