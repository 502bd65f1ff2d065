import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Table } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { type Agency, exportAgencies, useAgencies, useAgencyGroups, useImportAgencies, useSaveAgency } from '../../api/org';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { ImportDialog } from '../../components/import-dialog';
import { PageHeader } from '../../components/page-header';
import { enumParam, idParam, intParam, useClampPage, useSearchState } from '../../components/use-search-state';
import { SearchBox } from '../../components/search-box';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { AgencyDrawer } from './agency-drawer';
import { type AgencySort, agencyColumns } from './agency-columns';
import { DivisionsPanel } from './divisions-panel';
import { ImportAgenciesHint } from './import-hint';

const SORTS = ['code', 'nameVi', 'group', 'activeFromYear'] as const;
const ACTIVE = ['all', 'true', 'false'] as const;
const DEFAULTS = { page: '1', pageSize: '50', q: '', groupId: '', active: 'all', sort: 'code', order: 'asc' };

export default function AgenciesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [state, update] = useSearchState(DEFAULTS);
  const params = {
    page: intParam(state.page, 1),
    pageSize: Math.min(intParam(state.pageSize, 50), 200),
    q: state.q || undefined,
    groupId: idParam(state.groupId),
    active: enumParam(state.active, ACTIVE, 'all'),
    sort: enumParam(state.sort, SORTS, 'code'),
    order: enumParam(state.order, ['asc', 'desc'] as const, 'asc'),
  };
  const list = useAgencies(params);
  useClampPage(list.data, params.page, params.pageSize, update);
  const groups = useAgencyGroups();
  const save = useSaveAgency();
  const importer = useImportAgencies();

  const [drawer, setDrawer] = useState<{ agency: Agency | null } | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [togglingId, setTogglingId] = useState<number | null>(null);

  const toggleActive = (a: Agency) => {
    setTogglingId(a.id);
    save.mutate(
      { id: a.id, version: a.version, body: { isActive: !a.isActive } },
      {
        onSuccess: () => void message.success(t(a.isActive ? 'agency.deactivated' : 'agency.reactivated', { code: a.code })),
        onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
        onSettled: () => setTogglingId(null),
      },
    );
  };

  const runExport = async () => {
    setExporting(true);
    try {
      const name = await exportAgencies();
      void message.success(t('export.done', { name }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };

  const columns = agencyColumns({
    t,
    lang,
    sort: params.sort,
    order: params.order,
    onOpen: (a) => setDrawer({ agency: a }),
    onToggleActive: toggleActive,
    togglingId,
  });

  const filtered = Boolean(params.q || params.groupId || params.active !== 'all');
  const canCreate = list.data?.abilities.create;
  const canImport = list.data?.abilities.import;
  const groupOptions = (groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: pickName(lang, g) }));

  const empty = filtered ? (
    <EmptyState
      title={t('agency.noMatchTitle')}
      hint={t('agency.noMatchHint')}
      actions={<Button onClick={() => update({ q: '', groupId: '', active: 'all', page: 1 })}>{t('action.clearFilters')}</Button>}
    />
  ) : (
    <EmptyState
      title={t('agency.emptyTitle')}
      hint={canCreate ? t('agency.emptyHint') : t('agency.emptyHintReadOnly')}
      actions={
        canCreate ? (
          <Space>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ agency: null })}>
              {t('agency.add')}
            </Button>
            {canImport && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('action.importExcel')}
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
        title={t('agency.title')}
        subtitle={t('agency.subtitle')}
        crumbs={[{ title: t('nav.groupOrganisation') }, { title: t('agency.title') }]}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void runExport()}>
              {t('action.exportExcel')}
            </Button>
            <GuardedButton allowed={canImport} whenDenied="hide" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('action.importExcel')}
            </GuardedButton>
            <GuardedButton
              allowed={canCreate}
              whenDenied="hide"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ agency: null })}
            >
              {t('agency.add')}
            </GuardedButton>
          </Space>
        }
      />
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar" role="search">
          <SearchBox
            label={t('agency.searchLabel')}
            placeholder={t('agency.searchPlaceholder')}
            value={state.q}
            onSearch={(q) => update({ q, page: 1 })}
            className="pi-toolbar-search"
          />
          <Select
            aria-label={t('agency.filterGroup')}
            placeholder={t('agency.allGroups')}
            allowClear
            value={state.groupId || undefined}
            onChange={(v?: string) => update({ groupId: v ?? '', page: 1 })}
            options={groupOptions}
            className="pi-toolbar-select"
            popupMatchSelectWidth={false}
          />
          <Select
            aria-label={t('common.statusFilter')}
            value={params.active}
            onChange={(v: string) => update({ active: v, page: 1 })}
            options={[
              { value: 'all', label: t('status.all') },
              { value: 'true', label: t('status.active') },
              { value: 'false', label: t('status.inactive') },
            ]}
            className="pi-toolbar-select-sm"
          />
          <span className="pi-toolbar-count" aria-live="polite">
            {list.data ? t('table.count', { count: formatCount(list.data.total, lang) }) : ''}
          </span>
        </div>
        {list.error && !list.data ? (
          <EmptyState title={t('error.loadFailed')} hint={list.error.message} actions={<Button onClick={() => void list.refetch()}>{t('action.retry')}</Button>} />
        ) : (
          <Table<Agency>
            size="small"
            rowKey="id"
            sticky={{ offsetHeader: 56 }}
            scroll={{ x: 980 }}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            expandable={{ expandedRowRender: (a) => <DivisionsPanel agency={a} />, columnWidth: 40 }}
            locale={{ emptyText: list.isPending ? ' ' : empty }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total, [from, to]) => t('table.range', { from, to, total: formatCount(total, lang) }),
            }}
            onChange={(pagination, _filters, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Agency> | undefined;
              const key = s?.order ? (String(s.columnKey) as AgencySort) : 'code';
              update({
                page: pagination.pageSize !== params.pageSize ? 1 : pagination.current,
                pageSize: pagination.pageSize,
                sort: key,
                order: s?.order === 'descend' ? 'desc' : 'asc',
              });
            }}
          />
        )}
      </Card>
      <AgencyDrawer open={drawer != null} agency={drawer?.agency ?? null} onClose={() => setDrawer(null)} />
      <ImportDialog
        open={importOpen}
        title={t('agency.importTitle')}
        hint={<ImportAgenciesHint />}
        pending={importer.isPending}
        onClose={() => setImportOpen(false)}
        onImport={async (file) => {
          const r = await importer.mutateAsync(file);
          void message.success(t('agency.imported', { rows: r.rows, created: r.created, updated: r.updated }));
          setImportOpen(false);
          return r;
        }}
      />
    </>
  );
}
