import { Card, Table } from 'antd';
import type { WeakField, WeakLeaf } from '../../../core/domain/analysis';
import type { ProvinceAnalysis } from '../../api/analysis';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { indexCell, pointsCell, showIdx, showUnits } from './analysis-format';
import { exportSubtitle } from './export-subtitle';
import { LeafNameCell } from './leaf-name-cell';
import { useAnalysisT } from './use-analysis-t';

/** A share of the maximum lost (hundredths of a percent) as a bar and its figure. */
function LostShare({ value }: { value: number }) {
  const { lang } = useLang();
  return (
    <span className="an-share an-share-loss">
      {value > 0 && <span className="an-share-bar" aria-hidden style={{ width: `${Math.min(100, value / 100)}%` }} />}
      <span className="an-num">{showIdx(value, lang)}</span>
    </span>
  );
}

/** The fields where the group lost the largest share of their maximum on average, weakest first. */
export function WeakestFieldsCard({ data }: { data: ProvinceAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const exportColumns: ExportColumnSpec<WeakField>[] = [
    { key: 'field', title: at('an.col.field'), value: (f) => `${f.code}. ${pickName(lang, f)}` },
    { key: 'meanLost', title: at('pv.weak.meanLost'), type: 'percent', value: (f) => indexCell(f.meanLost) },
    { key: 'lostPoints', title: at('pv.weak.lostPoints'), type: 'number', value: (f) => pointsCell(f.lostPoints) },
    { key: 'agencies', title: at('pv.weak.agencies'), type: 'integer' },
  ];
  return (
    <Card
      className="pi-card an-card an-weak-fields"
      title={<h2 className="an-card-title" id="an-weak-fields-title">{at('pv.weak.fieldsTitle')}</h2>}
      extra={
        <ExportTableButton<WeakField>
          size="small"
          className="an-no-print"
          title={at('pv.weak.fieldsTitle')}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={data.weakestFields}
          filename={`linh-vuc-yeu-${data.group.code}-${data.year}`}
        />
      }
    >
      <p className="an-card-lead pi-muted">{at('pv.weak.fieldsLead')}</p>
      <Table<WeakField>
        className="an-table"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={data.weakestFields}
        scroll={{ x: 480 }}
        aria-labelledby="an-weak-fields-title"
        columns={[
          { title: at('an.col.field'), key: 'name', render: (_: unknown, f) => `${f.code}. ${pickName(lang, f)}` },
          { title: at('pv.weak.meanLost'), key: 'meanLost', width: 150, render: (_: unknown, f) => <LostShare value={f.meanLost} /> },
          { title: at('pv.weak.lostPoints'), key: 'lostPoints', width: 96, align: 'right', render: (_: unknown, f) => <span className="an-num">{showUnits(f.lostPoints, lang)}</span> },
        ]}
      />
    </Card>
  );
}

/** The leaves where the group lost the largest share of their maximum, weakest first, with how many agencies lost there. */
export function WeakestLeavesCard({ data }: { data: ProvinceAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const fieldName = (code: string) => {
    const f = data.fields.find((x) => x.code === code);
    return f ? `${f.code}. ${pickName(lang, f)}` : code;
  };
  const exportColumns: ExportColumnSpec<WeakLeaf>[] = [
    { key: 'code', title: at('an.col.code') },
    { key: 'name', title: at('an.col.leaf'), value: (l) => pickName(lang, l) },
    { key: 'field', title: at('an.col.field'), value: (l) => fieldName(l.fieldCode) },
    { key: 'survey', title: at('an.lost.survey'), value: (l) => (l.method === 'survey' ? at('an.wit.yes') : '') },
    { key: 'max', title: at('an.col.max'), type: 'number', value: (l) => pointsCell(l.max) },
    { key: 'agenciesLosing', title: at('pv.weak.losing'), type: 'integer' },
    { key: 'agencies', title: at('pv.weak.agencies'), type: 'integer' },
    { key: 'meanLost', title: at('pv.weak.meanLost'), type: 'percent', value: (l) => indexCell(l.meanLost) },
    { key: 'lostPoints', title: at('pv.weak.lostPoints'), type: 'number', value: (l) => pointsCell(l.lostPoints) },
  ];
  return (
    <Card
      className="pi-card an-card an-weak-leaves"
      title={<h2 className="an-card-title" id="an-weak-leaves-title">{at('pv.weak.leavesTitle')}</h2>}
      extra={
        <ExportTableButton<WeakLeaf>
          size="small"
          className="an-no-print"
          title={at('pv.weak.leavesTitle')}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={data.weakestLeaves}
          filename={`tieu-chi-yeu-${data.group.code}-${data.year}`}
        />
      }
    >
      <p className="an-card-lead pi-muted">{at('pv.weak.leavesLead')}</p>
      <Table<WeakLeaf>
        className="an-table"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={data.weakestLeaves}
        scroll={{ x: 760 }}
        aria-labelledby="an-weak-leaves-title"
        columns={[
          { title: at('an.col.code'), key: 'code', width: 72, render: (_: unknown, l) => <span className="pi-code">{l.code}</span> },
          {
            title: at('an.col.leaf'),
            key: 'name',
            render: (_: unknown, l) => <LeafNameCell name={pickName(lang, l)} survey={l.method === 'survey'} sub={fieldName(l.fieldCode)} />,
          },
          { title: at('an.col.max'), key: 'max', width: 72, align: 'right', render: (_: unknown, l) => <span className="an-num">{showUnits(l.max, lang)}</span> },
          { title: at('pv.weak.losing'), key: 'losing', width: 110, align: 'right', render: (_: unknown, l) => <span className="an-num">{`${l.agenciesLosing}/${l.agencies}`}</span> },
          { title: at('pv.weak.meanLost'), key: 'meanLost', width: 150, render: (_: unknown, l) => <LostShare value={l.meanLost} /> },
          { title: at('pv.weak.lostPoints'), key: 'lostPoints', width: 96, align: 'right', render: (_: unknown, l) => <span className="an-num">{showUnits(l.lostPoints, lang)}</span> },
        ]}
      />
    </Card>
  );
}
