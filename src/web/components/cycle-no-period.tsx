import { Button } from 'antd';
import { PHASE_LABELS } from '../../core/domain/workflow';
import { usePeriods } from '../api/periods';
import { useLang, useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';
import { asPhase } from './cycle-status-tag';
import { EmptyState } from './empty-state';

/**
 * "This year has no period" with a way out: switch the top bar to the period in progress (or the latest one).
 */
export function CycleNoPeriod({ year }: { year: number }) {
  const t = useT();
  const { lang } = useLang();
  const { setYear, years } = usePeriod();
  const periods = usePeriods();
  const items = (periods.data?.items ?? []).filter((p) => years.includes(p.year));
  const target = items.find((p) => p.phase !== 'published' && p.phase !== 'setup') ?? items[0] ?? null;
  return (
    <EmptyState
      title={t('assess.noPeriod', { year })}
      hint={target ? t('cycle.otherPeriod', { year: target.year, phase: PHASE_LABELS[asPhase(target.phase)][lang] }) : t('assess.noPeriodHint')}
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
