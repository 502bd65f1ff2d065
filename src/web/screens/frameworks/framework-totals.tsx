import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { formatPointsExact } from '../../../core/domain/decimal';
import type { FrameworkTotals } from '../../../core/domain/framework';
import { useLang, useT } from '../../i18n/i18n-context';

/** "Tổng điểm: 100 / 100" with a check, or a warning when the fields do not add up to the declared total. */
export function FrameworkTotalsLine({ totals }: { totals: FrameworkTotals }) {
  const t = useT();
  const { lang } = useLang();
  const ok = totals.regularMax === totals.declaredTotal;
  const p = (u: number) => formatPointsExact(u, lang);
  const extra = [
    t('fw.meta.counts', { fields: totals.fieldCount, nodes: totals.nodeCount, leaves: totals.leafCount }),
    totals.bonusMax > 0 || totals.bonusCap > 0 ? t('fw.meta.bonus', { max: p(totals.bonusMax), cap: p(totals.bonusCap) }) : null,
    totals.deductionMax > 0 || totals.deductionCap > 0 ? t('fw.meta.deduction', { max: p(totals.deductionMax), cap: p(totals.deductionCap) }) : null,
  ].filter(Boolean);
  return (
    <Tooltip title={extra.join(' · ')}>
      <span className={`fw-total ${ok ? 'fw-total-ok' : 'fw-total-bad'}`} tabIndex={0} data-testid="fw-total">
        {ok ? <CheckCircleFilled aria-hidden /> : <WarningFilled aria-hidden />}
        {t('fw.meta.total', { sum: p(totals.regularMax), declared: p(totals.declaredTotal) })}
      </span>
    </Tooltip>
  );
}
