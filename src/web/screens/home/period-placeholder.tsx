import { Card, Steps, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context';
import { usePeriod } from '../../session/period-context';

/**
 * The "Kỳ đánh giá" area: until periods exist, it explains the yearly cycle the selected year will follow, so the
 * space tells users what will appear here rather than staying blank.
 */
export function PeriodPlaceholder() {
  const t = useT();
  const { year } = usePeriod();
  const steps = [
    t('cycle.framework'),
    t('cycle.selfAssessment'),
    t('cycle.appraisal'),
    t('cycle.explanation'),
    t('cycle.survey'),
    t('cycle.index'),
    t('cycle.publication'),
  ];
  return (
    <Card
      className="pi-card"
      title={
        <Typography.Title level={2} className="pi-card-title">
          {t('home.periodTitle', { year })}
        </Typography.Title>
      }
    >
      <Typography.Paragraph className="pi-period-empty">{t('home.periodEmpty', { year })}</Typography.Paragraph>
      <Steps
        size="small"
        current={-1}
        className="pi-cycle"
        items={steps.map((title) => ({ title, status: 'wait' as const }))}
      />
    </Card>
  );
}
