import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Select, Space } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../core/domain/roles';
import { useCurrentUser } from '../../api/auth';
import { ApiError } from '../../api/client';
import { type User, type UserImportResult, useImportUsers, useUpdateUser, useUsers } from '../../api/users';
import { AgencySelect } from '../../components/agency-select';
import { GuardedButton } from '../../components/guarded-button';
import { ImportDialog } from '../../components/import-dialog';
import { PageHeader } from '../../components/page-header';
import { ListView } from '../../components/list-view';
import { useListState } from '../../components/use-list-state';
import { enumParam, idParam } from '../../components/use-search-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { roleLabel } from '../../i18n/names';
import { type Credentials, CredentialsModal } from './credentials-modal';
import { ImportedUsersModal } from './imported-users-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { userColumns } from './user-columns';
import { UserDrawer } from './user-drawer';

const FILTERS = { role: '', agencyId: '', active: 'all' };
const ACTIVE = ['all', 'true', 'false'] as const;

export default function UsersPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const listState = useListState(FILTERS);
  const state = listState.values;
  const params = {
    page: listState.page,
    pageSize: listState.pageSize,
    q: listState.q,
    role: (ROLES as readonly string[]).includes(state.role) ? (state.role as Role) : undefined,
    agencyId: idParam(state.agencyId),
    active: enumParam(state.active, ACTIVE, 'all'),
  };
  const list = useUsers(params);
  const updateUser = useUpdateUser();
  const importer = useImportUsers();
  const [drawer, setDrawer] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [imported, setImported] = useState<UserImportResult | null>(null);
  const [agencyLabel, setAgencyLabel] = useState<string | null>(null);

  const items = list.data?.items ?? [];
  const withActions = items.some((u) => u.abilities.update || u.abilities.resetPassword || u.abilities.deactivate);
  const canCreate = list.data?.abilities.create;
  const canImport = list.data?.abilities.import;

  const toggleActive = (u: User) =>
    updateUser.mutate(
      { id: u.id, version: u.version, body: { isActive: !u.isActive } },
      {
        onSuccess: () => void message.success(t(u.isActive ? 'user.deactivated' : 'user.reactivated', { username: u.username })),
        onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
      },
    );

  const columns = userColumns({
    t,
    lang,
    meId: me.user.id,
    withActions,
    onEdit: (u) => setDrawer({ user: u }),
    onReset: setResetting,
    onToggleActive: toggleActive,
  });

  return (
    <>
      <PageHeader
        title={t('user.title')}
        subtitle={t('user.subtitle')}
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('user.title') }]}
        extra={
          <Space wrap>
            <GuardedButton allowed={canImport} whenDenied="hide" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('action.importExcel')}
            </GuardedButton>
            <GuardedButton allowed={canCreate} whenDenied="hide" type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ user: null })}>
              {t('user.add')}
            </GuardedButton>
          </Space>
        }
      />
      <ListView<User, keyof typeof FILTERS>
        query={list}
        state={listState}
        search={{ label: t('user.searchLabel'), placeholder: t('user.searchPlaceholder') }}
        rowKey="id"
        scroll={{ x: 1000 }}
        columns={columns}
        empty={{ title: t('user.emptyTitle'), hint: canCreate ? t('user.emptyHint') : undefined }}
        noMatch={{ title: t('user.noMatchTitle'), hint: t('user.noMatchHint') }}
        filters={
          <>
            <Select<Role>
              aria-label={t('user.filterRole')}
              placeholder={t('user.allRoles')}
              allowClear
              value={params.role}
              onChange={(v?: Role) => listState.setFilter({ role: v ?? '' })}
              options={ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
              className="pi-toolbar-select"
              popupMatchSelectWidth={false}
            />
            <AgencySelect
              aria-label={t('user.filterAgency')}
              placeholder={t('user.allAgencies')}
              value={params.agencyId ?? null}
              known={params.agencyId && agencyLabel ? [{ value: params.agencyId, label: agencyLabel }] : []}
              onChange={(v, option) => {
                setAgencyLabel(option?.label ?? null);
                listState.setFilter({ agencyId: v ?? '' });
              }}
              style={{ width: 240 }}
            />
            <Select
              aria-label={t('common.statusFilter')}
              value={params.active}
              onChange={(v: string) => listState.setFilter({ active: v })}
              options={[
                { value: 'all', label: t('status.all') },
                { value: 'true', label: t('status.active') },
                { value: 'false', label: t('user.deactivatedTag') },
              ]}
              className="pi-toolbar-select-sm"
            />
          </>
        }
      />
      <UserDrawer
        open={drawer != null}
        user={drawer?.user ?? null}
        onClose={() => setDrawer(null)}
        onCreated={(username, password) => setCredentials({ username, password, title: t('user.createdTitle', { username }) })}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(username, password) => setCredentials({ username, password, title: t('user.resetDoneTitle', { username }) })}
      />
      <CredentialsModal value={credentials} onClose={() => setCredentials(null)} />
      <ImportDialog
        open={importOpen}
        title={t('user.importTitle')}
        hint={<p>{t('user.importHint')}</p>}
        pending={importer.isPending}
        onClose={() => setImportOpen(false)}
        onImport={async (file) => {
          const r = await importer.mutateAsync(file);
          setImportOpen(false);
          setImported(r);
          return r;
        }}
      />
      <ImportedUsersModal result={imported} onClose={() => setImported(null)} />
    </>
  );
}
