import { Descriptions } from 'antd';
import type { User } from '../../api/users';
import { StatusTag } from '../../components/status-tag';
import { formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName, roleLabel } from '../../i18n/names';

/** One account, read-only (for users who may see but not change it). */
export function UserDetails({ user: u }: { user: User }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        { key: 'username', label: t('user.username'), children: <span className="pi-code">{u.username}</span> },
        { key: 'name', label: t('user.fullName'), children: u.fullName },
        { key: 'email', label: t('user.email'), children: u.email ?? '—' },
        {
          key: 'status',
          label: t('common.status'),
          children: (
            <div className="pi-tag-list">
              {u.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('user.deactivatedTag')}</StatusTag>}
              {u.isLocked && <StatusTag tone="danger">{t('user.lockedTag')}</StatusTag>}
              {u.mustChangePassword && <StatusTag tone="warn">{t('user.mustChangeTag')}</StatusTag>}
            </div>
          ),
        },
        {
          key: 'roles',
          label: t('user.roles'),
          children: (
            <ul className="pi-plain-list">
              {u.roles.map((g, i) => (
                <li key={i}>
                  {[roleLabel(lang, g.role), g.agencyNameVi && pickName(lang, { nameVi: g.agencyNameVi, nameEn: g.agencyNameEn }), g.divisionNameVi && pickName(lang, { nameVi: g.divisionNameVi, nameEn: g.divisionNameEn }), g.fieldCodes.length ? g.fieldCodes.join(', ') : null]
                    .filter(Boolean)
                    .join(' · ')}
                </li>
              ))}
            </ul>
          ),
        },
        { key: 'login', label: t('user.lastLogin'), children: u.lastLoginAt ? formatDateTime(u.lastLoginAt, lang) : t('user.never') },
      ]}
    />
  );
}
