import { Card, Col, Row, Table } from 'antd';
import { Link } from 'react-router';
import type { Mover } from '../../../core/domain/analysis';
import type { ProvinceAnalysis } from '../../api/analysis';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { RankChange } from '../../components/results-rank-change';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { indexCell, showIdx, signedIndex } from './analysis-format';
import { exportSubtitle } from './export-subtitle';
import { useAnalysisT } from './use-analysis-t';

/** The year's biggest climbers and fallers (agencies ranked both years), each opening its analysis. */
export function MoversCard({ data }: { data: ProvinceAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const title = data.previousYear !== null ? at('pv.movers.title', { year: data.year, previous: data.previousYear }) : at('pv.movers.titleNone');
  if (!data.movers) {
    return (
      <Card className="pi-card an-card an-movers" title={<h2 className="an-card-title">{title}</h2>}>
        <p className="pi-muted">{at('pv.movers.none', { year: data.year })}</p>
      </Card>
    );
  }
  const list = (id: string, heading: string, rows: Mover[], empty: string) => (
    <section aria-labelledby={id} className={`an-movers-list ${id}`}>
      <h3 className="an-subtitle" id={id}>
        {heading}
      </h3>
      <Table<Mover>
        size="small"
        rowKey="agencyId"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 480 }}
        aria-labelledby={id}
        locale={{ emptyText: empty }}
        columns={[
          {
            title: at('pv.col.agency'),
            key: 'agency',
            render: (_: unknown, m) => (
              <Link to={`/analysis/agencies/${m.agencyId}?year=${data.year}`} className="an-agency-link">
                {pickName(lang, m)}
              </Link>
            ),
          },
          { title: at('pv.movers.ranks'), key: 'ranks', width: 96, align: 'center', render: (_: unknown, m) => <span className="an-num">{`${m.previousRank} → ${m.rank}`}</span> },
          { title: at('pv.movers.change'), key: 'change', width: 76, align: 'center', render: (_: unknown, m) => <RankChange change={m.change} previousRank={m.previousRank} /> },
          {
            title: at('pv.movers.index'),
            key: 'index',
            width: 120,
            align: 'right',
            render: (_: unknown, m) => (
              <span className="an-num">
                {showIdx(m.totalIndex, lang, false)}{' '}
                <span className={m.indexChange === null || m.indexChange === 0 ? 'pi-muted' : m.indexChange < 0 ? 'an-down' : 'an-up'}>({signedIndex(m.indexChange, lang)})</span>
              </span>
            ),
          },
        ]}
      />
    </section>
  );
  const climbers = data.movers.climbers.filter((m) => m.change > 0);
  const fallers = data.movers.fallers.filter((m) => m.change < 0);
  const exportColumns: ExportColumnSpec<Mover>[] = [
    { key: 'kind', title: at('pv.movers.kind'), value: (m) => (m.change > 0 ? at('pv.movers.climbers') : at('pv.movers.fallers')) },
    { key: 'code', title: at('an.col.code') },
    { key: 'agency', title: at('pv.col.agency'), value: (m) => pickName(lang, m) },
    { key: 'previousRank', title: at('pv.movers.previousRank', { year: data.previousYear ?? '' }), type: 'integer' },
    { key: 'rank', title: at('pv.movers.rank', { year: data.year }), type: 'integer' },
    { key: 'change', title: at('pv.movers.change'), type: 'integer' },
    { key: 'index', title: at('pv.col.total'), type: 'percent', value: (m) => indexCell(m.totalIndex) },
    { key: 'indexChange', title: at('an.trend.indexChange'), type: 'number', value: (m) => indexCell(m.indexChange) },
  ];
  return (
    <Card
      className="pi-card an-card an-movers"
      title={<h2 className="an-card-title">{title}</h2>}
      extra={
        <ExportTableButton<Mover>
          size="small"
          className="an-no-print"
          title={title}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={[...climbers, ...fallers]}
          filename={`tang-giam-hang-${data.group.code}-${data.year}`}
        />
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12}>
          {list(
            'an-climbers',
            at('pv.movers.climbers'),
            climbers,
            at('pv.movers.noClimbers'),
          )}
        </Col>
        <Col xs={24} xl={12}>
          {list(
            'an-fallers',
            at('pv.movers.fallers'),
            fallers,
            at('pv.movers.noFallers'),
          )}
        </Col>
      </Row>
    </Card>
  );
}
