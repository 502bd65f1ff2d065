import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { exportFramework, type FrameworkSummary, useDeleteFramework, useFrameworks, useNewRevision } from '../../api/frameworks';
import { useAgencyGroups } from '../../api/org';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { enumParam, idParam, useSearchState } from '../../components/use-search-state';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { usePeriod } from '../../session/period-context';
import { CloneModal } from './clone-modal';
import { CreateModal } from './create-modal';
import { frameworkColumns, type RowAction } from './framework-columns';
import { ImportFrameworkDialog } from './import-framework';
import './frameworks.css';

// No year filter: the top bar's year (decision 0015) only lists years with a period, while frameworks are prepared
// for years that have none yet; the list shows every year, newest first, with its year column.
const DEFAULTS = { groupId: '', status: 'all' };
const STATUSES = ['all', 'draft', 'published'] as const;

/** Frameworks by year and agency group, with their versions, and what can be done with each. */
export default function FrameworksPage() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { year: periodYear } = usePeriod();
  const [state, update] = useSearchState(DEFAULTS);
  const groupId = idParam(state.groupId);
  const status = enumParam(state.status, STATUSES, 'all');
  const list = useFrameworks({ groupId, status: status === 'all' ? undefined : status });
  const everything = useFrameworks();
  const groups = useAgencyGroups();
  const remove = useDeleteFramework();
  const revision = useNewRevision();
  const [cloneSource, setCloneSource] = useState<FrameworkSummary | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);

  const years = [...new Set((everything.data?.items ?? []).map((f) => f.year))].sort((a, b) => b - a);
  const newDefaults = { year: Math.max(periodYear, ...years.map((y) => y + 1)), groupId };

  const onAction = (f: FrameworkSummary, action: RowAction) => {
    switch (action) {
      case 'open':
        return void navigate(`/frameworks/${f.id}`);
      case 'compare':
        return void navigate(`/frameworks/${f.id}/compare`);
      case 'clone':
        return setCloneSource(f);
      case 'newRevision':
        setBusyId(f.id);
        return revision.mutate(f.id, {
          onSuccess: (d) => {
            void message.success(t('fw.revision.done', { revision: d.revision }));
            void navigate(`/frameworks/${d.id}`);
          },
          onError: (err) => void message.error(err.message),
          onSettled: () => setBusyId(null),
        });
      case 'delete':
        return void modal.confirm({
          title: t('fw.delete.confirm', { name: pickName(lang, f) }),
          content: t('fw.delete.hint'),
          okText: t('fw.action.deleteDraft'),
          okButtonProps: { danger: true },
          cancelText: t('action.cancel'),
          onOk: () =>
            remove
              .mutateAsync(f.id)
              .then(() => void message.success(t('fw.delete.done')))
              .catch((err: Error) => void message.error(err.message)),
        });
      case 'xlsx':
      case 'json':
        setBusyId(f.id);
        return void exportFramework(f, action)
          .then((name) => void message.success(t('export.done', { name })))
          .catch((err: Error) => void message.error(err.message))
          .finally(() => setBusyId(null));
    }
  };

  const canCreate = list.data?.abilities.create;
  const canImport = list.data?.abilities.import;
  const filtered = Boolean(groupId || status !== 'all');
  const empty = filtered ? (
    <EmptyState
      title={t('fw.list.noMatchTitle')}
      hint={t('fw.list.noMatchHint')}
      actions={<Button onClick={() => update({ groupId: '', status: 'all' })}>{t('action.clearFilters')}</Button>}
    />
  ) : (
    <EmptyState
      title={t('fw.list.emptyTitle')}
      hint={canCreate ? t('fw.list.emptyHint') : t('fw.list.emptyHintReadOnly')}
      actions={
        canCreate ? (
          <Space>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('fw.action.create')}
            </Button>
            {canImport && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('fw.action.import')}
              </Button>
            )}
          </Space>
        ) : undefined
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('fw.title')}
        subtitle={t('fw.subtitle')}
        crumbs={[{ title: t('fw.title') }]}
        extra={
          <Space wrap>
            <GuardedButton allowed={canImport} whenDenied="hide" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('fw.action.import')}
            </GuardedButton>
            <GuardedButton allowed={canCreate} whenDenied="hide" type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('fw.action.create')}
            </GuardedButton>
          </Space>
        }
      />
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar" role="search">
          <Select
            aria-label={t('agency.filterGroup')}
            placeholder={t('agency.allGroups')}
            allowClear
            value={state.groupId || undefined}
            onChange={(v?: string) => update({ groupId: v ?? '' })}
            options={(groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: pickName(lang, g) }))}
            className="pi-toolbar-select"
            popupMatchSelectWidth={false}
          />
          <Select
            aria-label={t('common.statusFilter')}
            value={status}
            onChange={(v: string) => update({ status: v })}
            options={[
              { value: 'all', label: t('status.all') },
              { value: 'draft', label: t('fw.status.draft') },
              { value: 'published', label: t('fw.status.published') },
            ]}
            className="pi-toolbar-select-sm"
          />
          <span className="pi-toolbar-count" aria-live="polite">
            {list.data ? t('fw.list.count', { count: formatCount(list.data.items.length, lang) }) : ''}
          </span>
        </div>
        {list.error && !list.data ? (
          <EmptyState title={t('error.loadFailed')} hint={list.error.message} actions={<Button onClick={() => void list.refetch()}>{t('action.retry')}</Button>} />
        ) : (
          <Table<FrameworkSummary>
            size="small"
            rowKey="id"
            sticky={{ offsetHeader: 56 }}
            scroll={{ x: 900 }}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={frameworkColumns({ t, lang, onAction, busyId })}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={false}
          />
        )}
      </Card>
      <CloneModal source={cloneSource} onClose={() => setCloneSource(null)} />
      <CreateModal open={createOpen} defaults={newDefaults} onClose={() => setCreateOpen(false)} />
      {importOpen && <ImportFrameworkDialog open defaults={newDefaults} onClose={() => setImportOpen(false)} />}
    </>
  );
}
