import { Descriptions } from 'antd';
import type { Agency } from '../../api/org';
import { StatusTag } from '../../components/status-tag';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

/** One agency, read-only (for users who may see but not change it). */
export function AgencyDetails({ agency: a }: { agency: Agency }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={[
        { key: 'code', label: t('agency.code'), children: <span className="pi-code">{a.code}</span> },
        { key: 'abbr', label: t('agency.abbreviation'), children: a.abbreviation || '—' },
        { key: 'vi', label: t('agency.nameVi'), children: a.nameVi },
        { key: 'en', label: t('agency.nameEn'), children: a.nameEn },
        { key: 'group', label: t('agency.group'), children: pickName(lang, { nameVi: a.groupNameVi, nameEn: a.groupNameEn }) },
        { key: 'parent', label: t('agency.parent'), children: a.parentNameVi ?? '—' },
        { key: 'years', label: t('agency.activeYears'), children: `${a.activeFromYear} – ${a.activeToYear ?? t('agency.present')}` },
        { key: 'divisions', label: t('agency.divisions'), children: formatCount(a.divisionCount, lang) },
        {
          key: 'status',
          label: t('common.status'),
          children: a.isActive ? <StatusTag tone="ok">{t('status.active')}</StatusTag> : <StatusTag tone="off">{t('status.inactive')}</StatusTag>,
        },
      ]}
    />
  );
}
