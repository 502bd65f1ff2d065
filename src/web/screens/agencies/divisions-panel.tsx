import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { type Agency, type Division, useDivisions, useSaveDivision } from '../../api/org';
import { EmptyState } from '../../components/empty-state';
import { StatusTag } from '../../components/status-tag';
import { GuardedButton } from '../../components/guarded-button';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { DivisionModal } from './division-modal';

/** The divisions (phòng) of one agency, shown when its row is expanded. */
export function DivisionsPanel({ agency }: { agency: Agency }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { data, isPending, error } = useDivisions(agency.id);
  const save = useSaveDivision(agency.id);
  const [editing, setEditing] = useState<{ division: Division | null } | null>(null);
  const canCreate = data?.abilities.create === true;
  const agencyLabel = `${agency.code} — ${pickName(lang, agency)}`;

  const toggle = (d: Division) =>
    save.mutate(
      { id: d.id, version: d.version, body: { isActive: !d.isActive } },
      {
        onSuccess: () => void message.success(t(d.isActive ? 'division.deactivated' : 'division.reactivated', { code: d.code })),
        onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
      },
    );

  return (
    <div className="pi-divisions">
      <div className="pi-divisions-head">
        <Typography.Text strong>{t('division.listTitle', { count: data?.items.length ?? 0 })}</Typography.Text>
        <GuardedButton
          allowed={canCreate}
          whenDenied="hide"
          size="small"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ division: null })}
        >
          {t('division.add')}
        </GuardedButton>
      </div>
      {error ? (
        <Typography.Text type="danger">{error.message}</Typography.Text>
      ) : (
        <Table<Division>
          size="small"
          rowKey="id"
          loading={isPending}
          dataSource={data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <EmptyState
                title={t('division.emptyTitle')}
                hint={canCreate ? t('division.emptyHint') : t('division.emptyHintReadOnly')}
              />
            ),
          }}
          columns={[
            { title: t('division.code'), dataIndex: 'code', width: 120 },
            { title: t('division.name'), key: 'name', render: (_: unknown, d: Division) => pickName(lang, d) },
            {
              title: t('common.status'),
              key: 'status',
              width: 140,
              render: (_: unknown, d: Division) =>
                d.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('status.inactive')}</StatusTag>,
            },
            {
              title: <span className="pi-visually-hidden">{t('common.actions')}</span>,
              key: 'actions',
              width: 190,
              render: (_: unknown, d: Division) =>
                d.abilities.update ? (
                  <Space size={4}>
                    <Tooltip title={t('action.edit')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        aria-label={`${t('action.edit')} ${d.code}`}
                        onClick={() => setEditing({ division: d })}
                      />
                    </Tooltip>
                    <Popconfirm
                      title={t(d.isActive ? 'division.deactivateConfirm' : 'division.reactivateConfirm', { code: d.code })}
                      okText={t('action.confirm')}
                      cancelText={t('action.cancel')}
                      onConfirm={() => toggle(d)}
                    >
                      <Button size="small" type="link">
                        {d.isActive ? t('action.deactivate') : t('action.reactivate')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      <DivisionModal
        open={editing != null}
        agencyId={agency.id}
        agencyLabel={agencyLabel}
        division={editing?.division ?? null}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
