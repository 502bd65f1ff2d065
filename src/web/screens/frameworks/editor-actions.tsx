import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  CopyOutlined,
  DiffOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  ForkOutlined,
  LoadingOutlined,
  RedoOutlined,
  SaveOutlined,
  SendOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../api/client';
import { exportFramework, usePublishFramework, useNewRevision } from '../../api/frameworks';
import { GuardedButton } from '../../components/guarded-button';
import { formatTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { FrameworkEditor } from './use-framework-editor';

const refusal = z.array(z.object({ nodeCode: z.string().nullable().optional(), message: z.string() }));

/** "Đã lưu lúc 10:21", "Đang lưu…", or why the draft is not saved. */
export function SaveStatus({ editor }: { editor: FrameworkEditor }) {
  const t = useT();
  const s = editor.state;
  if (!editor.editable && s.kind !== 'conflict') return null;
  switch (s.kind) {
    case 'saving':
      return (
        <span className="fw-save" aria-live="polite">
          <LoadingOutlined /> {t('fw.save.saving')}
        </span>
      );
    case 'dirty':
      return (
        <span className="fw-save" aria-live="polite">
          <CloudSyncOutlined /> {t('fw.save.dirty')}
        </span>
      );
    case 'invalid':
      return (
        <Tooltip title={s.message}>
          <span className="fw-save fw-save-warn" aria-live="polite" tabIndex={0}>
            <ExclamationCircleOutlined /> {t('fw.save.invalid')}
          </span>
        </Tooltip>
      );
    case 'error':
      return (
        <span className="fw-save fw-save-err" role="alert">
          <ExclamationCircleOutlined /> {t('fw.save.failed', { message: s.message })}{' '}
          <Button size="small" type="link" onClick={() => void editor.flush()}>
            {t('action.retry')}
          </Button>
        </span>
      );
    case 'conflict':
      return null;
    default:
      return (
        <span className="fw-save fw-save-ok" aria-live="polite">
          <CheckCircleOutlined /> {editor.savedAt ? t('fw.save.savedAt', { time: formatTime(editor.savedAt) }) : t('fw.save.upToDate')}
        </span>
      );
  }
}

/** The editor's actions: undo/redo, export, compare, clone, new version, publish (each from the server's abilities). */
export function EditorActions({ editor, onClone, onCompare }: { editor: FrameworkEditor; onClone: () => void; onCompare: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const publish = usePublishFramework();
  const revision = useNewRevision();
  const [exporting, setExporting] = useState(false);
  const f = editor.summary;
  const isDraft = f.status === 'draft';
  const errors = editor.problems.filter((p) => p.severity === 'error');
  const warnings = editor.problems.filter((p) => p.severity === 'warning');

  const runExport = async (format: 'xlsx' | 'json') => {
    setExporting(true);
    try {
      if (editor.editable && !(await editor.flush())) throw new Error(t('fw.save.notSavedYet'));
      const name = await exportFramework(f, format);
      void message.success(t('export.done', { name }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const doPublish = async () => {
    if (!(await editor.flush())) {
      void message.error(t('fw.save.notSavedYet'));
      return;
    }
    modal.confirm({
      title: t('fw.publish.confirmTitle', { year: f.year, group: f.groupCode }),
      width: 560,
      content: (
        <div>
          <p>{t('fw.publish.confirmText')}</p>
          {warnings.length > 0 && (
            <>
              <p className="fw-publish-warn">{t('fw.publish.warnings', { count: warnings.length })}</p>
              <ul className="pi-plain-list fw-publish-list">
                {warnings.slice(0, 8).map((w, i) => (
                  <li key={i}>{w.message[lang]}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ),
      okText: t('fw.publish.submit'),
      cancelText: t('action.cancel'),
      onOk: () =>
        publish
          .mutateAsync({ id: f.id, version: editor.currentVersion() })
          .then(() => {
            void message.success(t('fw.publish.done'));
          })
          .catch((err: unknown) => {
            const details = err instanceof ApiError ? refusal.safeParse(err.details?.problems) : null;
            modal.error({
              title: err instanceof Error ? err.message : String(err),
              content: details?.success ? (
                <ul className="pi-plain-list">
                  {details.data.map((p, i) => (
                    <li key={i}>{p.nodeCode ? `${p.nodeCode}: ${p.message}` : p.message}</li>
                  ))}
                </ul>
              ) : undefined,
            });
          }),
    });
  };

  const newVersion = () =>
    revision.mutate(f.id, {
      onSuccess: (d) => {
        void message.success(t('fw.revision.done', { revision: d.revision }));
        void navigate(`/frameworks/${d.id}`);
      },
      onError: (err) => void message.error(err.message),
    });

  const publishReason = !f.abilities.publish ? t('ability.denied') : errors.length > 0 ? t('fw.publish.blocked', { count: errors.length }) : undefined;
  return (
    <Space wrap size={8}>
      {editor.editable && (
        <Tooltip title={t('fw.action.saveHint')}>
          <Button
            icon={<SaveOutlined />}
            disabled={editor.state.kind === 'saved' || editor.state.kind === 'saving'}
            onClick={() => void editor.flush().then((ok) => !ok && message.error(t('fw.save.notSavedYet')))}
          >
            {t('action.save')}
          </Button>
        </Tooltip>
      )}
      {editor.editable && (
        <Space.Compact>
          <Tooltip title={t('fw.action.undo')}>
            <Button icon={<UndoOutlined />} aria-label={t('fw.action.undo')} disabled={!editor.canUndo} onClick={editor.undo} />
          </Tooltip>
          <Tooltip title={t('fw.action.redo')}>
            <Button icon={<RedoOutlined />} aria-label={t('fw.action.redo')} disabled={!editor.canRedo} onClick={editor.redo} />
          </Tooltip>
        </Space.Compact>
      )}
      <Dropdown
        menu={{
          items: [
            { key: 'xlsx', label: t('fw.export.xlsx') },
            { key: 'json', label: t('fw.export.json') },
          ],
          onClick: ({ key }) => void runExport(key as 'xlsx' | 'json'),
        }}
      >
        <Button icon={<DownloadOutlined />} loading={exporting}>
          {t('fw.action.export')}
        </Button>
      </Dropdown>
      <Button icon={<DiffOutlined />} onClick={onCompare}>
        {t('fw.action.compare')}
      </Button>
      <GuardedButton allowed={f.abilities.clone} whenDenied="hide" icon={<CopyOutlined />} onClick={onClone}>
        {t('fw.action.clone')}
      </GuardedButton>
      {!isDraft && (
        <GuardedButton allowed={f.abilities.newRevision} whenDenied="hide" type="primary" icon={<ForkOutlined />} loading={revision.isPending} onClick={newVersion}>
          {t('fw.action.newRevision')}
        </GuardedButton>
      )}
      {isDraft && (
        <GuardedButton
          allowed={f.abilities.publish && errors.length === 0 && editor.state.kind !== 'conflict'}
          deniedReason={publishReason ?? t('fw.conflict.title')}
          type="primary"
          icon={<SendOutlined />}
          loading={publish.isPending}
          onClick={() => void doPublish()}
        >
          {t('fw.action.publish')}
        </GuardedButton>
      )}
    </Space>
  );
}
