import { Input, type InputProps } from 'antd';
import { formatPointsExact, tryParsePoints } from '../../../core/domain/decimal';
import type { Lang } from '../../i18n/translate';

/** A decimal text as a reader sees it: "1,5" in Vietnamese, "1.5" in English; "—" when it is not a number. */
export function showDecimal(value: string | undefined, lang: Lang): string {
  if (value === undefined || value === '') return '—';
  const u = tryParsePoints(value);
  return u === null ? value : formatPointsExact(u, lang);
}

/**
 * A text input for a decimal kept as text (points, percents): shown with the language's decimal mark, stored
 * with a point, so "1,5" typed in Vietnamese is saved as "1.5". Validation is the core validator's, shown by
 * the caller next to the field.
 */
export function DecimalInput({
  value,
  onChange,
  lang,
  ...rest
}: Omit<InputProps, 'value' | 'onChange'> & { value: string | undefined; onChange: (v: string) => void; lang: Lang }) {
  const shown = lang === 'vi' ? (value ?? '').replace('.', ',') : (value ?? '');
  return (
    <Input
      {...rest}
      inputMode="decimal"
      autoComplete="off"
      value={shown}
      onChange={(e) => onChange(e.target.value.replace(/\s+/g, '').replace(',', '.'))}
    />
  );
}
