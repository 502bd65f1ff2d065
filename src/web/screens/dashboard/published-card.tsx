import { BarChartOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { PeriodView } from '../../api/periods';
import { useT } from '../../i18n/i18n-context';

/**
 * What a finalised or published year leads with on home: the results and the way into the analysis (nobody is late
 * any more, and there is nothing left to appraise).
 */
export function ResultsEntry({ period, analysisTo }: { period: PeriodView; analysisTo: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const published = period.phase === 'published';
  return (
    <div className="pi-dash-results" data-testid="home-results">
      <Typography.Paragraph className="pi-dash-results-title">
        <strong>{published ? t('dash.publishedTitle', { year: period.year }) : t('dash.finalisedTitle', { year: period.year })}</strong>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{published ? t('dash.publishedHint') : t('dash.finalisedHint')}</Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<BarChartOutlined />} onClick={() => void navigate(`/results?year=${period.year}`)}>
          {t('dash.seeResults')}
        </Button>
        {published && analysisTo && (
          <Button icon={<FundProjectionScreenOutlined />} onClick={() => void navigate(analysisTo)}>
            {t('anav.seeAnalysis')}
          </Button>
        )}
      </Space>
    </div>
  );
}
