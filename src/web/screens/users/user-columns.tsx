import { CheckCircleOutlined, EditOutlined, EyeOutlined, KeyOutlined, LockOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { User } from '../../api/users';
import { ConfirmIconButton } from '../../components/confirm-icon-button';
import { GuardedButton } from '../../components/guarded-button';
import { StatusTag } from '../../components/status-tag';
import { formatDateTime } from '../../i18n/format';
import { pickName, roleLabel } from '../../i18n/names';
import type { Lang, MessageKey, MessageParams } from '../../i18n/translate';

interface Options {
  t: (key: MessageKey, params?: MessageParams) => string;
  lang: Lang;
  meId: number;
  withActions: boolean;
  onEdit: (u: User) => void;
  onReset: (u: User) => void;
  onToggleActive: (u: User) => void;
}

function RolesCell({ user, lang }: { user: User; lang: Lang }) {
  return (
    <div className="pi-tag-list">
      {user.roles.map((g, i) => (
        <Tag key={i} className="pi-role-tag">
          {roleLabel(lang, g.role)}
          {g.divisionNameVi ? ` · ${pickName(lang, { nameVi: g.divisionNameVi, nameEn: g.divisionNameEn })}` : g.agencyNameVi ? ` · ${pickName(lang, { nameVi: g.agencyNameVi, nameEn: g.agencyNameEn })}` : ''}
          {g.fieldCodes.length > 0 ? ` · ${g.fieldCodes.join(', ')}` : ''}
        </Tag>
      ))}
    </div>
  );
}

function StatusCell({ user, t, lang }: { user: User; t: Options['t']; lang: Lang }) {
  return (
    <div className="pi-tag-list">
      {user.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('user.deactivatedTag')}</StatusTag>}
      {user.isLocked && (
        <Tooltip title={t('user.lockedUntil', { time: formatDateTime(user.lockedUntil, lang) })}>
          <span>
            <StatusTag tone="danger" icon={<LockOutlined />}>
              {t('user.lockedTag')}
            </StatusTag>
          </span>
        </Tooltip>
      )}
      {user.mustChangePassword && user.isActive && <StatusTag tone="warn">{t('user.mustChangeTag')}</StatusTag>}
    </div>
  );
}

/** The columns of the users table. */
export function userColumns(o: Options): ColumnsType<User> {
  const { t, lang } = o;
  const cols: ColumnsType<User> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      key: 'username',
      width: 160,
      render: (u: string, row: User) => (
        <Button type="link" className="pi-link-cell pi-code" onClick={() => o.onEdit(row)}>
          {u}
        </Button>
      ),
    },
    {
      title: t('user.fullName'),
      key: 'fullName',
      width: 220,
      render: (_: unknown, u: User) => (
        <div className="pi-cell-main">
          <span>{u.fullName}</span>
          {u.email && (
            <Typography.Text type="secondary" className="pi-cell-sub">
              {u.email}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('user.roles'), key: 'roles', render: (_: unknown, u: User) => <RolesCell user={u} lang={lang} /> },
    { title: t('common.status'), key: 'status', width: 190, render: (_: unknown, u: User) => <StatusCell user={u} t={t} lang={lang} /> },
    {
      title: t('user.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 140,
      render: (v: string | null) => (v ? formatDateTime(v, lang) : <Typography.Text type="secondary">{t('user.never')}</Typography.Text>),
    },
  ];
  if (!o.withActions) return cols;
  cols.push({
    title: <span className="pi-visually-hidden">{t('common.actions')}</span>,
    key: 'actions',
    width: 120,
    fixed: 'right',
    render: (_: unknown, u: User) => {
      const self = u.id === o.meId;
      const toggleAllowed = u.isActive ? u.abilities.deactivate : u.abilities.update;
      return (
        <Space size={2}>
          <Tooltip title={u.abilities.update ? t('action.edit') : t('action.view')}>
            <Button
              type="text"
              size="small"
              icon={u.abilities.update ? <EditOutlined /> : <EyeOutlined />}
              aria-label={`${u.abilities.update ? t('action.edit') : t('action.view')} ${u.username}`}
              onClick={() => o.onEdit(u)}
            />
          </Tooltip>
          {u.abilities.resetPassword ? (
            <Tooltip title={t('user.resetPassword')}>
              <Button
                type="text"
                size="small"
                icon={<KeyOutlined />}
                aria-label={`${t('user.resetPassword')} ${u.username}`}
                onClick={() => o.onReset(u)}
              />
            </Tooltip>
          ) : (
            <GuardedButton allowed={false} type="text" size="small" icon={<KeyOutlined />} aria-label={`${t('user.resetPassword')} ${u.username}`} />
          )}
          {toggleAllowed ? (
            <ConfirmIconButton
              label={`${u.isActive ? t('action.deactivate') : t('action.reactivate')} ${u.username}`}
              icon={u.isActive ? <StopOutlined /> : <CheckCircleOutlined />}
              danger={u.isActive}
              title={t(u.isActive ? 'user.deactivateConfirm' : 'user.reactivateConfirm', { username: u.username })}
              description={u.isActive ? t('user.deactivateHint') : undefined}
              okText={u.isActive ? t('action.deactivate') : t('action.reactivate')}
              onConfirm={() => o.onToggleActive(u)}
            />
          ) : (
            <GuardedButton
              allowed={false}
              deniedReason={self ? t('user.cannotDeactivateSelf') : undefined}
              type="text"
              size="small"
              icon={<StopOutlined />}
              aria-label={`${t('action.deactivate')} ${u.username}`}
            />
          )}
        </Space>
      );
    },
  });
  return cols;
}
