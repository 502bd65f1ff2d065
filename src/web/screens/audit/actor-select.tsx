import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useUsers } from '../../api/users';
import { useDebounced } from '../../components/use-debounced';
import { useT } from '../../i18n/i18n-context';

/** Chooses a user (the actor of audit entries) by typing part of the name or username. */
export function ActorSelect({
  value,
  onChange,
  knownLabel,
}: {
  value: number | undefined;
  onChange: (id: number | undefined, label: string | null) => void;
  knownLabel: string | null;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useUsers({ page: 1, pageSize: 20, q: q || undefined, active: 'all' });
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }));
    if (value != null && knownLabel && !list.some((o) => o.value === value)) list.unshift({ value, label: knownLabel });
    return list;
  }, [data, value, knownLabel]);
  return (
    <Select<number>
      aria-label={t('audit.filterActor')}
      placeholder={t('audit.allActors')}
      allowClear
      value={value}
      options={options}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(v, option) => onChange(v ?? undefined, option && !Array.isArray(option) ? String(option.label) : null)}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatch')}
      style={{ width: 220 }}
      popupMatchSelectWidth={false}
    />
  );
}
