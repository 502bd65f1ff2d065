import { CalendarOutlined } from '@ant-design/icons';
import { useId } from 'react';
import { PHASE_LABELS } from '../../core/domain/workflow';
import { useLang, useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';

/**
 * The one year control (decision 0015): every screen, dialog and export reads the year chosen here. It lists only
 * years with a period or history, each with its phase. A native <select>: it is in every page's first load (antd's
 * Select would add ~40 KB gzip to it), works with the phone's own picker and the keyboard, and is labelled.
 */
export function PeriodSelect() {
  const t = useT();
  const { lang } = useLang();
  const { year, entries, setYear } = usePeriod();
  const id = useId();
  return (
    <div className="pi-period">
      <CalendarOutlined aria-hidden className="pi-topbar-icon" />
      <label htmlFor={id} className="pi-period-label pi-sr-only-narrow">
        {t('period.label')}
      </label>
      <select id={id} className="pi-period-select" data-testid="year-select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
        {entries.map((e) => (
          <option key={e.year} value={e.year}>
            {e.year}
            {e.phase ? ` · ${PHASE_LABELS[e.phase][lang]}` : e.hasHistory ? ` · ${t('period.historyOnly')}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
