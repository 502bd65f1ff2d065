import { Select } from 'antd';
import { useDivisions } from '../api/org';
import { useLang, useT } from '../i18n/i18n-context';
import { pickName } from '../i18n/names';
import { foldFilter } from './fold-filter';

/** Chooses a division (phòng) of one agency. */
export function DivisionSelect({
  id,
  agencyId,
  value,
  onChange,
  knownLabel,
}: {
  id?: string;
  agencyId: number | null | undefined;
  value?: number | null;
  onChange?: (value: number | null) => void;
  knownLabel?: string | null;
}) {
  const t = useT();
  const { lang } = useLang();
  const { data, isFetching } = useDivisions(agencyId);
  const options = (data?.items ?? []).map((d) => ({
    value: d.id,
    label: `${d.code} — ${pickName(lang, d)}${d.isActive ? '' : ` (${t('status.inactive').toLowerCase()})`}`,
  }));
  if (value != null && knownLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: knownLabel });
  return (
    <Select<number | null>
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={isFetching}
      disabled={agencyId == null}
      allowClear
      showSearch={{ filterOption: foldFilter }}
      placeholder={agencyId == null ? t('user.chooseAgencyFirst') : t('user.chooseDivision')}
      notFoundContent={t('division.none')}
    />
  );
}
