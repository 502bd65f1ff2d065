import { CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { type AgencyGroup, useAgencyGroups, useSaveAgencyGroup } from '../../api/org';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { EmptyState } from '../../components/empty-state';
import { StatusTag } from '../../components/status-tag';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { AgencyGroupModal } from './agency-group-modal';

export default function AgencyGroupsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { data, isPending, error, refetch } = useAgencyGroups();
  const save = useSaveAgencyGroup();
  const [editing, setEditing] = useState<{ group: AgencyGroup | null } | null>(null);
  const canCreate = data?.abilities.create;

  const toggle = (g: AgencyGroup) =>
    save.mutate(
      { id: g.id, version: g.version, body: { isActive: !g.isActive } },
      {
        onSuccess: () => void message.success(t(g.isActive ? 'group.deactivated' : 'group.reactivated', { code: g.code })),
        onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
      },
    );

  return (
    <>
      <PageHeader
        title={t('group.title')}
        subtitle={t('group.subtitle')}
        crumbs={[{ title: t('nav.groupOrganisation') }, { title: t('group.title') }]}
        extra={
          <GuardedButton
            allowed={canCreate}
            whenDenied="hide"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ group: null })}
          >
            {t('group.add')}
          </GuardedButton>
        }
      />
      <Card className="pi-card pi-table-card">
        {error && !data ? (
          <EmptyState title={t('error.loadFailed')} hint={error.message} actions={<Button onClick={() => void refetch()}>{t('action.retry')}</Button>} />
        ) : (
          <Table<AgencyGroup>
            size="small"
            rowKey="id"
            loading={isPending}
            dataSource={data?.items ?? []}
            pagination={false}
            sticky={{ offsetHeader: 56 }}
            locale={{
              emptyText: isPending ? ' ' : (
                <EmptyState
                  title={t('group.emptyTitle')}
                  hint={canCreate ? t('group.emptyHint') : t('group.emptyHintReadOnly')}
                  actions={
                    canCreate ? (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: null })}>
                        {t('group.add')}
                      </Button>
                    ) : undefined
                  }
                />
              ),
            }}
            columns={[
              { title: t('group.position'), dataIndex: 'position', width: 90, align: 'right' },
              { title: t('group.code'), dataIndex: 'code', width: 140, render: (c: string) => <span className="pi-code">{c}</span> },
              { title: t('group.name'), key: 'name', render: (_: unknown, g: AgencyGroup) => pickName(lang, g) },
              {
                title: t('group.agencyCount'),
                dataIndex: 'agencyCount',
                width: 140,
                align: 'right',
                render: (n: number, g: AgencyGroup) => <Link to={`/admin/agencies?groupId=${g.id}`}>{formatCount(n, lang)}</Link>,
              },
              {
                title: t('common.status'),
                key: 'status',
                width: 150,
                render: (_: unknown, g: AgencyGroup) =>
                  g.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('status.inactive')}</StatusTag>,
              },
              {
                title: <span className="pi-visually-hidden">{t('common.actions')}</span>,
                key: 'actions',
                width: 100,
                render: (_: unknown, g: AgencyGroup) =>
                  g.abilities.update ? (
                    <Space size={2}>
                      <Tooltip title={t('action.edit')}>
                        <Button type="text" size="small" icon={<EditOutlined />} aria-label={`${t('action.edit')} ${g.code}`} onClick={() => setEditing({ group: g })} />
                      </Tooltip>
                      <ConfirmIconButton
                        label={`${g.isActive ? t('action.deactivate') : t('action.reactivate')} ${g.code}`}
                        icon={g.isActive ? <StopOutlined /> : <CheckCircleOutlined />}
                        danger={g.isActive}
                        title={t(g.isActive ? 'group.deactivateConfirm' : 'group.reactivateConfirm', { code: g.code })}
                        description={g.isActive ? t('group.deactivateHint') : undefined}
                        okText={g.isActive ? t('action.deactivate') : t('action.reactivate')}
                        onConfirm={() => toggle(g)}
                      />
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <AgencyGroupModal open={editing != null} group={editing?.group ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
