import { ArrowRightOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../api/auth';
import { AgencySelect } from '../../components/agency-select';
import { canChooseAnalysisAgency, canReadProvinceAnalysis, ownAnalysisAgencyId } from '../../components/analysis-access';
import { PageHeader } from '../../components/page-header';
import { useAnalysisT } from './use-analysis-t';
import './analysis.css';

/**
 * `/analysis`: an agency's people land on their own agency's analysis; the secretariat, administrators and
 * appraisers choose an agency (or open the province view).
 */
export default function AnalysisHome() {
  const at = useAnalysisT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const own = ownAnalysisAgencyId(me);
  const year = search.get('year');
  const suffix = year ? `?year=${encodeURIComponent(year)}` : '';
  if (!canChooseAnalysisAgency(me) && own !== null) return <Navigate to={`/analysis/agencies/${own}${suffix}`} replace />;
  return (
    <>
      <PageHeader title={at('an.title')} subtitle={at('an.homeSubtitle')} crumbs={[{ title: at('an.title') }]} />
      <Card className="pi-card an-card an-home">
        <div className="an-home-row">
          <label htmlFor="an-home-agency" className="an-label">
            {at('an.chooseAgency')}
          </label>
          <AgencySelect id="an-home-agency" placeholder={at('an.chooseAgencyPlaceholder')} onChange={(id) => id !== null && void navigate(`/analysis/agencies/${id}${suffix}`)} style={{ width: 360, maxWidth: '100%' }} />
        </div>
        <Space wrap className="an-home-links">
          {own !== null && (
            <Button onClick={() => void navigate(`/analysis/agencies/${own}${suffix}`)} icon={<ArrowRightOutlined />}>
              {at('an.ownAgency')}
            </Button>
          )}
          {canReadProvinceAnalysis(me) && (
            <Button type="primary" onClick={() => void navigate(`/analysis/province${suffix}`)} icon={<ArrowRightOutlined />}>
              {at('an.toProvince')}
            </Button>
          )}
        </Space>
      </Card>
    </>
  );
}
