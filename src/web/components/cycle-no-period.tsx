import { Button } from 'antd';
import { useEffect } from 'react';
import { PHASE_LABELS } from '../../core/domain/workflow';
import { usePeriods } from '../api/periods';
import { useLang, useT } from '../i18n/i18n-context';
import { usePeriod } from '../session/period-context';
import { asPhase } from './cycle-status-tag';
import { EmptyState } from './empty-state';

/** The period to offer when the selected year has none: the one in progress, else the latest one. */
function usePeriodToOffer() {
  const { years } = usePeriod();
  const periods = usePeriods();
  const items = (periods.data?.items ?? []).filter((p) => years.includes(p.year));
  return { target: items.find((p) => p.phase !== 'published' && p.phase !== 'setup') ?? items[0] ?? null, has: (y: number) => items.some((p) => p.year === y) };
}

/**
 * Lands on the period in progress when the default year (last year) has no period and the user has not chosen a
 * year: what a new installation or the demo (2013–2020 data) would otherwise open on is an empty year.
 */
export function useLandOnPeriodInProgress(): void {
  const { year, suggestYear } = usePeriod();
  const { target, has } = usePeriodToOffer();
  const missing = target !== null && !has(year);
  useEffect(() => {
    if (missing && target) suggestYear(target.year);
  }, [missing, target, suggestYear]);
}

/**
 * "This year has no period" with a way out: switch the top bar to the period in progress (or the latest one).
 */
export function CycleNoPeriod({ year }: { year: number }) {
  const t = useT();
  const { lang } = useLang();
  const { setYear } = usePeriod();
  const { target } = usePeriodToOffer();
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
