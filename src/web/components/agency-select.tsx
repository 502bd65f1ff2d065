import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useAgencies } from '../api/org';
import { useLang, useT } from '../i18n/i18n-context';
import { pickName } from '../i18n/names';
import { useDebounced } from './use-debounced';

export interface AgencyOption {
  value: number;
  label: string;
}

/**
 * Chooses one agency by typing part of its code or name (accent-insensitive search on the server). `known`
 * supplies labels of values already chosen, which may not be on the current result page.
 */
export function AgencySelect({
  id,
  value,
  onChange,
  known = [],
  excludeId,
  placeholder,
  allowClear = true,
  onlyActive = false,
  style,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null, option?: AgencyOption) => void;
  known?: AgencyOption[];
  excludeId?: number;
  placeholder?: string;
  allowClear?: boolean;
  onlyActive?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useAgencies({ page: 1, pageSize: 30, q: q || undefined, active: onlyActive ? 'true' : 'all', sort: 'code' });

  const options = useMemo(() => {
    const fromServer = (data?.items ?? [])
      .filter((a) => a.id !== excludeId)
      .map((a) => ({ value: a.id, label: `${a.code} — ${pickName(lang, a)}` }));
    const seen = new Set(fromServer.map((o) => o.value));
    const extra = known.filter((k) => !seen.has(k.value) && (value == null || k.value === value));
    return [...extra, ...fromServer];
  }, [data, known, excludeId, lang, value]);

  return (
    <Select<number | null, AgencyOption>
      id={id}
      aria-label={ariaLabel}
      value={value ?? null}
      onChange={(v, option) => onChange?.(v ?? null, Array.isArray(option) ? undefined : option)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      loading={isFetching}
      allowClear={allowClear}
      placeholder={placeholder ?? t('agency.searchPlaceholder')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatch')}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 520 } } }}
    />
  );
}
