import { CalendarOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useId } from 'react';
import { useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';

/** The assessment year every screen works on. */
export function PeriodSelect() {
  const t = useT();
  const { year, years, setYear } = usePeriod();
  const id = useId();
  return (
    <div className="pi-period">
      <CalendarOutlined aria-hidden className="pi-topbar-icon" />
      <label htmlFor={id} className="pi-period-label">
        {t('period.label')}
      </label>
      <Select<number>
        id={id}
        size="middle"
        value={year}
        onChange={setYear}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        style={{ width: 92 }}
        popupMatchSelectWidth={false}
      />
    </div>
  );
}
