import { CalendarOutlined } from '@ant-design/icons';
import { useId } from 'react';
import { useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';

/**
 * The assessment year every screen works on. A native <select>: it is in every page's first load (antd's Select
 * would add ~40 KB gzip to it), works with the phone's own picker and the keyboard, and is labelled for screen readers.
 */
export function PeriodSelect() {
  const t = useT();
  const { year, years, setYear } = usePeriod();
  const id = useId();
  return (
    <div className="pi-period">
      <CalendarOutlined aria-hidden className="pi-topbar-icon" />
      <label htmlFor={id} className="pi-period-label pi-sr-only-narrow">
        {t('period.label')}
      </label>
      <select id={id} className="pi-period-select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}
