import { Card, Table } from 'antd';
import type { LostLeaf } from '../../../core/domain/analysis';
import type { AgencyAnalysis } from '../../api/analysis';
import { CreateTaskButton } from '../../components/create-task-button';
import { ExportTableButton, type ExportColumnSpec } from '../../components/export-table-button';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { pointsCell, showUnits, signedUnits } from './analysis-format';
import { exportSubtitle } from './export-subtitle';
import { LeafNameCell } from './leaf-name-cell';
import { useAnalysisT } from './use-analysis-t';

/**
 * The leaves that lost the most points, largest first, each with last year's points of the same leaf and the way
 * to turn it into a remediation task ("Tạo nhiệm vụ", for the agency's focal point and head). Survey leaves are
 * marked: their points come from respondents, so a task there is about how the agency is perceived.
 */
export function LostLeavesCard({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const fieldName = (code: string) => {
    const f = data.fields.find((x) => x.code === code);
    return f ? `${f.code}. ${pickName(lang, f)}` : code;
  };
  const criterionName = (code: string | null, fieldCode: string) => {
    if (!code) return null;
    const node = data.waterfall.fields.find((f) => f.code === fieldCode)?.children.find((c) => c.code === code);
    return node ? `${node.code}. ${pickName(lang, node)}` : code;
  };
  const previous = data.previousYear;
  const previousTitle = previous !== null ? at('an.col.previousYear', { year: previous }) : at('an.col.previous');
  const exportColumns: ExportColumnSpec<LostLeaf>[] = [
    { key: 'code', title: at('an.col.code') },
    { key: 'name', title: at('an.col.leaf'), value: (l) => pickName(lang, l) },
    { key: 'criterion', title: at('an.col.criterion'), value: (l) => criterionName(l.criterionCode, l.fieldCode) ?? '' },
    { key: 'field', title: at('an.col.field'), value: (l) => fieldName(l.fieldCode) },
    { key: 'survey', title: at('an.lost.survey'), value: (l) => (l.method === 'survey' ? at('an.wit.yes') : '') },
    { key: 'points', title: at('an.col.points'), type: 'number', value: (l) => pointsCell(l.points) },
    { key: 'max', title: at('an.col.max'), type: 'number', value: (l) => pointsCell(l.max) },
    { key: 'lost', title: at('an.col.lost'), type: 'number', value: (l) => pointsCell(l.lost) },
    { key: 'previous', title: previousTitle, type: 'number', value: (l) => pointsCell(l.previousPoints) },
  ];

  return (
    <Card
      className="pi-card an-card an-lost-leaves"
      title={<h2 className="an-card-title" id="an-lost-title">{at('an.lost.title')}</h2>}
      extra={
        <ExportTableButton<LostLeaf>
          size="small"
          className="an-no-print"
          title={at('an.lost.title')}
          subtitle={exportSubtitle(at, lang, data)}
          columns={exportColumns}
          rows={data.topLost}
          filename={`tieu-chi-mat-diem-${data.agency.code}-${data.year}`}
        />
      }
    >
      <p className="an-card-lead pi-muted">{at('an.lost.lead')}</p>
      <Table<LostLeaf>
        className="an-table"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={data.topLost}
        scroll={{ x: 820 }}
        aria-labelledby="an-lost-title"
        locale={{ emptyText: at('an.lost.none') }}
        columns={[
          { title: at('an.col.code'), key: 'code', width: 72, render: (_: unknown, l) => <span className="pi-code">{l.code}</span> },
          {
            title: at('an.col.leaf'),
            key: 'name',
            render: (_: unknown, l) => <LeafNameCell name={pickName(lang, l)} survey={l.method === 'survey'} sub={criterionName(l.criterionCode, l.fieldCode) ?? fieldName(l.fieldCode)} />,
          },
          { title: at('an.col.pointsOfMax'), key: 'points', width: 120, align: 'right', render: (_: unknown, l) => `${showUnits(l.points, lang)} / ${showUnits(l.max, lang)}` },
          { title: at('an.col.lost'), key: 'lost', width: 84, align: 'right', render: (_: unknown, l) => <strong className="an-lost">−{showUnits(l.lost, lang)}</strong> },
          {
            title: previousTitle,
            key: 'previous',
            width: 120,
            align: 'right',
            render: (_: unknown, l) => {
              if (l.previousPoints === null) return <span className="pi-muted">—</span>;
              const diff = l.points - l.previousPoints;
              return (
                <span className="an-num">
                  {showUnits(l.previousPoints, lang)}{' '}
                  {diff !== 0 && (
                    <span className={diff < 0 ? 'an-down' : 'an-up'} aria-label={at('an.lost.diff', { diff: signedUnits(diff, lang) })}>
                      ({signedUnits(diff, lang)})
                    </span>
                  )}
                </span>
              );
            },
          },
          {
            title: <span className="pi-visually-hidden">{at('an.col.actions')}</span>,
            key: 'task',
            width: 150,
            className: 'an-no-print',
            render: (_: unknown, l) => <CreateTaskButton agencyId={data.agency.id} year={data.year} nodeCode={l.code} />,
          },
        ]}
      />
    </Card>
  );
}
