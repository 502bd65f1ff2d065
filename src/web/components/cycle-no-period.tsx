import { Button } from 'antd';
import { PHASE_LABELS } from '../../core/domain/workflow';
import { useLang, useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';
import { EmptyState } from './empty-state';

/** The year to offer when the selected one has no period: the default year (period in progress, else latest published). */
function usePeriodToOffer() {
  const { entries, defaultYear, year } = usePeriod();
  const withPeriod = entries.filter((e) => e.phase !== null && e.year !== year);
  return withPeriod.find((e) => e.year === defaultYear) ?? withPeriod[0] ?? null;
}

/**
 * "This year has no period" with a way out: switch the top bar to the period in progress (or the latest one).
 */
export function CycleNoPeriod({ year }: { year: number }) {
  const t = useT();
  const { lang } = useLang();
  const { setYear } = usePeriod();
  const target = usePeriodToOffer();
  return (
    <EmptyState
      title={t('assess.noPeriod', { year })}
      hint={target?.phase ? t('cycle.otherPeriod', { year: target.year, phase: PHASE_LABELS[target.phase][lang] }) : t('assess.noPeriodHint')}
      actions={
        target ? (
          <Button type="primary" onClick={() => setYear(target.year)} data-testid="switch-year">
            {t('cycle.switchYear', { year: target.year })}
          </Button>
        ) : undefined
      }
    />
  );
}
