import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { type Agency, exportAgencies, useAgencies, useAgencyGroups, useImportAgencies, useSaveAgency } from '../../api/org';
import { GuardedButton } from '../../components/guarded-button';
import { ImportDialog } from '../../components/import-dialog';
import { PageHeader } from '../../components/page-header';
import { ListView } from '../../components/list-view';
import { useListState } from '../../components/use-list-state';
import { enumParam, idParam } from '../../components/use-search-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { AgencyDrawer } from './agency-drawer';
import { type AgencySort, agencyColumns } from './agency-columns';
import { DivisionsPanel } from './divisions-panel';
import { ImportAgenciesHint } from './import-hint';

const SORTS = ['code', 'nameVi', 'group', 'activeFromYear'] as const;
const ACTIVE = ['all', 'true', 'false'] as const;
const FILTERS = { groupId: '', active: 'all' };
const SORT_DEFAULTS = { sort: 'code', order: 'asc' };

export default function AgenciesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const listState = useListState(FILTERS, SORT_DEFAULTS);
  const state = listState.values;
  const params = {
    page: listState.page,
    pageSize: listState.pageSize,
    q: listState.q,
    groupId: idParam(state.groupId),
    active: enumParam(state.active, ACTIVE, 'all'),
    sort: enumParam(state.sort, SORTS, 'code'),
    order: enumParam(state.order, ['asc', 'desc'] as const, 'asc'),
  };
  const list = useAgencies(params);
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

  const canCreate = list.data?.abilities.create;
  const canImport = list.data?.abilities.import;
  const groupOptions = (groups.data?.items ?? []).map((g) => ({ value: String(g.id), label: pickName(lang, g) }));

  const emptyActions = canCreate ? (
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
  ) : undefined;

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
      <ListView<Agency, keyof typeof FILTERS | keyof typeof SORT_DEFAULTS>
        query={list}
        state={listState}
        search={{ label: t('agency.searchLabel'), placeholder: t('agency.searchPlaceholder') }}
        filters={
          <>
            <Select
              aria-label={t('agency.filterGroup')}
              placeholder={t('agency.allGroups')}
              allowClear
              value={state.groupId || undefined}
              onChange={(v?: string) => listState.setFilter({ groupId: v ?? '' })}
              options={groupOptions}
              className="pi-toolbar-select"
              popupMatchSelectWidth={false}
            />
            <Select
              aria-label={t('common.statusFilter')}
              value={params.active}
              onChange={(v: string) => listState.setFilter({ active: v })}
              options={[
                { value: 'all', label: t('status.all') },
                { value: 'true', label: t('status.active') },
                { value: 'false', label: t('status.inactive') },
              ]}
              className="pi-toolbar-select-sm"
            />
          </>
        }
        empty={{ title: t('agency.emptyTitle'), hint: canCreate ? t('agency.emptyHint') : t('agency.emptyHintReadOnly'), actions: emptyActions }}
        noMatch={{ title: t('agency.noMatchTitle'), hint: t('agency.noMatchHint') }}
        columns={columns}
        rowKey="id"
        scroll={{ x: 980 }}
        expandable={{ expandedRowRender: (a) => <DivisionsPanel agency={a} />, columnWidth: 40 }}
        sortValues={(s) => ({ sort: s?.order ? (String(s.columnKey) as AgencySort) : 'code', order: s?.order === 'descend' ? 'desc' : 'asc' })}
      />
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
