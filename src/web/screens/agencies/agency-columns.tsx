import { CheckCircleOutlined, EditOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import type { Agency } from '../../api/org';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { StatusTag } from '../../components/status-tag';
import { formatCount } from '../../i18n/format';
import type { MessageKey, MessageParams, Lang } from '../../i18n/translate';
import { pickName } from '../../i18n/names';

export type AgencySort = 'code' | 'nameVi' | 'group' | 'activeFromYear';

interface Options {
  t: (key: MessageKey, params?: MessageParams) => string;
  lang: Lang;
  sort: AgencySort;
  order: 'asc' | 'desc';
  onOpen: (a: Agency) => void;
  onToggleActive: (a: Agency) => void;
  togglingId: number | null;
}

/** The columns of the agencies table; sorting happens on the server (the `key` is the server's sort key). */
export function agencyColumns({ t, lang, sort, order, onOpen, onToggleActive, togglingId }: Options): ColumnsType<Agency> {
  const sortOrder = (key: AgencySort): SortOrder => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    {
      title: t('agency.code'),
      dataIndex: 'code',
      key: 'code',
      width: 104,
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (code: string) => <span className="pi-code">{code}</span>,
    },
    {
      title: t('agency.name'),
      key: 'nameVi',
      sorter: true,
      sortOrder: sortOrder('nameVi'),
      render: (_: unknown, a: Agency) => {
        const sub = [
          a.abbreviation && a.abbreviation !== a.code ? a.abbreviation : null,
          a.parentNameVi ? t('agency.under', { name: a.parentNameVi }) : null,
        ].filter(Boolean);
        return (
          <div className="pi-cell-main">
            <Button type="link" className="pi-link-cell" onClick={() => onOpen(a)}>
              {pickName(lang, a)}
            </Button>
            {sub.length > 0 && (
              <Typography.Text type="secondary" className="pi-cell-sub">
                {sub.join(' · ')}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: t('agency.group'),
      key: 'group',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('group'),
      render: (_: unknown, a: Agency) => pickName(lang, { nameVi: a.groupNameVi, nameEn: a.groupNameEn }),
    },
    {
      title: t('agency.activeYears'),
      key: 'activeFromYear',
      width: 116,
      sorter: true,
      sortOrder: sortOrder('activeFromYear'),
      render: (_: unknown, a: Agency) => `${a.activeFromYear} – ${a.activeToYear ?? t('agency.present')}`,
    },
    {
      title: t('agency.divisions'),
      dataIndex: 'divisionCount',
      key: 'divisionCount',
      width: 96,
      align: 'right',
      render: (n: number) => formatCount(n, lang),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 136,
      render: (_: unknown, a: Agency) =>
        a.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('status.inactive')}</StatusTag>,
    },
    {
      title: <span className="pi-visually-hidden">{t('common.actions')}</span>,
      key: 'actions',
      width: 84,
      fixed: 'right',
      render: (_: unknown, a: Agency) => (
        <Space size={2}>
          <Tooltip title={a.abilities.update ? t('action.edit') : t('action.view')}>
            <Button
              type="text"
              size="small"
              icon={a.abilities.update ? <EditOutlined /> : <EyeOutlined />}
              aria-label={`${a.abilities.update ? t('action.edit') : t('action.view')} ${a.code}`}
              onClick={() => onOpen(a)}
            />
          </Tooltip>
          {a.abilities.deactivate && (
            <ConfirmIconButton
              label={`${a.isActive ? t('action.deactivate') : t('action.reactivate')} ${a.code}`}
              icon={a.isActive ? <StopOutlined /> : <CheckCircleOutlined />}
              danger={a.isActive}
              loading={togglingId === a.id}
              title={t(a.isActive ? 'agency.deactivateConfirm' : 'agency.reactivateConfirm', { code: a.code })}
              description={a.isActive ? t('agency.deactivateHint') : undefined}
              okText={a.isActive ? t('action.deactivate') : t('action.reactivate')}
              onConfirm={() => onToggleActive(a)}
            />
          )}
        </Space>
      ),
    },
  ];
}
