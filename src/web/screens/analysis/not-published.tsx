import { Button, Card, Space } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from '../../api/auth';
import { usePublicIndex } from '../../api/publication';
import { EmptyState } from '../../components/empty-state';
import { useAnalysisT } from './use-analysis-t';

/**
 * The analysis reads published results only. When the year asked for (or any year) has none, say so, offer the
 * published years and the way to the results, which show provisional figures while a period runs.
 */
export function NotPublished({ year, onYear }: { year: number | undefined; onYear: (year: number) => void }) {
  const at = useAnalysisT();
  const me = useCurrentUser();
  const index = usePublicIndex(me.province.code);
  const years = (index.data?.years ?? []).map((y) => y.year).filter((y) => y !== year);
  const none = index.isSuccess && index.data.years.length === 0;
  return (
    <Card className="pi-card">
      <EmptyState
        title={year !== undefined && !none ? at('an.notPublishedYear', { year }) : at('an.notPublished')}
        hint={years.length > 0 ? at('an.notPublishedChoose') : at('an.notPublishedHint')}
        actions={
          <Space wrap>
            {[...new Set(years)].slice(0, 6).map((y) => (
              <Button key={y} onClick={() => onYear(y)}>
                {at('an.seeYear', { year: y })}
              </Button>
            ))}
            <Link to="/results">{at('an.toResults')}</Link>
          </Space>
        }
      />
    </Card>
  );
}
